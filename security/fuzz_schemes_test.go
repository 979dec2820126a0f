package security_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/security"
)

// FuzzBearerExtraction feeds random Authorization headers to
// OAuth2PasswordBearer and HTTPBearer. Neither may panic, and each must
// accept exactly what FastAPI accepts:
//
//   - OAuth2PasswordBearer: any non-empty header whose scheme, the part
//     before the first space (all of it when there is none), is "bearer"
//     in any case, yielding the rest stripped of whitespace; "Bearer" and
//     "Bearer " yield an empty token, as in FastAPI.
//   - HTTPBearer: the same, but only when the stripped token is not empty.
//
// Everything else is a 401 "Not authenticated" with WWW-Authenticate:
// Bearer.
func FuzzBearerExtraction(f *testing.F) {
	for _, seed := range []string{
		"", "Bearer abc", "bearer abc", "BEARER  abc  ", "Bearer", "Bearer ",
		"Bearer\tabc", "Basic YWJjOmRlZg==", "Bearerabc", " Bearer abc",
		"Bearer a b c", "Bearer \x85abc\xa0", "B\u0130arer x", "bearer\u212a x",
		"Bearer \x00", "Bearer \r\n x",
	} {
		f.Add(seed)
	}
	password := di.MustCompile(security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{TokenURL: "token"}))
	bearer := di.MustCompile(security.HTTPBearer(security.HTTPBearerConfig{}))

	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header["Authorization"] = []string{header}

		scheme, rest, _ := strings.Cut(header, " ")
		isBearer := header != "" && strings.ToLower(scheme) == "bearer"
		token := stripLatin1(rest)

		got, err := password.Eval(r)
		switch {
		case isBearer && err != nil:
			t.Fatalf("OAuth2PasswordBearer(%q): error %v, want token %q", header, err, token)
		case isBearer && got != token:
			t.Fatalf("OAuth2PasswordBearer(%q) = %q, want %q", header, got, token)
		case !isBearer:
			wantError(t, err, 401, "Not authenticated", "Bearer")
		}

		creds, err := bearer.Eval(r)
		switch {
		case isBearer && token != "":
			if err != nil || creds == nil || creds.Scheme != scheme || creds.Credentials != token {
				t.Fatalf("HTTPBearer(%q) = %+v, %v; want {%q %q}", header, creds, err, scheme, token)
			}
		default:
			wantError(t, err, 401, "Not authenticated", "Bearer")
		}
	})
}

// stripLatin1 is Python's str.strip on a header that Starlette decoded as
// Latin-1, written independently of the package's own trimming.
func stripLatin1(s string) string {
	const space = "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0"
	isSpace := func(b byte) bool { return strings.IndexByte(space, b) >= 0 }
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// FuzzPasswordForm feeds random bodies with random content types to
// PasswordForm and PasswordFormStrict. Neither may panic; each must
// either yield a form whose required fields are present and whose
// grant_type is "password" or absent, or fail with a *params.ValidationError
// that never echoes the password or client secret, or with a 400
// [*params.BodyError].
func FuzzPasswordForm(f *testing.F) {
	const (
		form      = "application/x-www-form-urlencoded"
		multi     = "multipart/form-data; boundary=X"
		multiBody = "--X\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\njohn\r\n" +
			"--X\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nsecret\r\n--X--\r\n"
	)
	seeds := [][2]string{
		{form, "username=johndoe&password=secret"},
		{form, "grant_type=password&username=a&password=b&scope=me+items&client_id=c&client_secret=d"},
		{form, "grant_type=foo&password=secret"},
		{form, "username=a;password=b"},
		{form, "username=%zz&password=%E2%82&scope=%09me%0Aitems"},
		{form, "&&=&username&password=="},
		{form + "; charset=utf-8", "username=a&password=b"},
		{form, ""},
		{multi, multiBody},
		{multi, "--X\r\n"},
		{"multipart/form-data", "no boundary"},
		{"multipart/form-data; boundary=\"", "x"},
		{"application/json", `{"username":"a","password":"b"}`},
		{"", "username=a&password=b"},
		{"text/plain;;;", "username=a"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	plans := []*di.Plan[*security.PasswordRequestForm]{
		di.MustCompile(security.PasswordForm()),
		di.MustCompile(security.PasswordFormStrict()),
	}

	f.Fuzz(func(t *testing.T, contentType, body string) {
		for i, pl := range plans {
			r := httptest.NewRequest(http.MethodPost, "/token", strings.NewReader(body))
			r.Header.Set("Content-Type", contentType)
			got, err := pl.Eval(r)
			strict := i == 1

			if err == nil {
				if got.Username == "" || got.Password == "" {
					t.Fatalf("form %q (%s) accepted without username or password: %v", body, contentType, formFields(*got))
				}
				if got.GrantType != "password" && (strict || got.GrantType != "") {
					t.Fatalf("form %q (%s) accepted grant_type %q", body, contentType, got.GrantType)
				}
				continue
			}

			var ve *params.ValidationError
			if errors.As(err, &ve) {
				for _, fe := range ve.Errors {
					if fe.Loc[1] == "password" || fe.Loc[1] == "client_secret" {
						if fe.Input != nil {
							t.Fatalf("form %q: error %v echoes a secret", body, fe)
						}
					}
				}
				continue
			}
			var be *params.BodyError
			if errors.As(err, &be) && be.StatusCode() == http.StatusBadRequest &&
				be.Detail() == "There was an error parsing the body" {
				continue
			}
			t.Fatalf("form %q (%s): error %v (%T), want a validation or body error", body, contentType, err, err)
		}
	})
}
