package security_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/rampart-go/rampart/security"
)

// testSecret is long enough for HS512, which needs 64 bytes.
var testSecret = []byte("rampart test secret: 64 bytes for HS512, 0123456789abcdefghijklm")

// obj is a JSON object: a token header or claims set.
type obj = map[string]any

// testNow is the pinned clock of most tests.
var testNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// Key pairs are slow to generate, RSA above all; make each once.
var (
	rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	})
	ecKey = sync.OnceValue(func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		return k
	})
	edKey = sync.OnceValue(func() ed25519.PrivateKey {
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			panic(err)
		}
		return k
	})
)

// newJWT returns a JWT with cfg, defaulting to one HS256 key and the
// pinned clock.
func newJWT(t testing.TB, cfg security.JWTConfig) *security.JWT {
	t.Helper()
	if cfg.Keys == nil {
		cfg.Keys = []security.Key{{Secret: testSecret}}
	}
	if cfg.Now == nil {
		cfg.Now = fixedNow
	}
	j, err := security.NewJWT(cfg)
	if err != nil {
		t.Fatalf("NewJWT: %v", err)
	}
	return j
}

func issue(t testing.TB, j *security.JWT, c security.Claims) string {
	t.Helper()
	tok, err := j.Issue(c)
	if err != nil {
		t.Fatalf("Issue(%+v): %v", c, err)
	}
	return tok
}

// sign builds a token by hand with the jwt library, for tokens that Issue
// would refuse to make. Header entries are added to alg and typ.
func sign(t testing.TB, alg string, key any, header, claims map[string]any) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.GetSigningMethod(alg), jwt.MapClaims(claims))
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign %s token: %v", alg, err)
	}
	return s
}

// rawToken joins base64url segments of the given header and payload JSON
// and a raw signature, for tokens the jwt library will not sign.
func rawToken(header, payload, sig string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." +
		enc.EncodeToString([]byte(payload)) + "." + sig
}

// validClaims are claims that pass every check at testNow.
func validClaims() map[string]any {
	return map[string]any{
		"sub": "johndoe",
		"exp": testNow.Add(time.Hour).Unix(),
	}
}

func withClaims(extra map[string]any) map[string]any {
	m := validClaims()
	for k, v := range extra {
		if v == nil {
			delete(m, k)
			continue
		}
		m[k] = v
	}
	return m
}

func TestIssueVerify(t *testing.T) {
	tests := []struct {
		name string
		key  security.Key
	}{
		{"HS256", security.Key{Secret: testSecret}},
		{"HS384", security.Key{Secret: testSecret, Algorithm: "HS384"}},
		{"HS512", security.Key{Secret: testSecret, Algorithm: "HS512"}},
		{"RS256", security.Key{Private: rsaKey()}},
		{"ES256", security.Key{Private: ecKey()}},
		{"EdDSA", security.Key{Private: edKey()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := newJWT(t, security.JWTConfig{
				Keys:     []security.Key{tt.key},
				Issuer:   "https://auth.example.com",
				Audience: []string{"api"},
			})
			in := security.Claims{
				Subject:   "johndoe",
				Scopes:    []string{"me", "items"},
				NotBefore: testNow.Add(-time.Minute),
				ID:        "token-1",
				Extra:     map[string]any{"name": "John Doe", "admin": true},
			}
			got, err := j.Verify(issue(t, j, in))
			if err != nil {
				t.Fatalf("Verify(Issue(%+v)): %v", in, err)
			}

			want := &security.Claims{
				Subject:   "johndoe",
				Scopes:    []string{"me", "items"},
				ExpiresAt: testNow.Add(security.DefaultTokenLifetime),
				NotBefore: testNow.Add(-time.Minute),
				IssuedAt:  testNow,
				Issuer:    "https://auth.example.com",
				Audience:  []string{"api"},
				ID:        "token-1",
				Extra:     map[string]any{"name": "John Doe", "admin": true},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Verify(Issue(%+v))\n got %+v\nwant %+v", in, got, want)
			}
		})
	}
}

