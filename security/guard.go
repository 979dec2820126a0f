package security

import (
	"errors"

	"github.com/rampart-go/rampart/di"
)

// BearerClaims returns a dependency that verifies the bearer token that
// token yields, usually from [OAuth2PasswordBearer], with verify, such as
// [JWT.Verify], and checks that the claims grant every scope required on
// the path that reaches it (its [di.SecurityScopes]). It yields the
// verified claims, which must be treated as read-only.
//
// It refuses a request with an [*AuthError] whose WWW-Authenticate
// challenge follows RFC 6750 §3, listing the required scopes in scope="..."
// whenever there are any:
//
//   - no token (an empty one, from an optional scheme or the header
//     "Bearer "): 401 "Not authenticated" and a challenge without an error
//     code, such as Bearer scope="me", since RFC 6750 §3.1 says a request
//     that lacks authentication gets no error information;
//   - a token verify rejects: 401 "Could not validate credentials" with
//     Bearer error="invalid_token", error_description="The access token
//     expired" (or "is not valid yet", or "is invalid"); the description
//     never repeats the token or verify's error, which stays in
//     [AuthError.Err];
//   - valid claims without every required scope: 403 "Not enough
//     permissions" with Bearer error="insufficient_scope",
//     scope="items me".
//
// The last answer is a deliberate improvement on FastAPI's OAuth2 scopes
// tutorial, which answers a missing scope with 401 "Not enough
// permissions" and a plain scope challenge. RFC 6750 §3.1 reserves 401 for
// missing or invalid tokens: a client that gets 401 retries with a new
// token, which cannot help when the user lacks the scope. For the
// tutorial's answers, write the dependency yourself with [Unauthorized],
// [BearerChallenge] and [MissingScopes], as the tutorial's
// get_current_user does.
//
// BearerClaims panics if verify is nil.
func BearerClaims(token di.Dep[string], verify func(token string) (*Claims, error)) di.Dep[*Claims] {
	if verify == nil {
		panic("security: BearerClaims: verify is nil")
	}
	guard := func(scopes di.Scopes, tok string) (*Claims, error) {
		if tok == "" {
			return nil, notAuthenticated(BearerChallenge(scopes))
		}

		claims, err := verify(tok)
		if err != nil || claims == nil {
			if err == nil {
				err = errors.New("security: BearerClaims: verify returned no claims and no error")
			}
			e := Unauthorized("Could not validate credentials",
				bearerError("invalid_token", tokenProblem(err), scopes))
			e.Err = err
			return nil, e
		}

		if !HasScopes(scopes, claims.Scopes) {
			return nil, Forbidden("Not enough permissions",
				bearerError("insufficient_scope", "", scopes))
		}
		return claims, nil
	}
	return di.WithName(di.Func2(guard, di.SecurityScopes(), token), "BearerClaims")
}

// tokenProblem describes why a token was rejected for error_description,
// in fixed words: the verifier's own message may quote the token's claims.
func tokenProblem(err error) string {
	switch {
	case errors.Is(err, ErrTokenExpired):
		return "The access token expired"
	case errors.Is(err, ErrTokenNotYetValid):
		return "The access token is not valid yet"
	}
	return "The access token is invalid"
}
