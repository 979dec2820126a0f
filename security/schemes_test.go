package security_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/security"
)

// httpError is what the router renders: the methods every error of this
// package with an HTTP meaning has.
type httpError interface {
	error
	StatusCode() int
	Detail() any
	Header() http.Header
}

// authRequest returns a GET request with the given header lines, each
// "Name: value".
func authRequest(t *testing.T, target string, headers ...string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ": ")
		if !ok {
			t.Fatalf("bad header line %q", h)
		}
		r.Header.Add(name, value)
	}
	return r
}

// evalDep runs dep alone for r.
func evalDep[T any](dep di.Dep[T], r *http.Request) (T, error) {
	return di.MustCompile(dep).Eval(r)
}

// wantError checks that err is an HTTP error with the given status,
// detail and WWW-Authenticate header ("" for none).
func wantError(t *testing.T, err error, status int, detail, challenge string) {
	t.Helper()
	var he httpError
	if !errors.As(err, &he) {
		t.Fatalf("error = %v (%T), want an HTTP error %d %q", err, err, status, detail)
	}
	if got := he.StatusCode(); got != status {
		t.Errorf("status = %d, want %d", got, status)
	}
	if got := he.Detail(); got != detail {
		t.Errorf("detail = %v, want %q", got, detail)
	}
	got := he.Header().Values("WWW-Authenticate")
	switch {
	case challenge == "" && len(got) > 0:
		t.Errorf("WWW-Authenticate = %q, want none", got)
	case challenge != "" && (len(got) != 1 || got[0] != challenge):
		t.Errorf("WWW-Authenticate = %q, want %q", got, challenge)
	}
}

// schemeCase is one request to a scheme and what it must answer: a value,
// or an error with a status, detail and challenge.
type schemeCase[T any] struct {
	name      string
	headers   []string
	target    string
	want      T
	status    int
	detail    string
	challenge string
}

func runSchemeCases[T any](t *testing.T, dep di.Dep[T], tests []schemeCase[T]) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target
			if target == "" {
				target = "/users/me"
			}
			got, err := evalDep(dep, authRequest(t, target, tt.headers...))
			if tt.status != 0 {
				wantError(t, err, tt.status, tt.detail, tt.challenge)
				return
			}
			if err != nil {
				t.Fatalf("headers %q: error %v, want %#v", tt.headers, err, tt.want)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("headers %q: got %#v, want %#v", tt.headers, got, tt.want)
			}
		})
	}
}

// notAuth is the answer of every scheme to missing credentials since
// FastAPI 0.122.0.
const notAuth = "Not authenticated"

func TestOAuth2PasswordBearer(t *testing.T) {
	dep := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "token", headers: []string{"Authorization: Bearer footokenbar"}, want: "footokenbar"},
		{name: "lowercase_scheme", headers: []string{"Authorization: bearer footokenbar"}, want: "footokenbar"},
		{name: "mixed_case_scheme", headers: []string{"Authorization: BeArEr footokenbar"}, want: "footokenbar"},
		// FastAPI PR #14786: the token is stripped of surrounding spaces.
		{name: "extra_spaces", headers: []string{"Authorization: Bearer   footokenbar  "}, want: "footokenbar"},
		{name: "token_with_space", headers: []string{"Authorization: Bearer foo bar"}, want: "foo bar"},
		// As in FastAPI, an empty token is not refused here.
		{name: "empty_token", headers: []string{"Authorization: Bearer "}, want: ""},
		{name: "scheme_only", headers: []string{"Authorization: Bearer"}, want: ""},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "empty_header", headers: []string{"Authorization: "}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "other_scheme", headers: []string{"Authorization: Other footokenbar"}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "no_space", headers: []string{"Authorization: Bearerfootokenbar"}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "tab_separator", headers: []string{"Authorization: Bearer\tfootokenbar"}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "second_header_ignored", headers: []string{"Authorization: Basic x", "Authorization: Bearer y"}, status: 401, detail: notAuth, challenge: "Bearer"},
	})
}

func TestOAuth2PasswordBearerOptional(t *testing.T) {
	dep := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token", Optional: true})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "token", headers: []string{"Authorization: Bearer footokenbar"}, want: "footokenbar"},
		{name: "no_header", want: ""},
		{name: "other_scheme", headers: []string{"Authorization: Other footokenbar"}, want: ""},
	})
}

