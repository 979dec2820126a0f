package openapi_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/rampart-go/rampart/openapi"
)

func TestTitle(t *testing.T) {
	tests := []struct{ name, want string }{
		{"full_name", "Full Name"},
		{"item-query", "Item-Query"},
		{"id", "Id"},
		{"userID", "Userid"}, // as Python's str.title has it
		{"HTTPStatus", "Httpstatus"},
		{"abc1def", "Abc1Def"},
		{"_private", "Private"},
		{"éclair_à", "Éclair À"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := openapi.Title(tt.name); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMarshalEmpty(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil_requirement", openapi.SecurityRequirement(nil), `{}`},
		{"empty_requirement", openapi.SecurityRequirement{}, `{}`},
		{"nil_scopes", openapi.SecurityRequirement{"b": nil, "a": {"x"}}, `{"a":["x"],"b":[]}`},
		{"requirements", []openapi.SecurityRequirement{{"a": {}}, nil}, `[{"a":[]},{}]`},
		{"nil_flow_scopes", openapi.OAuthFlow{TokenURL: "token"}, `{"tokenUrl":"token","scopes":{}}`},
		{"flow_pointer", &openapi.OAuthFlow{TokenURL: "token"}, `{"tokenUrl":"token","scopes":{}}`},
		{"empty_paths", openapi.Document{OpenAPI: "3.1.0"},
			`{"openapi":"3.1.0","info":{"title":"","version":""},"paths":{}}`},
		{"empty_schema", &openapi.Schema{}, `{}`},
		{"response", &openapi.Response{}, `{"description":""}`},
		{"parameter", &openapi.Parameter{Name: "q", In: "query"}, `{"name":"q","in":"query","required":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatalf("Marshal(%#v): %v", tt.v, err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal(%#v) = %s, want %s", tt.v, got, tt.want)
			}
		})
	}
}

func TestResponsesOrder(t *testing.T) {
	r := openapi.Responses{
		"default": {Description: "d"},
		"422":     {Description: "v"},
		"2XX":     {Description: "s"},
		"200":     {Description: "o"},
		"101":     {Description: "i"},
	}
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"101":{"description":"i"},"200":{"description":"o"},` +
		`"2XX":{"description":"s"},"422":{"description":"v"},"default":{"description":"d"}}`
	if string(got) != want {
		t.Errorf("Marshal(Responses) = %s, want %s", got, want)
	}
}

func TestOrderedMap(t *testing.T) {
	var m openapi.OrderedMap[int]
	m.Set("b", 1)
	m.Set("a", 2)
	m.Set("c", 3)
	m.Set("a", 4) // keeps its place
	got, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"b":1,"a":4,"c":3}`; string(got) != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	if v, ok := m.Get("a"); !ok || v != 4 {
		t.Errorf(`Get("a") = %d, %v, want 4, true`, v, ok)
	}
	if _, ok := m.Get("z"); ok {
		t.Errorf(`Get("z") found a value in a map without "z"`)
	}

	var back openapi.OrderedMap[int]
	if err := json.Unmarshal([]byte(`{"z": 1, "y": 2, "x": 3}`), &back); err != nil {
		t.Fatal(err)
	}
	if keys := back.Keys(); !reflect.DeepEqual(keys, []string{"z", "y", "x"}) {
		t.Errorf("Unmarshal kept keys %v, want [z y x]", keys)
	}
	var pairs []string
	for k := range back.All() {
		pairs = append(pairs, k)
	}
	if back.Len() != 3 || len(pairs) != 3 {
		t.Errorf("Len() = %d and All() gave %v, want 3 keys", back.Len(), pairs)
	}
	if err := json.Unmarshal([]byte(`[1]`), &back); err == nil {
		t.Error("Unmarshal of an array into an OrderedMap succeeded, want an error")
	}
	if err := json.Unmarshal([]byte(`{"a": "x"}`), &back); err == nil {
		t.Error(`Unmarshal of {"a": "x"} into an OrderedMap[int] succeeded, want an error`)
	}
}

// TestDocumentRoundTrip checks that a document read back from its JSON
// marshals to the same bytes, properties and paths in order.
func TestDocumentRoundTrip(t *testing.T) {
	first, err := json.Marshal(shopDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc openapi.Document
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	again, err := json.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(again) {
		t.Errorf("document differs after a round trip:\n%s", lineDiff(string(first), string(again)))
	}
}

func TestPathItemOperation(t *testing.T) {
	var p openapi.PathItem
	op := &openapi.Operation{OperationID: "x"}
	methods := []string{"GET", "put", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}
	for _, m := range methods {
		if err := p.SetOperation(m, op); err != nil {
			t.Errorf("SetOperation(%q): %v", m, err)
		}
		if got := p.Operation(m); got != op {
			t.Errorf("Operation(%q) = %v after SetOperation, want the operation", m, got)
		}
	}
	err := p.SetOperation("CONNECT", op)
	want := `openapi: method "CONNECT" has no place in a path item`
	if err == nil || err.Error() != want {
		t.Errorf("SetOperation(CONNECT) = %v, want %s", err, want)
	}
	if got := p.Operation("CONNECT"); got != nil {
		t.Errorf("Operation(CONNECT) = %v, want nil", got)
	}
}
