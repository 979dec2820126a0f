package security_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/rampart-go/rampart/security"
)

// fastArgon2 keeps argon2id hashing under a millisecond in tests.
var fastArgon2 = security.Argon2Params{Memory: 64, Time: 1, Threads: 1}

func newHasher(t testing.TB, cfg security.PasswordConfig) *security.PasswordHasher {
	t.Helper()
	h, err := security.NewPasswordHasher(cfg)
	if err != nil {
		t.Fatalf("NewPasswordHasher(%+v): %v", cfg, err)
	}
	return h
}

// TestVerifyPasswordFastAPIHashes checks the bcrypt hashes of FastAPI's
// tutorial (https://fastapi.tiangolo.com/tutorial/security/oauth2-jwt/).
func TestVerifyPasswordFastAPIHashes(t *testing.T) {
	tests := []struct {
		name, hash, plain string
	}{
		{"johndoe", "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW", "secret"},
		{"alice", "$2b$12$gSvqqUPvlXP2tfVFaWK1Be7DlH.PKZbv5H8KnzzVgXXbVxpva.pFm", "secretalice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Cost 12 takes seconds under the race detector; run both at
			// once. Mismatches are tested on cheaper hashes.
			t.Parallel()
			if err := security.VerifyPassword(tt.hash, tt.plain); err != nil {
				t.Errorf("VerifyPassword(%q, %q) = %v, want nil", tt.hash, tt.plain, err)
			}
		})
	}
}

// TestVerifyPasswordForeignArgon2id checks a hash made by another
// implementation, hash-wasm 4.13.0, with two threads and a salt
// "rampart-salt-016".
func TestVerifyPasswordForeignArgon2id(t *testing.T) {
	const hash = "$argon2id$v=19$m=256,t=2,p=2$cmFtcGFydC1zYWx0LTAxNg$l8sFGIHTLCuQqXRLIqyLRfArP5i0XsIMfoZkSSOp/dY"
	if err := security.VerifyPassword(hash, "correct horse"); err != nil {
		t.Errorf("VerifyPassword(%q, %q) = %v, want nil", hash, "correct horse", err)
	}
	if err := security.VerifyPassword(hash, "correct horsE"); err != security.ErrPasswordMismatch {
		t.Errorf("VerifyPassword(%q, %q) = %v, want ErrPasswordMismatch",
			hash, "correct horsE", err)
	}
}