func TestOAuth2AuthorizationCodeBearer(t *testing.T) {
	dep := security.OAuth2AuthorizationCodeBearer(security.OAuth2AuthorizationCodeBearerConfig{
		AuthorizationURL: "authorize", TokenURL: "token"})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "token", headers: []string{"Authorization: Bearer testtoken"}, want: "testtoken"},
		{name: "whitespace", headers: []string{"Authorization: Bearer  testtoken \t"}, want: "testtoken"},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "other_scheme", headers: []string{"Authorization: Basic notreally"}, status: 401, detail: notAuth, challenge: "Bearer"},
	})

	optional := security.OAuth2AuthorizationCodeBearer(security.OAuth2AuthorizationCodeBearerConfig{
		AuthorizationURL: "authorize", TokenURL: "token", Optional: true})
	runSchemeCases(t, optional, []schemeCase[string]{
		{name: "optional_no_header", want: ""},
		{name: "optional_other_scheme", headers: []string{"Authorization: Basic notreally"}, want: ""},
	})
}

func TestOpenIDConnect(t *testing.T) {
	dep := security.OpenIDConnect(security.OpenIDConnectConfig{OpenIDConnectURL: "/openid"})
	runSchemeCases(t, dep, []schemeCase[string]{
		// The whole header, scheme included, as FastAPI's stub yields it.
		{name: "bearer", headers: []string{"Authorization: Bearer footokenbar"}, want: "Bearer footokenbar"},
		{name: "other_scheme", headers: []string{"Authorization: Other footokenbar"}, want: "Other footokenbar"},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Bearer"},
	})

	optional := security.OpenIDConnect(security.OpenIDConnectConfig{OpenIDConnectURL: "/openid", Optional: true})
	runSchemeCases(t, optional, []schemeCase[string]{
		{name: "optional_no_header", want: ""},
	})
}

func TestHTTPBearer(t *testing.T) {
	dep := security.HTTPBearer(security.HTTPBearerConfig{})
	runSchemeCases(t, dep, []schemeCase[*security.HTTPAuthorizationCredentials]{
		{name: "token", headers: []string{"Authorization: Bearer foobar"},
			want: &security.HTTPAuthorizationCredentials{Scheme: "Bearer", Credentials: "foobar"}},
		{name: "scheme_case_kept", headers: []string{"Authorization: bEARER foobar "},
			want: &security.HTTPAuthorizationCredentials{Scheme: "bEARER", Credentials: "foobar"}},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "empty_token", headers: []string{"Authorization: Bearer "}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "spaces_only", headers: []string{"Authorization: Bearer    "}, status: 401, detail: notAuth, challenge: "Bearer"},
		{name: "no_space", headers: []string{"Authorization: Bearer"}, status: 401, detail: notAuth, challenge: "Bearer"},
		// Since FastAPI 0.122.0 the wrong scheme is "Not authenticated"
		// too, no longer 403 "Invalid authentication credentials".
		{name: "other_scheme", headers: []string{"Authorization: Basic notreally"}, status: 401, detail: notAuth, challenge: "Bearer"},
	})

	optional := security.HTTPBearer(security.HTTPBearerConfig{Optional: true})
	runSchemeCases(t, optional, []schemeCase[*security.HTTPAuthorizationCredentials]{
		{name: "optional_no_header", want: nil},
		{name: "optional_other_scheme", headers: []string{"Authorization: Basic notreally"}, want: nil},
		{name: "optional_empty_token", headers: []string{"Authorization: Bearer "}, want: nil},
	})
}

func TestHTTPDigest(t *testing.T) {
	dep := security.HTTPDigest(security.HTTPDigestConfig{})
	runSchemeCases(t, dep, []schemeCase[*security.HTTPAuthorizationCredentials]{
		{name: "digest", headers: []string{"Authorization: Digest foobar"},
			want: &security.HTTPAuthorizationCredentials{Scheme: "Digest", Credentials: "foobar"}},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Digest"},
		{name: "other_scheme", headers: []string{"Authorization: Other foobar"}, status: 401, detail: notAuth, challenge: "Digest"},
	})

	optional := security.HTTPDigest(security.HTTPDigestConfig{Optional: true})
	runSchemeCases(t, optional, []schemeCase[*security.HTTPAuthorizationCredentials]{
		{name: "optional_no_header", want: nil},
		{name: "optional_other_scheme", headers: []string{"Authorization: Other foobar"}, want: nil},
	})
}

