package openapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"

	"github.com/rampart-go/rampart/openapi"
)

func ExampleSchemas_For() {
	type Pet struct {
		Name string   `json:"name" validate:"min_length=1"`
		Age  *int     `json:"age" validate:"ge=0"`
		Tags []string `json:"tags,omitempty"`
	}

	var s openapi.Schemas
	ref := s.For(reflect.TypeFor[Pet]())
	if err := s.Err(); err != nil {
		fmt.Println(err)
		return
	}
	show(ref)
	show(s.Components()["Pet"])
	// Output:
	// {"$ref":"#/components/schemas/Pet"}
	// {"title":"Pet","type":"object","properties":{"name":{"title":"Name","type":"string","minLength":1},"age":{"title":"Age","anyOf":[{"type":"integer","minimum":0},{"type":"null"}]},"tags":{"title":"Tags","type":"array","items":{"type":"string"}}},"required":["name"]}
}

func ExampleParseConstraints() {
	tag := reflect.StructTag(`validate:"gt=0,le=100" default:"10" doc:"Page size."`)
	c, err := openapi.ParseConstraints("limit", tag, reflect.TypeFor[int]())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*c.Gt, *c.Le, c.DefaultValue)

	schema := &openapi.Schema{Type: "integer"}
	c.Apply(schema)
	show(schema)
	// Output:
	// 0 100 10
	// {"description":"Page size.","type":"integer","default":10,"maximum":100,"exclusiveMinimum":0}
}

func ExampleParseConstraints_errors() {
	tag := reflect.StructTag(`validate:"gte=1,max_length=5" default:"many"`)
	_, err := openapi.ParseConstraints("Query.limit", tag, reflect.TypeFor[int]())
	fmt.Println(err)
	// Output:
	// openapi: field Query.limit of type int: tag validate:"gte=1": unknown constraint "gte" (did you mean ge?)
	// openapi: field Query.limit of type int: tag validate:"max_length=5": max_length applies only to strings, slices, arrays and maps, not to numbers
	// openapi: field Query.limit of type int: tag default:"many": "many" is not an integer
}

func ExampleSecurityRequirement() {
	// A token with the "items" scope, or no credentials at all.
	op := openapi.Operation{
		Security: []openapi.SecurityRequirement{
			{"OAuth2PasswordBearer": {"items"}},
			{},
		},
	}
	show(op)
	// Output:
	// {"security":[{"OAuth2PasswordBearer":["items"]},{}]}
}

func ExampleTitle() {
	fmt.Println(openapi.Title("full_name"))
	fmt.Println(openapi.Title("item-query"))
	// Output:
	// Full Name
	// Item-Query
}

func ExampleDocument() {
	var s openapi.Schemas
	doc := openapi.Document{
		OpenAPI: openapi.Version,
		Info:    openapi.Info{Title: "Status", Version: "1.0.0"},
	}
	doc.Paths.Set("/status/", &openapi.PathItem{Get: &openapi.Operation{
		OperationID: "read_status",
		Responses: openapi.Responses{"200": {
			Description: "Successful Response",
			Content: map[string]openapi.MediaType{
				"application/json": {Schema: s.For(reflect.TypeFor[map[string]bool]())},
			},
		}},
	}})

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "openapi": "3.1.0",
	//   "info": {
	//     "title": "Status",
	//     "version": "1.0.0"
	//   },
	//   "paths": {
	//     "/status/": {
	//       "get": {
	//         "operationId": "read_status",
	//         "responses": {
	//           "200": {
	//             "description": "Successful Response",
	//             "content": {
	//               "application/json": {
	//                 "schema": {
	//                   "type": "object",
	//                   "additionalProperties": {
	//                     "type": "boolean"
	//                   }
	//                 }
	//               }
	//             }
	//           }
	//         }
	//       }
	//     }
	//   }
	// }
}

// show prints v as compact JSON.
func show(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
}
