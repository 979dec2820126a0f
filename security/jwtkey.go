package security

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// Key is a key that a [JWT] signs or verifies tokens with.
//
// Set Secret for HMAC (HS256, HS384, HS512), or Private and Public for a
// key pair: *[rsa.PrivateKey] or *[rsa.PublicKey] for RS256,
// *[ecdsa.PrivateKey] or *[ecdsa.PublicKey] on P-256 for ES256, and
// [ed25519.PrivateKey] or [ed25519.PublicKey] for EdDSA. A key with only a
// Public half verifies but cannot sign.
type Key struct {
	// ID is the key ID written to the "kid" header of issued tokens and
	// matched against it when verifying (RFC 7515 §4.1.4). It is required
	// when a [JWTConfig] holds more than one key.
	ID string

	// Algorithm is the one algorithm this key is used with: a token whose
	// "alg" header names another is rejected, so that, say, an RSA public
	// key is never mistaken for an HMAC secret. Empty means HS256 for a
	// Secret, RS256 for RSA, ES256 for ECDSA and EdDSA for Ed25519.
	Algorithm string

	// Secret is the shared HMAC secret. RFC 7518 §3.2 requires at least as
	// many bytes as the hash: 32 for HS256, 48 for HS384, 64 for HS512.
	Secret []byte

	// Private signs tokens. Public is derived from it when nil.
	Private crypto.Signer

	// Public verifies tokens.
	Public crypto.PublicKey
}

// jwtKey is a [Key] checked and resolved for the jwt library.
type jwtKey struct {
	id     string
	alg    string
	method jwt.SigningMethod
	sign   any // []byte or crypto.Signer; nil for a verify-only key
	verify any // []byte, *rsa.PublicKey, *ecdsa.PublicKey or ed25519.PublicKey
}

// supportedAlgs maps the algorithms a JWT accepts to the fewest secret
// bytes an HMAC one needs (RFC 7518 §3.2); algNames lists them in order.
var (
	supportedAlgs = map[string]int{
		"HS256": 32, "HS384": 48, "HS512": 64,
		"RS256": 0, "ES256": 0, "EdDSA": 0,
	}
	algNames = []string{"HS256", "HS384", "HS512", "RS256", "ES256", "EdDSA"}
)

// setKeys resolves keys into j.keys and j.byID, returning one error per
// problem.
func (j *JWT) setKeys(keys []Key) []error {
	if len(keys) == 0 {
		return []error{errors.New("security: JWTConfig.Keys is empty; it needs a key to sign and verify with")}
	}
	var errs []error
	j.keys = make([]jwtKey, 0, len(keys))
	for i, k := range keys {
		jk, err := resolveKey(k)
		if err != nil {
			errs = append(errs, fmt.Errorf("security: JWTConfig.Keys[%d]%s: %v",
				i, kidLabel(k.ID), err))
			continue
		}
		if len(keys) > 1 && k.ID == "" {
			errs = append(errs, fmt.Errorf("security: JWTConfig.Keys[%d] has no ID; with %d keys, each needs one",
				i, len(keys)))
		}
		if _, dup := j.byID[k.ID]; dup && k.ID != "" {
			errs = append(errs, fmt.Errorf("security: JWTConfig.Keys[%d] repeats ID %q", i, k.ID))
		}
		j.keys = append(j.keys, jk)
		j.byID[k.ID] = &j.keys[len(j.keys)-1]
	}
	delete(j.byID, "")
	return errs
}

// setAlgorithms checks the allow-list against the supported algorithms
// and the keys, and sets j.allowed.
func (j *JWT) setAlgorithms(algs []string) []error {
	if len(algs) == 0 {
		for _, k := range j.keys {
			if !slices.Contains(j.allowed, k.alg) {
				j.allowed = append(j.allowed, k.alg)
			}
		}
		return nil
	}

	var errs []error
	for _, alg := range algs {
		if _, ok := supportedAlgs[alg]; ok {
			j.allowed = append(j.allowed, alg)
			continue
		}
		errs = append(errs, fmt.Errorf("security: JWTConfig.Algorithms: %v", badAlg(alg)))
	}
	for i, k := range j.keys {
		if !slices.Contains(j.allowed, k.alg) {
			errs = append(errs, fmt.Errorf("security: JWTConfig.Keys[%d]%s is for %s, which JWTConfig.Algorithms does not allow",
				i, kidLabel(k.id), k.alg))
		}
	}
	return errs
}

