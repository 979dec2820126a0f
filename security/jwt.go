package security

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Defaults that a zero [JWTConfig] field stands for.
const (
	// DefaultTokenLifetime is the lifetime of an issued token whose
	// [Claims.ExpiresAt] is zero. It matches the 15 minutes that FastAPI's
	// tutorial gives create_access_token when no expires_delta is passed
	// (https://fastapi.tiangolo.com/tutorial/security/oauth2-jwt/).
	DefaultTokenLifetime = 15 * time.Minute

	// DefaultMaxTokenSize is the largest token, in bytes, that [JWT.Verify]
	// parses. Real access tokens are well under 2 KiB; the limit keeps a
	// client from making the server decode megabytes of JSON.
	DefaultMaxTokenSize = 8 << 10
)

// Claims is the content of a JSON Web Token (RFC 7519 §4). Each field
// names the claim it is written to; a zero field is left out of an issued
// token, and a claim absent from a verified token leaves its field zero.
//
// Claims returned by [JWT.Verify] may be shared with other callers through
// the verified-token cache and must be treated as read-only.
type Claims struct {
	// Subject is the "sub" claim: whom the token is about, usually a user
	// name or ID, as in FastAPI's tutorial.
	Subject string

	// Scopes are the scopes granted to the token. They are issued as a JSON
	// list in a "scopes" claim, as FastAPI's tutorial does
	// (https://fastapi.tiangolo.com/advanced/security/oauth2-scopes/). When
	// verifying, they are read from a "scopes" list or, if there is none,
	// from the space-delimited "scope" string of RFC 9068 §2.2.3.1.
	Scopes []string

	// ExpiresAt is the "exp" claim, the instant from which the token is
	// rejected. Verified times are in UTC with the second precision of
	// RFC 7519 NumericDate.
	ExpiresAt time.Time

	// NotBefore is the "nbf" claim, the instant before which the token is
	// rejected.
	NotBefore time.Time

	// IssuedAt is the "iat" claim, the instant the token was issued.
	IssuedAt time.Time

	// Issuer is the "iss" claim, who issued the token.
	Issuer string

	// Audience is the "aud" claim, the recipients the token is meant for.
	Audience []string

	// ID is the "jti" claim, a unique identifier for the token.
	ID string

	// Extra holds every other claim, decoded as by [encoding/json] into an
	// any. When issuing, Extra must not hold a name that a field above
	// owns.
	Extra map[string]any
}

// JWTConfig configures a [JWT]. Every zero field means its default, but
// Keys must hold at least one key.
type JWTConfig struct {
	// Keys are the keys tokens are signed and verified with. Keys[0] is
	// the current key, which [JWT.Issue] signs with; the others only
	// verify, so that tokens signed before a key rotation stay valid until
	// they expire. When there is more than one key, each needs a distinct
	// ID.
	Keys []Key

	// Algorithms is the allow-list of algorithms a token may be signed
	// with, among HS256, HS384, HS512, RS256, ES256 and EdDSA. Empty means
	// the algorithms of Keys. "none" is never allowed.
	Algorithms []string

	// Leeway is the clock skew tolerated when checking "exp" and "nbf".
	Leeway time.Duration

	// Issuer, when set, is required in the "iss" claim of every token, and
	// written to issued tokens whose Claims.Issuer is empty.
	Issuer string

	// Audience lists the names this verifier answers to. A token must
	// carry one of them in its "aud" claim; a token with an "aud" claim is
	// rejected when Audience is empty, as RFC 7519 §4.1.3 requires. It is
	// written to issued tokens whose Claims.Audience is empty.
	Audience []string

	// Lifetime is how long an issued token stays valid when its
	// Claims.ExpiresAt is zero. Zero means [DefaultTokenLifetime].
	Lifetime time.Duration

	// ScopeClaim chooses where [JWT.Verify] reads scopes from: "" means
	// the "scopes" list or, when there is none, the "scope" string;
	// "scopes" means only the list, as FastAPI's tutorial reads it (a
	// null list is then rejected, as the tutorial's pydantic model
	// rejects it); "scope" means only the RFC 9068 string.
	ScopeClaim string

	// ExpiryOptional lets tokens without an "exp" claim through. By
	// default they are rejected: a bearer token that never expires cannot
	// be withdrawn short of rotating the key.
	ExpiryOptional bool

	// MaxTokenSize is the size in bytes above which a token is rejected
	// before it is decoded. Zero means [DefaultMaxTokenSize].
	MaxTokenSize int

	// CacheSize is the number of verified tokens remembered so that a
	// token seen again skips its signature check; "exp" and "nbf" are still
	// checked on every use. Zero turns the cache off. Each entry holds the
	// token and its claims, so budget about twice the token size per entry.
	CacheSize int

	// Now reports the current time. Nil means [time.Now]; tests set it to
	// pin the clock.
	Now func() time.Time
}

