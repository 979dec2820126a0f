package security_test

import (
	"errors"
	"fmt"

	"github.com/rampart-go/rampart/security"
)

// users stands for a user store keyed by user name, holding hashes.
var users = map[string]string{
	// A bcrypt hash of "secret", like those of FastAPI's tutorial but at
	// cost 4 so that the example runs fast.
	"johndoe": "$2b$04$.tvACYcj7y58bh1jZfMzjOBmG/oXd0pPedIatPb8sp553w.6KCunC",
}

// authenticate checks a user name and password like authenticate_user
// in FastAPI's tutorial, and also takes as long for an unknown user as
// for a wrong password.
func authenticate(h *security.PasswordHasher, name, password string) error {
	hash, ok := users[name]
	if !ok {
		return h.VerifyDummy(password)
	}
	if err := security.VerifyPassword(hash, password); err != nil {
		return err
	}
	if h.NeedsRehash(hash) {
		// Upgrade the stored hash to the preferred algorithm now that
		// the password is known.
		users[name], _ = h.Hash(password)
	}
	return nil
}

func ExampleVerifyPassword() {
	h, err := security.NewPasswordHasher(security.PasswordConfig{})
	if err != nil {
		panic(err)
	}

	fmt.Println(authenticate(h, "johndoe", "secret"))
	fmt.Println(users["johndoe"][:30])
	fmt.Println(authenticate(h, "johndoe", "secret"))
	fmt.Println(authenticate(h, "johndoe", "guess"))
	fmt.Println(errors.Is(authenticate(h, "nobody", "secret"), security.ErrPasswordMismatch))
	// Output:
	// <nil>
	// $argon2id$v=19$m=19456,t=2,p=1
	// <nil>
	// security: password does not match
	// true
}

func ExamplePasswordHasher_Hash() {
	// The zero config hashes with argon2id and OWASP's parameters.
	h, err := security.NewPasswordHasher(security.PasswordConfig{})
	if err != nil {
		panic(err)
	}

	hash, err := h.Hash("correct horse battery staple")
	if err != nil {
		panic(err)
	}
	fmt.Println(hash[:31])
	fmt.Println(security.VerifyPassword(hash, "correct horse battery staple"))
	fmt.Println(security.VerifyPassword(hash, "Tr0ub4dor&3"))
	fmt.Println(h.NeedsRehash(hash))
	// Output:
	// $argon2id$v=19$m=19456,t=2,p=1$
	// <nil>
	// security: password does not match
	// false
}
