package security

import (
	"cmp"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// PasswordAlgorithm names a password hashing algorithm.
type PasswordAlgorithm string

// The password hashing algorithms a [PasswordHasher] can prefer.
const (
	// Argon2id is the memory-hard hash that the OWASP Password Storage
	// Cheat Sheet recommends first and RFC 9106 specifies. Hashes are
	// written in the PHC string format:
	// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
	Argon2id PasswordAlgorithm = "argon2id"

	// Bcrypt is the hash FastAPI's tutorial used through passlib. Hashes
	// look like $2a$12$<salt and hash>. bcrypt reads at most 72 bytes of
	// a password.
	Bcrypt PasswordAlgorithm = "bcrypt"
)

// Default password hashing parameters, from the OWASP Password Storage
// Cheat Sheet
// (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
const (
	// DefaultArgon2Memory is the memory argon2id uses, in KiB: 19 MiB.
	DefaultArgon2Memory = 19 * 1024

	// DefaultArgon2Time is the number of passes argon2id makes.
	DefaultArgon2Time = 2

	// DefaultArgon2Threads is the parallelism of argon2id.
	DefaultArgon2Threads = 1

	// DefaultArgon2SaltLength is the length of argon2id salts, in bytes,
	// that RFC 9106 §3.1 recommends.
	DefaultArgon2SaltLength = 16

	// DefaultArgon2KeyLength is the length of argon2id hashes, in bytes.
	DefaultArgon2KeyLength = 32

	// DefaultBcryptCost is the cost passlib, and so FastAPI's tutorial,
	// uses; OWASP asks for at least 10.
	DefaultBcryptCost = 12
)

// maxArgon2Memory bounds the memory, in KiB, that verifying an argon2id
// hash may take: 1 GiB. A hash asking for more is treated as corrupt
// rather than allowed to exhaust the server's memory.
const maxArgon2Memory = 1 << 20

// Argon2Params are the cost parameters of argon2id (RFC 9106 §3.1). Each
// zero field means its default.
type Argon2Params struct {
	// Memory is the memory size in KiB; it must be at least 8 KiB per
	// thread and at most 1 GiB. Zero means [DefaultArgon2Memory].
	Memory uint32

	// Time is the number of passes over the memory. Zero means
	// [DefaultArgon2Time].
	Time uint32

	// Threads is the degree of parallelism. Zero means
	// [DefaultArgon2Threads].
	Threads uint8

	// SaltLength is the length of the random salt in bytes, at least 8.
	// Zero means [DefaultArgon2SaltLength].
	SaltLength uint32

	// KeyLength is the length of the hash in bytes, at least 16. Zero
	// means [DefaultArgon2KeyLength].
	KeyLength uint32
}

// PasswordConfig configures a [PasswordHasher]. Its zero value hashes with
// argon2id and the default parameters.
type PasswordConfig struct {
	// Algorithm is the algorithm new hashes use. Empty means [Argon2id].
	Algorithm PasswordAlgorithm

	// Argon2 are the parameters of argon2id hashes.
	Argon2 Argon2Params

	// BcryptCost is the cost of bcrypt hashes, from 4 to 31. Zero means
	// [DefaultBcryptCost].
	BcryptCost int
}

// PasswordHasher hashes passwords with a preferred algorithm and
// parameters, and tells which stored hashes are due for an upgrade.
// Verification needs no hasher: see [VerifyPassword]. A PasswordHasher is
// safe for concurrent use.
type PasswordHasher struct {
	alg    PasswordAlgorithm
	argon2 Argon2Params
	cost   int

	// dummy is a hash of a random password made with the preferred
	// parameters, for VerifyDummy.
	dummy string
}

// NewPasswordHasher returns a [PasswordHasher] configured by cfg, or an
// error naming each parameter out of range. It hashes a random password
// once, for [PasswordHasher.VerifyDummy], so it takes as long as a call
// to [PasswordHasher.Hash].
func NewPasswordHasher(cfg PasswordConfig) (*PasswordHasher, error) {
	h := &PasswordHasher{alg: cfg.Algorithm, argon2: cfg.Argon2, cost: cfg.BcryptCost}
	if h.alg == "" {
		h.alg = Argon2id
	}
	p := &h.argon2
	p.Memory = cmp.Or(p.Memory, DefaultArgon2Memory)
	p.Time = cmp.Or(p.Time, DefaultArgon2Time)
	p.Threads = cmp.Or(p.Threads, DefaultArgon2Threads)
	p.SaltLength = cmp.Or(p.SaltLength, DefaultArgon2SaltLength)
	p.KeyLength = cmp.Or(p.KeyLength, DefaultArgon2KeyLength)
	h.cost = cmp.Or(h.cost, DefaultBcryptCost)

	var errs []error
	if h.alg != Argon2id && h.alg != Bcrypt {
		errs = append(errs, fmt.Errorf("security: PasswordConfig.Algorithm is %q, want %q or %q",
			h.alg, Argon2id, Bcrypt))
	}
	if h.cost < bcrypt.MinCost || h.cost > bcrypt.MaxCost {
		errs = append(errs, fmt.Errorf("security: PasswordConfig.BcryptCost is %d, want %d to %d",
			h.cost, bcrypt.MinCost, bcrypt.MaxCost))
	}
	if field, problem := p.check(); problem != "" {
		errs = append(errs, fmt.Errorf("security: PasswordConfig.Argon2.%s %s", field, problem))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// Made now rather than on first use, which would make the first
	// unknown user cost twice as much as the others.
	var err error
	if h.dummy, err = h.Hash(rand.Text()); err != nil {
		return nil, err
	}
	return h, nil
}

// Hash returns a new hash of plain with the preferred algorithm and a
// fresh random salt. With bcrypt, a password longer than 72 bytes is an
// error that wraps [bcrypt.ErrPasswordTooLong] rather than being cut short.
func (h *PasswordHasher) Hash(plain string) (string, error) {
	if h.alg == Bcrypt {
		b, err := bcrypt.GenerateFromPassword([]byte(plain), h.cost)
		if err != nil {
			return "", fmt.Errorf("security: hash password with bcrypt: %w", err)
		}
		return string(b), nil
	}

	p := argon2Hash{Argon2Params: h.argon2, salt: make([]byte, h.argon2.SaltLength)}
	rand.Read(p.salt)
	p.key = p.derive(plain)
	return p.String(), nil
}

// NeedsRehash reports whether hash was made with another algorithm or
// other parameters than h prefers, or cannot be read. A caller that has
// just verified the password replaces the stored hash with
// [PasswordHasher.Hash] of it, so that raising the cost takes effect as
// users log in.
func (h *PasswordHasher) NeedsRehash(hash string) bool {
	switch {
	case isBcrypt(hash):
		cost, err := bcrypt.Cost([]byte(hash))
		return h.alg != Bcrypt || err != nil || cost != h.cost
	case strings.HasPrefix(hash, argon2Prefix):
		p, err := parseArgon2(hash)
		if err != nil {
			return true
		}
		return h.alg != Argon2id || p.Argon2Params != h.argon2
	}
	return true
}

// VerifyDummy spends the time of a password check and returns
// [ErrPasswordMismatch]. Call it when no user has the name given, so that
// an attacker cannot tell unknown users from wrong passwords by how long
// the answer takes (OWASP Authentication Cheat Sheet, "Authentication
// Responses").
func (h *PasswordHasher) VerifyDummy(plain string) error {
	// The dummy password is random and unknown, so only the time of this
	// check matters, not its result.
	_ = VerifyPassword(h.dummy, plain)
	return ErrPasswordMismatch
}

// Errors that [VerifyPassword] returns.
var (
	// ErrPasswordMismatch means the password does not match the hash.
	ErrPasswordMismatch = errors.New("security: password does not match")

	// ErrUnknownHashFormat means the hash is neither bcrypt nor argon2id
	// in the PHC format, or is damaged.
	ErrUnknownHashFormat = errors.New("security: unknown password hash format")
)

// VerifyPassword checks plain against hash, a bcrypt hash ($2a$, $2b$ or
// $2y$) or an argon2id hash in the PHC string format, telling them apart
// by prefix. It returns nil on a match, [ErrPasswordMismatch] when the
// password is wrong, and an error wrapping [ErrUnknownHashFormat] when the
// hash cannot be read. The comparison takes constant time.
func VerifyPassword(hash, plain string) error {
	switch {
	case isBcrypt(hash):
		err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(plain))
		if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return ErrPasswordMismatch
		}
		if err != nil {
			return fmt.Errorf("%w: bcrypt: %v", ErrUnknownHashFormat, err)
		}
		return nil
	case strings.HasPrefix(hash, argon2Prefix):
		p, err := parseArgon2(hash)
		if err != nil {
			return fmt.Errorf("%w: argon2id: %v", ErrUnknownHashFormat, err)
		}
		if subtle.ConstantTimeCompare(p.derive(plain), p.key) != 1 {
			return ErrPasswordMismatch
		}
		return nil
	}
	return fmt.Errorf("%w: want a hash starting with $2a$, $2b$, $2y$ or %s",
		ErrUnknownHashFormat, argon2Prefix)
}

