//go:build unix

package docsui_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/security"
)

// The browser check is driven by these environment variables; see
// scripts/docs-browser-check.sh, which sets all three.
const (
	// envBrowserTests set to 1 turns a missing Chromium into a failure.
	envBrowserTests = "RAMPART_BROWSER_TESTS"
	// envRedocJS names a local copy of redoc.standalone.js. No Go module
	// ships ReDoc, so without it the ReDoc page is not rendered.
	envRedocJS = "RAMPART_REDOC_JS"
	// envScreenshotDir names a folder to write screenshots of the pages to.
	envScreenshotDir = "RAMPART_SCREENSHOT_DIR"
)

// TestBrowserRendersDocs serves the docs pages of a router from a local
// server and loads them in headless Chromium, which may reach 127.0.0.1 only. The
// rendered DOM must show Swagger UI's operations and Authorize button and
// ReDoc's operation headings, which proves that the pages, their assets and
// the OpenAPI document load and run without any other network access.
func TestBrowserRendersDocs(t *testing.T) {
	chromium := lookChromium(t)
	srv, log := startDocsServer(t, os.Getenv(envRedocJS))

	t.Run("swagger_ui", func(t *testing.T) {
		dom := runChromium(t, chromium, "--dump-dom", srv.URL+"/docs")
		for _, want := range []string{
			`id="swagger-ui"`,
			`class="btn authorize`,  // the Authorize button
			`data-path="/users/me"`, // an operation block
			`data-path="/items/{item_id}"`,
			"Browser Check API", // the document's info.title
		} {
			if !strings.Contains(dom, want) {
				t.Errorf("rendered /docs lacks %s; DOM:\n%s", want,
					tail(dom, 4000))
			}
		}
		log.wantServed(t, "/docs/assets/swagger-ui-bundle.js",
			"/docs/assets/swagger-ui.css", "/openapi.json")
	})

	t.Run("redoc", func(t *testing.T) {
		if os.Getenv(envRedocJS) == "" {
			t.Skipf("%s is not set: no Go module ships ReDoc, so run "+
				"scripts/docs-browser-check.sh, which fetches it", envRedocJS)
		}
		dom := runChromium(t, chromium, "--dump-dom", srv.URL+"/redoc")
		for _, want := range []string{
			`class="[^"]*\bredoc-wrap\b`,
			// Operation headings: <h2 …><a …></a>Read Users Me </h2>.
			`<h2[^>]*>(?:<a[^>]*></a>)?Read Users Me\s*</h2>`,
			`<h2[^>]*>(?:<a[^>]*></a>)?Read Item\s*</h2>`,
			`>OAuth2PasswordBearer<`, // the security scheme section
		} {
			if !regexp.MustCompile(want).MatchString(dom) {
				t.Errorf("rendered /redoc does not match %s; DOM:\n%s",
					want, tail(dom, 4000))
			}
		}
		log.wantServed(t, "/vendor/redoc.standalone.js", "/openapi.json")
	})

	t.Run("screenshot", func(t *testing.T) {
		dir := os.Getenv(envScreenshotDir)
		if dir == "" {
			t.Skipf("%s is not set", envScreenshotDir)
		}
		for _, page := range []string{"docs", "redoc"} {
			file := filepath.Join(dir, page+".png")
			runChromium(t, chromium, "--screenshot="+file,
				"--window-size=1280,1000", srv.URL+"/"+page)
			if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
				t.Errorf("screenshot of /%s: %v", page, err)
				continue
			}
			t.Logf("screenshot of /%s: %s", page, file)
		}
	})

	log.wantNoErrors(t)
}

// lookChromium returns the path of Chromium, or skips the test when there
// is none, unless envBrowserTests asks for the check.
func lookChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(envBrowserTests) == "1" {
		t.Fatalf("chromium is not on PATH, and %s=1 asks for the browser "+
			"check; install it (Debian: apt-get install chromium)",
			envBrowserTests)
	}
	t.Skipf("chromium is not on PATH; install it and set %s=1 to run the "+
		"browser check", envBrowserTests)
	return ""
}

