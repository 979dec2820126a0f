package openapi

import (
	"strings"
	"unicode"
)

// Title returns the title pydantic gives a field of the given name: each
// underscore becomes a space and each word is title-cased the way Python's
// str.title does it, so "full_name" gives "Full Name" and "item-query"
// gives "Item-Query".
//
// Like pydantic, Title lowers every letter that follows another letter, so
// "userID" gives "Userid"; a title tag on the field sets a title of its own
// choosing.
func Title(name string) string {
	var b strings.Builder
	afterCased := false
	for _, r := range name {
		// Python's str.title counts a letter as the start of a word when
		// the character before it is not a cased letter.
		if afterCased {
			r = unicode.ToLower(r)
		} else {
			r = unicode.ToTitle(r)
		}
		afterCased = unicode.IsUpper(r) || unicode.IsLower(r) ||
			unicode.IsTitle(r)
		if r == '_' {
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