// isBcrypt reports whether hash has one of the prefixes of bcrypt hashes.
// $2y$ comes from PHP and $2b$ from OpenBSD and passlib; all three hash
// the same way for passwords under 256 bytes.
func isBcrypt(hash string) bool {
	return strings.HasPrefix(hash, "$2a$") ||
		strings.HasPrefix(hash, "$2b$") ||
		strings.HasPrefix(hash, "$2y$")
}

// argon2Prefix opens every argon2id hash this package reads: the only
// version x/crypto/argon2 implements is 0x13 (19).
const argon2Prefix = "$argon2id$v=19$"

// argon2Hash is an argon2id hash with its parameters, in which
// SaltLength and KeyLength are the lengths of salt and key.
type argon2Hash struct {
	Argon2Params
	salt, key []byte
}

// derive computes the argon2id key of plain with p's salt and parameters.
func (p *argon2Hash) derive(plain string) []byte {
	return argon2.IDKey([]byte(plain), p.salt, p.Time, p.Memory, p.Threads, p.KeyLength)
}

// String formats p in the PHC string format, with the unpadded standard
// base64 the format prescribes.
func (p *argon2Hash) String() string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("%sm=%d,t=%d,p=%d$%s$%s", argon2Prefix,
		p.Memory, p.Time, p.Threads,
		b64.EncodeToString(p.salt), b64.EncodeToString(p.key))
}