// badAlg explains why alg is not a supported algorithm.
func badAlg(alg string) error {
	if strings.EqualFold(alg, "none") {
		// RFC 8725 §3.1: an unsecured token is never acceptable here.
		return errors.New(`algorithm "none" is never allowed`)
	}
	for _, name := range algNames {
		if strings.EqualFold(alg, name) {
			return fmt.Errorf("unsupported algorithm %q (did you mean %s?)", alg, name)
		}
	}
	return fmt.Errorf("unsupported algorithm %q (supported: %s)", alg, strings.Join(algNames, ", "))
}

// resolveKey checks that k holds usable material for its algorithm.
func resolveKey(k Key) (jwtKey, error) {
	jk := jwtKey{id: k.ID, alg: k.Algorithm}
	hasPair := k.Private != nil || k.Public != nil
	switch {
	case len(k.Secret) > 0 && hasPair:
		return jk, errors.New("set either Secret or Private and Public, not both")
	case len(k.Secret) > 0:
		return hmacKey(jk, k.Secret)
	case !hasPair:
		return jk, errors.New("no key material; set Secret, Private or Public")
	}

	pub := k.Public
	if k.Private != nil {
		pub = k.Private.Public()
		jk.sign = k.Private
	}
	eq, ok := pub.(interface{ Equal(crypto.PublicKey) bool })
	if k.Private != nil && k.Public != nil && (!ok || !eq.Equal(k.Public)) {
		return jk, errors.New("the Public key does not match the Private key")
	}
	jk.verify = pub

	var want, kind string
	switch p := pub.(type) {
	case *rsa.PublicKey:
		want, kind = "RS256", "an RSA key"
		// RFC 7518 §3.3 requires 2048 bits or more.
		if bits := p.N.BitLen(); bits < 2048 {
			return jk, fmt.Errorf("RSA key has %d bits; RS256 needs at least 2048", bits)
		}
	case *ecdsa.PublicKey:
		want, kind = "ES256", "an ECDSA key"
		if p.Curve != elliptic.P256() {
			return jk, fmt.Errorf("ECDSA key is on %s; ES256 needs P-256", p.Curve.Params().Name)
		}
	case ed25519.PublicKey:
		want, kind = "EdDSA", "an Ed25519 key"
	default:
		return jk, fmt.Errorf("unsupported key type %T", pub)
	}
	if jk.alg == "" {
		jk.alg = want
	}
	if jk.alg != want {
		return jk, fmt.Errorf("algorithm %s does not fit %s, which is for %s",
			quote(jk.alg), kind, want)
	}
	jk.method = jwt.GetSigningMethod(jk.alg)
	return jk, nil
}

// hmacKey checks an HMAC secret against its algorithm.
func hmacKey(jk jwtKey, secret []byte) (jwtKey, error) {
	if jk.alg == "" {
		jk.alg = "HS256"
	}
	minLen, ok := supportedAlgs[jk.alg]
	if !ok || minLen == 0 {
		return jk, fmt.Errorf("algorithm %s does not fit an HMAC Secret, which is for HS256, HS384 or HS512",
			quote(jk.alg))
	}
	if len(secret) < minLen {
		return jk, fmt.Errorf("secret has %d bytes; %s needs at least %d (RFC 7518 §3.2)",
			len(secret), jk.alg, minLen)
	}
	// Copy the secret so that the caller reusing its slice cannot change
	// the key under a running JWT.
	s := slices.Clone(secret)
	jk.sign, jk.verify = s, s
	jk.method = jwt.GetSigningMethod(jk.alg)
	return jk, nil
}