func basicHeader(s string) string {
	return "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(s))
}

func TestHTTPBasic(t *testing.T) {
	dep := security.HTTPBasic(security.HTTPBasicConfig{})
	runSchemeCases(t, dep, []schemeCase[*security.HTTPBasicCredentials]{
		{name: "credentials", headers: []string{basicHeader("john:secret")},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		{name: "colon_in_password", headers: []string{basicHeader("john:se:cret")},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "se:cret"}},
		{name: "empty_password", headers: []string{basicHeader("john:")},
			want: &security.HTTPBasicCredentials{Username: "john"}},
		{name: "lowercase_scheme", headers: []string{"Authorization: basic am9objpzZWNyZXQ="},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		// Python's b64decode skips characters outside the alphabet and
		// stops at the padding; FastAPI accepts both.
		{name: "lenient_base64", headers: []string{"Authorization: Basic am9o bjpz ZWNyZXQ="},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		{name: "data_after_padding", headers: []string{"Authorization: Basic am9objpzZWNyZXQ=AAAA"},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		{name: "no_header", status: 401, detail: notAuth, challenge: "Basic"},
		{name: "other_scheme", headers: []string{"Authorization: Bearer abc"}, status: 401, detail: notAuth, challenge: "Basic"},
		// Since FastAPI 0.122.0 undecodable credentials are "Not
		// authenticated", no longer "Invalid authentication credentials".
		{name: "invalid_base64", headers: []string{"Authorization: Basic notabase64token"}, status: 401, detail: notAuth, challenge: "Basic"},
		{name: "no_colon", headers: []string{basicHeader("johnsecret")}, status: 401, detail: notAuth, challenge: "Basic"},
		{name: "not_ascii", headers: []string{basicHeader("jöhn:secret")}, status: 401, detail: notAuth, challenge: "Basic"},
		{name: "scheme_only", headers: []string{"Authorization: Basic"}, status: 401, detail: notAuth, challenge: "Basic"},
	})
}

func TestHTTPBasicRealm(t *testing.T) {
	dep := security.HTTPBasic(security.HTTPBasicConfig{Realm: "simple"})
	runSchemeCases(t, dep, []schemeCase[*security.HTTPBasicCredentials]{
		{name: "credentials", headers: []string{basicHeader("john:secret")},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		{name: "no_header", status: 401, detail: notAuth, challenge: `Basic realm="simple"`},
		{name: "invalid_base64", headers: []string{"Authorization: Basic notabase64token"},
			status: 401, detail: notAuth, challenge: `Basic realm="simple"`},
	})

	quoted := security.HTTPBasic(security.HTTPBasicConfig{Realm: `say "hi"`})
	runSchemeCases(t, quoted, []schemeCase[*security.HTTPBasicCredentials]{
		{name: "realm_escaped", status: 401, detail: notAuth, challenge: `Basic realm="say \"hi\""`},
	})
}

func TestHTTPBasicOptional(t *testing.T) {
	dep := security.HTTPBasic(security.HTTPBasicConfig{Optional: true})
	runSchemeCases(t, dep, []schemeCase[*security.HTTPBasicCredentials]{
		{name: "credentials", headers: []string{basicHeader("john:secret")},
			want: &security.HTTPBasicCredentials{Username: "john", Password: "secret"}},
		{name: "no_header", want: nil},
		{name: "other_scheme", headers: []string{"Authorization: Bearer abc"}, want: nil},
		// Present but broken credentials are refused even when optional,
		// as in FastAPI.
		{name: "invalid_base64", headers: []string{"Authorization: Basic notabase64token"},
			status: 401, detail: notAuth, challenge: "Basic"},
	})
}

func TestHTTPBasicCredentialsRedacted(t *testing.T) {
	c := security.HTTPBasicCredentials{Username: "john", Password: "secret"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := sprintfArg(format, c); strings.Contains(got, "secret") {
			t.Errorf("Sprintf(%q) = %q, shows the password", format, got)
		}
		if got := sprintfArg(format, &c); strings.Contains(got, "secret") {
			t.Errorf("Sprintf(%q, pointer) = %q, shows the password", format, got)
		}
	}
}

func TestAPIKeyHeader(t *testing.T) {
	dep := security.APIKeyHeader(security.APIKeyConfig{Name: "key"})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "key", headers: []string{"key: secret"}, want: "secret"},
		{name: "any_case", headers: []string{"KEY: secret"}, want: "secret"},
		{name: "first_of_two", headers: []string{"key: one", "key: two"}, want: "one"},
		{name: "no_header", status: 401, detail: notAuth, challenge: "APIKey"},
		{name: "empty", headers: []string{"key: "}, status: 401, detail: notAuth, challenge: "APIKey"},
	})

	optional := security.APIKeyHeader(security.APIKeyConfig{Name: "key", Optional: true})
	runSchemeCases(t, optional, []schemeCase[string]{
		{name: "optional_no_header", want: ""},
	})
}

func TestAPIKeyQuery(t *testing.T) {
	dep := security.APIKeyQuery(security.APIKeyConfig{Name: "api key"})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "key", target: "/?api+key=secret", want: "secret"},
		{name: "escaped", target: "/?api%20key=a%2Bb+c", want: "a+b c"},
		{name: "last_of_two", target: "/?api+key=one&api+key=two", want: "two"},
		{name: "bad_escape_kept", target: "/?api+key=50%zz", want: "50%zz"},
		{name: "other_params", target: "/?x=1;y&&api+key=k", want: "k"},
		{name: "missing", target: "/?apikey=secret", status: 401, detail: notAuth, challenge: "APIKey"},
		{name: "empty", target: "/?api+key=", status: 401, detail: notAuth, challenge: "APIKey"},
		{name: "no_value", target: "/?api+key", status: 401, detail: notAuth, challenge: "APIKey"},
	})

	optional := security.APIKeyQuery(security.APIKeyConfig{Name: "key", Optional: true})
	runSchemeCases(t, optional, []schemeCase[string]{
		{name: "optional_missing", target: "/", want: ""},
	})
}

