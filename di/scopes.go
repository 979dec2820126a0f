package di

import (
	"iter"
	"slices"
	"strings"
)

// Scopes is the list of OAuth2 scopes required on the path from a route down
// to the dependency that receives it, outermost first, each scope once. It is
// FastAPI's SecurityScopes: [Scopes.All] and [Scopes.List] give its scopes
// attribute and [Scopes.String] its scope_str.
//
// A dependency receives it by taking [SecurityScopes] as an argument. The
// zero value holds no scopes. Scopes is immutable and safe for concurrent
// use.
type Scopes struct {
	list []string
	str  string
}

// NewScopes returns the Scopes holding list, with later duplicates dropped.
func NewScopes(list ...string) Scopes {
	return scopesOf(appendScopes(nil, list))
}

func scopesOf(list []string) Scopes {
	list = slices.Clip(list)
	return Scopes{list: list, str: strings.Join(list, " ")}
}

// All iterates over the scopes in order. It allocates nothing.
func (s Scopes) All() iter.Seq[string] {
	return slices.Values(s.list)
}

// List returns a copy of the scopes in order.
func (s Scopes) List() []string {
	return slices.Clone(s.list)
}

// Len reports the number of scopes.
func (s Scopes) Len() int { return len(s.list) }

// Contains reports whether scope is among the scopes.
func (s Scopes) Contains(scope string) bool {
	return slices.Contains(s.list, scope)
}

// String returns the scopes separated by single spaces, the form OAuth2 uses
// in a scope parameter and in a WWW-Authenticate challenge (FastAPI's
// scope_str). It is empty when there are no scopes.
func (s Scopes) String() string { return s.str }

// appendScopes appends to dst each scope of add not already in dst, in order.
func appendScopes(dst, add []string) []string {
	for _, s := range add {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

// scopeKey is the cache-key form of a scope list: sorted, space-joined.
func scopeKey(list []string) string {
	if len(list) == 0 {
		return ""
	}
	sorted := slices.Sorted(slices.Values(list))
	return strings.Join(sorted, " ")
}