func TestIssueWritesFastAPIClaims(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Keys: []security.Key{{ID: "k1", Secret: testSecret}}})
	tok := issue(t, j, security.Claims{Subject: "alice", Scopes: []string{"me"}})

	// Read the token with the jwt library alone, as another service would.
	mc := jwt.MapClaims{}
	parsed, err := jwt.ParseWithClaims(tok, mc, func(*jwt.Token) (any, error) {
		return testSecret, nil
	}, jwt.WithTimeFunc(fixedNow))
	if err != nil {
		t.Fatalf("jwt.ParseWithClaims: %v", err)
	}
	if kid := parsed.Header["kid"]; kid != "k1" {
		t.Errorf("kid header = %v, want k1", kid)
	}
	if scopes, ok := mc["scopes"].([]any); !ok || len(scopes) != 1 || scopes[0] != "me" {
		t.Errorf(`"scopes" claim = %#v, want []any{"me"}`, mc["scopes"])
	}
	wantExp := float64(testNow.Add(15 * time.Minute).Unix())
	if mc["exp"] != wantExp || mc["sub"] != "alice" {
		t.Errorf("exp, sub = %v, %v; want %v, alice", mc["exp"], mc["sub"], wantExp)
	}
}

func TestVerifyScopes(t *testing.T) {
	j := newJWT(t, security.JWTConfig{})
	tests := []struct {
		name       string
		claims     map[string]any
		wantScopes []string
		wantExtra  map[string]any
	}{
		{"scopes_list", map[string]any{"scopes": []string{"a", "b"}}, []string{"a", "b"}, nil},
		{"scope_string", map[string]any{"scope": "a  b c"}, []string{"a", "b", "c"}, nil},
		{"both", map[string]any{"scopes": []string{"a"}, "scope": "b"},
			[]string{"a"}, map[string]any{"scope": "b"}},
		{"scopes_null", map[string]any{"scopes": nil}, nil, nil},
		{"none", map[string]any{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			claims := validClaims()
			for k, v := range tt.claims {
				claims[k] = v
			}
			c, err := j.Verify(sign(t, "HS256", testSecret, nil, claims))
			if err != nil {
				t.Fatalf("Verify(%v): %v", claims, err)
			}
			if len(c.Scopes) != len(tt.wantScopes) || !reflect.DeepEqual(c.Extra, tt.wantExtra) ||
				len(c.Scopes) > 0 && !reflect.DeepEqual(c.Scopes, tt.wantScopes) {
				t.Errorf("Verify(%v): Scopes, Extra = %q, %v; want %q, %v",
					claims, c.Scopes, c.Extra, tt.wantScopes, tt.wantExtra)
			}
		})
	}
}