func TestAPIKeyCookie(t *testing.T) {
	dep := security.APIKeyCookie(security.APIKeyConfig{Name: "key"})
	runSchemeCases(t, dep, []schemeCase[string]{
		{name: "key", headers: []string{"Cookie: key=secret"}, want: "secret"},
		{name: "among_others", headers: []string{"Cookie: a=1; key=secret ;b=2"}, want: "secret"},
		{name: "last_of_two", headers: []string{"Cookie: key=one; key=two"}, want: "two"},
		{name: "quoted", headers: []string{`Cookie: key="a\"b\073c"`}, want: `a"b;c`},
		{name: "equals_in_value", headers: []string{"Cookie: key=a=b"}, want: "a=b"},
		// Starlette reads the first Cookie header only.
		{name: "second_header", headers: []string{"Cookie: a=1", "Cookie: key=secret"},
			status: 401, detail: notAuth, challenge: "APIKey"},
		{name: "no_cookie", status: 401, detail: notAuth, challenge: "APIKey"},
		{name: "empty", headers: []string{"Cookie: key="}, status: 401, detail: notAuth, challenge: "APIKey"},
	})

	optional := security.APIKeyCookie(security.APIKeyConfig{Name: "key", Optional: true})
	runSchemeCases(t, optional, []schemeCase[string]{
		{name: "optional_no_cookie", want: ""},
	})
}

// TestSchemeWithoutRequest runs schemes in a plan given no request: they
// see no credentials.
func TestSchemeWithoutRequest(t *testing.T) {
	_, err := evalDep(security.APIKeyCookie(security.APIKeyConfig{Name: "k"}), nil)
	wantError(t, err, 401, notAuth, "APIKey")
	_, err = evalDep(security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "t"}), nil)
	wantError(t, err, 401, notAuth, "Bearer")
	got, err := evalDep(security.HTTPBasic(security.HTTPBasicConfig{Optional: true}), nil)
	if got != nil || err != nil {
		t.Errorf("optional HTTPBasic without request = %v, %v; want nil, nil", got, err)
	}
}

