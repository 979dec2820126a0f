package openapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/rampart-go/rampart/openapi"
)

// LoginForm is the body of the token route, as FastAPI's
// OAuth2PasswordRequestForm describes it.
type LoginForm struct {
	GrantType    *string `json:"grant_type" pattern:"^password$"`
	Username     string  `json:"username"`
	Password     string  `json:"password" format:"password"`
	Scope        string  `json:"scope" default:""`
	ClientID     *string `json:"client_id"`
	ClientSecret *string `json:"client_secret" format:"password"`
}

// Token is the answer of the token route.
type Token struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
}

// shopDocument builds the document of a small app the way a router would:
// a password OAuth2 scheme, a form body, path and query parameters, a JSON
// body, and security requirements, optional ones included.
func shopDocument(t *testing.T) *openapi.Document {
	t.Helper()
	var s openapi.Schemas
	content := func(sc *openapi.Schema) map[string]openapi.MediaType {
		return map[string]openapi.MediaType{"application/json": {Schema: sc}}
	}
	invalid := func() *openapi.Response {
		return &openapi.Response{Description: "Validation Error",
			Content: content(s.HTTPValidationError())}
	}
	param := func(name, in string, typ reflect.Type, tag reflect.StructTag) *openapi.Parameter {
		c, err := openapi.ParseConstraints(name, tag, typ)
		if err != nil {
			t.Fatal(err)
		}
		sc := s.For(typ)
		sc.Title = openapi.Title(name)
		c.Apply(sc)
		required := in == "path" || c.Required ||
			typ.Kind() != reflect.Pointer && !c.HasDefault
		return &openapi.Parameter{Name: name, In: in, Required: required,
			Schema: sc, Description: c.Description, Deprecated: c.Deprecated}
	}

	doc := &openapi.Document{
		OpenAPI: openapi.Version,
		Info:    openapi.Info{Title: "Shop", Version: "0.1.0"},
	}
	doc.Paths.Set("/token", &openapi.PathItem{Post: &openapi.Operation{
		Summary:     "Login",
		OperationID: "login_token_post",
		RequestBody: &openapi.RequestBody{
			Required: true,
			Content: map[string]openapi.MediaType{
				"application/x-www-form-urlencoded": {Schema: s.For(reflect.TypeFor[LoginForm]())},
			},
		},
		Responses: openapi.Responses{
			"200": {Description: "Successful Response",
				Content: content(s.For(reflect.TypeFor[Token]()))},
			"422": invalid(),
		},
	}})
	doc.Paths.Set("/users/{user_id}", &openapi.PathItem{Get: &openapi.Operation{
		Tags:        []string{"users"},
		Summary:     "Read User",
		OperationID: "read_user_users__user_id__get",
		Parameters: []*openapi.Parameter{
			param("user_id", "path", reflect.TypeFor[int](), `validate:"ge=1"`),
			param("q", "query", reflect.TypeFor[*string](), `validate:"max_length=50" doc:"Search text."`),
			param("limit", "query", reflect.TypeFor[int](), `validate:"gt=0,le=100" default:"10"`),
		},
		Responses: openapi.Responses{
			"422": invalid(),
			"200": {Description: "Successful Response",
				Content: content(s.For(reflect.TypeFor[User]()))},
			"default": {Description: "Unexpected Error"},
		},
		Security: []openapi.SecurityRequirement{{"OAuth2PasswordBearer": {"me"}}},
	}})
	doc.Paths.Set("/items/{item_id}", &openapi.PathItem{Put: &openapi.Operation{
		Summary:     "Update Item",
		OperationID: "update_item_items__item_id__put",
		Deprecated:  true,
		Parameters: []*openapi.Parameter{
			param("item_id", "path", reflect.TypeFor[int64](), ``),
		},
		RequestBody: &openapi.RequestBody{Required: true,
			Content: content(s.For(reflect.TypeFor[Item]()))},
		Responses: openapi.Responses{
			"200": {Description: "Successful Response", Content: content(&openapi.Schema{})},
			"401": {Description: "Not authenticated", Headers: map[string]*openapi.Header{
				"WWW-Authenticate": {Schema: &openapi.Schema{Type: "string"}},
			}},
			"422": invalid(),
		},
		// Optional security: a token with the items scope, or none.
		Security: []openapi.SecurityRequirement{{"OAuth2PasswordBearer": {"items"}}, {}},
	}})
	doc.Paths.Set("/status/", &openapi.PathItem{Get: &openapi.Operation{
		Summary:     "Read System Status",
		OperationID: "read_system_status_status__get",
		Responses: openapi.Responses{
			"200": {Description: "Successful Response", Content: content(&openapi.Schema{})},
		},
		Security: []openapi.SecurityRequirement{{"OAuth2PasswordBearer": nil}, {"Legacy": nil}},
	}})

	if err := s.Err(); err != nil {
		t.Fatalf("Schemas.Err() = %v", err)
	}
	doc.Components = &openapi.Components{
		Schemas: s.Components(),
		SecuritySchemes: map[string]*openapi.SecurityScheme{
			"OAuth2PasswordBearer": {Type: "oauth2", Flows: &openapi.OAuthFlows{
				Password: &openapi.OAuthFlow{TokenURL: "token", Scopes: tutorialScopes()},
			}},
			"Legacy": {Type: "oauth2", Flows: &openapi.OAuthFlows{
				ClientCredentials: &openapi.OAuthFlow{TokenURL: "/legacy/token"},
			}},
		},
	}
	return doc
}

