package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/router/routertest"
	"github.com/rampart-go/rampart/security"
)

// tutorialSecret is the tutorial's SECRET_KEY, so that the tokens in
// FastAPI's own test verify here too.
const tutorialSecret = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"

// The router is built once: building it hashes a dummy bcrypt password,
// which takes a quarter of a second.
var testRouter = sync.OnceValues(func() (*router.Router, error) {
	return newRouter([]byte(tutorialSecret), 0)
})

func newClient(t *testing.T) *routertest.Client {
	t.Helper()
	r, err := testRouter()
	if err != nil {
		t.Fatal(err)
	}
	return routertest.New(t, r)
}

// get follows redirects as FastAPI's TestClient does, keeping the headers.
func get(t *testing.T, c *routertest.Client, target string, opts ...routertest.RequestOption) *routertest.Response {
	t.Helper()
	for range 5 {
		res := c.Get(target, opts...)
		if res.Status != http.StatusTemporaryRedirect {
			return res
		}
		target = res.Location().RequestURI()
	}
	t.Fatalf("GET %s: too many redirects", target)
	return nil
}

// login is FastAPI's test helper get_access_token.
func login(t *testing.T, c *routertest.Client, username, password, scope string) string {
	t.Helper()
	form := url.Values{"username": {username}, "password": {password}}
	if scope != "" {
		form.Set("scope", scope)
	}
	res := c.PostForm("/token", form)
	if res.Status != http.StatusOK {
		t.Fatalf("login %s: %d %s", username, res.Status, res.Body)
	}
	var tok Token
	res.JSON(&tok)
	return tok.AccessToken
}

// answer is what a case must get: status, JSON body (compared as JSON) and
// the WWW-Authenticate header ("" for none).
type answer struct {
	status int
	body   string
	www    string
}

