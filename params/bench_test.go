package params_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
)

// benchRequest is GET /items/42?limit=10&q=x with a User-Agent header and
// the path value set as the router would set it.
func benchRequest() *http.Request {
	r := httptest.NewRequest("GET", "/items/42?limit=10&q=x", nil)
	r.Header.Set("User-Agent", "bench/1.0")
	r.SetPathValue("item_id", "42")
	return r
}

type benchResult struct {
	itemID, limit int
	agent         string
}

var benchSink benchResult

//go:noinline
func benchHandler(itemID, limit int, agent string) (benchResult, error) {
	return benchResult{itemID, limit, agent}, nil
}

// BenchmarkPathQueryHeader runs Path[int], Query[int] and Header[string]
// through a compiled plan.
func BenchmarkPathQueryHeader(b *testing.B) {
	plan := di.MustCompile(di.Func3(benchHandler,
		params.Path[int]("item_id", params.Gt(0)),
		params.Query[int]("limit", params.Default(10), params.Le(100)),
		params.Header[string]("user_agent")))
	r := benchRequest()
	use := func(v benchResult) error { benchSink = v; return nil }
	b.ReportAllocs()
	for b.Loop() {
		if err := plan.Run(r, use); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPathQueryHeaderByHand does the same parsing and checks written
// by hand with the standard library, as a handler without params would.
func BenchmarkPathQueryHeaderByHand(b *testing.B) {
	r := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		itemID, err := strconv.Atoi(r.PathValue("item_id"))
		if err != nil || itemID <= 0 {
			b.Fatal("bad item_id")
		}
		limit := 10
		if s := r.URL.Query().Get("limit"); s != "" {
			if limit, err = strconv.Atoi(s); err != nil || limit > 100 {
				b.Fatal("bad limit")
			}
		}
		agent := r.Header.Get("User-Agent")
		if agent == "" {
			b.Fatal("no agent")
		}
		benchSink, _ = benchHandler(itemID, limit, agent)
	}
}

// BenchmarkPathHeader checks that a Path[int] and a Header[string]
// allocate nothing.
func BenchmarkPathHeader(b *testing.B) {
	plan := di.MustCompile(di.Func2(func(id int, agent string) (benchResult, error) {
		return benchResult{itemID: id, agent: agent}, nil
	}, params.Path[int]("item_id"), params.Header[string]("user_agent")))
	r := benchRequest()
	use := func(v benchResult) error { benchSink = v; return nil }
	b.ReportAllocs()
	for b.Loop() {
		if err := plan.Run(r, use); err != nil {
			b.Fatal(err)
		}
	}
}