// TestVerifyRejects feeds Verify hostile and broken tokens. Each must fail
// with the expected sentinel and words, and none may panic or echo the
// token.
func TestVerifyRejects(t *testing.T) {
	hs := newJWT(t, security.JWTConfig{})
	valid := sign(t, "HS256", testSecret, nil, validClaims())
	rsaPub, err := x509.MarshalPKIXPublicKey(&rsaKey().PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	rs := newJWT(t, security.JWTConfig{Keys: []security.Key{{Public: &rsaKey().PublicKey}}})
	mixed := newJWT(t, security.JWTConfig{Keys: []security.Key{
		{ID: "h", Secret: testSecret},
		{ID: "r", Public: &rsaKey().PublicKey},
	}})
	withIss := newJWT(t, security.JWTConfig{Issuer: "https://auth.example.com"})
	withAud := newJWT(t, security.JWTConfig{Audience: []string{"api"}})
	small := newJWT(t, security.JWTConfig{MaxTokenSize: 100})
	// signed returns a valid HS256 token changed by claims.
	signed := func(claims obj) string {
		return sign(t, "HS256", testSecret, nil, withClaims(claims))
	}

	// A signature segment whose last character differs only in bits that
	// base64 ignores; strict decoding must refuse it.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, valid[len(valid)-1])
	loose := valid[:len(valid)-1] + string(alphabet[last^1])

	tests := []struct {
		name  string
		j     *security.JWT
		token string
		want  error
		words string
	}{
		{"empty", hs, "", security.ErrTokenMalformed, "empty"},
		{"garbage", hs, "not a token",
			security.ErrTokenMalformed, "byte 0x20 at offset 3, outside base64url"},
		{"no_dots", hs, "abc", security.ErrTokenMalformed, "1 segments"},
		{"newline_in_signature", hs, valid[:len(valid)-5] + "\n" + valid[len(valid)-5:],
			security.ErrTokenMalformed, "byte 0x0a at offset"},
		{"padded", hs, valid + "=", security.ErrTokenMalformed, "byte 0x3d"},
		{"two_segments", hs, "eyJhbGciOiJIUzI1NiJ9.e30",
			security.ErrTokenMalformed, "2 segments, want 3"},
		{"four_segments", hs, valid + ".x", security.ErrTokenMalformed, "4 segments, want 3"},
		{"jwe_shape", hs, "a.b.c.d.e", security.ErrTokenMalformed, "5 segments"},
		{"dots_only", hs, "..", security.ErrTokenMalformed, "JSON decode header"},
		{"header_not_base64", hs, "A." + strings.SplitN(valid, ".", 2)[1],
			security.ErrTokenMalformed, "base64 decode header"},
		{"header_not_json", hs, rawToken("{", "{}", ""),
			security.ErrTokenMalformed, "JSON decode header"},
		{"payload_not_json", hs, rawToken(`{"alg":"HS256"}`, "[", "x"),
			security.ErrTokenMalformed, "JSON decode claim"},
		{"oversized", hs, strings.Repeat("a", 64<<10),
			security.ErrTokenMalformed, "65536 bytes, more than the limit of 8192"},
		{"over_custom_limit", small, valid, security.ErrTokenMalformed, "the limit of 100"},
		{"loose_base64", hs, loose, security.ErrTokenMalformed, "signature"},
		{"alg_none", hs, rawToken(`{"alg":"none","typ":"JWT"}`, `{"sub":"admin"}`, ""),
			security.ErrTokenUnverifiable, `"none" is not allowed (allowed: HS256)`},
		{"alg_none_signed", hs, rawToken(`{"alg":"none"}`, `{"sub":"admin"}`, "c2ln"),
			security.ErrTokenUnverifiable, `"none" is not allowed`},
		{"alg_missing", hs, rawToken(`{"typ":"JWT"}`, `{}`, ""),
			security.ErrTokenUnverifiable, "no alg header"},
		{"alg_unknown", hs, rawToken(`{"alg":"XS999"}`, `{}`, ""),
			security.ErrTokenUnverifiable, `"XS999" is not allowed`},
		{"alg_not_string", hs, rawToken(`{"alg":7}`, `{}`, ""),
			security.ErrTokenUnverifiable, "a number is not allowed"},
		{"hs512_not_allowed", hs, sign(t, "HS512", testSecret, nil, validClaims()),
			security.ErrTokenUnverifiable, `"HS512" is not allowed`},
		{"other_secret", hs, sign(t, "HS256", []byte(strings.Repeat("x", 32)), nil, validClaims()),
			security.ErrTokenSignature, ""},
		{"rsa_public_as_hmac", rs, sign(t, "HS256", rsaPub, nil, validClaims()),
			security.ErrTokenUnverifiable, `"HS256" is not allowed (allowed: RS256)`},
		{"rsa_kid_hmac_alg", mixed, sign(t, "HS256", rsaPub, obj{"kid": "r"}, validClaims()),
			security.ErrTokenUnverifiable, `HS256 does not match key (kid "r"), which is for RS256`},
		{"no_kid_many_keys", mixed, valid,
			security.ErrTokenUnverifiable, "no kid header to choose among 2 keys"},
		{"unknown_kid", mixed, sign(t, "HS256", testSecret, obj{"kid": "old"}, validClaims()),
			security.ErrTokenUnverifiable, `no key has kid "old"`},
		{"kid_not_string", mixed, sign(t, "HS256", testSecret, obj{"kid": 1}, validClaims()),
			security.ErrTokenUnverifiable, "kid header is a number"},
		{"expired", hs, signed(obj{"exp": testNow.Add(-time.Second).Unix()}),
			security.ErrTokenExpired, "expired at 2026-03-14T15:09:25Z"},
		{"expired_now", hs, signed(obj{"exp": testNow.Unix()}),
			security.ErrTokenExpired, "expired at"},
		{"not_yet_valid", hs, signed(obj{"nbf": testNow.Add(time.Second).Unix()}),
			security.ErrTokenNotYetValid, "not valid before 2026-03-14T15:09:27Z"},
		{"no_exp", hs, signed(obj{"exp": nil}),
			security.ErrTokenClaims, "exp claim is missing; set JWTConfig.ExpiryOptional"},
		{"exp_string", hs, signed(obj{"exp": "tomorrow"}),
			security.ErrTokenClaims, "exp is a string, want a number"},
		{"exp_zero", hs, signed(obj{"exp": 0}), security.ErrTokenClaims, "exp claim is missing"},
		{"nbf_list", hs, signed(obj{"nbf": []int{1}}),
			security.ErrTokenClaims, "nbf is a list, want a number"},
		{"aud_number", hs, signed(obj{"aud": 4}),
			security.ErrTokenClaims, "aud is a number, want a string or a list of strings"},
		{"aud_number_expected", withAud, signed(obj{"aud": []any{"api", 4}}),
			security.ErrTokenClaims, "aud is a list, want a string or a list of strings"},
		{"expired_and_bad_sub", hs, signed(obj{"exp": 1, "sub": false}),
			security.ErrTokenClaims, "sub is a boolean"},
		{"iat_string", hs, signed(obj{"iat": "now"}),
			security.ErrTokenClaims, "iat is a string, want a number"},
		{"scopes_string", hs, signed(obj{"scopes": "me items"}),
			security.ErrTokenClaims, "scopes is a string, want a list of strings"},
		{"scopes_object", hs, signed(obj{"scopes": map[string]any{}}),
			security.ErrTokenClaims, "scopes is an object"},
		{"scopes_mixed", hs, signed(obj{"scopes": []any{"me", 2}}),
			security.ErrTokenClaims, "scopes[1] is a number, want a string"},
		{"scope_list", hs, signed(obj{"scope": []string{"me"}}),
			security.ErrTokenClaims, "scope is a list, want a space-delimited string"},
		{"sub_number", hs, signed(obj{"sub": 42}),
			security.ErrTokenClaims, "sub is a number, want a string"},
		{"sub_list", hs, signed(obj{"sub": []any{nil}}), security.ErrTokenClaims, "sub is a list"},
		{"jti_bool", hs, signed(obj{"jti": true}), security.ErrTokenClaims, "jti is a boolean"},
		{"aud_unexpected", hs, signed(obj{"aud": "api"}),
			security.ErrTokenClaims, "aud claim, and JWTConfig.Audience is empty"},
		{"aud_wrong", withAud, signed(obj{"aud": []string{"web", "admin"}}),
			security.ErrTokenClaims, `aud ["web" "admin"] names none of ["api"]`},
		{"aud_missing", withAud, valid, security.ErrTokenClaims, "aud claim is missing"},
		{"iss_wrong", withIss, signed(obj{"iss": "https://evil.example.com"}),
			security.ErrTokenClaims, `iss "https://evil.example.com" is not "https://auth.example.com"`},
		{"iss_missing", withIss, valid, security.ErrTokenClaims, "iss claim is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.j.Verify(tt.token)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %+v, %v; want error %v", c, err, tt.want)
			}
			if c != nil {
				t.Errorf("Verify returned claims %+v with error %v", c, err)
			}
			var te *security.TokenError
			if !errors.As(err, &te) || te.Kind != tt.want {
				t.Errorf("Verify error %v is not a *TokenError of kind %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "security: ") || !strings.Contains(msg, tt.words) {
				t.Errorf("Verify error = %q, want it to start with %q and contain %q",
					msg, "security: ", tt.words)
			}
			if len(tt.token) > 8 && strings.Contains(msg, tt.token) {
				t.Errorf("Verify error %q repeats the token", msg)
			}
		})
	}
}