func expect(t *testing.T, res *routertest.Response, want answer) {
	t.Helper()
	if res.Status != want.status {
		t.Errorf("status = %d, want %d (body %s)", res.Status, want.status, res.Body)
	}
	if want.body != "" && !sameJSON(t, res.Body, []byte(want.body)) {
		t.Errorf("body = %s\nwant   %s", res.Body, want.body)
	}
	if got := res.Header.Get("WWW-Authenticate"); got != want.www {
		t.Errorf("WWW-Authenticate = %q, want %q", got, want.www)
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		return false
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("bad expected JSON %s: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}

var (
	notAuthenticated = answer{401, `{"detail":"Not authenticated"}`, "Bearer"}
	badCredentialsMe = answer{401, `{"detail":"Could not validate credentials"}`, `Bearer scope="me"`}
	johndoe          = `{"username":"johndoe","full_name":"John Doe","email":"johndoe@example.com","disabled":false}`
)

// TestFastAPITutorialCases replays every request of FastAPI's test of this
// tutorial (tests/test_tutorial/test_security/test_tutorial005.py) and
// expects the same status, body and WWW-Authenticate header.
func TestFastAPITutorialCases(t *testing.T) {
	c := newClient(t)
	bearer := routertest.Bearer

	t.Run("login", func(t *testing.T) {
		res := c.PostForm("/token", url.Values{"username": {"johndoe"}, "password": {"secret"}})
		m := res.Map()
		if res.Status != 200 || m["token_type"] != "bearer" || m["access_token"] == "" {
			t.Errorf("got %d %s", res.Status, res.Body)
		}
	})
	t.Run("login_incorrect_password", func(t *testing.T) {
		res := c.PostForm("/token", url.Values{"username": {"johndoe"}, "password": {"incorrect"}})
		expect(t, res, answer{400, `{"detail":"Incorrect username or password"}`, ""})
	})
	t.Run("login_incorrect_username", func(t *testing.T) {
		res := c.PostForm("/token", url.Values{"username": {"foo"}, "password": {"secret"}})
		expect(t, res, answer{400, `{"detail":"Incorrect username or password"}`, ""})
	})
	t.Run("no_token", func(t *testing.T) {
		expect(t, get(t, c, "/users/me"), notAuthenticated)
	})
	t.Run("token", func(t *testing.T) {
		tok := login(t, c, "johndoe", "secret", "me")
		expect(t, get(t, c, "/users/me", bearer(tok)), answer{200, johndoe, ""})
	})
	t.Run("incorrect_token", func(t *testing.T) {
		expect(t, get(t, c, "/users/me", bearer("nonexistent")), badCredentialsMe)
	})
	t.Run("incorrect_token_type", func(t *testing.T) {
		res := get(t, c, "/users/me", routertest.Header("Authorization", "Notexistent testtoken"))
		expect(t, res, notAuthenticated)
	})
	t.Run("verify_password", func(t *testing.T) {
		pw, err := newPasswords()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := pw.authenticate(fakeUsersDB(), "johndoe", "secret"); !ok {
			t.Error("johndoe/secret does not authenticate")
		}
	})
	t.Run("create_access_token", func(t *testing.T) {
		tokens, err := newTokens([]byte(tutorialSecret), 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Verify(login(t, c, "johndoe", "secret", "")); err != nil {
			t.Errorf("issued token does not verify: %v", err)
		}
	})
	// The next three tokens are the ones in FastAPI's test, signed with the
	// tutorial's key: {"data":"foo"}, {"sub":"foo"}, {"sub":"username:bob"}.
	t.Run("token_no_sub", func(t *testing.T) {
		tok := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiZm9vIn0.9ynBhuYb4e6aW3oJr_K_TBgwcMTDpRToQIE25L57rOE"
		expect(t, get(t, c, "/users/me", bearer(tok)), badCredentialsMe)
	})
	t.Run("token_no_username", func(t *testing.T) {
		tok := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmb28ifQ.NnExK_dlNAYyzACrXtXDrcWOgGY2JuPbI4eDaHdfK5Y"
		expect(t, get(t, c, "/users/me", bearer(tok)), badCredentialsMe)
	})
	t.Run("token_no_scope", func(t *testing.T) {
		tok := login(t, c, "johndoe", "secret", "")
		expect(t, get(t, c, "/users/me", bearer(tok)),
			answer{401, `{"detail":"Not enough permissions"}`, `Bearer scope="me"`})
	})
	t.Run("token_inexistent_user", func(t *testing.T) {
		tok := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw"
		expect(t, get(t, c, "/users/me", bearer(tok)), badCredentialsMe)
	})
	t.Run("token_inactive_user", func(t *testing.T) {
		tok := login(t, c, "alice", "secretalice", "me")
		expect(t, get(t, c, "/users/me", bearer(tok)), answer{400, `{"detail":"Inactive user"}`, ""})
	})
	t.Run("read_items", func(t *testing.T) {
		tok := login(t, c, "johndoe", "secret", "me items")
		expect(t, get(t, c, "/users/me/items/", bearer(tok)),
			answer{200, `[{"item_id":"Foo","owner":"johndoe"}]`, ""})
	})
	t.Run("read_system_status", func(t *testing.T) {
		tok := login(t, c, "johndoe", "secret", "")
		expect(t, get(t, c, "/status/", bearer(tok)), answer{200, `{"status":"ok"}`, ""})
	})
	t.Run("read_system_status_no_token", func(t *testing.T) {
		expect(t, get(t, c, "/status/"), notAuthenticated)
	})
}

// TestRedirectToTrailingSlash checks the answer FastAPI's test client
// follows silently: /users/me is redirected to /users/me/ with 307,
// before authentication.
func TestRedirectToTrailingSlash(t *testing.T) {
	res := newClient(t).Get("/users/me?x=1")
	if res.Status != 307 || res.Location().RequestURI() != "/users/me/?x=1" {
		t.Errorf("got %d Location %q, want 307 to /users/me/?x=1", res.Status, res.Header.Get("Location"))
	}
}

// TestOpenAPIMatchesFastAPI compares /openapi.json with the document
// current FastAPI serves for this tutorial (testdata/fastapi_openapi.json,
// from FastAPI's test of the tutorial), as JSON values.
func TestOpenAPIMatchesFastAPI(t *testing.T) {
	want, err := os.ReadFile("testdata/fastapi_openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	res := newClient(t).Get("/openapi.json")
	if res.Status != 200 {
		t.Fatalf("GET /openapi.json: %d", res.Status)
	}
	var got, exp map[string]any
	res.JSON(&got)
	if err := json.Unmarshal(want, &exp); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"openapi", "info", "paths", "components"} {
		if !reflect.DeepEqual(got[key], exp[key]) {
			g, _ := json.MarshalIndent(got[key], "", "  ")
			e, _ := json.MarshalIndent(exp[key], "", "  ")
			t.Errorf("%s differs from FastAPI's\ngot:  %s\nwant: %s", key, g, e)
		}
	}
	if len(got) != len(exp) {
		t.Errorf("top-level keys: got %d, want %d", len(got), len(exp))
	}
}

// sign makes a token with the given algorithm, key and claims, for tokens
// the app itself would never issue.
func sign(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestHostileRequests sends what an attacker or a broken client would,
// and expects FastAPI's answer for each; none may be a 500.
func TestHostileRequests(t *testing.T) {
	c := newClient(t)
	key := []byte(tutorialSecret)
	exp := time.Now().Add(time.Hour).Unix()
	valid := func(extra jwt.MapClaims) jwt.MapClaims {
		m := jwt.MapClaims{"sub": "johndoe", "scopes": []string{"me", "items"}, "exp": exp}
		for k, v := range extra {
			if v == nil {
				delete(m, k)
				continue
			}
			m[k] = v
		}
		return m
	}
	hs256 := func(extra jwt.MapClaims) string { return sign(t, jwt.SigningMethodHS256, key, valid(extra)) }
	good := hs256(nil)
	noneTok, _ := jwt.NewWithClaims(jwt.SigningMethodNone, valid(nil)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	huge := good + strings.Repeat("A", 64<<10)
	parts := strings.Split(good, ".")
	itemsAnswer := answer{200, `[{"item_id":"Foo","owner":"johndoe"}]`, ""}
	ok := itemsAnswer
	badItems := answer{401, `{"detail":"Could not validate credentials"}`, `Bearer scope="items me"`}
	auth := func(v string) routertest.RequestOption { return routertest.Header("Authorization", v) }

	tests := []struct {
		name string
		auth string
		want answer
	}{
		{"valid", "Bearer " + good, ok},
		{"alg_none", "Bearer " + noneTok, badItems},
		{"other_key", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(strings.Repeat("k", 64)), valid(nil)), badItems},
		{"hs512_same_key", "Bearer " + sign(t, jwt.SigningMethodHS512, key, valid(nil)), badItems},
		{"hs384_same_key", "Bearer " + sign(t, jwt.SigningMethodHS384, key, valid(nil)), badItems},
		{"expired", "Bearer " + hs256(jwt.MapClaims{"exp": time.Now().Add(-time.Minute).Unix()}), badItems},
		{"not_yet_valid", "Bearer " + hs256(jwt.MapClaims{"nbf": time.Now().Add(time.Hour).Unix()}), badItems},
		{"exp_not_a_number", "Bearer " + hs256(jwt.MapClaims{"exp": "tomorrow"}), badItems},
		{"garbage", "Bearer garbage", badItems},
		{"two_segments", "Bearer " + parts[0] + "." + parts[1], badItems},
		{"four_segments", "Bearer " + good + ".x", badItems},
		{"five_segments", "Bearer a.b.c.d.e", badItems},
		{"tampered_payload", "Bearer " + parts[0] + "." + parts[1] + "x." + parts[2], badItems},
		{"tampered_signature", "Bearer " + parts[0] + "." + parts[1] + "." + strings.ToUpper(parts[2]), badItems},
		{"signature_stripped", "Bearer " + parts[0] + "." + parts[1] + ".", badItems},
		{"token_64KiB", "Bearer " + huge, badItems},
		{"lower_case_bearer", "bearer " + good, ok},
		{"upper_case_bearer", "BEARER " + good, ok},
		{"extra_spaces", "Bearer   " + good + "  ", ok},
		{"basic_scheme", "Basic am9obmRvZTpzZWNyZXQ=", notAuthenticated},
		{"no_scheme", good, notAuthenticated},
		{"empty_header", "", notAuthenticated},
		{"empty_token", "Bearer ", badItems},
		{"scopes_not_a_list", "Bearer " + hs256(jwt.MapClaims{"scopes": "me items"}), badItems},
		{"scopes_null", "Bearer " + hs256(jwt.MapClaims{"scopes": json.RawMessage("null")}), badItems},
		{"scopes_not_strings", "Bearer " + hs256(jwt.MapClaims{"scopes": []any{"me", 1}}), badItems},
		{"scope_string_not_read", "Bearer " + hs256(jwt.MapClaims{"scopes": nil, "scope": "me items"}),
			answer{401, `{"detail":"Not enough permissions"}`, `Bearer scope="items me"`}},
		{"scopes_missing_items", "Bearer " + hs256(jwt.MapClaims{"scopes": []string{"me"}}),
			answer{401, `{"detail":"Not enough permissions"}`, `Bearer scope="items me"`}},
		{"sub_not_a_string", "Bearer " + hs256(jwt.MapClaims{"sub": 42}), badItems},
		{"sub_missing", "Bearer " + hs256(jwt.MapClaims{"sub": nil}), badItems},
		{"sub_empty", "Bearer " + hs256(jwt.MapClaims{"sub": ""}), badItems},
		{"unknown_user", "Bearer " + hs256(jwt.MapClaims{"sub": "mallory"}), badItems},
		{"audience_not_claimed", "Bearer " + hs256(jwt.MapClaims{"aud": "other-api"}), badItems},
		{"issuer_ignored", "Bearer " + hs256(jwt.MapClaims{"iss": "someone"}), ok},
		{"disabled_user", "Bearer " + hs256(jwt.MapClaims{"sub": "alice"}), answer{400, `{"detail":"Inactive user"}`, ""}},
		{"header_injection", "Bearer " + good + "\r\nX-Evil: 1", badItems},
		{"unicode_token", "Bearer жжж.жжж.жжж", badItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []routertest.RequestOption
			if tt.auth != "" {
				opts = append(opts, auth(tt.auth))
			}
			res := c.Get("/users/me/items/", opts...)
			if res.Status >= 500 {
				t.Fatalf("answered %d %s", res.Status, res.Body)
			}
			expect(t, res, tt.want)
		})
	}
}

// TestHostileLogins sends bad token requests; each gets FastAPI's 422 or
// 400 and never echoes the password.
func TestHostileLogins(t *testing.T) {
	c := newClient(t)
	missing := func(field string) string {
		return `{"type":"missing","loc":["body","` + field + `"],"msg":"Field required","input":null}`
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		want        answer
	}{
		{"no_fields", "application/x-www-form-urlencoded", "",
			answer{422, `{"detail":[` + missing("username") + `,` + missing("password") + `]}`, ""}},
		{"empty_password", "application/x-www-form-urlencoded", "username=johndoe&password=",
			answer{422, `{"detail":[` + missing("password") + `]}`, ""}},
		{"bad_grant_type", "application/x-www-form-urlencoded", "grant_type=client_credentials&username=johndoe&password=secret",
			answer{422, `{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"client_credentials","ctx":{"pattern":"^password$"}}]}`, ""}},
		{"json_instead_of_form", "application/json", `{"username":"johndoe","password":"secret"}`,
			answer{422, `{"detail":[` + missing("username") + `,` + missing("password") + `]}`, ""}},
		{"wrong_password_not_echoed", "application/x-www-form-urlencoded", "username=johndoe&password=hunter2",
			answer{400, `{"detail":"Incorrect username or password"}`, ""}},
		{"unknown_user", "application/x-www-form-urlencoded", "username=nobody&password=secret",
			answer{400, `{"detail":"Incorrect username or password"}`, ""}},
		{"bad_percent_encoding", "application/x-www-form-urlencoded", "username=%zz&password=secret", answer{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Do("POST", "/token", strings.NewReader(tt.body), routertest.Header("Content-Type", tt.contentType))
			if res.Status >= 500 {
				t.Fatalf("answered %d %s", res.Status, res.Body)
			}
			if strings.Contains(res.String(), "hunter2") || strings.Contains(res.String(), `"secret"`) {
				t.Errorf("body echoes a password: %s", res.Body)
			}
			if tt.want.status != 0 {
				expect(t, res, tt.want)
			}
		})
	}
}

func TestLoginScopesAreGrantedAsAsked(t *testing.T) {
	c := newClient(t)
	// The tutorial grants whatever scopes the form asks for, known or not.
	tok := login(t, c, "johndoe", "secret", "me\titems   admin")
	res := c.Get("/users/me/items/", routertest.Bearer(tok))
	expect(t, res, answer{200, `[{"item_id":"Foo","owner":"johndoe"}]`, ""})
}

func securityClaims(sub string, scopes ...string) security.Claims {
	return security.Claims{Subject: sub, Scopes: scopes}
}
