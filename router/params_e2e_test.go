package router_test

import (
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/router/routertest"
)

// The expected 422 bodies below are those FastAPI (0.115 and later, on
// pydantic 2) gives for the same routes declared in Python:
//
//	@app.get("/items/{item_id}")
//	def read_item(*, item_id: Annotated[int, Path(ge=1)],
//	              limit: Annotated[int, Query(le=100)] = 10,
//	              q: Annotated[str | None, Query(min_length=3)] = None,
//	              x_token: Annotated[str, Header()],
//	              session: Annotated[str | None, Cookie()] = None): ...
//
//	@app.post("/items/")
//	def create_item(item: ItemIn): ...
//
// with ItemIn the pydantic model that mirrors the Go type. pydantic writes
// the bound of a float field as a float ("ctx":{"gt":0.0}); the bodies are
// compared as JSON values, where 0.0 and 0 are equal. The body limit, and
// its 413, are Rampart's own: FastAPI has none.

type itemOwner struct {
	Email string `json:"email" validate:"min_length=3"`
	Age   *int   `json:"age" validate:"ge=0"`
}

type itemLine struct {
	Name  string  `json:"name" validate:"min_length=1,max_length=20"`
	Price float64 `json:"price" validate:"gt=0"`
	Qty   int     `json:"qty" default:"1" validate:"ge=1"`
}

type ItemIn struct {
	Title string     `json:"title" validate:"min_length=2"`
	Owner itemOwner  `json:"owner"`
	Lines []itemLine `json:"items" validate:"min_length=1"`
}

type itemRead struct {
	ItemID  int     `json:"item_id"`
	Limit   int     `json:"limit"`
	Q       *string `json:"q"`
	XToken  string  `json:"x_token"`
	Session *string `json:"session"`
}

// e2eMaxBody is the body limit of the items router.
const e2eMaxBody = 512

func itemsRouter() *router.Router {
	rt := router.New(router.MaxBodyBytes(e2eMaxBody))
	read := di.Func5(func(id, limit int, q *string, tok string, session *string) (itemRead, error) {
		return itemRead{id, limit, q, tok, session}, nil
	},
		params.Path[int]("item_id", params.Ge(1)),
		params.Query[int]("limit", params.Default(10), params.Le(100)),
		params.Query[*string]("q", params.MinLength(3)),
		params.Header[string]("x_token"),
		params.Cookie[*string]("session"))
	rt.Get("/items/{item_id}", read)

	create := di.Func1(func(in ItemIn) (ItemIn, error) { return in, nil },
		params.Body[ItemIn]("item"))
	rt.Post("/items/", create)
	return rt
}

// checkJSON compares a response with the wanted status and JSON body,
// the bodies as JSON values.
func checkJSON(t *testing.T, res *routertest.Response, status int, body string) {
	t.Helper()
	var got, want any
	if err := json.Unmarshal(res.Body, &got); err != nil {
		t.Fatalf("response %d %s is not JSON: %v", res.Status, res.Body, err)
	}
	if err := json.Unmarshal([]byte(body), &want); err != nil {
		t.Fatalf("bad test: wanted body %s is not JSON: %v", body, err)
	}
	if res.Status != status || !reflect.DeepEqual(got, want) {
		t.Errorf("got %d %s\nwant %d %s", res.Status, res.Body, status, body)
	}
}

// detail returns the 422 body that lists the given errors.
func detail(errs ...string) string {
	return `{"detail":[` + strings.Join(errs, ",") + `]}`
}

const (
	intParsingMsg = `"msg":"Input should be a valid integer, unable to parse string as an integer"`
	modelTypeMsg  = `"msg":"Input should be a valid dictionary or object to extract fields from"`
)

