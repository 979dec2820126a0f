package router_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/router/routertest"
)

type item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func constant[T any](v T) di.Dep[T] {
	return di.Func0(func() (T, error) { return v, nil })
}

func failing[T any](err error) di.Dep[T] {
	return di.Func0(func() (T, error) { var zero T; return zero, err })
}

func check(t *testing.T, res *routertest.Response, status int, body string) {
	t.Helper()
	if res.Status != status || strings.TrimSpace(res.String()) != body {
		t.Errorf("got %d %s\nwant %d %s", res.Status, res.Body, status, body)
	}
}

func TestResponses(t *testing.T) {
	rt := router.New()
	rt.Get("/item", constant(&item{"1", "Foo"}))
	rt.Post("/items", constant(router.Created("/items/2", item{"2", "Bar"})))
	rt.Put("/items/{id}", constant(item{"3", "Baz"}), router.Status(202))
	rt.Delete("/items/{id}", constant(router.NoContent{}))
	rt.Get("/raw", constant(router.Raw{ContentType: "text/plain", Body: []byte("hi")}))
	rt.Get("/stream", constant(router.Stream{ContentType: "text/plain", Write: func(w io.Writer) error {
		_, err := io.WriteString(w, "a")
		if err == nil {
			_, err = io.WriteString(w, "b")
		}
		return err
	}}))
	c := routertest.New(t, rt)

	res := c.Get("/item")
	check(t, res, 200, `{"id":"1","name":"Foo"}`)
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	res = c.PostJSON("/items", nil)
	check(t, res, 201, `{"id":"2","name":"Bar"}`)
	if loc := res.Header.Get("Location"); loc != "/items/2" {
		t.Errorf("Location = %q, want /items/2", loc)
	}
	check(t, c.Do("PUT", "/items/3", nil), 202, `{"id":"3","name":"Baz"}`)
	check(t, c.Do("DELETE", "/items/3", nil), 204, ``)
	check(t, c.Get("/raw"), 200, `hi`)
	check(t, c.Get("/stream"), 200, `ab`)
}

func TestHTTPErrors(t *testing.T) {
	challenge := router.Error(401, "Could not validate credentials").WithHeader("WWW-Authenticate", `Bearer scope="me"`)
	rt := router.New()
	rt.Get("/401", failing[string](challenge))
	rt.Get("/418", failing[string](router.Error(418, nil)))
	rt.Get("/detail", failing[string](router.Error(400, map[string]any{"field": "x"})))
	rt.Get("/wrapped", failing[string](errors.Join(errors.New("context"), router.Error(409, "conflict"))))
	c := routertest.New(t, rt)

	res := c.Get("/401")
	check(t, res, 401, `{"detail":"Could not validate credentials"}`)
	if got := res.Header.Get("WWW-Authenticate"); got != `Bearer scope="me"` {
		t.Errorf("WWW-Authenticate = %q, want %q", got, `Bearer scope="me"`)
	}
	check(t, c.Get("/418"), 418, `{"detail":"I'm a teapot"}`)
	check(t, c.Get("/detail"), 400, `{"detail":{"field":"x"}}`)
	check(t, c.Get("/wrapped"), 409, `{"detail":"conflict"}`)
}

func TestErrorFromDeepDependencyStopsTheChain(t *testing.T) {
	ran := false
	deep := failing[string](router.Error(403, "nope"))
	mid := di.Func1(func(s string) (string, error) { ran = true; return s, nil }, deep)
	rt := router.New()
	rt.Get("/x", di.Func1(func(s string) (string, error) { ran = true; return s, nil }, mid))
	check(t, routertest.New(t, rt).Get("/x"), 403, `{"detail":"nope"}`)
	if ran {
		t.Error("dependants of the failed dependency ran")
	}
}

func TestNotFoundMethodNotAllowedAndRedirects(t *testing.T) {
	calls := 0
	handler := di.Func0(func() (string, error) { calls++; return "ok", nil })
	rt := router.New(router.OpenAPIURL(""))
	rt.Get("/users/me/", handler)
	rt.Post("/users/me/", handler)
	rt.Get("/items/{id}", handler)
	rt.Get("/files/{path...}", handler)
	rt.Get("/both", handler)
	rt.Get("/both/", handler)
	c := routertest.New(t, rt)

	tests := []struct {
		name, method, target string
		status               int
		body, location       string
		allow                string
	}{
		{"found", "GET", "/users/me/", 200, `"ok"`, "", ""},
		{"not_found", "GET", "/nope", 404, `{"detail":"Not Found"}`, "", ""},
		{"not_found_below_route", "GET", "/users/me/x", 404, `{"detail":"Not Found"}`, "", ""},
		{"method_not_allowed", "DELETE", "/users/me/", 405, `{"detail":"Method Not Allowed"}`, "", "GET, HEAD, POST"},
		{"method_not_allowed_wildcard", "PUT", "/items/7", 405, `{"detail":"Method Not Allowed"}`, "", "GET, HEAD"},
		{"add_slash", "GET", "/users/me", 307, ``, "http://example.com/users/me/", ""},
		{"add_slash_keeps_query", "GET", "/users/me?a=1&b=2", 307, ``, "http://example.com/users/me/?a=1&b=2", ""},
		{"add_slash_any_method", "POST", "/users/me", 307, ``, "http://example.com/users/me/", ""},
		{"drop_slash", "GET", "/items/7/?q=x", 307, ``, "http://example.com/items/7?q=x", ""},
		{"no_redirect_when_both_declared", "GET", "/both/", 200, `"ok"`, "", ""},
		{"rest_wildcard", "GET", "/files/a/b/c", 200, `"ok"`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := calls
			res := c.Do(tt.method, tt.target, nil)
			check(t, res, tt.status, tt.body)
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if got := res.Header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			if tt.status != 200 && calls != before {
				t.Errorf("the handler ran for a %d answer", tt.status)
			}
		})
	}
}