// JWT issues and verifies JSON Web Tokens signed with the keys of its
// [JWTConfig]. It is safe for concurrent use.
type JWT struct {
	keys     []jwtKey
	byID     map[string]*jwtKey
	allowed  []string
	parser   *jwt.Parser
	keyfunc  jwt.Keyfunc
	cache    *tokenCache
	now      func() time.Time
	lifetime time.Duration
	maxSize  int
	issuer   string
	audience []string
	scopeAt  string
}

// NewJWT returns a [JWT] configured by cfg. It reports every problem with
// cfg at once, one per line: a missing or weak key, a key type that does
// not fit its algorithm, an unknown algorithm or "none" in the allow-list.
func NewJWT(cfg JWTConfig) (*JWT, error) {
	j := &JWT{
		byID:     make(map[string]*jwtKey, len(cfg.Keys)),
		now:      cfg.Now,
		lifetime: cfg.Lifetime,
		maxSize:  cfg.MaxTokenSize,
		issuer:   cfg.Issuer,
		audience: slices.Clone(cfg.Audience),
		scopeAt:  cfg.ScopeClaim,
	}
	if j.now == nil {
		j.now = time.Now
	}
	if j.lifetime <= 0 {
		j.lifetime = DefaultTokenLifetime
	}
	if j.maxSize <= 0 {
		j.maxSize = DefaultMaxTokenSize
	}

	errs := j.setKeys(cfg.Keys)
	errs = append(errs, j.setAlgorithms(cfg.Algorithms)...)
	if cfg.Leeway < 0 {
		errs = append(errs, fmt.Errorf("security: JWTConfig.Leeway is negative: %v", cfg.Leeway))
	}
	switch cfg.ScopeClaim {
	case "", "scopes", "scope":
	default:
		errs = append(errs, fmt.Errorf(`security: JWTConfig.ScopeClaim is %q, want "", "scopes" or "scope"`, cfg.ScopeClaim))
	}
	if cfg.CacheSize < 0 {
		errs = append(errs, fmt.Errorf("security: JWTConfig.CacheSize is negative: %d",
			cfg.CacheSize))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	opts := []jwt.ParserOption{
		jwt.WithValidMethods(j.allowed),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithTimeFunc(j.now),
		// Strict decoding rejects base64 with stray trailing bits, so that
		// no two token strings carry the same signature.
		jwt.WithStrictDecoding(),
	}
	if !cfg.ExpiryOptional {
		opts = append(opts, jwt.WithExpirationRequired())
	}
	if cfg.Issuer != "" {
		opts = append(opts, jwt.WithIssuer(cfg.Issuer))
	}
	if len(cfg.Audience) > 0 {
		opts = append(opts, jwt.WithAudience(cfg.Audience...))
	}
	j.parser = jwt.NewParser(opts...)
	// Bind the method once: a method value made per call would allocate.
	j.keyfunc = j.lookupKey
	if cfg.CacheSize > 0 {
		j.cache = newTokenCache(cfg.CacheSize, cfg.Leeway)
	}
	return j, nil
}

// Issue signs c with the current key, Keys[0] of the [JWTConfig], and
// returns the compact token. A zero c.ExpiresAt becomes now plus the
// configured lifetime, a zero c.IssuedAt becomes now, and an empty
// c.Issuer or c.Audience takes the configured one. Issue fails when the
// current key has no private half or c.Extra holds a registered claim.
func (j *JWT) Issue(c Claims) (string, error) {
	k := &j.keys[0]
	if k.sign == nil {
		return "", fmt.Errorf("security: JWTConfig.Keys[0]%s has no private key, so this JWT can only verify",
			kidLabel(k.id))
	}
	for name := range c.Extra {
		if field, ok := claimFields[name]; ok {
			return "", fmt.Errorf("security: Claims.Extra holds %q, which belongs to Claims.%s",
				name, field)
		}
	}

	now := j.now()
	if c.ExpiresAt.IsZero() {
		c.ExpiresAt = now.Add(j.lifetime)
	}
	if c.IssuedAt.IsZero() {
		c.IssuedAt = now
	}
	if c.Issuer == "" {
		c.Issuer = j.issuer
	}
	if len(c.Audience) == 0 {
		c.Audience = j.audience
	}

	tok := jwt.NewWithClaims(k.method, c.mapClaims())
	if k.id != "" {
		tok.Header["kid"] = k.id
	}
	s, err := tok.SignedString(k.sign)
	if err != nil {
		return "", fmt.Errorf("security: sign token with %s key%s: %w", k.alg, kidLabel(k.id), err)
	}
	return s, nil
}

// Verify checks the token's size, algorithm, key and signature, then its
// "exp", "nbf", "iss" and "aud" claims, and returns its claims. A token
// without "exp" is rejected unless [JWTConfig.ExpiryOptional] is set. The
// claims are read-only: with the cache on, later calls with the same token
// return the same *Claims.
//
// Every error is a *[TokenError] and matches one of [ErrTokenMalformed],
// [ErrTokenUnverifiable], [ErrTokenSignature], [ErrTokenExpired],
// [ErrTokenNotYetValid] or [ErrTokenClaims] under [errors.Is]. No error
// repeats the token.
func (j *JWT) Verify(token string) (*Claims, error) {
	if len(token) > j.maxSize {
		return nil, tokenErr(ErrTokenMalformed, nil,
			"token is %d bytes, more than the limit of %d", len(token), j.maxSize)
	}
	if j.cache != nil {
		if c, err, ok := j.cache.get(token, j.now()); ok {
			return c, err
		}
	}

	c, err := j.verify(token)
	if err != nil {
		return nil, err
	}
	if j.cache != nil {
		j.cache.put(token, c, j.now())
	}
	return c, nil
}

// verify is Verify without the cache.
func (j *JWT) verify(token string) (*Claims, error) {
	if token == "" {
		return nil, tokenErr(ErrTokenMalformed, nil, "token is empty")
	}
	if err := checkCompact(token); err != nil {
		return nil, err
	}

	mc := jwt.MapClaims{}
	tok, err := j.parser.ParseWithClaims(token, mc, j.keyfunc)
	if err != nil {
		if errors.Is(err, jwt.ErrTokenMalformed) {
			if bad := scanCompact(token); bad != nil {
				return nil, bad
			}
		}
		return nil, j.parseError(tok, mc, err)
	}

	// claimsFrom checks the types of the claims jwt does not validate.
	c, err := claimsFrom(mc, j.scopeAt)
	if err != nil {
		return nil, err
	}
	// RFC 7519 §4.1.3: a recipient that does not find itself in a
	// present "aud" must reject the token. jwt only checks "aud" when an
	// audience is expected.
	if len(j.audience) == 0 && len(c.Audience) > 0 {
		return nil, tokenErr(ErrTokenClaims, nil,
			"token has an aud claim, and JWTConfig.Audience is empty")
	}
	return c, nil
}

// checkCompact checks that token has the shape of RFC 7515 §7.1: three
// base64url segments joined by dots. Five segments would be an encrypted
// JWE, which is not supported. Any other byte is refused here because
// encoding/base64 skips line breaks, even in strict mode: without this
// check, a token with "\n" added to its signature would still verify.
func checkCompact(token string) error {
	// The fast path: IndexAny and Count are vectorised, and every verified
	// request scans its whole token. Other bytes outside base64url fail in
	// jwt's strict decoder; verify then asks scanCompact for the offset.
	if strings.IndexByte(token, '\n') < 0 && strings.IndexByte(token, '\r') < 0 &&
		strings.Count(token, ".") == 2 {
		return nil
	}
	return scanCompact(token)
}

// scanCompact names the first byte of token outside base64url, or its
// wrong number of segments, or returns nil.
func scanCompact(token string) error {
	segments := 1
	for i := 0; i < len(token); i++ {
		switch b := token[i]; {
		case b == '.':
			segments++
		case !isBase64URL(b):
			return tokenErr(ErrTokenMalformed, nil,
				"token has byte %#02x at offset %d, outside base64url", b, i)
		}
	}
	if segments != 3 {
		return tokenErr(ErrTokenMalformed, nil, "token has %d segments, want 3", segments)
	}
	return nil
}

func isBase64URL(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' ||
		'0' <= b && b <= '9' || b == '-' || b == '_'
}

// lookupKey is the [jwt.Keyfunc] of a JWT. It picks the key named by the
// token's "kid" header, or the only key when the token names none, and
// pins the algorithm: the token's "alg" must be the one the key is for.
func (j *JWT) lookupKey(tok *jwt.Token) (any, error) {
	var k *jwtKey
	kid, hasKid := tok.Header["kid"]
	switch {
	case hasKid:
		id, ok := kid.(string)
		if !ok {
			return nil, tokenErr(ErrTokenUnverifiable, nil,
				"kid header is %s, want a string", jsonType(kid))
		}
		k = j.byID[id]
		// A single key without an ID means the application does not use
		// key IDs; an issuer that sends one anyway is still accepted.
		if k == nil && len(j.keys) == 1 && j.keys[0].id == "" {
			k = &j.keys[0]
		}
		if k == nil {
			return nil, tokenErr(ErrTokenUnverifiable, nil, "no key has kid %s", quote(id))
		}
	case len(j.keys) == 1:
		k = &j.keys[0]
	default:
		return nil, tokenErr(ErrTokenUnverifiable, nil,
			"token has no kid header to choose among %d keys", len(j.keys))
	}

	if alg := tok.Method.Alg(); alg != k.alg {
		return nil, tokenErr(ErrTokenUnverifiable, nil,
			"token algorithm %s does not match key%s, which is for %s", alg, kidLabel(k.id), k.alg)
	}
	return k.verify, nil
}

// parseError turns an error of [jwt.Parser.ParseWithClaims] into a
// *TokenError that names what is wrong without repeating the token.
func (j *JWT) parseError(tok *jwt.Token, mc jwt.MapClaims, err error) error {
	var te *TokenError
	if errors.As(err, &te) {
		return te
	}

	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		detail := strings.TrimPrefix(err.Error(), jwt.ErrTokenMalformed.Error()+": ")
		return tokenErr(ErrTokenMalformed, err, "%s", detail)
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		// jwt knows no such algorithm, or the header names none.
		alg, ok := tok.Header["alg"]
		if !ok {
			return tokenErr(ErrTokenUnverifiable, err, "token has no alg header")
		}
		return j.algNotAllowed(quoteAny(alg), err)
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		// jwt reports an algorithm outside WithValidMethods as a bad
		// signature; tell the two apart.
		if alg := tok.Method.Alg(); !slices.Contains(j.allowed, alg) {
			return j.algNotAllowed(quote(alg), err)
		}
		return tokenErr(ErrTokenSignature, err, "")
	}

	// The signature is good and the claims are not. A claim of the wrong
	// type comes first: jwt's message for it names no type.
	if problem := claimTypeProblem(mc); problem != "" {
		return tokenErr(ErrTokenClaims, err, "%s", problem)
	}
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		exp, _ := mc.GetExpirationTime()
		return tokenErr(ErrTokenExpired, err, "expired at %s", exp.UTC().Format(time.RFC3339))
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		nbf, _ := mc.GetNotBefore()
		return tokenErr(ErrTokenNotYetValid, err,
			"not valid before %s", nbf.UTC().Format(time.RFC3339))
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		iss, _ := mc["iss"].(string)
		return tokenErr(ErrTokenClaims, err, "iss %s is not %s", quote(iss), quote(j.issuer))
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		aud, _ := mc.GetAudience()
		return tokenErr(ErrTokenClaims, err, "aud %s names none of %q", quoteList(aud), j.audience)
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return tokenErr(ErrTokenClaims, err, "%s", missingClaim(mc, j.issuer))
	}
	return tokenErr(ErrTokenClaims, err,
		"%s", strings.TrimPrefix(err.Error(), jwt.ErrTokenInvalidClaims.Error()+": "))
}