func TestHashVerify(t *testing.T) {
	tests := []struct {
		name   string
		cfg    security.PasswordConfig
		format *regexp.Regexp
	}{
		{"argon2id", security.PasswordConfig{Argon2: fastArgon2},
			regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)},
		{"bcrypt", security.PasswordConfig{Algorithm: security.Bcrypt, BcryptCost: bcrypt.MinCost},
			regexp.MustCompile(`^\$2a\$04\$[./A-Za-z0-9]{53}$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHasher(t, tt.cfg)
			hash, err := h.Hash("hunter2")
			if err != nil {
				t.Fatalf("Hash: %v", err)
			}
			if !tt.format.MatchString(hash) {
				t.Errorf("Hash(%q) = %q, want it to match %v", "hunter2", hash, tt.format)
			}
			if err := security.VerifyPassword(hash, "hunter2"); err != nil {
				t.Errorf("VerifyPassword(%q, %q) = %v, want nil", hash, "hunter2", err)
			}
			for _, wrong := range []string{"hunter3", "", "hunter2 "} {
				if err := security.VerifyPassword(hash, wrong); err != security.ErrPasswordMismatch {
					t.Errorf("VerifyPassword(%q, %q) = %v, want ErrPasswordMismatch",
						hash, wrong, err)
				}
			}
			if again, _ := h.Hash("hunter2"); again == hash {
				t.Errorf("Hash(%q) twice gave %q both times, want a fresh salt", "hunter2", hash)
			}
			if h.NeedsRehash(hash) {
				t.Errorf("NeedsRehash(%q) = true for a hash h just made", hash)
			}
		})
	}
}

func TestVerifyPasswordBcryptVariants(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("pa55"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"$2a$", "$2b$", "$2y$"} {
		h := prefix + string(hash[4:])
		if err := security.VerifyPassword(h, "pa55"); err != nil {
			t.Errorf("VerifyPassword(%q, %q) = %v, want nil", h, "pa55", err)
		}
	}
}

func TestVerifyPasswordBadHashes(t *testing.T) {
	const salt, key = "c2FsdHNhbHRzYWx0", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"
	// phc returns an argon2id hash with the given parameters.
	phc := func(params string) string {
		return "$argon2id$v=19$" + params + "$" + salt + "$" + key
	}
	tests := []struct {
		name, hash, words string
	}{
		{"empty", "", "want a hash starting with $2a$, $2b$, $2y$ or $argon2id$v=19$"},
		{"plain_text", "secret", "want a hash starting with"},
		{"sha256_crypt", "$5$rounds=5000$salt$hash", "want a hash starting with"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key, "want a hash starting with"},
		{"argon2id_v16", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key, "want a hash starting with"},
		{"argon2id_no_version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + key, "want a hash starting with"},
		{"bcrypt_short", "$2b$12$short", "bcrypt: crypto/bcrypt: hashedSecret too short"},
		{"bcrypt_cost", "$2b$99$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
			"bcrypt: crypto/bcrypt: cost 99 is outside"},
		{"missing_hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt, "argon2id: hash has 2 fields after the version, want 3"},
		{"extra_field", "$argon2id$v=19$m=64,t=1,p=1$x$" + salt + "$" + key, "has 4 fields"},
		{"param_order", phc("t=1,m=64,p=1"), `parameter "t=1" is not m=<number>`},
		{"param_count", phc("m=64,t=1"), "parameters are not m=<memory>,t=<time>,p=<threads>"},
		{"param_not_number", phc("m=64,t=x,p=1"), `parameter t="x" is not a number below 2^32`},
		{"threads_overflow", phc("m=4096,t=1,p=256"), `parameter p="256" is not a number below 2^8`},
		{"time_zero", phc("m=64,t=0,p=1"), "argon2id: t is 0, want at least 1"},
		{"threads_zero", phc("m=64,t=1,p=0"), "p is 0, want at least 1"},
		{"memory_small", phc("m=8,t=1,p=2"), "m is 8 KiB, want at least 8 KiB per thread (16)"},
		{"memory_huge", phc("m=4294967295,t=1,p=1"), "m is 4294967295 KiB, want at most 1048576 (1 GiB)"},
		{"salt_padded", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0MQ==$" + key, "salt is not unpadded base64"},
		{"salt_short", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key, "salt length is 4 bytes, want 8 to 1024"},
		{"key_short", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$a2V5",
			"hash length is 3 bytes, want 16 to 1024"},
		{"key_not_base64", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$!!!!",
			"hash is not unpadded base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := security.VerifyPassword(tt.hash, "secret")
			if !errors.Is(err, security.ErrUnknownHashFormat) {
				t.Fatalf("VerifyPassword(%q) = %v, want ErrUnknownHashFormat", tt.hash, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "security: unknown password hash format: ") || !strings.Contains(msg, tt.words) {
				t.Errorf("VerifyPassword(%q) = %q, want it to contain %q", tt.hash, msg, tt.words)
			}
			if strings.Contains(err.Error(), "secret\"") {
				t.Errorf("VerifyPassword error %q repeats the password", err)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	argon := newHasher(t, security.PasswordConfig{Argon2: fastArgon2})
	bcr := newHasher(t, security.PasswordConfig{Algorithm: security.Bcrypt, BcryptCost: 5})
	const (
		fastapi   = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"
		cost5     = "$2a$05$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"
		sameArgon = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	)
	tests := []struct {
		name string
		h    *security.PasswordHasher
		hash string
		want bool
	}{
		{"argon2_same", argon, sameArgon, false},
		{"argon2_memory", argon, strings.Replace(sameArgon, "m=64", "m=128", 1), true},
		{"argon2_time", argon, strings.Replace(sameArgon, "t=1", "t=2", 1), true},
		{"argon2_threads", argon, strings.Replace(sameArgon, "p=1", "p=2", 1), true},
		{"argon2_short_salt", argon, strings.Replace(sameArgon, "c2FsdHNhbHRzYWx0c2FsdA", "c2FsdHNhbHRz", 1), true},
		{"bcrypt_for_argon2", argon, fastapi, true},
		{"argon2_for_bcrypt", bcr, sameArgon, true},
		{"bcrypt_same", bcr, cost5, false},
		{"bcrypt_cost", bcr, fastapi, true},
		{"garbage", argon, "$argon2id$v=19$m=64", true},
		{"unknown", bcr, "plain", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.NeedsRehash(tt.hash); got != tt.want {
				t.Errorf("NeedsRehash(%q) = %v, want %v", tt.hash, got, tt.want)
			}
		})
	}
}

func TestHashBcryptRejectsLongPassword(t *testing.T) {
	h := newHasher(t, security.PasswordConfig{Algorithm: security.Bcrypt, BcryptCost: bcrypt.MinCost})
	_, err := h.Hash(strings.Repeat("x", 73))
	if !errors.Is(err, bcrypt.ErrPasswordTooLong) || !strings.HasPrefix(err.Error(), "security: ") {
		t.Errorf("Hash(73 bytes) with bcrypt = %v, want an error wrapping bcrypt.ErrPasswordTooLong",
			err)
	}
}

func TestVerifyDummy(t *testing.T) {
	h := newHasher(t, security.PasswordConfig{Argon2: security.Argon2Params{Memory: 4096, Time: 2, Threads: 1}})
	hash, err := h.Hash("right")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.VerifyDummy("right"); err != security.ErrPasswordMismatch {
		t.Fatalf("VerifyDummy = %v, want ErrPasswordMismatch", err)
	}

	// The point of VerifyDummy is its cost: it must take about as long as
	// checking a real hash. Compare the fastest of a few runs of each, with
	// wide bounds to stay clear of scheduler noise.
	fastest := func(f func()) time.Duration {
		best := time.Duration(1<<63 - 1)
		for range 5 {
			start := time.Now()
			f()
			best = min(best, time.Since(start))
		}
		return best
	}
	wrong := fastest(func() { _ = security.VerifyPassword(hash, "wrong") })
	dummy := fastest(func() { _ = h.VerifyDummy("wrong") })
	if dummy < wrong/4 || dummy > wrong*4 {
		t.Errorf("VerifyDummy took %v and a wrong password %v; want them within a factor of 4",
			dummy, wrong)
	}
}

func TestNewPasswordHasherErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfg   security.PasswordConfig
		words []string
	}{
		{"algorithm", security.PasswordConfig{Algorithm: "scrypt"},
			[]string{`PasswordConfig.Algorithm is "scrypt", want "argon2id" or "bcrypt"`}},
		{"bcrypt_cost", security.PasswordConfig{BcryptCost: 3},
			[]string{"PasswordConfig.BcryptCost is 3, want 4 to 31"}},
		{"memory", security.PasswordConfig{Argon2: security.Argon2Params{Memory: 16, Threads: 4}},
			[]string{"PasswordConfig.Argon2.Memory is 16 KiB, want at least 8 KiB per thread (32)"}},
		{"memory_huge", security.PasswordConfig{Argon2: security.Argon2Params{Memory: 2 << 20}},
			[]string{"PasswordConfig.Argon2.Memory is 2097152 KiB, want at most"}},
		{"salt", security.PasswordConfig{Argon2: security.Argon2Params{SaltLength: 4}},
			[]string{"PasswordConfig.Argon2.SaltLength is 4 bytes, want 8 to 1024"}},
		{"key", security.PasswordConfig{Argon2: security.Argon2Params{KeyLength: 8}},
			[]string{"PasswordConfig.Argon2.KeyLength is 8 bytes, want 16 to 1024"}},
		{"several", security.PasswordConfig{Algorithm: "md5", BcryptCost: 40},
			[]string{`Algorithm is "md5"`, "BcryptCost is 40"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := security.NewPasswordHasher(tt.cfg)
			if err == nil {
				t.Fatalf("NewPasswordHasher(%+v) = %v, nil; want an error", tt.cfg, h)
			}
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), "security: "+w) && !strings.Contains(err.Error(), w) {
					t.Errorf("NewPasswordHasher(%+v) = %q, want it to contain %q", tt.cfg, err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "security: ") {
				t.Errorf("NewPasswordHasher error %q does not start with %q", err, "security: ")
			}
		})
	}
}

func TestPasswordDefaults(t *testing.T) {
	h := newHasher(t, security.PasswordConfig{})
	want := "$argon2id$v=19$m=19456,t=2,p=1$"
	hash, err := h.Hash("pw")
	if err != nil || !strings.HasPrefix(hash, want) {
		t.Errorf("Hash with the zero PasswordConfig = %q, %v; want a hash starting with %q",
			hash, err, want)
	}
}