func TestParamsEndToEnd(t *testing.T) {
	token := routertest.Header("X-Token", "tok")
	tok := []routertest.RequestOption{token}
	tests := []struct {
		name   string
		target string
		opts   []routertest.RequestOption
		status int
		body   string
	}{
		{
			"defaults", "/items/5", tok, 200,
			`{"item_id":5,"limit":10,"q":null,"x_token":"tok","session":null}`,
		},
		{
			"every_parameter", "/items/5?limit=100&q=abc",
			[]routertest.RequestOption{token, routertest.Cookie("session", "s1")}, 200,
			`{"item_id":5,"limit":100,"q":"abc","x_token":"tok","session":"s1"}`,
		},
		{
			// Starlette keeps the last value of a repeated key.
			"repeated_query_last_wins", "/items/1?limit=1&limit=2", tok, 200,
			`{"item_id":1,"limit":2,"q":null,"x_token":"tok","session":null}`,
		},
		{
			// pydantic's lax integers: space, a sign, underscores, ".0".
			"lax_integers", "/items/+1_0?limit=%2020.0%20", tok, 200,
			`{"item_id":10,"limit":20,"q":null,"x_token":"tok","session":null}`,
		},
		{
			"header_name_without_regard_to_case", "/items/5",
			[]routertest.RequestOption{routertest.Header("x-TOKEN", "tok")}, 200,
			`{"item_id":5,"limit":10,"q":null,"x_token":"tok","session":null}`,
		},
		{
			"missing_header", "/items/5", nil, 422,
			detail(`{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}`),
		},
		{
			"bad_int_path", "/items/abc", tok, 422,
			detail(`{"type":"int_parsing","loc":["path","item_id"],` + intParsingMsg + `,"input":"abc"}`),
		},
		{
			"fractional_path", "/items/5.5", tok, 422,
			detail(`{"type":"int_parsing","loc":["path","item_id"],` + intParsingMsg + `,"input":"5.5"}`),
		},
		{
			"path_below_ge", "/items/0", tok, 422,
			detail(`{"type":"greater_than_equal","loc":["path","item_id"],
				"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}`),
		},
		{
			"limit_over_le", "/items/5?limit=101", tok, 422,
			detail(`{"type":"less_than_equal","loc":["query","limit"],
				"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}`),
		},
		{
			"limit_not_int", "/items/5?limit=ten", tok, 422,
			detail(`{"type":"int_parsing","loc":["query","limit"],` + intParsingMsg + `,"input":"ten"}`),
		},
		{
			"q_too_short", "/items/5?q=ab", tok, 422,
			detail(`{"type":"string_too_short","loc":["query","q"],
				"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}`),
		},
		{
			"several_problems_together", "/items/0?limit=101&q=ab", nil, 422,
			detail(
				`{"type":"greater_than_equal","loc":["path","item_id"],
				"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}`,
				`{"type":"less_than_equal","loc":["query","limit"],
				"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}`,
				`{"type":"string_too_short","loc":["query","q"],
				"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}`,
				`{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}`,
			),
		},
	}
	c := routertest.New(t, itemsRouter())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkJSON(t, c.Get(tt.target, tt.opts...), tt.status, tt.body)
		})
	}
}