func (j *JWT) algNotAllowed(quotedAlg string, err error) error {
	allowed := strings.Join(j.allowed, ", ")
	return tokenErr(ErrTokenUnverifiable, err,
		"algorithm %s is not allowed (allowed: %s)", quotedAlg, allowed)
}

// claimTypeProblem names the first registered claim of mc whose JSON type
// is wrong, or returns "".
func claimTypeProblem(mc jwt.MapClaims) string {
	for _, name := range [...]string{"exp", "nbf", "iat"} {
		if v, ok := mc[name]; ok {
			if _, ok := v.(float64); !ok {
				return fmt.Sprintf("%s is %s, want a number", name, jsonType(v))
			}
		}
	}
	for _, name := range [...]string{"sub", "iss", "jti"} {
		if v, ok := mc[name]; ok {
			if _, ok := v.(string); !ok {
				return fmt.Sprintf("%s is %s, want a string", name, jsonType(v))
			}
		}
	}
	if v, ok := mc["aud"]; ok && !isStringOrList(v) {
		return fmt.Sprintf("aud is %s, want a string or a list of strings", jsonType(v))
	}
	return ""
}

func isStringOrList(v any) bool {
	switch v := v.(type) {
	case string:
		return true
	case []any:
		for _, s := range v {
			if _, ok := s.(string); !ok {
				return false
			}
		}
		return true
	}
	return false
}