func TestDocumentGolden(t *testing.T) {
	golden(t, "document.json", indent(t, shopDocument(t)))
}

func TestDocumentDeterministic(t *testing.T) {
	first, err := json.Marshal(shopDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := json.Marshal(shopDocument(t))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("two builds of one document marshal differently:\n%s",
				lineDiff(string(first), string(again)))
		}
	}
}

// TestDocumentPathOrder checks that paths keep their declaration order
// rather than sorting.
func TestDocumentPathOrder(t *testing.T) {
	data, err := json.Marshal(shopDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	order := []string{`"/token"`, `"/users/{user_id}"`, `"/items/{item_id}"`, `"/status/"`}
	last := -1
	for _, p := range order {
		i := bytes.Index(data, []byte(p))
		if i < last {
			t.Errorf("path %s comes before the paths declared ahead of it", p)
		}
		last = i
	}
}

// validated parses the document with libopenapi and checks it against the
// OpenAPI 3.1 specification's own schema.
func validated(t *testing.T) validator.Validator {
	t.Helper()
	data, err := json.Marshal(shopDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(data)
	if err != nil {
		t.Fatalf("libopenapi.NewDocument: %v", err)
	}
	if v := doc.GetSpecInfo().Version; v != openapi.Version {
		t.Errorf("libopenapi read version %q, want %q", v, openapi.Version)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator.NewValidator: %v", errs)
	}
	return v
}

func TestDocumentValidates(t *testing.T) {
	v := validated(t)
	ok, errs := v.ValidateDocument()
	for _, e := range errs {
		t.Errorf("ValidateDocument: %v", e)
		for _, f := range e.SchemaValidationErrors {
			t.Errorf("  at %s (%s): %s", f.FieldPath, f.KeywordLocation, f.Reason)
		}
	}
	if !ok {
		t.Error("ValidateDocument() = false, want true")
	}
}

// TestDocumentSchemasValidateRequests checks that the generated schemas
// mean what they should: a validator reading the document accepts a good
// body and rejects a bad one for the right reasons.
func TestDocumentSchemasValidateRequests(t *testing.T) {
	v := validated(t)
	const owner = `{"username": "alice", "role": "admin", "scopes": [],
		"created_at": "2024-05-01T10:00:00Z", "address": null}`
	tests := []struct {
		name string
		body string
		want []string // substrings of the validation errors; none if valid
	}{
		{"valid", `{"id": 1, "name": "pen", "price": 1.5, "priority": 2,
			"levels": [], "extra": {}, "owner": ` + owner + `, "note": null,
			"discount": 0.5, "wait": 60000000000}`, nil},
		{"invalid", `{"id": 0, "price": 0, "priority": 7, "levels": [],
			"extra": {}, "owner": {"username": "Al", "role": "root", "scopes": [],
			"created_at": "2024-05-01T10:00:00Z"}, "note": null, "size": "XL"}`,
			[]string{"name", "priority", "role", "size", "minimum", "exclusiveMinimum", "minLength"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPut, "/items/5", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer token")
			ok, errs := v.ValidateHttpRequest(req)

			var all strings.Builder
			for _, e := range errs {
				all.WriteString(e.Error())
				for _, f := range e.SchemaValidationErrors {
					fmt.Fprintf(&all, "\n  %s %s: %s",
						f.FieldPath, f.KeywordLocation, f.Reason)
				}
				all.WriteString("\n")
			}
			if tt.want == nil {
				if !ok {
					t.Errorf("ValidateHttpRequest(%s) rejected a valid body:\n%s",
						tt.body, all.String())
				}
				return
			}
			if ok {
				t.Fatalf("ValidateHttpRequest(%s) accepted an invalid body", tt.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("validation errors do not mention %q:\n%s", w, all.String())
				}
			}
		})
	}
}

// tutorialScopes are the scopes of FastAPI's OAuth2 scopes tutorial, in its
// order.
func tutorialScopes() openapi.OrderedMap[string] {
	var m openapi.OrderedMap[string]
	m.Set("me", "Read information about the current user.")
	m.Set("items", "Read items.")
	return m
}
