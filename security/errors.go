package security

import (
	"fmt"
	"net/http"
)

// AuthError is a refused authentication or authorization: the router
// answers it with Status, the body {"detail": Message} and, when Challenge
// is set, a WWW-Authenticate header. Every scheme of this package and
// [BearerClaims] return one; return one from your own dependencies too,
// for instance the tutorial's
//
//	security.Unauthorized("Could not validate credentials",
//		security.BearerChallenge(scopes))
//
// which answers 401 with WWW-Authenticate: Bearer scope="me".
//
// An AuthError never holds a credential: neither Message, Challenge nor
// Error repeats a token, key or password. Match it with [errors.As].
type AuthError struct {
	// Status is the HTTP status: 401 Unauthorized when credentials are
	// missing or invalid, 403 Forbidden when valid ones do not grant
	// enough.
	Status int

	// Message is the detail shown to the client, such as
	// "Not authenticated".
	Message string

	// Challenge is the value of the WWW-Authenticate header, such as
	// `Bearer` or `Basic realm="api"`, or empty for none. RFC 9110 §15.5.2
	// requires one on every 401.
	Challenge string

	// Err is the cause, such as a [*TokenError], kept for logs and
	// [errors.Is]; it never reaches the client.
	Err error
}

// AuthError has the methods the router renders an error with.
var _ interface {
	error
	StatusCode() int
	Detail() any
	Header() http.Header
} = (*AuthError)(nil)

// Unauthorized returns a 401 [*AuthError] with message as its detail and
// challenge as its WWW-Authenticate header.
func Unauthorized(message, challenge string) *AuthError {
	return &AuthError{Status: http.StatusUnauthorized, Message: message, Challenge: challenge}
}

// Forbidden returns a 403 [*AuthError] with message as its detail and
// challenge, which may be empty, as its WWW-Authenticate header.
func Forbidden(message, challenge string) *AuthError {
	return &AuthError{Status: http.StatusForbidden, Message: message, Challenge: challenge}
}

// Error reports the status and message, then the cause if there is one:
// "security: 401 Could not validate credentials: security: token is
// expired".
func (e *AuthError) Error() string {
	s := fmt.Sprintf("security: %d %s", e.Status, e.Message)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause, or nil.
func (e *AuthError) Unwrap() error { return e.Err }

// StatusCode reports Status, for the router.
func (e *AuthError) StatusCode() int { return e.Status }

// Detail reports Message, the value of the response's "detail" member.
func (e *AuthError) Detail() any { return e.Message }

// Header returns the WWW-Authenticate header to send, or nil when
// Challenge is empty. Each call returns a new map.
func (e *AuthError) Header() http.Header {
	if e.Challenge == "" {
		return nil
	}
	return http.Header{"Www-Authenticate": {e.Challenge}}
}

// notAuthenticated is the error every scheme returns for missing or
// unusable credentials since FastAPI 0.122.0: 401 "Not authenticated" with
// the scheme's challenge. FastAPI answered 403 before that release.
func notAuthenticated(challenge string) *AuthError {
	return Unauthorized("Not authenticated", challenge)
}
