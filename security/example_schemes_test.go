package security_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/security"
)

// printOutcome prints a value, or an error as the router would answer it.
func printOutcome(v any, err error) {
	var ae *security.AuthError
	switch {
	case errors.As(err, &ae):
		fmt.Printf("%d %s; WWW-Authenticate: %s\n", ae.Status, ae.Message, ae.Challenge)
	case err != nil:
		detail, _ := json.Marshal(err.(interface{ Detail() any }).Detail())
		fmt.Printf("%s\n", detail)
	default:
		fmt.Println(v)
	}
}

// The tutorial's get_current_user, in Go: the scheme extracts the token,
// and a dependency of yours checks it, refusing a bad one with a
// challenge that names the scopes the route needs.
func ExampleOAuth2PasswordBearer() {
	oauth2Scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{
		TokenURL: "token",
		Scopes: []security.Scope{
			{Name: "me", Description: "Read information about the current user."},
			{Name: "items", Description: "Read items."},
		},
	})

	getCurrentUser := func(scopes di.Scopes, token string) (string, error) {
		if token != "johndoe-token" { // a real app verifies a JWT here
			return "", security.Unauthorized("Could not validate credentials",
				security.BearerChallenge(scopes))
		}
		return "johndoe", nil
	}
	currentUser := di.Func2(getCurrentUser, di.SecurityScopes(), oauth2Scheme)
	readUsersMe := di.MustCompile(di.Security(currentUser, "me"))

	for _, auth := range []string{"Bearer johndoe-token", "Bearer forged", ""} {
		r := httptest.NewRequest(http.MethodGet, "/users/me/", nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		printOutcome(readUsersMe.Eval(r))
	}
	// Output:
	// johndoe
	// 401 Could not validate credentials; WWW-Authenticate: Bearer scope="me"
	// 401 Not authenticated; WWW-Authenticate: Bearer
}

// The token endpoint reads the password form; a client that leaves fields
// out gets every problem at once, in FastAPI's shape.
func ExamplePasswordForm() {
	login := func(form *security.PasswordRequestForm) (string, error) {
		// A real app checks form.Password with security.VerifyPassword.
		return fmt.Sprintf("%s asks for %q", form.Username, form.Scopes), nil
	}
	token := di.MustCompile(di.Func1(login, security.PasswordForm()))

	for _, body := range []string{
		"username=johndoe&password=secret&scope=me%20items",
		"grant_type=client_credentials&password=secret",
	} {
		r := httptest.NewRequest(http.MethodPost, "/token", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		printOutcome(token.Eval(r))
	}
	// Output:
	// johndoe asks for ["me" "items"]
	// [{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"client_credentials","ctx":{"pattern":"^password$"}},{"type":"missing","loc":["body","username"],"msg":"Field required","input":null}]
}

// BearerClaims verifies the token and the scopes its path requires, and
// answers as RFC 6750 §3.1 asks: 401 for a missing or bad token, 403
// insufficient_scope for a valid token without the scopes.
func ExampleBearerClaims() {
	tokens, err := security.NewJWT(security.JWTConfig{
		Keys: []security.Key{{Secret: []byte("a 32-byte or longer secret, not this one!")}},
	})
	if err != nil {
		panic(err)
	}
	oauth2Scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"})
	claims := security.BearerClaims(oauth2Scheme, tokens.Verify)

	subject := func(c *security.Claims) (string, error) { return c.Subject, nil }
	currentUser := di.Func1(subject, claims)
	readUsersMe := di.MustCompile(di.Security(currentUser, "me"))
	readOwnItems := di.MustCompile(di.Security(currentUser, "items", "me"))

	token, err := tokens.Issue(security.Claims{
		Subject:   "johndoe",
		Scopes:    []string{"me"},
		ExpiresAt: time.Now().Add(time.Minute),
	})
	if err != nil {
		panic(err)
	}
	get := func(auth string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Authorization", auth)
		return r
	}

	printOutcome(readUsersMe.Eval(get("Bearer " + token)))
	printOutcome(readOwnItems.Eval(get("Bearer " + token)))
	printOutcome(readOwnItems.Eval(get("Bearer not-a-jwt")))
	printOutcome(readOwnItems.Eval(get("Bearer ")))
	// Output:
	// johndoe
	// 403 Not enough permissions; WWW-Authenticate: Bearer error="insufficient_scope", scope="items me"
	// 401 Could not validate credentials; WWW-Authenticate: Bearer error="invalid_token", error_description="The access token is invalid", scope="items me"
	// 401 Not authenticated; WWW-Authenticate: Bearer scope="items me"
}
