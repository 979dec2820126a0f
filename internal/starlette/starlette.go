// Package starlette reads query strings and cookies the way Starlette, the
// toolkit under FastAPI, reads them, so that package params and package
// security agree with FastAPI, and with each other, on what a request
// holds.
package starlette

import (
	"strings"
	"unicode/utf8"
)

// UnquotePlus decodes s as Python's urllib.parse.unquote_plus does: '+' is
// a space, %XX is the byte XX, a '%' not followed by two hex digits stays
// as it is, and bytes that are not UTF-8 become U+FFFD. It returns s
// itself, allocating nothing, when there is nothing to decode.
func UnquotePlus(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return validUTF8(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return validUTF8(string(b))
}

// QueryValue returns the last value of the parameter name in the raw query
// string, as Starlette's request.query_params.get does: the query is split
// at '&' (Python's parse_qsl), empty pieces are skipped, a piece without
// '=' has an empty value, and names and values are decoded by
// [UnquotePlus].
func QueryValue(raw, name string) (value string, found bool) {
	for raw != "" {
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		if piece == "" {
			continue
		}
		k, v, _ := strings.Cut(piece, "=")
		if UnquotePlus(k) == name {
			value, found = UnquotePlus(v), true
		}
	}
	return value, found
}

// CookieValue returns the value of the cookie name in a Cookie header, as
// Starlette's cookie_parser reads it: pieces split at ';', each cut at its
// first '=' (a piece without one is a value with an empty name), names and
// values stripped of whitespace, the last of equal names kept, and a value
// in double quotes unquoted as Python's http.cookies does.
// [net/http.Request.Cookie] differs: it keeps the first cookie and drops
// values that RFC 6265 does not allow. Starlette reads only the first
// Cookie header; HTTP/2 clients' several headers arrive joined.
func CookieValue(header, name string) (value string, found bool) {
	for header != "" {
		var piece string
		piece, header, _ = strings.Cut(header, ";")
		k, v, hasEq := strings.Cut(piece, "=")
		if !hasEq {
			k, v = "", piece
		}
		k, v = TrimSpace(k), TrimSpace(v)
		if (k != "" || v != "") && k == name {
			value, found = unquoteCookie(v), true
		}
	}
	return value, found
}

// unquoteCookie removes the double quotes around a cookie value and decodes
// its backslash escapes, \ooo in octal or \c for c, as Python's
// http.cookies._unquote does. A value not in quotes is returned as it is.
func unquoteCookie(v string) string {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return v
	}
	v = v[1 : len(v)-1]
	if strings.IndexByte(v, '\\') < 0 {
		return v
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' || i+1 >= len(v) || v[i+1] == '\n' {
			b = append(b, c)
			continue
		}
		if i+3 < len(v) && '0' <= v[i+1] && v[i+1] <= '3' &&
			isOctal(v[i+2]) && isOctal(v[i+3]) {
			b = append(b, (v[i+1]-'0')<<6|(v[i+2]-'0')<<3|(v[i+3]-'0'))
			i += 3
			continue
		}
		b = append(b, v[i+1])
		i++
	}
	return string(b)
}

// TrimSpace strips what Python's str.strip strips from a header value.
// Starlette decodes header bytes as Latin-1, so every byte is one
// character and the whitespace bytes are those whose Latin-1 characters
// Python counts as whitespace.
func TrimSpace(s string) string {
	start, end := 0, len(s)
	for start < end && isLatin1Space(s[start]) {
		start++
	}
	for end > start && isLatin1Space(s[end-1]) {
		end--
	}
	return s[start:end]
}

func isLatin1Space(b byte) bool {
	switch b {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0:
		return true
	}
	return false
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