// missingClaim names the required claim a token lacks.
func missingClaim(mc jwt.MapClaims, issuer string) string {
	// jwt counts "exp": 0 as absent too.
	if exp, _ := mc.GetExpirationTime(); exp == nil {
		return "exp claim is missing; set JWTConfig.ExpiryOptional to accept such tokens"
	}
	if iss, _ := mc["iss"].(string); iss == "" && issuer != "" {
		return "iss claim is missing"
	}
	return "aud claim is missing"
}

// registeredClaims are the claims Claims has fields for, deleted from the
// decoded map so that what remains is Claims.Extra.
var registeredClaims = [...]string{"sub", "scopes", "exp", "nbf", "iat", "iss", "aud", "jti"}

// claimFields maps each claim a [Claims] field owns to the field.
var claimFields = map[string]string{
	"sub":    "Subject",
	"scopes": "Scopes",
	"exp":    "ExpiresAt",
	"nbf":    "NotBefore",
	"iat":    "IssuedAt",
	"iss":    "Issuer",
	"aud":    "Audience",
	"jti":    "ID",
}

// mapClaims lays c out as the JSON object of a token.
func (c *Claims) mapClaims() jwt.MapClaims {
	m := make(jwt.MapClaims, len(c.Extra)+len(claimFields))
	maps.Copy(m, c.Extra)
	setString(m, "sub", c.Subject)
	setString(m, "iss", c.Issuer)
	setString(m, "jti", c.ID)
	setTime(m, "exp", c.ExpiresAt)
	setTime(m, "nbf", c.NotBefore)
	setTime(m, "iat", c.IssuedAt)
	if len(c.Scopes) > 0 {
		m["scopes"] = c.Scopes
	}
	switch len(c.Audience) {
	case 0:
	case 1:
		// RFC 7519 §4.1.3 allows a lone audience as a plain string, the
		// form most verifiers expect.
		m["aud"] = c.Audience[0]
	default:
		m["aud"] = c.Audience
	}
	return m
}

