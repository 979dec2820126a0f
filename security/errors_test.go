package security_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/rampart-go/rampart/security"
)

func sprintfArg(format string, arg any) string { return fmt.Sprintf(format, arg) }

func TestAuthError(t *testing.T) {
	cause := errors.New("token is expired")
	e := security.Unauthorized("Could not validate credentials", `Bearer scope="me"`)
	e.Err = cause

	var he httpError = e
	if he.StatusCode() != http.StatusUnauthorized {
		t.Errorf("StatusCode() = %d, want 401", he.StatusCode())
	}
	body, err := json.Marshal(map[string]any{"detail": he.Detail()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(body), `{"detail":"Could not validate credentials"}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if got := he.Header().Get("WWW-Authenticate"); got != `Bearer scope="me"` {
		t.Errorf("WWW-Authenticate = %q, want %q", got, `Bearer scope="me"`)
	}
	if got, want := e.Error(), "security: 401 Could not validate credentials: token is expired"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, cause) {
		t.Errorf("errors.Is(e, cause) = false, want true")
	}
}

func TestForbiddenWithoutChallenge(t *testing.T) {
	e := security.Forbidden("Inactive user", "")
	if e.StatusCode() != http.StatusForbidden {
		t.Errorf("StatusCode() = %d, want 403", e.StatusCode())
	}
	if h := e.Header(); h != nil {
		t.Errorf("Header() = %v, want nil", h)
	}
	if got, want := e.Error(), "security: 403 Inactive user"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
