package params

import (
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rampart-go/rampart/di"
)

// query is the parsed query string of one request. Every [Query]
// parameter and every [Fields] struct with query fields of a route reads
// the one query value that their shared dependency parses, so the query
// string is parsed once per request however many parameters read it.
//
// Values are pooled: the dependency takes one from a pool and its cleanup
// puts it back once the request is done, so parsing allocates nothing
// unless a key or value holds escapes. Nothing outside this package sees
// a query, and the strings taken from it are ordinary strings that stay
// valid after it is reused.
type query struct {
	pairs   []queryPair
	release di.Cleanup
}

type queryPair struct{ key, value string }

// queryDep is the dependency that parses the query string. It is a
// package-level value like [di.Request]: immutable, and shared by every
// plan so that di caches one parse per request.
var queryDep = newQueryDep()

func newQueryDep() di.Dep[*query] {
	pool := &sync.Pool{}
	pool.New = func() any {
		q := &query{}
		q.release = func(error) {
			clear(q.pairs)
			q.pairs = q.pairs[:0]
			pool.Put(q)
		}
		return q
	}
	parse := func(r *http.Request) (*query, di.Cleanup, error) {
		q := pool.Get().(*query)
		if r != nil && r.URL != nil {
			q.parse(r.URL.RawQuery)
		}
		return q, q.release, nil
	}
	return di.WithName(di.Yield1(parse, di.Request()), "query string")
}

// parse splits raw into its pairs as Starlette does (Python's parse_qsl
// with keep_blank_values): pairs are separated by '&', a pair without '='
// has an empty value, '+' is a space, and a '%' that does not start a
// valid escape is kept as it is rather than rejected. Text that is not
// valid UTF-8 after unescaping has its bad bytes replaced with U+FFFD.
func (q *query) parse(raw string) {
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		q.pairs = append(q.pairs, queryPair{unescape(k), unescape(v)})
	}
}

// last returns the value of the last pair named key, as Starlette's
// QueryParams.get does.
func (q *query) last(key string) (string, bool) {
	for i := len(q.pairs) - 1; i >= 0; i-- {
		if q.pairs[i].key == key {
			return q.pairs[i].value, true
		}
	}
	return "", false
}

// all returns the values of every pair named key, in order, or nil.
func (q *query) all(key string) []string {
	n := 0
	for _, p := range q.pairs {
		if p.key == key {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for _, p := range q.pairs {
		if p.key == key {
			out = append(out, p.value)
		}
	}
	return out
}

// unescape decodes '+' and %XX escapes. It returns s itself, allocating
// nothing, when s holds neither.
func unescape(s string) string {
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

// cookie returns the value of the last cookie named name in the request's
// Cookie headers, as Starlette's request.cookies keeps the last, with
// surrounding double quotes removed. It allocates nothing.
func cookie(r *http.Request, name string) (string, bool) {
	var val string
	found := false
	for _, line := range r.Header["Cookie"] {
		for line != "" {
			var part string
			part, line, _ = strings.Cut(line, ";")
			k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || strings.TrimSpace(k) != name {
				continue
			}
			v = strings.TrimSpace(v)
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			val, found = v, true
		}
	}
	return val, found
}
