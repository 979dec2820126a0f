package params_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/params"
)

func ExampleQuery() {
	readItems := di.Func2(func(q *string, limit int) (string, error) {
		if q == nil {
			return fmt.Sprintf("first %d items", limit), nil
		}
		return fmt.Sprintf("first %d items matching %q", limit, *q), nil
	},
		params.Query[*string]("q", params.MaxLength(50)),
		params.Query[int]("limit", params.Default(10), params.Gt(0)))

	plan := di.MustCompile(readItems)
	for _, target := range []string{"/items/", "/items/?q=pen&limit=3", "/items/?limit=0"} {
		msg, err := plan.Eval(httptest.NewRequest("GET", target, nil))
		fmt.Println(msg, err)
	}
	// Output:
	// first 10 items <nil>
	// first 3 items matching "pen" <nil>
	//  params: invalid request: query.limit: Input should be greater than 0 (greater_than)
}

func ExampleValidationError() {
	handler := di.Func2(func(id int, agent string) (string, error) {
		return "", nil
	}, params.Path[int]("item_id"), params.Header[string]("user_agent"))

	r := httptest.NewRequest("GET", "/items/abc", nil)
	r.SetPathValue("item_id", "abc")
	_, err := di.MustCompile(handler).Eval(r)

	// Every parameter is checked; the router answers 422 with this detail.
	ve := err.(*params.ValidationError)
	out, _ := json.MarshalIndent(ve.Detail(), "", "  ")
	fmt.Println(ve.StatusCode())
	fmt.Println(string(out))
	// Output:
	// 422
	// [
	//   {
	//     "type": "int_parsing",
	//     "loc": [
	//       "path",
	//       "item_id"
	//     ],
	//     "msg": "Input should be a valid integer, unable to parse string as an integer",
	//     "input": "abc"
	//   },
	//   {
	//     "type": "missing",
	//     "loc": [
	//       "header",
	//       "user-agent"
	//     ],
	//     "msg": "Field required",
	//     "input": null
	//   }
	// ]
}

func ExampleFields() {
	type ItemParams struct {
		ItemID int      `path:"item_id" validate:"gt=0"`
		Limit  int      `query:"limit" default:"10" validate:"le=100"`
		Tags   []string `query:"tag" default:""`
	}
	itemParams := params.Fields[ItemParams]()

	r := httptest.NewRequest("GET", "/items/7?tag=a&tag=b", nil)
	r.SetPathValue("item_id", "7")
	p, err := di.MustCompile(itemParams).Eval(r)
	fmt.Printf("%+v %v\n", p, err)
	// Output:
	// {ItemID:7 Limit:10 Tags:[a b]} <nil>
}

func ExampleBody() {
	type Item struct {
		Name  string  `json:"name"`
		Price float64 `json:"price" validate:"gt=0"`
	}
	create := params.Body[Item]("item")
	plan := di.MustCompile(create)

	for _, body := range []string{`{"name":"pen","price":"1.5"}`, `{"price":0}`} {
		r := httptest.NewRequest("POST", "/items/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		item, err := plan.Eval(r)
		fmt.Printf("%+v %v\n", item, err)
	}
	// Output:
	// {Name:pen Price:1.5} <nil>
	// {Name: Price:0} params: invalid request: body.name: Field required (missing); body.price: Input should be greater than 0 (greater_than)
}

// A router finds the OpenAPI description of each parameter in the steps
// of the route's plan.
func Example_openAPI() {
	route := di.Func2(func(id int, q *string) (string, error) { return "", nil },
		params.Path[int]("item_id", params.Ge(1)),
		params.Query[*string]("q", params.Description("Search text")))

	var s openapi.Schemas
	for _, step := range di.MustCompile(route).Steps() {
		m, ok := step.Meta.(interface {
			OpenAPIParameters(*openapi.Schemas) []*openapi.Parameter
		})
		if !ok {
			continue
		}
		for _, p := range m.OpenAPIParameters(&s) {
			out, _ := json.Marshal(p)
			fmt.Println(string(out))
		}
	}
	// Output:
	// {"name":"item_id","in":"path","required":true,"schema":{"title":"Item Id","type":"integer","minimum":1}}
	// {"name":"q","in":"query","required":false,"schema":{"title":"Q","description":"Search text","anyOf":[{"type":"string"},{"type":"null"}]},"description":"Search text"}
}