// TestSchemeErrorsHideCredentials checks that no error repeats what the
// client sent.
func TestSchemeErrorsHideCredentials(t *testing.T) {
	const secret = "s3cr3t-t0ken"
	r := authRequest(t, "/", "Authorization: Basic "+secret)
	_, err := evalDep(security.HTTPBasic(security.HTTPBasicConfig{}), r)
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("HTTPBasic error = %v, want one without the credentials", err)
	}
	r = authRequest(t, "/", "Authorization: Token "+secret)
	_, err = evalDep(security.HTTPBearer(security.HTTPBearerConfig{}), r)
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("HTTPBearer error = %v, want one without the credentials", err)
	}
}

func TestSchemeConfigPanics(t *testing.T) {
	tests := []struct {
		name  string
		build func()
		want  string
	}{
		{"password_token_url", func() { security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{}) },
			"security: OAuth2PasswordBearerConfig.TokenURL is empty"},
		{"code_authorization_url", func() {
			security.OAuth2AuthorizationCodeBearer(security.OAuth2AuthorizationCodeBearerConfig{TokenURL: "t"})
		}, "security: OAuth2AuthorizationCodeBearerConfig.AuthorizationURL is empty"},
		{"openid_url", func() { security.OpenIDConnect(security.OpenIDConnectConfig{}) },
			"security: OpenIDConnectConfig.OpenIDConnectURL is empty"},
		{"api_key_name", func() { security.APIKeyQuery(security.APIKeyConfig{}) },
			"security: APIKeyConfig.Name is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tt.want {
					t.Errorf("panic = %v, want %q", got, tt.want)
				}
			}()
			tt.build()
		})
	}
}

// securityInfo is how the router reads a scheme's meta.
type securityInfo interface {
	OpenAPISecurity() (name string, scheme *openapi.SecurityScheme, optional bool)
}

