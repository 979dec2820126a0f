package security

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// FuzzVerifyToken checks that no input makes Verify panic, that every
// error is a *TokenError that does not repeat the token, and that only
// the exact tokens the JWT issued verify: a valid token changed in any
// way must be rejected.
func FuzzVerifyToken(f *testing.F) {
	now := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	secret := []byte("rampart fuzz secret, at least 32 bytes long")
	// A fixed seed keeps the Ed25519 tokens, and so the corpus, stable.
	edKey := ed25519.NewKeyFromSeed([]byte("rampart fuzz ed25519 seed, 32 by"))
	j, err := NewJWT(JWTConfig{
		Keys: []Key{
			{ID: "hs", Secret: secret},
			{ID: "ed", Private: edKey},
		},
		CacheSize: 16,
		// A low limit keeps the fuzzer from spending its time minimizing
		// kilobytes of JSON; the limit check is the same code at any size.
		MaxTokenSize: 1024,
		Now:          func() time.Time { return now },
	})
	if err != nil {
		f.Fatal(err)
	}
	edOnly, err := NewJWT(JWTConfig{Keys: []Key{{ID: "ed", Private: edKey}}, Now: j.now})
	if err != nil {
		f.Fatal(err)
	}

	valid := map[string]bool{}
	for _, c := range []Claims{
		{Subject: "johndoe", Scopes: []string{"me", "items"}},
		{Subject: "alice", Extra: map[string]any{"scope": "a b"}},
		{Subject: "bob", NotBefore: now.Add(-time.Minute), ID: "1"},
	} {
		for _, issuer := range []*JWT{j, edOnly} {
			tok, err := issuer.Issue(c)
			if err != nil {
				f.Fatal(err)
			}
			valid[tok] = true
			f.Add(tok)
		}
	}

	enc := base64.RawURLEncoding.EncodeToString
	raw := func(header, payload, sig string) string {
		return enc([]byte(header)) + "." + enc([]byte(payload)) + "." + sig
	}
	signed := func(alg string, key any, claims jwt.MapClaims) string {
		tok := jwt.NewWithClaims(jwt.GetSigningMethod(alg), claims)
		tok.Header["kid"] = "hs"
		s, err := tok.SignedString(key)
		if err != nil {
			f.Fatal(err)
		}
		return s
	}
	exp := now.Add(time.Hour).Unix()
	for _, s := range []string{
		"",
		".",
		"..",
		"...",
		"a.b.c",
		"a.b.c.d.e",
		strings.Repeat("A", 9000),
		raw(`{"alg":"none"}`, `{"sub":"admin","exp":9999999999}`, ""),
		raw(`{"alg":"none","kid":"hs"}`, `{"sub":"admin"}`, "c2ln"),
		raw(`{"alg":"HS256","kid":"hs"}`, `{"sub":"admin"}`, ""),
		raw(`{"alg":"EdDSA","kid":"hs"}`, `{}`, ""),
		raw(`{"alg":["HS256"]}`, `null`, ""),
		raw(`{"kid":{}}`, `[]`, ""),
		raw(`{}`, `{"exp":1e400}`, ""),
		signed("HS512", secret, jwt.MapClaims{"sub": "x", "exp": exp}),
		signed("HS256", secret, jwt.MapClaims{"sub": "x", "exp": now.Add(-time.Hour).Unix()}),
		signed("HS256", secret, jwt.MapClaims{"sub": "x"}),
		signed("HS256", secret, jwt.MapClaims{"sub": "x", "exp": exp, "scopes": "a b"}),
		signed("HS256", secret, jwt.MapClaims{"sub": 1, "exp": exp}),
		signed("HS256", secret, jwt.MapClaims{"sub": "x", "exp": exp, "aud": []any{1}}),
		signed("HS256", secret, jwt.MapClaims{"sub": "x", "exp": 1e300, "nbf": -1e300}),
	} {
		f.Add(s)
	}

	f.Fuzz(func(t *testing.T, tok string) {
		c, err := j.Verify(tok)
		if err == nil {
			if !valid[tok] {
				t.Fatalf("Verify accepted a token the JWT never issued: %q", tok)
			}
			if c == nil || c.Subject == "" {
				t.Fatalf("Verify(issued token) = %+v, nil", c)
			}
			return
		}
		if valid[tok] {
			t.Fatalf("Verify(issued token) = %v", err)
		}
		var te *TokenError
		if !errors.As(err, &te) || c != nil {
			t.Fatalf("Verify = %v, %v; want nil and a *TokenError", c, err)
		}
		// The message quotes at most 40 bytes of any header or claim, so
		// a longer token can only appear in it by being echoed.
		msg := err.Error()
		if !strings.HasPrefix(msg, "security: ") || len(tok) > 60 && strings.Contains(msg, tok) {
			t.Fatalf("Verify error %q repeats the token or lacks the package prefix", msg)
		}
	})
}

// FuzzParseArgon2 checks that parsing a PHC string never panics, and that
// what it accepts is within the limits that keep argon2.IDKey from
// panicking or exhausting memory and formats back to an equal hash.
func FuzzParseArgon2(f *testing.F) {
	for _, s := range []string{
		"$argon2id$v=19$m=256,t=2,p=2$cmFtcGFydC1zYWx0LTAxNg$l8sFGIHTLCuQqXRLIqyLRfArP5i0XsIMfoZkSSOp/dY",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U",
		"$argon2id$v=19$m=4294967295,t=0,p=0$$",
		"$argon2id$v=19$m=,t=,p=$$",
		"$argon2id$v=19$$$",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, hash string) {
		p, err := parseArgon2(hash)
		if err != nil {
			return
		}
		if field, problem := p.check(); problem != "" {
			t.Fatalf("parseArgon2(%q) accepted %s %s", hash, field, problem)
		}
		again, err := parseArgon2(p.String())
		if err != nil {
			t.Fatalf("parseArgon2(%q) = %v after formatting %q", p.String(), err, hash)
		}
		if again.Argon2Params != p.Argon2Params || string(again.salt) != string(p.salt) || string(again.key) != string(p.key) {
			t.Fatalf("parseArgon2(%q) formats to %q, which parses differently", hash, p.String())
		}
	})
}
