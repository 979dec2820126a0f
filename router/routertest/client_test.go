package routertest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/router/routertest"
)

// seen is what the echo handler saw of its request.
type seen struct {
	Method        string            `json:"method"`
	Path          string            `json:"path"`
	Query         string            `json:"query"`
	ContentType   string            `json:"content_type"`
	Authorization string            `json:"authorization"`
	Trace         string            `json:"x_trace"`
	Cookies       map[string]string `json:"cookies"`
	Body          string            `json:"body"`
}

// echo answers with what the handler reads of the request through
// di.Request, so a test can check that every option reached it.
var echo = di.Func1(func(r *http.Request) (seen, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return seen{}, err
	}
	s := seen{
		Method:        r.Method,
		Path:          r.URL.Path,
		Query:         r.URL.RawQuery,
		ContentType:   r.Header.Get("Content-Type"),
		Authorization: r.Header.Get("Authorization"),
		Trace:         r.Header.Get("X-Trace"),
		Body:          string(body),
	}
	for _, c := range r.Cookies() {
		if s.Cookies == nil {
			s.Cookies = map[string]string{}
		}
		s.Cookies[c.Name] = c.Value
	}
	return s, nil
}, di.Request())

func echoRouter() *router.Router {
	rt := router.New()
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		rt.Handle(m, "/echo", echo)
	}
	rt.Post("/items/", di.Func0(func() (router.JSON[map[string]int], error) {
		return router.Created("/items/7", map[string]int{"id": 7}), nil
	}))
	return rt
}

