// Package security provides FastAPI's security utilities as [di]
// dependencies: schemes that read credentials from a request, the OAuth2
// password form, helpers for OAuth2 scopes, a guard that checks bearer
// tokens and their scopes, JSON Web Tokens and password hashing.
//
// Nothing here imports the router. Refusals are [*AuthError] values and
// validation problems [*params.ValidationError] values, which the router
// renders from their StatusCode, Detail and Header methods; schemes and
// the form describe themselves for the OpenAPI document through the
// [di.Dep.Meta] they carry.
//
// # Schemes
//
// Each scheme is a constructor taking a small config struct whose zero
// fields mean FastAPI's defaults, and returning a [di.Dep] that extracts
// credentials, as FastAPI's classes of the same names do:
//
//   - [OAuth2PasswordBearer] and [OAuth2AuthorizationCodeBearer] yield the
//     bearer token of the Authorization header;
//   - [OpenIDConnect] yields the whole Authorization header;
//   - [HTTPBearer] and [HTTPDigest] yield [*HTTPAuthorizationCredentials];
//   - [HTTPBasic] yields [*HTTPBasicCredentials];
//   - [APIKeyHeader], [APIKeyQuery] and [APIKeyCookie] yield an API key.
//
// A scheme only extracts: checking the credentials is the job of a
// dependency of yours, or of [BearerClaims]. Missing or unusable
// credentials are refused as current FastAPI (0.122.0 and later) refuses
// them: 401 {"detail": "Not authenticated"} with the scheme's
// WWW-Authenticate challenge (Bearer, Basic, Basic realm="...", Digest or
// APIKey). Older FastAPI answered 403. With a config's Optional set,
// FastAPI's auto_error=False, missing credentials yield the zero value
// instead.
//
// The Authorization header is split as FastAPI's
// get_authorization_scheme_param splits it: at the first space, the
// scheme compared without regard to case, the credentials stripped of
// surrounding whitespace. Basic credentials are decoded as Python's
// lenient base64 decoder decodes them, and query and cookie values as
// Starlette parses them, so that a client FastAPI accepts is accepted
// here.
//
// Each scheme's Meta is a [SchemeInfo]: the router puts its scheme in
// components.securitySchemes and lists it, with the scopes accumulated on
// the path that reaches it, in the security of every operation that uses
// it. Attach a SchemeInfo with [di.WithMeta] to a scheme of your own.
//
// # The password form
//
// [PasswordForm] and [PasswordFormStrict] read the form a client posts to
// a token endpoint, FastAPI's OAuth2PasswordRequestForm and
// OAuth2PasswordRequestFormStrict, into a [*PasswordRequestForm]. Missing
// fields and a grant_type other than "password" are reported together in
// FastAPI's 422 shape; the password and client secret are never echoed,
// printed or logged. The form describes its body for the OpenAPI
// document exactly as FastAPI does.
//
// # Scopes
//
// A dependency that takes [di.SecurityScopes] learns the scopes its path
// requires. [MissingScopes] and [HasScopes] compare them with the scopes
// a token grants, [ParseScope] splits a scope parameter, and
// [BearerChallenge] builds the tutorial's challenge, Bearer scope="me",
// for [Unauthorized] and [Forbidden].
//
// [BearerClaims] does all of it for bearer tokens: it verifies the token
// and checks its scopes, answering as RFC 6750 §3.1 asks. A missing
// scope gets 403 with error="insufficient_scope", where FastAPI's
// tutorial answers 401; see [BearerClaims] for why and how to get the
// tutorial's answers.
//
// # Tokens
//
// [JWT] issues and verifies JSON Web Tokens with the keys of a
// [JWTConfig]: HMAC, RSA, ECDSA or Ed25519 keys, each pinned to one
// algorithm so that a token cannot choose how it is checked, with key IDs
// for rotation. [JWT.Verify] checks the signature, "exp" (required by
// default), "nbf", "iss" and "aud", and returns [*Claims], whose Scopes
// are read from a "scopes" list, as FastAPI's tutorial writes them, or an
// RFC 9068 "scope" string. Its errors are [*TokenError] values matching
// [ErrTokenExpired] and the other ErrToken sentinels, and never repeat
// the token. An optional cache of verified tokens skips the signature
// check for a token seen again.
//
// # Passwords
//
// [PasswordHasher] hashes passwords with argon2id, or bcrypt, with
// parameters from the OWASP Password Storage Cheat Sheet, and tells with
// [PasswordHasher.NeedsRehash] which stored hashes to upgrade as users log
// in. [VerifyPassword] checks a password against an argon2id or bcrypt
// hash, including the bcrypt hashes FastAPI's tutorial made with passlib,
// in constant time. [PasswordHasher.VerifyDummy] spends the time of a
// check for an unknown user, so that response times do not reveal which
// users exist.
package security