func TestBodyEndToEnd(t *testing.T) {
	const jsonType = "application/json"
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		want        string
	}{
		{
			// Lax conversions, defaults and unknown fields, as pydantic.
			"good", jsonType,
			`{"title":"ab","owner":{"email":"a@b","age":null},"extra":1,"items":[
				{"name":"pen","price":"1.5"},{"name":"ink","price":2,"qty":3.0}]}`,
			200,
			`{"title":"ab","owner":{"email":"a@b","age":null},"items":[
				{"name":"pen","price":1.5,"qty":1},{"name":"ink","price":2,"qty":3}]}`,
		},
		{
			"good_without_content_type", "",
			`{"title":"ab","owner":{"email":"a@b","age":4},"items":[{"name":"pen","price":1}]}`,
			200,
			`{"title":"ab","owner":{"email":"a@b","age":4},"items":[{"name":"pen","price":1,"qty":1}]}`,
		},
		{
			"missing_body", jsonType, ``, 422,
			detail(`{"type":"missing","loc":["body"],"msg":"Field required","input":null}`),
		},
		{
			"invalid_json", jsonType, `{"title": }`, 422,
			detail(`{"type":"json_invalid","loc":["body",10],"msg":"JSON decode error",
				"input":{},"ctx":{"error":"Expecting value"}}`),
		},
		{
			"json_extra_data", jsonType, `{"title":"ab"} x`, 422,
			detail(`{"type":"json_invalid","loc":["body",15],"msg":"JSON decode error",
				"input":{},"ctx":{"error":"Extra data"}}`),
		},
		{
			"not_an_object", jsonType, `[]`, 422,
			detail(`{"type":"model_attributes_type","loc":["body"],` + modelTypeMsg + `,"input":[]}`),
		},
		{
			// FastAPI parses only JSON media types; the raw text is no model.
			"not_json_media_type", "text/plain", `{"title":"ab"}`, 422,
			detail(`{"type":"model_attributes_type","loc":["body"],` + modelTypeMsg + `,
				"input":"{\"title\":\"ab\"}"}`),
		},
		{
			"nested_errors", jsonType,
			`{"title":"a","owner":{"email":"x"},"items":[
				{"name":"ok","price":1},{"name":"","price":-1,"qty":0}]}`,
			422,
			detail(
				`{"type":"string_too_short","loc":["body","title"],
				"msg":"String should have at least 2 characters","input":"a","ctx":{"min_length":2}}`,
				`{"type":"string_too_short","loc":["body","owner","email"],
				"msg":"String should have at least 3 characters","input":"x","ctx":{"min_length":3}}`,
				`{"type":"string_too_short","loc":["body","items",1,"name"],
				"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}`,
				`{"type":"greater_than","loc":["body","items",1,"price"],
				"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0}}`,
				`{"type":"greater_than_equal","loc":["body","items",1,"qty"],
				"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}`,
			),
		},
		{
			"missing_fields", jsonType, `{"owner":{}}`, 422,
			detail(
				`{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"owner":{}}}`,
				`{"type":"missing","loc":["body","owner","email"],"msg":"Field required","input":{}}`,
				`{"type":"missing","loc":["body","items"],"msg":"Field required","input":{"owner":{}}}`,
			),
		},
		{
			"wrong_types", jsonType, `{"title":"ab","owner":"bob","items":"x"}`, 422,
			detail(
				`{"type":"model_attributes_type","loc":["body","owner"],`+modelTypeMsg+`,"input":"bob"}`,
				`{"type":"list_type","loc":["body","items"],"msg":"Input should be a valid list","input":"x"}`,
			),
		},
		{
			"list_and_number_constraints", jsonType,
			`{"title":"ab","owner":{"email":"xyz","age":-1},"items":[]}`, 422,
			detail(
				`{"type":"greater_than_equal","loc":["body","owner","age"],
				"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}}`,
				`{"type":"too_short","loc":["body","items"],
				"msg":"List should have at least 1 item after validation, not 0","input":[],
				"ctx":{"field_type":"List","min_length":1,"actual_length":0}}`,
			),
		},
		{
			"element_types", jsonType,
			`{"title":"ab","owner":{"email":"xyz"},"items":[
				{"name":"a","price":"x"},{"name":"aaaaaaaaaaaaaaaaaaaaa","price":1.5,"qty":2.5}]}`,
			422,
			detail(
				`{"type":"float_parsing","loc":["body","items",0,"price"],
				"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}`,
				`{"type":"string_too_long","loc":["body","items",1,"name"],
				"msg":"String should have at most 20 characters","input":"aaaaaaaaaaaaaaaaaaaaa",
				"ctx":{"max_length":20}}`,
				`{"type":"int_from_float","loc":["body","items",1,"qty"],
				"msg":"Input should be a valid integer, got a number with a fractional part","input":2.5}`,
			),
		},
		{
			// FastAPI has no limit; the router answers 413 before any
			// validation, with the detail of params.BodyError.
			"over_max_body_bytes", jsonType,
			`{"title":"` + strings.Repeat("x", e2eMaxBody) + `"}`,
			413, `{"detail":"Request body too large"}`,
		},
	}
	c := routertest.New(t, itemsRouter())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []routertest.RequestOption
			if tt.contentType != "" {
				opts = append(opts, routertest.Header("Content-Type", tt.contentType))
			}
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			checkJSON(t, c.Do("POST", "/items/", body, opts...), tt.status, tt.want)
		})
	}
}

func TestBodyAtTheLimitIsRead(t *testing.T) {
	prefix := `{"title":"ab","owner":{"email":"xyz"},"items":[{"name":"a","price":1}],"pad":"`
	body := prefix + strings.Repeat("x", e2eMaxBody-len(prefix)-2) + `"}`
	if len(body) != e2eMaxBody {
		t.Fatalf("bad test: body is %d bytes, want %d", len(body), e2eMaxBody)
	}
	res := routertest.New(t, itemsRouter()).Do("POST", "/items/", strings.NewReader(body))
	checkJSON(t, res, 200, `{"title":"ab","owner":{"email":"xyz","age":null},
		"items":[{"name":"a","price":1,"qty":1}]}`)
}
