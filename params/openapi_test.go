package params_test

import (
	"encoding/json"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/params"
)

type parametersDescriber interface {
	OpenAPIParameters(*openapi.Schemas) []*openapi.Parameter
}

type bodyDescriber interface {
	OpenAPIRequestBody(*openapi.Schemas) *openapi.RequestBody
}

// describe returns the OpenAPI description of the parameters and body of
// the plan of root, as a router would gather it.
func describe[T any](t *testing.T, root di.Dep[T]) (string, string) {
	t.Helper()
	var s openapi.Schemas
	var ps []*openapi.Parameter
	var body *openapi.RequestBody
	for _, step := range di.MustCompile(root).Steps() {
		if m, ok := step.Meta.(parametersDescriber); ok {
			ps = append(ps, m.OpenAPIParameters(&s)...)
		}
		if m, ok := step.Meta.(bodyDescriber); ok {
			body = m.OpenAPIRequestBody(&s)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(ps)
	b, _ := json.Marshal(body)
	return string(a), string(b)
}

func TestOpenAPIFields(t *testing.T) {
	type p struct {
		ItemID int      `path:"item_id"`
		Limit  int      `query:"limit" default:"10" validate:"le=100" doc:"Page size"`
		Tags   []string `query:"tag"`
		Agent  *string  `header:"user_agent" deprecated:"true"`
	}
	got, _ := describe(t, params.Fields[p]())
	want := `[
	 {"name":"item_id","in":"path","required":true,"schema":{"title":"Item Id","type":"integer"}},
	 {"name":"limit","in":"query","required":false,"schema":{"title":"Limit","description":"Page size","type":"integer","default":10,"maximum":100},"description":"Page size"},
	 {"name":"tag","in":"query","required":true,"schema":{"title":"Tag","type":"array","items":{"type":"string"}}},
	 {"name":"user-agent","in":"header","required":false,"deprecated":true,"schema":{"title":"User-Agent","anyOf":[{"type":"string"},{"type":"null"}],"deprecated":true}}]`
	if !sameJSON(got, want) {
		t.Errorf("parameters\n%s\nwant\n%s", got, want)
	}
}

func TestOpenAPIBodies(t *testing.T) {
	_, got := describe(t, params.Body[item]("item"))
	want := `{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/item"}}},"required":true}`
	if !sameJSON(got, want) {
		t.Errorf("body\n%s\nwant\n%s", got, want)
	}

	_, got = describe(t, params.Form[loginForm]())
	want = `{"content":{"application/x-www-form-urlencoded":{"schema":{"type":"object",
	  "properties":{
	    "username":{"title":"Username","type":"string"},
	    "password":{"title":"Password","type":"string","format":"password","minLength":8},
	    "scope":{"title":"Scope","type":"string","default":""},
	    "client_secret":{"title":"Client Secret","format":"password","anyOf":[{"type":"string","minLength":8},{"type":"null"}]},
	    "remember":{"title":"Remember","type":"boolean","default":false}},
	  "required":["username","password"]}}},"required":true}`
	if !sameJSON(got, want) {
		t.Errorf("form\n%s\nwant\n%s", got, want)
	}

	_, got = describe(t, params.Form[uploadForm]())
	want = `{"content":{"multipart/form-data":{"schema":{"type":"object",
	  "properties":{
	    "title":{"title":"Title","type":"string"},
	    "file":{"title":"File","type":"string","format":"binary"},
	    "extra":{"title":"Extra","type":"array","items":{"type":"string","format":"binary"}}},
	  "required":["title","file"]}}},"required":true}`
	if !sameJSON(got, want) {
		t.Errorf("upload form\n%s\nwant\n%s", got, want)
	}
}
