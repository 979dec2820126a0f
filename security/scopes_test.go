package security_test

import (
	"reflect"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/security"
)

func TestParseScope(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"me", []string{"me"}},
		{"items me", []string{"items", "me"}},
		{"items  \t me\n", []string{"items", "me"}},
		{"a\x1fb\u0085c", []string{"a", "b", "c"}}, // Python's isspace, not only ASCII
		{"a\u200bb", []string{"a\u200bb"}},         // a zero-width space is no whitespace
		{"me me", []string{"me", "me"}},            // duplicates kept, as scope.split() keeps them
	}
	for _, tt := range tests {
		if got := security.ParseScope(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseScope(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMissingScopes(t *testing.T) {
	tests := []struct {
		name     string
		required []string
		granted  []string
		want     []string
	}{
		{"none_required", nil, []string{"me"}, nil},
		{"all_granted", []string{"items", "me"}, []string{"me", "items", "admin"}, nil},
		{"one_missing", []string{"items", "me"}, []string{"me"}, []string{"items"}},
		{"nothing_granted", []string{"items", "me"}, nil, []string{"items", "me"}},
		{"case_sensitive", []string{"me"}, []string{"ME"}, []string{"me"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			required := di.NewScopes(tt.required...)
			got := security.MissingScopes(required, tt.granted)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MissingScopes(%q, %q) = %q, want %q", tt.required, tt.granted, got, tt.want)
			}
			if has := security.HasScopes(required, tt.granted); has != (len(tt.want) == 0) {
				t.Errorf("HasScopes(%q, %q) = %v, want %v", tt.required, tt.granted, has, len(tt.want) == 0)
			}
		})
	}
}

func TestBearerChallenge(t *testing.T) {
	tests := []struct {
		scopes []string
		want   string
	}{
		{nil, "Bearer"},
		{[]string{"me"}, `Bearer scope="me"`},
		{[]string{"items", "me"}, `Bearer scope="items me"`},
		{[]string{`we"ird\`}, `Bearer scope="we\"ird\\"`},
	}
	for _, tt := range tests {
		if got := security.BearerChallenge(di.NewScopes(tt.scopes...)); got != tt.want {
			t.Errorf("BearerChallenge(%q) = %s, want %s", tt.scopes, got, tt.want)
		}
	}
}

func TestHasScopesAllocatesNothing(t *testing.T) {
	required := di.NewScopes("items", "me")
	granted := []string{"me", "items"}
	if n := testing.AllocsPerRun(100, func() { security.HasScopes(required, granted) }); n != 0 {
		t.Errorf("HasScopes allocates %v times, want 0", n)
	}
}