// logBuffer collects log records for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogged() (*router.Router, *logBuffer) {
	logs := &logBuffer{}
	return router.New(router.Logger(slog.New(slog.NewJSONHandler(logs, nil)))), logs
}

func TestPanicAnswers500RunsCleanupsAndServerGoesOn(t *testing.T) {
	rt, logs := newLogged()
	var outcome error
	res := di.Yield0(func() (string, di.Cleanup, error) {
		return "r", func(err error) { outcome = err }, nil
	})
	rt.Get("/panic", di.Func1(func(string) (string, error) { panic("kaboom") }, res))
	rt.Get("/ok", constant("fine"))
	c := routertest.New(t, rt)

	check(t, c.Get("/panic"), 500, `{"detail":"Internal Server Error"}`)
	var pe *di.PanicError
	if !errors.As(outcome, &pe) || pe.Value != "kaboom" {
		t.Errorf("cleanup saw %v, want a PanicError with the panic value", outcome)
	}
	for _, want := range []string{`"msg":"handler panicked"`, `"route":"GET /panic"`, `"panic":"kaboom"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log %s\ndoes not contain %s", logs, want)
		}
	}
	check(t, c.Get("/ok"), 200, `"fine"`)
}

func TestUnknownErrorIsLogged500(t *testing.T) {
	rt, logs := newLogged()
	rt.Get("/x", failing[string](errors.New("db: connection refused")))
	check(t, routertest.New(t, rt).Get("/x"), 500, `{"detail":"Internal Server Error"}`)
	if !strings.Contains(logs.String(), "db: connection refused") {
		t.Errorf("log %s does not name the error", logs)
	}
}

func TestResponseFromDependencies(t *testing.T) {
	setCookie := di.Func1(func(rs *router.Response) (struct{}, error) {
		rs.SetCookie(&http.Cookie{Name: "session", Value: "abc", HttpOnly: true})
		rs.Header().Set("X-Trace", "t1")
		return struct{}{}, nil
	}, router.CurrentResponse())
	handler := di.Func2(func(_ struct{}, rs *router.Response) (string, error) {
		rs.SetStatus(202)
		return "accepted", nil
	}, setCookie, router.CurrentResponse())
	rt := router.New()
	rt.Post("/x", handler)
	res := routertest.New(t, rt).Do("POST", "/x", nil)
	check(t, res, 202, `"accepted"`)
	if got := res.Header.Get("Set-Cookie"); got != "session=abc; HttpOnly" {
		t.Errorf("Set-Cookie = %q", got)
	}
	if got := res.Header.Get("X-Trace"); got != "t1" {
		t.Errorf("X-Trace = %q", got)
	}
}

func TestBackgroundTasks(t *testing.T) {
	rt, logs := newLogged()
	var mu sync.Mutex
	var events []string
	record := func(s string) { mu.Lock(); events = append(events, s); mu.Unlock() }
	handler := di.Func1(func(rs *router.Response) (string, error) {
		rs.AddTask(func(ctx context.Context) error { record("task1"); return nil })
		rs.AddTask(func(ctx context.Context) error { return errors.New("mail server down") })
		rs.AddTask(func(ctx context.Context) error { panic("task panic") })
		rs.AddTask(func(ctx context.Context) error {
			record(fmt.Sprintf("task4 canceled=%v", ctx.Err() != nil))
			return nil
		})
		record("handler")
		return "queued", nil
	}, router.CurrentResponse())
	rt.Post("/send", handler)

	res := routertest.New(t, rt).Do("POST", "/send", nil)
	check(t, res, 200, `"queued"`)
	if got := res.Header.Get("Content-Length"); got != "8" {
		t.Errorf("Content-Length = %q, want 8 so the client sees the response end before the tasks", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"handler", "task1", "task4 canceled=false"}; !slices.Equal(events, want) {
		t.Errorf("events = %q", events)
	}
	for _, want := range []string{"mail server down", "task panic"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log %s does not mention %q", logs, want)
		}
	}
}

func TestGroupsAndDependencies(t *testing.T) {
	var order []string
	mark := func(name string) di.Dep[struct{}] {
		return di.Func1(func(s di.Scopes) (struct{}, error) {
			order = append(order, name+"["+s.String()+"]")
			return struct{}{}, nil
		}, di.SecurityScopes())
	}
	rt := router.New()
	api := rt.Group("/api", router.Tags("api"), router.Dependencies(di.Security(mark("app"), "read")))
	admin := api.Group("/admin", router.Dependencies(mark("admin")))
	admin.Get("/users", di.Func0(func() (string, error) { order = append(order, "handler"); return "ok", nil }),
		router.Dependencies(mark("route")))
	check(t, routertest.New(t, rt).Get("/api/admin/users"), 200, `"ok"`)
	want := []string{"app[read]", "admin[]", "route[]", "handler"}
	if !slices.Equal(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}

	denied := rt.Group("/private", router.Dependencies(failing[int](router.Error(403, "Forbidden"))))
	denied.Get("/x", constant("secret"))
	check(t, routertest.New(t, rt.Clone()).Get("/private/x"), 403, `{"detail":"Forbidden"}`)
}

func TestBodyLimit(t *testing.T) {
	readAll := di.Func1(func(r *http.Request) (int, error) {
		b, err := io.ReadAll(r.Body)
		return len(b), err
	}, di.Request())
	rt := router.New(router.MaxBodyBytes(10))
	rt.Post("/upload", readAll)
	c := routertest.New(t, rt)
	check(t, c.Do("POST", "/upload", strings.NewReader("0123456789")), 200, `10`)
	check(t, c.Do("POST", "/upload", strings.NewReader("0123456789x")), 413, `{"detail":"Request body too large"}`)
}

type teapotError struct{ brew string }

func (e *teapotError) Error() string { return "teapot: " + e.brew }

func TestOnError(t *testing.T) {
	rt := router.New()
	router.OnError(rt, func(w http.ResponseWriter, r *http.Request, err *teapotError) {
		router.WriteDetail(w, 418, "no "+err.brew)
	})
	rt.Get("/tea", failing[string](&teapotError{"coffee"}))
	check(t, routertest.New(t, rt).Get("/tea"), 418, `{"detail":"no coffee"}`)
}

func TestBuildReportsEveryProblem(t *testing.T) {
	var zero di.Dep[string]
	rt := router.New()
	rt.Get("/a", di.Func1(func(s string) (string, error) { return s, nil }, zero))
	rt.Get("/b", di.Func1(func(s int) (int, error) { return s, nil }, di.Singleton[int]()))
	err := rt.Build()
	if err == nil {
		t.Fatal("Build succeeded")
	}
	msg := err.Error()
	for _, want := range []string{"router: GET /a (declared at router_test.go:", "zero di.Dep", "router: GET /b (declared at", "di.Container"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Build error\n%s\ndoes not contain %q", msg, want)
		}
	}
	if strings.Index(msg, "GET /a") > strings.Index(msg, "GET /b") {
		t.Errorf("problems not in declaration order:\n%s", msg)
	}
	check(t, routertest.NewUnbuilt(t, rt).Get("/a"), 500, `{"detail":"Internal Server Error"}`)
}

func TestBuildReportsConflictingPatterns(t *testing.T) {
	rt := router.New()
	rt.Get("/items/{id}", constant("a"))
	rt.Get("/items/{name}", constant("b"))
	err := rt.Build()
	if err == nil || !strings.Contains(err.Error(), "GET /items/{name} (declared at router_test.go:") ||
		!strings.Contains(err.Error(), "conflicts") {
		t.Errorf("Build error = %v, want the conflict naming the second route and its line", err)
	}
}

// TestCloneWhileBuilding clones a router, as routertest does for a client
// with overrides, while another goroutine builds it; -race checks that
// building leaves the declarations alone.
func TestCloneWhileBuilding(t *testing.T) {
	db := constant("real")
	rt := router.New()
	rt.Get("/db", di.Func1(func(s string) (string, error) { return s, nil }, db))
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = rt.Build() }()
	var clone *router.Router
	go func() {
		defer wg.Done()
		clone = rt.Clone(router.CompileOptions(di.Override(db, di.Value("fake"))))
	}()
	wg.Wait()
	check(t, routertest.New(t, rt).Get("/db"), 200, `"real"`)
	check(t, routertest.New(t, clone).Get("/db"), 200, `"fake"`)
}

func TestErrorAfterResponseStartedIsLogged(t *testing.T) {
	rt, logs := newLogged()
	rt.Get("/stream", constant(router.Stream{ContentType: "text/plain", Write: func(w io.Writer) error {
		if _, err := io.WriteString(w, "partial"); err != nil {
			return err
		}
		return errors.New("disk vanished")
	}}))
	res := routertest.New(t, rt).Get("/stream")
	check(t, res, 200, "partial")
	for _, want := range []string{"response failed after it started", "disk vanished", `"route":"GET /stream"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log %s\ndoes not contain %s", logs, want)
		}
	}
}