// startDocsServer serves a small app built with package router, whose
// docs pages come from this package, on 127.0.0.1: the check therefore
// covers the pages as the router mounts them, with the OpenAPI document it
// generates. When redocJS names a file, ReDoc's script is served beside
// the router and the ReDoc page points at it. The server is closed when
// the test ends.
func startDocsServer(t *testing.T, redocJS string) (*httptest.Server, *requestLog) {
	t.Helper()
	const redocURL = "/vendor/redoc.standalone.js"
	opts := []router.Option{router.Title("Browser Check API")}
	if redocJS != "" {
		opts = append(opts, router.RedocJSURL(redocURL))
	}
	rt := router.New(opts...)

	type user struct {
		Username string `json:"username"`
	}
	type item struct {
		ItemID int    `json:"item_id"`
		Owner  string `json:"owner"`
	}
	scheme := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{
		TokenURL: "token",
		Scopes:   []security.Scope{{Name: "me", Description: "Read information about the current user."}},
	})
	current := di.Func2(func(_ di.Scopes, tok string) (*user, error) {
		return &user{Username: tok}, nil
	}, di.SecurityScopes(), scheme)
	readUsersMe := func(u *user) (*user, error) { return u, nil }
	readItem := func(id int, u *user) (*item, error) { return &item{id, u.Username}, nil }
	rt.Get("/users/me", di.WithName(di.Func1(readUsersMe, di.Security(current, "me")), "readUsersMe"))
	rt.Get("/items/{item_id}", di.WithName(di.Func2(readItem, params.Path[int]("item_id"), current), "readItem"))
	if err := rt.Build(); err != nil {
		t.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.Handle("/", rt)
	if redocJS != "" {
		mux.HandleFunc("GET "+redocURL, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			http.ServeFile(w, r, redocJS)
		})
	}

	log := &requestLog{}
	srv := httptest.NewServer(log.wrap(mux)) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv, log
}

// runChromium runs headless Chromium with args after the common flags and
// returns what it printed on standard output. Chromium runs in a process
// group of its own, which is killed when it exits or times out, so no
// renderer or helper process outlives the call.
func runChromium(t *testing.T, chromium string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()

	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
		"--virtual-time-budget=10000",
		// Any host but the test server fails to resolve, so a page that
		// reached for a CDN would fail the check rather than pass online.
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
	}
	cmd := exec.CommandContext(ctx, chromium, append(flags, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 5 * time.Second

	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	err := cmd.Wait()
	// Chromium's helpers share its process group; end any that remain.
	if kerr := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); kerr != nil &&
		!errors.Is(kerr, syscall.ESRCH) {
		t.Errorf("killing chromium's process group: %v", kerr)
	}
	if err != nil {
		t.Fatalf("%s %s: %v\nstderr:\n%s", chromium,
			strings.Join(args, " "), err, tail(stderr.String(), 3000))
	}
	return stdout.String()
}

// requestLog records the path and status of every request the test server
// answers.
type requestLog struct {
	mu       sync.Mutex
	requests []string // "status path"
}

// wrap returns h with every request recorded in l.
func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		l.mu.Lock()
		defer l.mu.Unlock()
		l.requests = append(l.requests,
			fmt.Sprintf("%d %s", rec.status, r.URL.Path))
	})
}

// wantServed reports an error for each path that was not answered with 200.
func (l *requestLog) wantServed(t *testing.T, paths ...string) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range paths {
		if !slices.Contains(l.requests, "200 "+p) {
			t.Errorf("browser did not load %s; requests: %q", p, l.requests)
		}
	}
}

// wantNoErrors reports an error for each request answered with 4xx or 5xx.
func (l *requestLog) wantNoErrors(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.requests {
		if r[0] == '4' || r[0] == '5' {
			t.Errorf("test server answered %s; all requests: %q", r,
				l.requests)
		}
	}
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