func setString(m jwt.MapClaims, name, v string) {
	if v != "" {
		m[name] = v
	}
}

func setTime(m jwt.MapClaims, name string, t time.Time) {
	if !t.IsZero() {
		m[name] = jwt.NewNumericDate(t)
	}
}

// claimsFrom builds Claims from the claims of a verified token, checking
// the types of the registered claims jwt itself did not validate. It walks
// the map once, since a token carries few claims and this runs on every
// verified request. What is left of mc after the registered claims becomes
// Claims.Extra.
func claimsFrom(mc jwt.MapClaims, scopeAt string) (*Claims, error) {
	c := &Claims{}
	extra := 0
	for name, v := range mc {
		ok := true
		switch name {
		case "sub":
			c.Subject, ok = v.(string)
		case "iss":
			c.Issuer, ok = v.(string)
		case "jti":
			c.ID, ok = v.(string)
		case "exp":
			c.ExpiresAt, ok = secondsTime(v)
		case "nbf":
			c.NotBefore, ok = secondsTime(v)
		case "iat":
			c.IssuedAt, ok = secondsTime(v)
		case "aud":
			ok = isStringOrList(v)
		case "scopes":
		default: // "scope" too, unless scopesClaim consumes it
			extra++
		}
		if !ok {
			// claimTypeProblem names the first bad claim in a fixed order.
			return nil, tokenErr(ErrTokenClaims, nil, "%s", claimTypeProblem(mc))
		}
	}
	if _, has := mc["aud"]; has {
		if aud, _ := mc.GetAudience(); len(aud) > 0 {
			c.Audience = aud
		}
	}

	_, hadScope := mc["scope"]
	scopes, err := scopesClaim(mc, scopeAt)
	if err != nil {
		return nil, err
	}
	c.Scopes = scopes
	if _, kept := mc["scope"]; hadScope && !kept {
		extra--
	}
	if extra > 0 {
		for _, name := range registeredClaims {
			delete(mc, name)
		}
		c.Extra = mc
	}
	return c, nil
}