func TestRequestsReachTheHandler(t *testing.T) {
	c := routertest.New(t, echoRouter())
	tests := []struct {
		name string
		send func() *routertest.Response
		want seen
	}{
		{
			"get_with_query_and_header",
			func() *routertest.Response {
				return c.Get("/echo?q=pen&limit=3", routertest.Header("X-Trace", "t1"))
			},
			seen{Method: "GET", Path: "/echo", Query: "q=pen&limit=3", Trace: "t1"},
		},
		{
			"get_with_bearer_and_cookies",
			func() *routertest.Response {
				return c.Get("/echo", routertest.Bearer("tok"),
					routertest.Cookie("session", "s1"), routertest.Cookie("theme", "dark"))
			},
			seen{Method: "GET", Path: "/echo", Authorization: "Bearer tok",
				Cookies: map[string]string{"session": "s1", "theme": "dark"}},
		},
		{
			"post_json",
			func() *routertest.Response {
				return c.PostJSON("/echo", map[string]any{"name": "Foo", "price": 1.5},
					routertest.Bearer("tok"))
			},
			seen{Method: "POST", Path: "/echo", ContentType: "application/json",
				Authorization: "Bearer tok", Body: `{"name":"Foo","price":1.5}`},
		},
		{
			"put_json",
			func() *routertest.Response {
				return c.PutJSON("/echo", []int{1, 2}, routertest.Cookie("session", "s2"))
			},
			seen{Method: "PUT", Path: "/echo", ContentType: "application/json",
				Cookies: map[string]string{"session": "s2"}, Body: `[1,2]`},
		},
		{
			"header_option_overrides_json_content_type",
			func() *routertest.Response {
				return c.PostJSON("/echo", "x",
					routertest.Header("Content-Type", "application/merge-patch+json"))
			},
			seen{Method: "POST", Path: "/echo", ContentType: "application/merge-patch+json",
				Body: `"x"`},
		},
		{
			"post_form",
			func() *routertest.Response {
				form := url.Values{"username": {"alice"}, "scope": {"me items"}}
				return c.PostForm("/echo", form, routertest.Header("X-Trace", "t2"))
			},
			seen{Method: "POST", Path: "/echo", ContentType: "application/x-www-form-urlencoded",
				Trace: "t2", Body: "scope=me+items&username=alice"},
		},
		{
			"do_patch_with_raw_body",
			func() *routertest.Response {
				return c.Do("PATCH", "/echo?v=2", strings.NewReader("raw"),
					routertest.Header("Content-Type", "text/plain"), routertest.Bearer("t"))
			},
			seen{Method: "PATCH", Path: "/echo", Query: "v=2", ContentType: "text/plain",
				Authorization: "Bearer t", Body: "raw"},
		},
		{
			"do_delete_without_body",
			func() *routertest.Response { return c.Do("DELETE", "/echo", nil) },
			seen{Method: "DELETE", Path: "/echo"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.send()
			if res.Status != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", res.Status, res.Body)
			}
			var got seen
			res.JSON(&got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("handler saw %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestResponseAccessors(t *testing.T) {
	c := routertest.New(t, echoRouter())

	res := c.Get("/echo?a=1")
	want := `{"method":"GET","path":"/echo","query":"a=1",`
	if got := res.String(); !strings.HasPrefix(got, want) {
		t.Errorf("String() = %s, want it to start with %s", got, want)
	}
	m := res.Map()
	if m["method"] != "GET" || m["query"] != "a=1" || m["cookies"] != nil {
		t.Errorf("Map() = %v, want method GET, query a=1 and null cookies", m)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Header Content-Type = %q, want application/json", ct)
	}

	res = c.PostJSON("/items/", nil)
	if res.Status != http.StatusCreated {
		t.Errorf("POST /items/ status = %d, want 201", res.Status)
	}
	if loc := res.Location(); loc.Path != "/items/7" || loc.IsAbs() {
		t.Errorf("Location() = %v, want the relative /items/7", loc)
	}
	var created struct{ ID int }
	res.JSON(&created)
	if created.ID != 7 {
		t.Errorf("JSON() decoded %+v from %s, want ID 7", created, res.Body)
	}

	// The trailing-slash redirect carries an absolute Location.
	res = c.Get("/echo/?x=1")
	if res.Status != http.StatusTemporaryRedirect {
		t.Fatalf("GET /echo/ status = %d, want 307", res.Status)
	}
	loc := res.Location()
	if loc.String() != "http://example.com/echo?x=1" || !loc.IsAbs() {
		t.Errorf("Location() = %v, want http://example.com/echo?x=1", loc)
	}
	if res.String() != "" {
		t.Errorf("redirect body = %q, want empty", res.String())
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message instead
// of stopping the goroutine, to test how the client fails a test. The
// client calls no other method of it.
type fatalRecorder struct {
	testing.TB
	msgs []string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

func TestResponseFailsTheTestOnBadBodies(t *testing.T) {
	rt := router.New()
	rt.Get("/text", di.Value(router.Raw{ContentType: "text/plain", Body: []byte("hello")}))
	rt.Get("/bad-location", di.Value(router.JSON[string]{
		Header: http.Header{"Location": {"http://[::1"}}, Body: "x",
	}))

	rec := &fatalRecorder{}
	c := routertest.New(rec, rt)
	res := c.Get("/text")
	if res.String() != "hello" {
		t.Errorf("String() = %q, want hello", res.String())
	}
	if m := res.Map(); m != nil {
		t.Errorf("Map() of a text body = %v, want nil", m)
	}
	c.Get("/bad-location").Location()

	if len(rec.msgs) != 2 ||
		!strings.Contains(rec.msgs[0], "routertest: response body is not JSON") ||
		!strings.Contains(rec.msgs[0], "hello") ||
		!strings.Contains(rec.msgs[1], `routertest: bad Location "http://[::1"`) {
		t.Errorf("Fatalf calls = %q, want the non-JSON body, then the bad Location", rec.msgs)
	}
}

// layered is a route whose handler reaches a database three levels down:
// handler <- service <- repository <- database.
type layered struct {
	rt *router.Router
	db di.Dep[string]
}

func newLayered() layered {
	db := di.Func0(func() (string, error) { return "postgres", nil })
	repo := di.Func1(func(db string) (string, error) { return "repo(" + db + ")", nil }, db)
	service := di.Func1(func(repo string) (string, error) {
		return "service(" + repo + ")", nil
	}, repo)
	handler := di.Func1(func(s string) (string, error) { return s, nil }, service)
	rt := router.New()
	rt.Get("/stack", handler)
	return layered{rt, db}
}

func (l layered) fake(name string) di.Option {
	return di.Override(l.db, di.Value(name))
}

// wantStack checks the body of GET /stack served by h.
func wantStack(t *testing.T, who string, h http.Handler, db string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/stack", nil))
	want := `"service(repo(` + db + `))"`
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("%s: GET /stack = %d %s, want 200 %s", who, rec.Code, rec.Body, want)
	}
}

func TestOverrideReplacesDeepDependencyForOneClient(t *testing.T) {
	l := newLayered()
	before := routertest.New(t, l.rt)
	faked := routertest.New(t, l.rt, l.fake("sqlite"))
	after := routertest.New(t, l.rt)

	wantStack(t, "faked client", faked.Router(), "sqlite")
	wantStack(t, "client made before", before.Router(), "postgres")
	wantStack(t, "client made after", after.Router(), "postgres")
	wantStack(t, "original router", l.rt, "postgres")
	if faked.Router() == l.rt {
		t.Error("the client with overrides serves the original router")
	}
	if before.Router() != l.rt || after.Router() != l.rt {
		t.Error("a client without overrides does not serve the router it was given")
	}

	// The same through the client's own helpers.
	if got := faked.Get("/stack").String(); got != `"service(repo(sqlite))"` {
		t.Errorf("faked.Get = %s, want the sqlite stack", got)
	}
	if got := before.Get("/stack").String(); got != `"service(repo(postgres))"` {
		t.Errorf("before.Get = %s, want the postgres stack", got)
	}
}

func TestOverrideBeforeTheRouterIsBuilt(t *testing.T) {
	l := newLayered()
	faked := routertest.New(t, l.rt, l.fake("sqlite"))
	wantStack(t, "faked client", faked.Router(), "sqlite")

	// The original was neither built nor changed by the clone's build.
	plain := routertest.New(t, l.rt)
	wantStack(t, "client made after", plain.Router(), "postgres")
	wantStack(t, "faked client again", faked.Router(), "sqlite")
}

func TestParallelClientsWithDifferentOverrides(t *testing.T) {
	l := newLayered()
	// Build the original first: a client without overrides builds the
	// router it is given, and must not do so while others clone it.
	routertest.New(t, l.rt)

	for _, db := range []string{"sqlite", "mysql", ""} {
		name := db
		if name == "" {
			name = "no_override"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := routertest.New(t, l.rt)
			want := "postgres"
			if db != "" {
				c = routertest.New(t, l.rt, l.fake(db))
				want = db
			}
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for range 25 {
						wantStack(t, name, c.Router(), want)
					}
				})
			}
			wg.Wait()
		})
	}
}
