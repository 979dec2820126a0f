package main

import (
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/security"
	"go.uber.org/dig"
)

// accessTokenExpire is ACCESS_TOKEN_EXPIRE_MINUTES of the tutorial.
const accessTokenExpire = 30 * time.Minute

// Token is the answer of POST /token.
type Token struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
}

// User is what the API shows of a user. Optional fields are pointers, so
// the OpenAPI document marks them optional and nullable, as pydantic does
// for `str | None = None`.
type User struct {
	Username string  `json:"username"`
	Email    *string `json:"email"`
	FullName *string `json:"full_name"`
	Disabled *bool   `json:"disabled"`
}

// userInDB is a user with the password hash the API never shows.
type userInDB struct {
	User
	HashedPassword string
}

// UsersDB is the tutorial's fake_users_db, an application-scoped value the
// dig container provides.
type UsersDB map[string]userInDB

// fakeUsersDB returns the tutorial's two users: johndoe, whose password is
// "secret", and alice ("secretalice"), who is disabled.
func fakeUsersDB() UsersDB {
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	return UsersDB{
		"johndoe": {
			User: User{
				Username: "johndoe", FullName: s("John Doe"),
				Email: s("johndoe@example.com"), Disabled: b(false),
			},
			HashedPassword: "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
		},
		"alice": {
			User: User{
				Username: "alice", FullName: s("Alice Chains"),
				Email: s("alicechains@example.com"), Disabled: b(true),
			},
			HashedPassword: "$2b$12$gSvqqUPvlXP2tfVFaWK1Be7DlH.PKZbv5H8KnzzVgXXbVxpva.pFm",
		},
	}
}

// Passwords checks passwords against the stored hashes. Its dummy check
// makes an unknown user cost as much time as a wrong password, which the
// tutorial's authenticate_user does not do.
type Passwords struct {
	hasher *security.PasswordHasher
}

func newPasswords() (*Passwords, error) {
	h, err := security.NewPasswordHasher(security.PasswordConfig{Algorithm: security.Bcrypt})
	return &Passwords{hasher: h}, err
}

// authenticate is the tutorial's authenticate_user.
func (p *Passwords) authenticate(db UsersDB, username, password string) (*userInDB, bool) {
	user, ok := db[username]
	if !ok {
		p.hasher.VerifyDummy(password) //nolint:errcheck // always a mismatch
		return nil, false
	}
	if security.VerifyPassword(user.HashedPassword, password) != nil {
		return nil, false
	}
	return &user, true
}

// newTokens returns the JWT signer and verifier: HS256 with secret, tokens
// valid for 30 minutes, scopes read from the "scopes" list as the tutorial
// does. Like PyJWT, which the tutorial uses, it accepts a token without an
// expiry; the tokens it issues always have one.
func newTokens(secret []byte, cacheSize int) (*security.JWT, error) {
	return security.NewJWT(security.JWTConfig{
		Keys:           []security.Key{{Secret: secret, Algorithm: "HS256"}},
		Lifetime:       accessTokenExpire,
		ScopeClaim:     "scopes",
		ExpiryOptional: true,
		CacheSize:      cacheSize,
	})
}

// oauth2Scheme reads the bearer token and documents the password flow
// with the tutorial's two scopes.
var oauth2Scheme = security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{
	TokenURL: "token",
	Scopes: []security.Scope{
		{Name: "me", Description: "Read information about the current user."},
		{Name: "items", Description: "Read items."},
	},
})

// The dependency graph: getCurrentUser -> getCurrentActiveUser -> handlers.
var (
	currentUser = di.Func4(getCurrentUser, di.SecurityScopes(), oauth2Scheme,
		di.Singleton[*security.JWT](), di.Singleton[UsersDB]())
	currentActiveUser = di.Func1(getCurrentActiveUser, di.Security(currentUser, "me"))
)

// getCurrentUser is the tutorial's get_current_user: it verifies the
// token, finds its user and checks that the token grants every scope the
// path to it requires.
func getCurrentUser(scopes di.Scopes, token string, tokens *security.JWT, db UsersDB) (*User, error) {
	claims, err := tokens.Verify(token)
	if err != nil || claims.Subject == "" {
		return nil, credentialsError(scopes, err)
	}
	user, ok := db[claims.Subject]
	if !ok {
		return nil, credentialsError(scopes, errors.New("unknown user"))
	}
	for scope := range scopes.All() {
		if !slices.Contains(claims.Scopes, scope) {
			return nil, security.Unauthorized("Not enough permissions", security.BearerChallenge(scopes))
		}
	}
	return &user.User, nil
}

// credentialsError is the tutorial's credentials_exception, built only
// when needed. cause stays in the error for logs; the client never sees it.
func credentialsError(scopes di.Scopes, cause error) error {
	e := security.Unauthorized("Could not validate credentials", security.BearerChallenge(scopes))
	e.Err = cause
	return e
}

// getCurrentActiveUser is the tutorial's get_current_active_user.
func getCurrentActiveUser(user *User) (*User, error) {
	if user.Disabled != nil && *user.Disabled {
		return nil, router.Error(http.StatusBadRequest, "Inactive user")
	}
	return user, nil
}

// loginForAccessToken is POST /token: it checks the password and issues a
// token carrying the scopes the client asked for.
func loginForAccessToken(form *security.PasswordRequestForm, db UsersDB, pw *Passwords, tokens *security.JWT) (*Token, error) {
	user, ok := pw.authenticate(db, form.Username, form.Password)
	if !ok {
		return nil, router.Error(http.StatusBadRequest, "Incorrect username or password")
	}
	token, err := tokens.Issue(security.Claims{Subject: user.Username, Scopes: form.Scopes})
	if err != nil {
		return nil, err
	}
	return &Token{AccessToken: token, TokenType: "bearer"}, nil
}

// readUsersMe is GET /users/me/.
func readUsersMe(user *User) (*User, error) { return user, nil }

// readOwnItems is GET /users/me/items/. Like the tutorial's function it
// declares no response model, so the OpenAPI document leaves its schema
// open, as FastAPI's does.
func readOwnItems(user *User) (any, error) {
	return []map[string]string{{"item_id": "Foo", "owner": user.Username}}, nil
}

// readSystemStatus is GET /status/.
func readSystemStatus(*User) (any, error) {
	return map[string]string{"status": "ok"}, nil
}

// newRouter declares the tutorial's routes. The secret signs tokens;
// cacheSize, when positive, turns on the verified-token cache.
func newRouter(secret []byte, cacheSize int, opts ...router.Option) (*router.Router, error) {
	c := dig.New()
	if err := provideAll(c,
		fakeUsersDB,
		newPasswords,
		func() (*security.JWT, error) { return newTokens(secret, cacheSize) },
	); err != nil {
		return nil, err
	}

	r := router.New(append([]router.Option{router.Title("FastAPI"), router.Container(c)}, opts...)...)
	r.Post("/token", di.Func4(loginForAccessToken, security.PasswordForm(),
		di.Singleton[UsersDB](), di.Singleton[*Passwords](), di.Singleton[*security.JWT]()))
	r.Get("/users/me/", di.Func1(readUsersMe, currentActiveUser))
	r.Get("/users/me/items/", di.Func1(readOwnItems, di.Security(currentActiveUser, "items")))
	r.Get("/status/", di.Func1(readSystemStatus, currentUser))
	return r, r.Build()
}

func provideAll(c *dig.Container, constructors ...any) error {
	for _, ctor := range constructors {
		if err := c.Provide(ctor); err != nil {
			return err
		}
	}
	return nil
}
