package security_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/security"
)

const urlEncoded = "application/x-www-form-urlencoded"

func postForm(contentType, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/token", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestPasswordForm(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		want        security.PasswordRequestForm
	}{
		{"minimal", urlEncoded, "username=johndoe&password=secret",
			security.PasswordRequestForm{Username: "johndoe", Password: "secret"}},
		{"all_fields", urlEncoded,
			"grant_type=password&username=johndoe&password=secret&scope=me+items&client_id=app&client_secret=s",
			security.PasswordRequestForm{GrantType: "password", Username: "johndoe", Password: "secret",
				Scopes: []string{"me", "items"}, ClientID: "app", ClientSecret: "s"}},
		{"escapes", urlEncoded, "username=j%C3%B6hn+doe&password=p%26ss%3Dw%zzord",
			security.PasswordRequestForm{Username: "jöhn doe", Password: "p&ss=w%zzord"}},
		{"empty_grant_type_is_absent", urlEncoded, "grant_type=&username=a&password=b",
			security.PasswordRequestForm{Username: "a", Password: "b"}},
		{"last_value_counts", urlEncoded, "username=first&username=second&password=b",
			security.PasswordRequestForm{Username: "second", Password: "b"}},
		{"charset_parameter", "Application/X-WWW-Form-Urlencoded; charset=utf-8", "username=a&password=b",
			security.PasswordRequestForm{Username: "a", Password: "b"}},
		{"empty_scope", urlEncoded, "username=a&password=b&scope=",
			security.PasswordRequestForm{Username: "a", Password: "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := evalDep(security.PasswordForm(), postForm(tt.contentType, tt.body))
			if err != nil {
				t.Fatalf("body %q: error %v", tt.body, err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("body %q:\n got %#v\nwant %#v", tt.body, formFields(*got), formFields(tt.want))
			}
		})
	}
}

// formFields shows a form with its secrets, for failure messages.
func formFields(f security.PasswordRequestForm) []any {
	return []any{f.GrantType, f.Username, f.Password, f.Scopes, f.ClientID, f.ClientSecret}
}

func TestPasswordFormScopes(t *testing.T) {
	tests := []struct {
		scope string
		want  []string
	}{
		{"", nil},
		{"me", []string{"me"}},
		{"me items", []string{"me", "items"}},
		{"  me   items  ", []string{"me", "items"}},
		{"me\titems\nread\r\nwrite", []string{"me", "items", "read", "write"}},
		{"me\vitems\fread\x1cwrite", []string{"me", "items", "read", "write"}},
		{"me\u00a0items\u3000read", []string{"me", "items", "read"}},
		{" \t\n ", nil},
	}
	for _, tt := range tests {
		body := "username=a&password=b&scope=" + percentEncode(tt.scope)
		got, err := evalDep(security.PasswordForm(), postForm(urlEncoded, body))
		if err != nil {
			t.Fatalf("scope %q: error %v", tt.scope, err)
		}
		if !reflect.DeepEqual(got.Scopes, tt.want) {
			t.Errorf("scope %q: Scopes = %q, want %q", tt.scope, got.Scopes, tt.want)
		}
	}
}

