package security_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rampart-go/rampart/security"
)

func ExampleJWT() {
	// In an application the secret comes from configuration, as
	// SECRET_KEY does in FastAPI's tutorial; HS256 needs 32 bytes or more.
	secret := []byte("a 32-byte or longer secret, not this one!")
	tokens, err := security.NewJWT(security.JWTConfig{
		Keys:     []security.Key{{ID: "2026-03", Secret: secret}},
		Lifetime: 30 * time.Minute,
	})
	if err != nil {
		panic(err)
	}

	// The login endpoint issues a token with the scopes the user was
	// granted.
	token, err := tokens.Issue(security.Claims{
		Subject: "johndoe",
		Scopes:  []string{"me", "items"},
	})
	if err != nil {
		panic(err)
	}

	// Every protected endpoint verifies it.
	claims, err := tokens.Verify(token)
	if err != nil {
		panic(err)
	}
	fmt.Println(claims.Subject, claims.Scopes)
	fmt.Println(claims.ExpiresAt.Sub(claims.IssuedAt))

	_, err = tokens.Verify(token[:len(token)-4] + "AAAA")
	fmt.Println(errors.Is(err, security.ErrTokenSignature))
	// Output:
	// johndoe [me items]
	// 30m0s
	// true
}

func ExampleJWT_Verify_errors() {
	secret := []byte("a 32-byte or longer secret, not this one!")
	clock := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	tokens, err := security.NewJWT(security.JWTConfig{
		Keys: []security.Key{{Secret: secret}},
		Now:  func() time.Time { return clock },
	})
	if err != nil {
		panic(err)
	}
	token, err := tokens.Issue(security.Claims{Subject: "johndoe"})
	if err != nil {
		panic(err)
	}

	// Sixteen minutes later the token has outlived its default lifetime.
	clock = clock.Add(16 * time.Minute)
	_, err = tokens.Verify(token)
	fmt.Println(err)
	fmt.Println(errors.Is(err, security.ErrTokenExpired))

	// Errors say what is wrong without repeating the token.
	_, err = tokens.Verify(`eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.`)
	fmt.Println(err)
	// Output:
	// security: token is expired: expired at 2026-03-14T12:15:00Z
	// true
	// security: token is unverifiable: algorithm "none" is not allowed (allowed: HS256)
}