// parseArgon2 parses an argon2id PHC string with the parameters in the
// order m, t, p that the reference implementation writes.
func parseArgon2(hash string) (*argon2Hash, error) {
	parts := strings.Split(strings.TrimPrefix(hash, argon2Prefix), "$")
	if len(parts) != 3 {
		return nil, fmt.Errorf("hash has %d fields after the version, want 3", len(parts))
	}

	p := &argon2Hash{}
	params := strings.Split(parts[0], ",")
	if len(params) != 3 {
		return nil, fmt.Errorf("parameters are not m=<memory>,t=<time>,p=<threads>")
	}
	var err error
	if p.Memory, err = phcParam(params[0], "m", 32); err != nil {
		return nil, err
	}
	if p.Time, err = phcParam(params[1], "t", 32); err != nil {
		return nil, err
	}
	threads, err := phcParam(params[2], "p", 8)
	if err != nil {
		return nil, err
	}
	p.Threads = uint8(threads)

	b64 := base64.RawStdEncoding.Strict()
	if p.salt, err = b64.DecodeString(parts[1]); err != nil {
		return nil, fmt.Errorf("salt is not unpadded base64: %v", err)
	}
	if p.key, err = b64.DecodeString(parts[2]); err != nil {
		return nil, fmt.Errorf("hash is not unpadded base64: %v", err)
	}
	p.SaltLength, p.KeyLength = uint32(len(p.salt)), uint32(len(p.key))
	if field, problem := p.check(); problem != "" {
		return nil, fmt.Errorf("%s %s", phcNames[field], problem)
	}
	return p, nil
}

// phcParam parses the PHC parameter "name=value" as an unsigned integer
// of the given bit size.
func phcParam(s, name string, bits int) (uint32, error) {
	v, ok := strings.CutPrefix(s, name+"=")
	if !ok {
		return 0, fmt.Errorf("parameter %q is not %s=<number>", s, name)
	}
	n, err := strconv.ParseUint(v, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("parameter %s=%q is not a number below 2^%d", name, v, bits)
	}
	return uint32(n), nil
}

// phcNames names the Argon2Params fields as a PHC string shows them.
var phcNames = map[string]string{
	"Time":       "t",
	"Threads":    "p",
	"Memory":     "m",
	"SaltLength": "salt length",
	"KeyLength":  "hash length",
}

// check names the first parameter out of the range this package accepts
// and what is wrong with it, or returns two empty strings. The range keeps
// argon2.IDKey from panicking on zero time or threads and from allocating
// more than 1 GiB.
func (p *Argon2Params) check() (field, problem string) {
	switch {
	case p.Time < 1:
		return "Time", "is 0, want at least 1"
	case p.Threads < 1:
		return "Threads", "is 0, want at least 1"
	case p.Memory < 8*uint32(p.Threads):
		return "Memory", fmt.Sprintf("is %d KiB, want at least 8 KiB per thread (%d)", p.Memory, 8*uint32(p.Threads))
	case p.Memory > maxArgon2Memory:
		return "Memory", fmt.Sprintf("is %d KiB, want at most %d (1 GiB)", p.Memory, maxArgon2Memory)
	case p.SaltLength < 8 || p.SaltLength > 1024:
		return "SaltLength", fmt.Sprintf("is %d bytes, want 8 to 1024", p.SaltLength)
	case p.KeyLength < 16 || p.KeyLength > 1024:
		return "KeyLength", fmt.Sprintf("is %d bytes, want 16 to 1024", p.KeyLength)
	}
	return "", ""
}