// percentEncode percent-encodes every byte, so that whitespace survives the form.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// TestPasswordFormErrors compares the 422 details with the JSON current
// FastAPI answers (tests/test_security_oauth2*.py).
func TestPasswordFormErrors(t *testing.T) {
	const (
		missingGrant    = `{"type":"missing","loc":["body","grant_type"],"msg":"Field required","input":null}`
		missingUser     = `{"type":"missing","loc":["body","username"],"msg":"Field required","input":null}`
		missingPassword = `{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}`
		badGrant        = `{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"incorrect","ctx":{"pattern":"^password$"}}`
	)
	tests := []struct {
		name        string
		strict      bool
		contentType string
		body        string
		want        string
	}{
		{"empty", false, urlEncoded, "", "[" + missingUser + "," + missingPassword + "]"},
		{"empty_strict", true, urlEncoded, "", "[" + missingGrant + "," + missingUser + "," + missingPassword + "]"},
		{"no_content_type", true, "", "grant_type=password&username=a&password=b",
			"[" + missingGrant + "," + missingUser + "," + missingPassword + "]"},
		{"json_body", false, "application/json", `{"username":"a","password":"b"}`,
			"[" + missingUser + "," + missingPassword + "]"},
		{"empty_values", false, urlEncoded, "username=&password=", "[" + missingUser + "," + missingPassword + "]"},
		{"missing_password", false, urlEncoded, "username=johndoe", "[" + missingPassword + "]"},
		{"missing_user", false, urlEncoded, "password=secret", "[" + missingUser + "]"},
		{"incorrect_grant_type", false, urlEncoded, "grant_type=incorrect&username=a&password=b", "[" + badGrant + "]"},
		{"incorrect_grant_type_strict", true, urlEncoded, "grant_type=incorrect&username=a&password=b", "[" + badGrant + "]"},
		{"all_together", false, urlEncoded, "grant_type=incorrect", "[" + badGrant + "," + missingUser + "," + missingPassword + "]"},
		{"grant_type_newline", false, urlEncoded, "grant_type=password%0A&username=a&password=b",
			`[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"password\n","ctx":{"pattern":"^password$"}}]`},
		{"grant_type_case", true, urlEncoded, "grant_type=Password&username=a&password=b",
			`[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"Password","ctx":{"pattern":"^password$"}}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dep := security.PasswordForm()
			if tt.strict {
				dep = security.PasswordFormStrict()
			}
			_, err := evalDep(dep, postForm(tt.contentType, tt.body))
			var ve *params.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("body %q: error %v (%T), want a *params.ValidationError", tt.body, err, err)
			}
			if ve.StatusCode() != http.StatusUnprocessableEntity {
				t.Errorf("StatusCode() = %d, want 422", ve.StatusCode())
			}
			got, err := json.Marshal(ve.Detail())
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("body %q:\n got %s\nwant %s", tt.body, got, tt.want)
			}
		})
	}
}

func TestPasswordFormStrict(t *testing.T) {
	got, err := evalDep(security.PasswordFormStrict(),
		postForm(urlEncoded, "grant_type=password&username=a&password=b"))
	if err != nil {
		t.Fatal(err)
	}
	if got.GrantType != "password" || got.Username != "a" || got.Password != "b" {
		t.Errorf("got %v, want grant_type password, username a, password b", formFields(*got))
	}
}

// TestPasswordFormNeverEchoesSecrets checks that neither the 422 details,
// the error's text nor the form's printed forms show the password or the
// client secret.
func TestPasswordFormNeverEchoesSecrets(t *testing.T) {
	const secret = "hunter2-very-secret"
	body := "grant_type=bad&password=" + secret + "&client_secret=" + secret
	_, err := evalDep(security.PasswordForm(), postForm(urlEncoded, body))
	if err == nil {
		t.Fatal("want a validation error")
	}
	detail, _ := json.Marshal(err.(interface{ Detail() any }).Detail())
	for what, text := range map[string]string{"detail": string(detail), "Error()": err.Error()} {
		if strings.Contains(text, secret) {
			t.Errorf("%s shows the secret: %s", what, text)
		}
	}

	f, err := evalDep(security.PasswordForm(), postForm(urlEncoded, "username=u&password="+secret+"&client_secret="+secret))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := sprintfArg(format, f); strings.Contains(got, secret) {
			t.Errorf("Sprintf(%q, form) = %s, shows the secret", format, got)
		}
	}
	if got := f.LogValue().String(); strings.Contains(got, secret) {
		t.Errorf("LogValue() = %s, shows the secret", got)
	}
}

func TestPasswordFormMultipart(t *testing.T) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, kv := range [][2]string{{"username", "johndoe"}, {"password", "secret"}, {"scope", "me items"}} {
		if err := w.WriteField(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	got, err := evalDep(security.PasswordForm(), postForm(w.FormDataContentType(), buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := security.PasswordRequestForm{Username: "johndoe", Password: "secret", Scopes: []string{"me", "items"}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %v, want %v", formFields(*got), formFields(want))
	}
}

// TestPasswordFormBodyErrors checks the answers to bodies that cannot be
// read: FastAPI's 400 for a malformed one, 413 for one over the server's
// limit.
func TestPasswordFormBodyErrors(t *testing.T) {
	_, err := evalDep(security.PasswordForm(), postForm("multipart/form-data; boundary=xyz", "not multipart at all"))
	wantError(t, err, http.StatusBadRequest, "There was an error parsing the body", "")
	if _, ok := errors.AsType[*params.BodyError](err); !ok {
		t.Errorf("malformed multipart: error %T, want a *params.BodyError", err)
	}

	r := postForm(urlEncoded, "username=a&password="+strings.Repeat("x", 100))
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 50)
	_, err = evalDep(security.PasswordForm(), r)
	wantError(t, err, http.StatusRequestEntityTooLarge, "Request body too large", "")
}

// TestPasswordFormSharesBody checks that the form and another form
// parameter of the same route both see the body, which is read once.
func TestPasswordFormSharesBody(t *testing.T) {
	type extra struct {
		Audience string `form:"audience"`
	}
	route := di.Func2(func(f *security.PasswordRequestForm, e extra) (string, error) {
		return f.Username + " for " + e.Audience, nil
	}, security.PasswordForm(), params.Form[extra]())

	got, err := evalDep(route, postForm(urlEncoded, "username=a&password=b&audience=api"))
	if err != nil || got != "a for api" {
		t.Fatalf("route = %q, %v; want \"a for api\", nil", got, err)
	}
}

// bodyInfo is how the router reads the form's meta.
type bodyInfo interface {
	OpenAPIRequestBody(s *openapi.Schemas) *openapi.RequestBody
}

// TestPasswordFormOpenAPI compares the form's request body with the one
// current FastAPI writes for OAuth2PasswordRequestForm (the OAuth2 scopes
// tutorial's test, tests/test_tutorial/test_security/test_tutorial005.py)
// and for OAuth2PasswordRequestFormStrict, less the title and component
// name the router adds.
func TestPasswordFormOpenAPI(t *testing.T) {
	const props = `
		"username": {"title": "Username", "type": "string"},
		"password": {"title": "Password", "type": "string", "format": "password"},
		"scope": {"title": "Scope", "type": "string", "default": ""},
		"client_id": {"title": "Client Id", "anyOf": [{"type": "string"}, {"type": "null"}]},
		"client_secret": {"title": "Client Secret", "anyOf": [{"type": "string"}, {"type": "null"}], "format": "password"}`
	tests := []struct {
		name string
		dep  di.Dep[*security.PasswordRequestForm]
		want string
	}{
		{"form", security.PasswordForm(), `{
			"content": {"application/x-www-form-urlencoded": {"schema": {
				"required": ["username", "password"],
				"type": "object",
				"properties": {
					"grant_type": {"title": "Grant Type", "anyOf": [{"pattern": "^password$", "type": "string"}, {"type": "null"}]},` + props + `
				}}}},
			"required": true}`},
		{"strict", security.PasswordFormStrict(), `{
			"content": {"application/x-www-form-urlencoded": {"schema": {
				"required": ["grant_type", "username", "password"],
				"type": "object",
				"properties": {
					"grant_type": {"title": "Grant Type", "pattern": "^password$", "type": "string"},` + props + `
				}}}},
			"required": true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meta, ok := tt.dep.Meta().(bodyInfo)
			if !ok {
				t.Fatalf("Meta() = %T, want an OpenAPIRequestBody method", tt.dep.Meta())
			}
			body := meta.OpenAPIRequestBody(&openapi.Schemas{})
			got, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, string(got), tt.want)

			// The route has one request body: the fields' own description
			// from params is replaced.
			n := 0
			for _, st := range di.MustCompile(tt.dep).Steps() {
				if _, ok := st.Meta.(bodyInfo); ok {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d steps describe a request body, want 1", n)
			}

			schema := body.Content[urlEncoded].Schema
			wantOrder := []string{"grant_type", "username", "password", "scope", "client_id", "client_secret"}
			if keys := schema.Properties.Keys(); !reflect.DeepEqual(keys, wantOrder) {
				t.Errorf("properties in order %q, want %q", keys, wantOrder)
			}
		})
	}
}