// scopesClaim reads the scopes of a token: the "scopes" list of FastAPI's
// tutorial when present, else the space-delimited "scope" string of
// RFC 9068 §2.2.3.1, which is then consumed.
func scopesClaim(mc jwt.MapClaims, scopeAt string) ([]string, error) {
	if v, ok := mc["scopes"]; ok && scopeAt != "scope" {
		// null is what encoding/json writes for a nil slice.
		if v == nil && scopeAt == "" {
			return nil, nil
		}
		list, ok := v.([]any)
		if !ok {
			return nil, tokenErr(ErrTokenClaims, nil,
				"scopes is %s, want a list of strings", jsonType(v))
		}
		scopes := make([]string, len(list))
		for i, s := range list {
			if scopes[i], ok = s.(string); !ok {
				return nil, tokenErr(ErrTokenClaims, nil,
					"scopes[%d] is %s, want a string", i, jsonType(s))
			}
		}
		return scopes, nil
	}

	v, ok := mc["scope"]
	if !ok || scopeAt == "scopes" {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, tokenErr(ErrTokenClaims, nil,
			"scope is %s, want a space-delimited string", jsonType(v))
	}
	delete(mc, "scope")
	return strings.Fields(s), nil
}

// secondsTime converts a NumericDate claim as jwt's own getters do
// (whole seconds, in UTC), without allocating a *jwt.NumericDate: this runs
// on every verified request. It reports false for a value that is not a
// number.
func secondsTime(v any) (time.Time, bool) {
	var secs float64
	switch v := v.(type) {
	case float64:
		secs = v
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return time.Time{}, false
		}
		secs = f
	default:
		return time.Time{}, false
	}
	// jwt truncates to whole seconds, towards the past.
	return time.Unix(int64(math.Floor(secs)), 0).UTC(), true
}

// jsonType names the JSON type of a value decoded by encoding/json, for
// messages that must not echo the value itself.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// maxQuoted is how much of a header or claim value an error message
// quotes, so that a hostile token cannot flood the logs.
const maxQuoted = 40

// quote quotes s for an error message, cut to maxQuoted bytes.
func quote(s string) string {
	if len(s) > maxQuoted {
		return strconv.Quote(s[:maxQuoted]) + "..."
	}
	return strconv.Quote(s)
}

func quoteAny(v any) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return jsonType(v)
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

func kidLabel(id string) string {
	if id == "" {
		return ""
	}
	return " (kid " + strconv.Quote(id) + ")"
}

// Errors that a token rejected by [JWT.Verify] matches under [errors.Is].
var (
	// ErrTokenMalformed is a token too large, without three segments, or
	// whose segments are not base64url-encoded JSON.
	ErrTokenMalformed = errors.New("security: token is malformed")

	// ErrTokenUnverifiable is a token signed with an algorithm that is not
	// allowed or not the algorithm of its key, or naming an unknown key.
	ErrTokenUnverifiable = errors.New("security: token is unverifiable")

	// ErrTokenSignature is a token whose signature does not match.
	ErrTokenSignature = errors.New("security: token signature is invalid")

	// ErrTokenExpired is a token past its "exp" claim and the leeway.
	ErrTokenExpired = errors.New("security: token is expired")

	// ErrTokenNotYetValid is a token before its "nbf" claim and the leeway.
	ErrTokenNotYetValid = errors.New("security: token is not valid yet")

	// ErrTokenClaims is a token whose claims are missing, do not match the
	// expected issuer or audience, or have the wrong JSON type.
	ErrTokenClaims = errors.New("security: token claims are invalid")
)

// TokenError reports why [JWT.Verify] rejected a token. It never holds the
// token itself, so it can be logged.
type TokenError struct {
	// Kind is one of ErrTokenMalformed, ErrTokenUnverifiable,
	// ErrTokenSignature, ErrTokenExpired, ErrTokenNotYetValid or
	// ErrTokenClaims.
	Kind error

	// Detail says what exactly is wrong, or is empty.
	Detail string

	// Err is the underlying error from the JWT library, or nil.
	Err error
}

func tokenErr(kind, cause error, format string, args ...any) *TokenError {
	return &TokenError{Kind: kind, Detail: fmt.Sprintf(format, args...), Err: cause}
}

func (e *TokenError) Error() string {
	msg := "security: token is invalid"
	if e.Kind != nil {
		msg = e.Kind.Error()
	}
	if e.Detail == "" {
		return msg
	}
	return msg + ": " + e.Detail
}

// Unwrap returns Kind and, when set, Err, so that [errors.Is] matches both
// the security sentinel and the jwt one.
func (e *TokenError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
