package starlette

import "testing"

func TestUnquotePlus(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a+b", "a b"},
		{"a%20b%2Bc", "a b+c"},
		{"100%", "100%"},
		{"%zz%4", "%zz%4"},
		{"%C3%A9", "é"},
		{"%FF", "\uFFFD"},
	}
	for _, tt := range tests {
		if got := UnquotePlus(tt.in); got != tt.want {
			t.Errorf("UnquotePlus(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryValue(t *testing.T) {
	tests := []struct {
		raw, name, want string
		found           bool
	}{
		{"a=1&b=2", "b", "2", true},
		{"a=1&a=2", "a", "2", true},
		{"a&&b=", "a", "", true},
		{"api+key=x%21", "api key", "x!", true},
		{"a=1", "b", "", false},
	}
	for _, tt := range tests {
		got, found := QueryValue(tt.raw, tt.name)
		if got != tt.want || found != tt.found {
			t.Errorf("QueryValue(%q, %q) = %q, %v; want %q, %v", tt.raw, tt.name, got, found, tt.want, tt.found)
		}
	}
}

func TestCookieValue(t *testing.T) {
	tests := []struct {
		header, name, want string
		found              bool
	}{
		{"a=1; b=2", "b", "2", true},
		{"a=1; a=2", "a", "2", true},
		{` s = "v 1" `, "s", "v 1", true},
		{`s="a\"b\073c"`, "s", `a"b;c`, true},
		{"novalue; x=1", "", "novalue", true},
		{"a=1", "b", "", false},
	}
	for _, tt := range tests {
		got, found := CookieValue(tt.header, tt.name)
		if got != tt.want || found != tt.found {
			t.Errorf("CookieValue(%q, %q) = %q, %v; want %q, %v", tt.header, tt.name, got, found, tt.want, tt.found)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	if got := TrimSpace("\t\xa0 x y \x1f"); got != "x y" {
		t.Errorf("TrimSpace = %q, want %q", got, "x y")
	}
}