func TestVerifyErrorMatchesJWTSentinel(t *testing.T) {
	j := newJWT(t, security.JWTConfig{})
	tok := sign(t, "HS256", testSecret, nil, withClaims(map[string]any{"exp": testNow.Add(-time.Hour).Unix()}))
	_, err := j.Verify(tok)
	if !errors.Is(err, jwt.ErrTokenExpired) {
		t.Errorf("Verify(expired) = %v, want it to match jwt.ErrTokenExpired as well", err)
	}
}

func TestVerifyLongQuotedValuesAreCut(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Keys: []security.Key{{ID: "a", Secret: testSecret}, {ID: "b", Secret: testSecret}}})
	kid := strings.Repeat("k", 1000)
	_, err := j.Verify(sign(t, "HS256", testSecret, map[string]any{"kid": kid}, validClaims()))
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("Verify(token with a 1000-byte kid) = %v, want an error under 200 bytes", err)
	}
}

func TestVerifyLeeway(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Leeway: time.Minute})
	tests := []struct {
		name   string
		claims map[string]any
		want   error
	}{
		{"expired_within", map[string]any{"exp": testNow.Add(-59 * time.Second).Unix()}, nil},
		{"expired_beyond", map[string]any{"exp": testNow.Add(-time.Minute).Unix()},
			security.ErrTokenExpired},
		{"nbf_within", map[string]any{"nbf": testNow.Add(time.Minute).Unix()}, nil},
		{"nbf_beyond", map[string]any{"nbf": testNow.Add(61 * time.Second).Unix()},
			security.ErrTokenNotYetValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := j.Verify(sign(t, "HS256", testSecret, nil, withClaims(tt.claims)))
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify(%v) with 1m leeway = %v, want %v", tt.claims, err, tt.want)
			}
		})
	}
}

