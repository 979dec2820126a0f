package router_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/router"
)

// The BenchmarkRouteParams pair serves the same request, a path, a query
// and a header parameter echoed back as JSON, once through the router and
// once by hand on net/http, in process, so the ratio of the two is the
// router's overhead.

type echo struct {
	ItemID int    `json:"item_id"`
	Q      string `json:"q"`
	Token  string `json:"token"`
}

// benchWriter is a ResponseWriter that keeps nothing, reused by both sides
// so that neither pays for a recorder.
type benchWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) WriteHeader(code int)        { w.status = code }
func (w *benchWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

func (w *benchWriter) reset() {
	clear(w.h)
	w.status, w.n = 0, 0
}

func paramsRouter(extra int) *router.Router {
	rt := router.New()
	handler := di.Func3(func(id int, q, tok string) (*echo, error) {
		return &echo{ItemID: id, Q: q, Token: tok}, nil
	}, params.Path[int]("item_id"), params.Query[string]("q"), params.Header[string]("x_token"))
	for i := range extra {
		rt.Get(fmt.Sprintf("/other%d/{id}", i), handler)
	}
	rt.Get("/items/{item_id}", handler)
	return rt.MustBuild()
}

func benchServe(b *testing.B, h http.Handler) {
	req := httptest.NewRequest("GET", "/items/42?q=hello", nil)
	req.Header.Set("X-Token", "secret")
	w := &benchWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
		if w.status != 200 {
			b.Fatalf("status %d", w.status)
		}
	}
}

func BenchmarkRouteParams(b *testing.B) {
	benchServe(b, paramsRouter(0))
}

func BenchmarkRouteParamsNetHTTP(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{item_id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("item_id"))
		if err != nil {
			http.Error(w, `{"detail":"bad item_id"}`, http.StatusUnprocessableEntity)
			return
		}
		q := r.URL.Query()
		if !q.Has("q") {
			http.Error(w, `{"detail":"missing q"}`, http.StatusUnprocessableEntity)
			return
		}
		tok := r.Header.Values("X-Token")
		if len(tok) == 0 {
			http.Error(w, `{"detail":"missing x-token"}`, http.StatusUnprocessableEntity)
			return
		}
		body, err := json.Marshal(&echo{ItemID: id, Q: q.Get("q"), Token: tok[0]})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write(body) //nolint:errcheck
	})
	benchServe(b, mux)
}

// BenchmarkRouteParamsScale serves the same route among 10 to 10,000
// registered routes: the per-request cost should stay flat, since the mux
// matches by pattern tree and each route runs only its own plan.
func BenchmarkRouteParamsScale(b *testing.B) {
	for _, n := range []int{10, 1_000, 10_000} {
		b.Run(fmt.Sprintf("routes=%d", n), func(b *testing.B) {
			benchServe(b, paramsRouter(n-1))
		})
	}
}
