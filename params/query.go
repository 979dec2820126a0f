package params

import (
	"net/http"
	"strings"
	"sync"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/internal/starlette"
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
		q.pairs = append(q.pairs, queryPair{starlette.UnquotePlus(k), starlette.UnquotePlus(v)})
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

// cookie returns the value of the cookie name as Starlette reads the
// request's cookies (see [starlette.CookieValue]). It allocates nothing
// unless the value has escapes to decode.
func cookie(r *http.Request, name string) (string, bool) {
	return starlette.CookieValue(r.Header.Get("Cookie"), name)
}