func TestVerifyExpiryOptional(t *testing.T) {
	j := newJWT(t, security.JWTConfig{ExpiryOptional: true})
	c, err := j.Verify(sign(t, "HS256", testSecret, nil, map[string]any{"sub": "svc"}))
	if err != nil || c.Subject != "svc" || !c.ExpiresAt.IsZero() {
		t.Errorf("Verify(token without exp) with ExpiryOptional = %+v, %v; want subject svc, zero ExpiresAt",
			c, err)
	}
}

func TestVerifyAudience(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Audience: []string{"api", "api2"}})
	for _, aud := range []any{"api", []string{"web", "api2"}} {
		tok := sign(t, "HS256", testSecret, nil, withClaims(map[string]any{"aud": aud}))
		if _, err := j.Verify(tok); err != nil {
			t.Errorf("Verify(aud %v) for audience [api api2] = %v, want nil", aud, err)
		}
	}
}

func TestKeyRotation(t *testing.T) {
	k1 := security.Key{ID: "2025", Private: edKey()}
	k2 := security.Key{ID: "2026", Secret: testSecret}
	before := newJWT(t, security.JWTConfig{Keys: []security.Key{k1}})
	during := newJWT(t, security.JWTConfig{Keys: []security.Key{k2, k1}})
	after := newJWT(t, security.JWTConfig{Keys: []security.Key{k2}})

	old := issue(t, before, security.Claims{Subject: "old"})
	if _, err := during.Verify(old); err != nil {
		t.Errorf("Verify(token of the retiring key) during rotation = %v, want nil", err)
	}
	if _, err := after.Verify(old); !errors.Is(err, security.ErrTokenUnverifiable) {
		t.Errorf("Verify(token of the removed key) = %v, want ErrTokenUnverifiable", err)
	}

	fresh := issue(t, during, security.Claims{Subject: "new"})
	if _, err := before.Verify(fresh); !errors.Is(err, security.ErrTokenUnverifiable) {
		t.Errorf("old verifier Verify(token of the new key) = %v, want ErrTokenUnverifiable", err)
	}
	if c, err := after.Verify(fresh); err != nil || c.Subject != "new" {
		t.Errorf("Verify(token of the new key) = %+v, %v; want subject new", c, err)
	}
}

