package security_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/security"
)

var guardNow = time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)

func guardJWT(t testing.TB) *security.JWT {
	t.Helper()
	j, err := security.NewJWT(security.JWTConfig{
		Keys: []security.Key{{Secret: []byte("a 32-byte or longer test secret for guard tests")}},
		Now:  func() time.Time { return guardNow },
	})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func mustIssue(t testing.TB, j *security.JWT, c security.Claims) string {
	t.Helper()
	tok, err := j.Issue(c)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestBearerClaims(t *testing.T) {
	j := guardJWT(t)
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	optional := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token", Optional: true})

	good := mustIssue(t, j, security.Claims{Subject: "johndoe", Scopes: []string{"me", "items"}})
	onlyMe := mustIssue(t, j, security.Claims{Subject: "johndoe", Scopes: []string{"me"}})
	expired := mustIssue(t, j, security.Claims{Subject: "johndoe", ExpiresAt: guardNow.Add(-time.Hour)})
	future := mustIssue(t, j, security.Claims{Subject: "johndoe", NotBefore: guardNow.Add(time.Hour)})

	const (
		invalid   = `Bearer error="invalid_token", error_description="The access token is invalid"`
		expiredCh = `Bearer error="invalid_token", error_description="The access token expired"`
	)
	tests := []struct {
		name      string
		token     di.Dep[string]
		scopes    []string
		header    string
		status    int // 0 for success
		detail    string
		challenge string
	}{
		{name: "valid", token: scheme, scopes: []string{"items", "me"}, header: "Bearer " + good},
		{name: "valid_no_scopes", token: scheme, header: "Bearer " + onlyMe},

		// RFC 6750 §3.1: no error code when the request has no token.
		{name: "no_header", token: scheme, scopes: []string{"me"},
			status: 401, detail: "Not authenticated", challenge: "Bearer"},
		{name: "empty_token", token: scheme, scopes: []string{"items", "me"}, header: "Bearer ",
			status: 401, detail: "Not authenticated", challenge: `Bearer scope="items me"`},
		{name: "optional_no_header", token: optional,
			status: 401, detail: "Not authenticated", challenge: "Bearer"},
		{name: "optional_no_header_scopes", token: optional, scopes: []string{"me"},
			status: 401, detail: "Not authenticated", challenge: `Bearer scope="me"`},

		{name: "garbage", token: scheme, header: "Bearer not.a.token",
			status: 401, detail: "Could not validate credentials", challenge: invalid},
		{name: "garbage_with_scopes", token: scheme, scopes: []string{"items", "me"}, header: "Bearer nope",
			status: 401, detail: "Could not validate credentials", challenge: invalid + `, scope="items me"`},
		{name: "expired", token: scheme, header: "Bearer " + expired,
			status: 401, detail: "Could not validate credentials", challenge: expiredCh},
		{name: "not_yet_valid", token: scheme, header: "Bearer " + future,
			status: 401, detail: "Could not validate credentials",
			challenge: `Bearer error="invalid_token", error_description="The access token is not valid yet"`},
		{name: "tampered", token: scheme, header: "Bearer " + good[:len(good)-4] + "AAAA",
			status: 401, detail: "Could not validate credentials", challenge: invalid},

		// RFC 6750 §3.1: 403 insufficient_scope, where the tutorial
		// answers 401.
		{name: "missing_scope", token: scheme, scopes: []string{"items", "me"}, header: "Bearer " + onlyMe,
			status: 403, detail: "Not enough permissions",
			challenge: `Bearer error="insufficient_scope", scope="items me"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			guard := di.Security(security.BearerClaims(tt.token, j.Verify), tt.scopes...)
			r := authRequest(t, "/users/me/items/")
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			claims, err := evalDep(guard, r)
			if tt.status == 0 {
				if err != nil {
					t.Fatalf("error %v, want claims", err)
				}
				if claims.Subject != "johndoe" {
					t.Errorf("Subject = %q, want johndoe", claims.Subject)
				}
				return
			}
			wantError(t, err, tt.status, tt.detail, tt.challenge)
			if tok := strings.TrimPrefix(tt.header, "Bearer "); tok != "" && strings.Contains(err.Error(), tok) {
				t.Errorf("error %q repeats the token", err)
			}
		})
	}
}

// TestBearerClaimsKeepsCause checks that the verifier's error stays
// reachable for logs while the client sees only fixed words.
func TestBearerClaimsKeepsCause(t *testing.T) {
	j := guardJWT(t)
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	expired := mustIssue(t, j, security.Claims{Subject: "x", ExpiresAt: guardNow.Add(-time.Minute)})

	_, err := evalDep(security.BearerClaims(scheme, j.Verify), authRequest(t, "/", "Authorization: Bearer "+expired))
	if !errors.Is(err, security.ErrTokenExpired) {
		t.Errorf("error %v does not match ErrTokenExpired", err)
	}
	var ae *security.AuthError
	if !errors.As(err, &ae) || ae.Status != http.StatusUnauthorized {
		t.Fatalf("error %v, want a 401 *security.AuthError", err)
	}
}

// TestBearerClaimsCustomVerifier uses a verifier that is not a JWT and
// misbehaves by returning neither claims nor an error.
func TestBearerClaimsCustomVerifier(t *testing.T) {
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	verify := func(tok string) (*security.Claims, error) {
		if tok == "opaque-admin" {
			return &security.Claims{Subject: "admin", Scopes: []string{"admin"}}, nil
		}
		return nil, nil
	}
	guard := di.Security(security.BearerClaims(scheme, verify), "admin")

	c, err := evalDep(guard, authRequest(t, "/", "Authorization: Bearer opaque-admin"))
	if err != nil || c.Subject != "admin" {
		t.Fatalf("got %v, %v; want admin's claims", c, err)
	}
	_, err = evalDep(guard, authRequest(t, "/", "Authorization: Bearer other"))
	wantError(t, err, 401, "Could not validate credentials",
		`Bearer error="invalid_token", error_description="The access token is invalid", scope="admin"`)
}

// TestBearerClaimsScopesFollowPaths checks that the guard sees the scopes
// of the path that reaches it, and that two paths with different scopes
// are checked separately.
func TestBearerClaimsScopesFollowPaths(t *testing.T) {
	j := guardJWT(t)
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	claims := security.BearerClaims(scheme, j.Verify)
	user := di.Func1(func(c *security.Claims) (string, error) { return c.Subject, nil }, claims)
	active := di.Func1(func(u string) (string, error) { return u, nil }, di.Security(user, "me"))
	items := di.Security(active, "items")

	onlyMe := mustIssue(t, j, security.Claims{Subject: "johndoe", Scopes: []string{"me"}})
	r := func() *http.Request { return authRequest(t, "/", "Authorization: Bearer "+onlyMe) }

	if got, err := evalDep(active, r()); err != nil || got != "johndoe" {
		t.Errorf("/users/me/ = %q, %v; want johndoe", got, err)
	}
	_, err := evalDep(items, r())
	wantError(t, err, 403, "Not enough permissions", `Bearer error="insufficient_scope", scope="items me"`)
}

func TestBearerClaimsNilVerifierPanics(t *testing.T) {
	defer func() {
		if got := recover(); got != "security: BearerClaims: verify is nil" {
			t.Errorf("panic = %v, want the nil verifier panic", got)
		}
	}()
	security.BearerClaims(security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "t"}), nil)
}

func BenchmarkBearerClaims(b *testing.B) {
	j := guardJWT(b)
	token := mustIssue(b, j, security.Claims{Subject: "johndoe", Scopes: []string{"me", "items"}})
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	pl := di.MustCompile(di.Security(security.BearerClaims(scheme, j.Verify), "items", "me"))
	r := httptest.NewRequest(http.MethodGet, "/users/me/items/", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pl.Eval(r); err != nil {
			b.Fatal(err)
		}
	}
}