// TestSchemeOpenAPI compares each scheme's OpenAPI description with the
// securitySchemes entry FastAPI writes for it (FastAPI's
// tests/test_security_*.py and the OAuth2 scopes tutorial's test).
func TestSchemeOpenAPI(t *testing.T) {
	tutorialScopes := []security.Scope{
		{Name: "me", Description: "Read information about the current user."},
		{Name: "items", Description: "Read items."},
	}
	tests := []struct {
		name         string
		dep          di.Dependency
		wantName     string
		wantScheme   string
		wantOptional bool
	}{
		{"password_bearer",
			security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token", Scopes: tutorialScopes}),
			"OAuth2PasswordBearer",
			`{"type": "oauth2", "flows": {"password": {"scopes": {"me": "Read information about the current user.", "items": "Read items."}, "tokenUrl": "token"}}}`,
			false},
		{"password_bearer_optional_description",
			security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "/token",
				Description: "OAuth2PasswordBearer security scheme", Optional: true}),
			"OAuth2PasswordBearer",
			`{"type": "oauth2", "flows": {"password": {"scopes": {}, "tokenUrl": "/token"}}, "description": "OAuth2PasswordBearer security scheme"}`,
			true},
		{"password_bearer_refresh",
			security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "/token",
				RefreshURL: "/refresh", SchemeName: "Login"}),
			"Login",
			`{"type": "oauth2", "flows": {"password": {"refreshUrl": "/refresh", "scopes": {}, "tokenUrl": "/token"}}}`,
			false},
		{"authorization_code",
			security.OAuth2AuthorizationCodeBearer(security.OAuth2AuthorizationCodeBearerConfig{
				AuthorizationURL: "authorize", TokenURL: "token", Description: "OAuth2 Code Bearer"}),
			"OAuth2AuthorizationCodeBearer",
			`{"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "authorize", "tokenUrl": "token", "scopes": {}}}, "description": "OAuth2 Code Bearer"}`,
			false},
		{"openid_connect",
			security.OpenIDConnect(security.OpenIDConnectConfig{OpenIDConnectURL: "/openid"}),
			"OpenIdConnect",
			`{"type": "openIdConnect", "openIdConnectUrl": "/openid"}`,
			false},
		{"http_bearer",
			security.HTTPBearer(security.HTTPBearerConfig{}),
			"HTTPBearer", `{"type": "http", "scheme": "bearer"}`, false},
		{"http_bearer_format",
			security.HTTPBearer(security.HTTPBearerConfig{BearerFormat: "JWT", Description: "HTTP Bearer token scheme", Optional: true}),
			"HTTPBearer",
			`{"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "HTTP Bearer token scheme"}`,
			true},
		{"http_basic",
			security.HTTPBasic(security.HTTPBasicConfig{Realm: "simple"}),
			"HTTPBasic", `{"type": "http", "scheme": "basic"}`, false},
		{"http_digest",
			security.HTTPDigest(security.HTTPDigestConfig{Description: "HTTPDigest scheme"}),
			"HTTPDigest", `{"type": "http", "scheme": "digest", "description": "HTTPDigest scheme"}`, false},
		{"api_key_header",
			security.APIKeyHeader(security.APIKeyConfig{Name: "key"}),
			"APIKeyHeader", `{"type": "apiKey", "name": "key", "in": "header"}`, false},
		{"api_key_query",
			security.APIKeyQuery(security.APIKeyConfig{Name: "key", Description: "API Key Query"}),
			"APIKeyQuery", `{"type": "apiKey", "name": "key", "in": "query", "description": "API Key Query"}`, false},
		{"api_key_cookie",
			security.APIKeyCookie(security.APIKeyConfig{Name: "key", Optional: true}),
			"APIKeyCookie", `{"type": "apiKey", "name": "key", "in": "cookie"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := schemeOf(t, tt.dep)
			name, scheme, optional := info.OpenAPISecurity()
			if name != tt.wantName || optional != tt.wantOptional {
				t.Errorf("name, optional = %q, %v; want %q, %v", name, optional, tt.wantName, tt.wantOptional)
			}
			got, err := json.Marshal(scheme)
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, string(got), tt.wantScheme)

			// The scheme is a copy: changing it leaves the next one alone.
			scheme.Type = "changed"
			if scheme.Flows != nil && scheme.Flows.Password != nil {
				scheme.Flows.Password.Scopes.Set("x", "y")
			}
			_, again, _ := info.OpenAPISecurity()
			if again.Type == "changed" || (again.Flows != nil && again.Flows.Password != nil && hasScope(again.Flows.Password.Scopes, "x")) {
				t.Errorf("OpenAPISecurity returned shared state")
			}
		})
	}
}

// schemeOf finds the scheme description in the compiled plan of dep, as
// the router does.
func schemeOf(t *testing.T, dep di.Dependency) securityInfo {
	t.Helper()
	pl, err := di.CompileAny(dep)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range pl.Steps() {
		if info, ok := st.Meta.(securityInfo); ok {
			return info
		}
	}
	t.Fatalf("no step of %v has a security scheme", dep)
	return nil
}

// sameJSON compares two JSON texts as values, ignoring object key order.
func sameJSON(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("got invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want invalid JSON %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON differs:\n got %s\nwant %s", got, want)
	}
}

// TestSchemeScopesInPlan checks what the router reads to build an
// operation's security: the scheme's step and the scopes that reach it.
func TestSchemeScopesInPlan(t *testing.T) {
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	user := di.Func1(func(tok string) (string, error) { return tok, nil }, scheme)
	route := di.Func1(func(u string) (string, error) { return u, nil }, di.Security(user, "items", "me"))

	pl := di.MustCompile(route)
	for _, st := range pl.Steps() {
		info, ok := st.Meta.(securityInfo)
		if !ok {
			continue
		}
		name, _, _ := info.OpenAPISecurity()
		if name != "OAuth2PasswordBearer" || st.Name != "OAuth2PasswordBearer" {
			t.Errorf("step %q has scheme %q, want OAuth2PasswordBearer for both", st.Name, name)
		}
		if want := []string{"items", "me"}; !reflect.DeepEqual(st.Scopes, want) {
			t.Errorf("scheme step scopes = %q, want %q", st.Scopes, want)
		}
		return
	}
	t.Fatal("no step carries the scheme")
}

func BenchmarkOAuth2PasswordBearer(b *testing.B) {
	pl := di.MustCompile(security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"}))
	r := httptest.NewRequest(http.MethodGet, "/users/me", nil)
	r.Header.Set("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pl.Eval(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTTPBasic(b *testing.B) {
	pl := di.MustCompile(security.HTTPBasic(security.HTTPBasicConfig{}))
	r := httptest.NewRequest(http.MethodGet, "/users/me", nil)
	r.SetBasicAuth("johndoe", "secret")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pl.Eval(r); err != nil {
			b.Fatal(err)
		}
	}
}

func hasScope(m openapi.OrderedMap[string], name string) bool {
	_, ok := m.Get(name)
	return ok
}