func TestSingleKeyWithoutIDAcceptsAnyKid(t *testing.T) {
	j := newJWT(t, security.JWTConfig{})
	tok := sign(t, "HS256", testSecret, map[string]any{"kid": "issuer-key-7"}, validClaims())
	if _, err := j.Verify(tok); err != nil {
		t.Errorf("Verify(token with kid) by a single key without ID = %v, want nil", err)
	}
}

func TestVerifyOnlyKeyCannotIssue(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Keys: []security.Key{{ID: "idp", Public: edKey().Public()}}})
	_, err := j.Issue(security.Claims{Subject: "x"})
	if want := `security: JWTConfig.Keys[0] (kid "idp") has no private key`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Issue with a public key = %v, want an error containing %q", err, want)
	}
}

func TestIssueRejectsRegisteredClaimInExtra(t *testing.T) {
	j := newJWT(t, security.JWTConfig{})
	_, err := j.Issue(security.Claims{Extra: map[string]any{"exp": 0}})
	if want := `security: Claims.Extra holds "exp", which belongs to Claims.ExpiresAt`; err == nil || err.Error() != want {
		t.Errorf("Issue(Extra with exp) = %v, want %q", err, want)
	}
}

func TestIssueKeepsGivenTimes(t *testing.T) {
	j := newJWT(t, security.JWTConfig{Lifetime: time.Hour})
	exp := testNow.Add(10 * time.Minute)
	c, err := j.Verify(issue(t, j, security.Claims{ExpiresAt: exp}))
	if err != nil || !c.ExpiresAt.Equal(exp) {
		t.Errorf("Verify(Issue(ExpiresAt %v)) = %+v, %v; want that ExpiresAt", exp, c, err)
	}

	c, err = j.Verify(issue(t, j, security.Claims{}))
	if want := testNow.Add(time.Hour); err != nil || !c.ExpiresAt.Equal(want) {
		t.Errorf("Verify(Issue(zero ExpiresAt)) with 1h Lifetime = %+v, %v; want ExpiresAt %v",
			c, err, want)
	}
}

func TestNewJWTErrors(t *testing.T) {
	weakRSA, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hs := security.Key{Secret: testSecret}
	tests := []struct {
		name  string
		cfg   security.JWTConfig
		words []string
	}{
		{"no_keys", security.JWTConfig{}, []string{"JWTConfig.Keys is empty"}},
		{"alg_none", security.JWTConfig{Keys: []security.Key{hs}, Algorithms: []string{"HS256", "none"}},
			[]string{`JWTConfig.Algorithms: algorithm "none" is never allowed`}},
		{"alg_case", security.JWTConfig{Keys: []security.Key{hs}, Algorithms: []string{"hs256"}},
			[]string{`unsupported algorithm "hs256" (did you mean HS256?)`}},
		{"alg_unsupported", security.JWTConfig{Keys: []security.Key{hs}, Algorithms: []string{"PS256"}},
			[]string{`unsupported algorithm "PS256" (supported: HS256, HS384, HS512, RS256, ES256, EdDSA)`}},
		{"key_not_allowed", security.JWTConfig{Keys: []security.Key{hs}, Algorithms: []string{"RS256"}},
			[]string{"Keys[0] is for HS256, which JWTConfig.Algorithms does not allow"}},
		{"short_secret", security.JWTConfig{Keys: []security.Key{{Secret: []byte("secret")}}},
			[]string{"Keys[0]: secret has 6 bytes; HS256 needs at least 32"}},
		{"short_hs512", security.JWTConfig{Keys: []security.Key{{Secret: testSecret[:48], Algorithm: "HS512"}}},
			[]string{"HS512 needs at least 64"}},
		{"secret_rs256", security.JWTConfig{Keys: []security.Key{{Secret: testSecret, Algorithm: "RS256"}}},
			[]string{`algorithm "RS256" does not fit an HMAC Secret`}},
		{"rsa_as_hs256", security.JWTConfig{Keys: []security.Key{{Public: &rsaKey().PublicKey, Algorithm: "HS256"}}},
			[]string{`algorithm "HS256" does not fit an RSA key, which is for RS256`}},
		{"weak_rsa", security.JWTConfig{Keys: []security.Key{{Private: weakRSA}}},
			[]string{"RSA key has 1024 bits; RS256 needs at least 2048"}},
		{"p384", security.JWTConfig{Keys: []security.Key{{Private: p384}}},
			[]string{"ECDSA key is on P-384; ES256 needs P-256"}},
		{"both_halves", security.JWTConfig{Keys: []security.Key{{Secret: testSecret, Private: edKey()}}},
			[]string{"set either Secret or Private and Public, not both"}},
		{"mismatched_pair", security.JWTConfig{Keys: []security.Key{{Private: edKey(), Public: ecKey().Public()}}},
			[]string{"the Public key does not match the Private key"}},
		{"no_material", security.JWTConfig{Keys: []security.Key{{ID: "empty"}}},
			[]string{`Keys[0] (kid "empty"): no key material`}},
		{"missing_ids", security.JWTConfig{Keys: []security.Key{hs, hs}},
			[]string{"Keys[0] has no ID; with 2 keys", "Keys[1] has no ID"}},
		{"duplicate_ids", security.JWTConfig{Keys: []security.Key{{ID: "a", Secret: testSecret}, {ID: "a", Private: edKey()}}},
			[]string{`Keys[1] repeats ID "a"`}},
		{"negative", security.JWTConfig{Keys: []security.Key{hs}, CacheSize: -1, Leeway: -time.Second},
			[]string{"CacheSize is negative: -1", "Leeway is negative: -1s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := security.NewJWT(tt.cfg)
			if err == nil {
				t.Fatalf("NewJWT(%+v) = %v, nil; want an error", tt.cfg, j)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "security: ") {
					t.Errorf("NewJWT error line %q does not start with %q", line, "security: ")
				}
			}
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("NewJWT error = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestNewJWTCopiesSecret(t *testing.T) {
	secret := []byte(string(testSecret))
	j := newJWT(t, security.JWTConfig{Keys: []security.Key{{Secret: secret}}})
	tok := issue(t, j, security.Claims{Subject: "x"})
	secret[0] ^= 0xff
	if _, err := j.Verify(tok); err != nil {
		t.Errorf("Verify after the caller changed its secret slice = %v, want nil", err)
	}
}

func TestVerifyCachedReturnsSharedClaims(t *testing.T) {
	j := newJWT(t, security.JWTConfig{CacheSize: 8})
	tok := issue(t, j, security.Claims{Subject: "alice", Scopes: []string{"me"}})
	first, err := j.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	second, err := j.Verify(tok)
	if err != nil || second != first {
		t.Errorf("second Verify = %p, %v; want the cached %p", second, err, first)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := j.Verify(tok); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("cached Verify allocates %v times, want 0", allocs)
	}
}

func TestVerifyCacheKeepsCheckingClaims(t *testing.T) {
	var (
		mu  sync.Mutex
		now = testNow
	)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	j := newJWT(t, security.JWTConfig{CacheSize: 8, Leeway: time.Second, Now: clock})
	tok := issue(t, j, security.Claims{Subject: "alice", ExpiresAt: testNow.Add(time.Minute)})
	if _, err := j.Verify(tok); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	now = testNow.Add(time.Minute + time.Second)
	mu.Unlock()
	if _, err := j.Verify(tok); !errors.Is(err, security.ErrTokenExpired) {
		t.Errorf("Verify(cached token past exp and leeway) = %v, want ErrTokenExpired", err)
	}
	if _, err := j.Verify(tok); !errors.Is(err, security.ErrTokenExpired) {
		t.Errorf("Verify(evicted expired token) = %v, want ErrTokenExpired", err)
	}
}

// BenchmarkVerify measures a full verification: decoding, HMAC and claims.
func BenchmarkVerify(b *testing.B) {
	j := newJWT(b, security.JWTConfig{})
	tok := issue(b, j, security.Claims{Subject: "johndoe", Scopes: []string{"me", "items"}})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCached measures a cache hit, which only checks exp and
// nbf.
func BenchmarkVerifyCached(b *testing.B) {
	j := newJWT(b, security.JWTConfig{CacheSize: 1024})
	tok := issue(b, j, security.Claims{Subject: "johndoe", Scopes: []string{"me", "items"}})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCachedParallel measures cache hits from all CPUs on a
// spread of tokens.
func BenchmarkVerifyCachedParallel(b *testing.B) {
	j := newJWT(b, security.JWTConfig{CacheSize: 1024})
	toks := make([]string, 256)
	for i := range toks {
		toks[i] = issue(b, j, security.Claims{Subject: "user", ID: string(rune('a' + i))})
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := j.Verify(toks[i%len(toks)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

func TestScopeClaim(t *testing.T) {
	tests := []struct {
		name    string
		at      string
		extra   obj
		want    []string
		wantErr bool
	}{
		{"either_list", "", obj{"scopes": []string{"a", "b"}}, []string{"a", "b"}, false},
		{"either_string", "", obj{"scope": "a  b"}, []string{"a", "b"}, false},
		{"either_null", "", obj{"scopes": nil}, nil, false},
		{"list_only_ignores_string", "scopes", obj{"scope": "a b"}, nil, false},
		{"list_only_rejects_null", "scopes", obj{"scopes": nil}, nil, true},
		{"list_only_list", "scopes", obj{"scopes": []string{"me"}}, []string{"me"}, false},
		{"string_only_ignores_list", "scope", obj{"scopes": []string{"a"}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := newJWT(t, security.JWTConfig{ScopeClaim: tt.at})
			claims := validClaims()
			for k, v := range tt.extra {
				claims[k] = v
			}
			tok := sign(t, "HS256", testSecret, nil, claims)
			c, err := j.Verify(tok)
			if tt.wantErr {
				if !errors.Is(err, security.ErrTokenClaims) {
					t.Errorf("Verify = %v, want ErrTokenClaims", err)
				}
				return
			}
			if err != nil || !slices.Equal(c.Scopes, tt.want) {
				t.Errorf("Verify scopes = %q, %v; want %q", c.Scopes, err, tt.want)
			}
		})
	}
	if _, err := security.NewJWT(security.JWTConfig{Keys: []security.Key{{Secret: testSecret}}, ScopeClaim: "roles"}); err == nil ||
		!strings.Contains(err.Error(), "ScopeClaim") {
		t.Errorf("NewJWT with a bad ScopeClaim: err = %v", err)
	}
}
