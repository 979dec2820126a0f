package docsui_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/internal/docsui"
)

func TestWithDefaults(t *testing.T) {
	tests := []struct {
		name string
		in   docsui.Config
		want docsui.Config
	}{
		{
			name: "zero",
			want: docsui.Config{
				OpenAPIURL:         "/openapi.json",
				SwaggerPath:        "/docs",
				RedocPath:          "/redoc",
				OAuth2RedirectPath: "/docs/oauth2-redirect",
				AssetsPath:         "/docs/assets/",
			},
		},
		{
			name: "custom_swagger_path",
			in: docsui.Config{
				OpenAPIURL:  "/api/openapi.json",
				SwaggerPath: "/api/docs/",
				RedocPath:   "/api/redoc",
				AssetsPath:  "/static/swagger",
			},
			want: docsui.Config{
				OpenAPIURL:         "/api/openapi.json",
				SwaggerPath:        "/api/docs/",
				RedocPath:          "/api/redoc",
				OAuth2RedirectPath: "/api/docs/oauth2-redirect",
				AssetsPath:         "/static/swagger/",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.WithDefaults()
			if !strings.Contains(got.RedocJSURL, "/redoc@") {
				t.Errorf("RedocJSURL = %q, want a pinned ReDoc release",
					got.RedocJSURL)
			}
			got.RedocJSURL = ""
			if got.OpenAPIURL != tt.want.OpenAPIURL ||
				got.SwaggerPath != tt.want.SwaggerPath ||
				got.RedocPath != tt.want.RedocPath ||
				got.OAuth2RedirectPath != tt.want.OAuth2RedirectPath ||
				got.AssetsPath != tt.want.AssetsPath {
				t.Errorf("%+v.WithDefaults() =\n%+v, want\n%+v",
					tt.in, got, tt.want)
			}
		})
	}
}

func TestSwaggerHTML(t *testing.T) {
	tests := []struct {
		name    string
		cfg     docsui.Config
		want    []string
		wantNot []string
	}{
		{
			name: "defaults",
			cfg:  docsui.Config{Title: "Items"},
			want: []string{
				"<title>Items - Swagger UI</title>",
				`<script src="/docs/assets/swagger-ui-bundle.js?v=`,
				`<link rel="stylesheet" href="/docs/assets/swagger-ui.css?v=`,
				`href="/docs/assets/favicon-32x32.png?v=`,
				`"url":"/openapi.json"`,
				`"dom_id":"#swagger-ui"`,
				`"layout":"BaseLayout"`,
				`"deepLinking":true`,
				`"showExtensions":true`,
				`"showCommonExtensions":true`,
				`window.location.origin + "/docs/oauth2-redirect"`,
				"SwaggerUIBundle.presets.apis",
				"SwaggerUIBundle.SwaggerUIStandalonePreset",
			},
			wantNot: []string{"initOAuth", "cdn"},
		},
		{
			name: "custom_paths",
			cfg: docsui.Config{
				OpenAPIURL:  "/api/v1/openapi.json",
				SwaggerPath: "/api/docs",
			},
			want: []string{
				"<title>Swagger UI</title>",
				`src="/api/docs/assets/swagger-ui-bundle.js?v=`,
				`"url":"/api/v1/openapi.json"`,
				`+ "/api/docs/oauth2-redirect";`,
			},
		},
		{
			name: "parameters_override_defaults",
			cfg: docsui.Config{
				SwaggerUIParameters: map[string]any{
					"deepLinking":     false,
					"syntaxHighlight": map[string]any{"theme": "obsidian"},
				},
			},
			want: []string{
				`"deepLinking":false`,
				`"syntaxHighlight":{"theme":"obsidian"}`,
				`"layout":"BaseLayout"`,
			},
			wantNot: []string{`"deepLinking":true`},
		},
		{
			name: "init_oauth",
			cfg: docsui.Config{InitOAuth: map[string]any{
				"clientId":                          "swagger",
				"usePkceWithAuthorizationCodeGrant": true,
			}},
			want: []string{
				`ui.initOAuth({"clientId":"swagger",` +
					`"usePkceWithAuthorizationCodeGrant":true});`,
			},
		},
		{
			name: "cdn",
			cfg:  docsui.Config{CDN: "https://cdn.example/swagger-ui-dist@5/"},
			want: []string{
				`src="https://cdn.example/swagger-ui-dist@5/swagger-ui-bundle.js"`,
				`href="https://cdn.example/swagger-ui-dist@5/swagger-ui.css"`,
			},
			wantNot: []string{"/docs/assets/", "?v="},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(docsui.SwaggerHTML(tt.cfg))
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("SwaggerHTML(%+v) lacks %s; page:\n%s",
						tt.cfg, s, page)
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(page, s) {
					t.Errorf("SwaggerHTML(%+v) contains %s; page:\n%s",
						tt.cfg, s, page)
				}
			}
		})
	}
}

func TestSwaggerHTMLPanicsOnParameterNotJSON(t *testing.T) {
	cfg := docsui.Config{
		SwaggerUIParameters: map[string]any{"onComplete": func() {}},
	}
	defer func() {
		got, _ := recover().(string)
		want := "docsui: Config.SwaggerUIParameters cannot be encoded as JSON"
		if !strings.HasPrefix(got, want) {
			t.Errorf("SwaggerHTML(%+v) panicked with %q, want prefix %q",
				cfg, got, want)
		}
	}()
	docsui.SwaggerHTML(cfg)
}

func TestRedocHTML(t *testing.T) {
	tests := []struct {
		name string
		cfg  docsui.Config
		want []string
	}{
		{
			name: "defaults",
			cfg:  docsui.Config{Title: "Items"},
			want: []string{
				"<title>Items - ReDoc</title>",
				`<redoc spec-url="/openapi.json"></redoc>`,
				`<script src="https://cdn.jsdelivr.net/npm/redoc@`,
				`href="/docs/assets/favicon-32x32.png?v=`,
			},
		},
		{
			name: "self_hosted_script",
			cfg: docsui.Config{
				OpenAPIURL: "/api/openapi.json",
				RedocJSURL: "/static/redoc.standalone.js",
			},
			want: []string{
				"<title>ReDoc</title>",
				`<redoc spec-url="/api/openapi.json"></redoc>`,
				`<script src="/static/redoc.standalone.js"></script>`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(docsui.RedocHTML(tt.cfg))
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("RedocHTML(%+v) lacks %s; page:\n%s",
						tt.cfg, s, page)
				}
			}
		})
	}
}

// TestPagesEscapeHostileValues feeds markup and script through every
// configurable string and checks that none of it reaches the page live.
func TestPagesEscapeHostileValues(t *testing.T) {
	const attack = `</title></script><script>alert(1)</script>"'`
	cfg := docsui.Config{
		Title:              attack,
		OpenAPIURL:         "/openapi.json?x=" + attack,
		OAuth2RedirectPath: `/cb"+alert(1)+"`,
		RedocJSURL:         "javascript:alert(1)",
		InitOAuth:          map[string]any{"appName": attack},
	}
	pages := map[string][]byte{
		"SwaggerHTML": docsui.SwaggerHTML(cfg),
		"RedocHTML":   docsui.RedocHTML(cfg),
	}
	for name, page := range pages {
		p := string(page)
		for _, bad := range []string{
			"<script>alert(1)",
			`"+alert(1)+"`,
			`src="javascript:`,
		} {
			if strings.Contains(p, bad) {
				t.Errorf("%s(%+v) contains %s; page:\n%s", name, cfg, bad, p)
			}
		}
		want := "&lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)"
		if !strings.Contains(p, want) {
			t.Errorf("%s(%+v) lacks the escaped title %s; page:\n%s",
				name, cfg, want, p)
		}
		// The page has exactly the script elements of the template.
		n := strings.Count(p, "</script>")
		wantN := map[string]int{"SwaggerHTML": 2, "RedocHTML": 1}[name]
		if n != wantN {
			t.Errorf("%s(%+v) has %d </script> tags, want %d; page:\n%s",
				name, cfg, n, wantN, p)
		}
	}
}

func TestOAuth2RedirectHTML(t *testing.T) {
	page := string(docsui.OAuth2RedirectHTML())
	// Swagger UI's window waits on window.opener.swaggerUIRedirectOauth2.
	for _, want := range []string{"<html", "swaggerUIRedirectOauth2"} {
		if !strings.Contains(page, want) {
			t.Errorf("OAuth2RedirectHTML() lacks %q; page:\n%s", want, page)
		}
	}
}

func TestPageHandler(t *testing.T) {
	page := []byte("<!DOCTYPE html><title>t</title>")
	h := docsui.PageHandler(page)

	tests := []struct {
		method     string
		wantStatus int
		wantBody   string
	}{
		{http.MethodGet, http.StatusOK, string(page)},
		{http.MethodHead, http.StatusOK, ""},
		{http.MethodPost, http.StatusMethodNotAllowed, "method not allowed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			srv := httptest.NewServer(h)
			defer srv.Close()
			req, _ := http.NewRequest(tt.method, srv.URL+"/docs", nil)
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()

			if res.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
				t.Errorf("%s /docs = %d %q, want %d %q", tt.method,
					res.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if tt.wantStatus == http.StatusOK {
				ct := res.Header.Get("Content-Type")
				if ct != "text/html; charset=utf-8" {
					t.Errorf("%s /docs Content-Type = %q, want text/html",
						tt.method, ct)
				}
			}
		})
	}
}

func TestAssetHandler(t *testing.T) {
	h := docsui.AssetHandler("/docs/assets") // the slash is added

	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantType   string
	}{
		{"bundle", "GET", "/docs/assets/swagger-ui-bundle.js", 200,
			"text/javascript; charset=utf-8"},
		{"preset", "GET", "/docs/assets/swagger-ui-standalone-preset.js", 200,
			"text/javascript; charset=utf-8"},
		{"css", "GET", "/docs/assets/swagger-ui.css", 200,
			"text/css; charset=utf-8"},
		{"source_map", "GET", "/docs/assets/swagger-ui.css.map", 200,
			"application/json"},
		{"favicon", "GET", "/docs/assets/favicon-32x32.png", 200, "image/png"},
		{"redirect_page", "GET", "/docs/assets/oauth2-redirect.html", 200,
			"text/html; charset=utf-8"},
		{"head", "HEAD", "/docs/assets/swagger-ui.css", 200,
			"text/css; charset=utf-8"},
		{"unknown", "GET", "/docs/assets/nope.js", 404, ""},
		{"demo_index", "GET", "/docs/assets/index.html", 404, ""},
		{"prefix_itself", "GET", "/docs/assets/", 404, ""},
		{"nested", "GET", "/docs/assets/x/swagger-ui.css", 404, ""},
		{"dot_dot", "GET", "/docs/assets/../swagger-ui.css", 404, ""},
		{"outside_prefix", "GET", "/swagger-ui.css", 404, ""},
		{"post", "POST", "/docs/assets/swagger-ui.css", 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path,
					rec.Code, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			h := rec.Header()
			if got := h.Get("Content-Type"); got != tt.wantType {
				t.Errorf("%s %s Content-Type = %q, want %q", tt.method,
					tt.path, got, tt.wantType)
			}
			if h.Get("ETag") == "" || h.Get("Cache-Control") != "no-cache" {
				t.Errorf("%s %s ETag = %q, Cache-Control = %q, "+
					"want an ETag and no-cache", tt.method, tt.path,
					h.Get("ETag"), h.Get("Cache-Control"))
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s %s lacks X-Content-Type-Options: nosniff",
					tt.method, tt.path)
			}
			wantLen := tt.method == "GET"
			if gotLen := rec.Body.Len() > 0; gotLen != wantLen {
				t.Errorf("%s %s body length %d", tt.method, tt.path,
					rec.Body.Len())
			}
		})
	}
}

// TestAssetHandlerServesPageAssets fetches every asset URL the Swagger UI
// page refers to through the handler, and checks that those versioned URLs
// may be cached for good.
func TestAssetHandlerServesPageAssets(t *testing.T) {
	cfg := docsui.Config{}.WithDefaults()
	h := docsui.AssetHandler(cfg.AssetsPath)
	page := docsui.SwaggerHTML(cfg)

	re := regexp.MustCompile(`(?:src|href)="(/docs/assets/[^"]+)"`)
	urls := re.FindAllSubmatch(page, -1)
	if len(urls) != 3 {
		t.Fatalf("SwaggerHTML(%+v) has %d asset URLs, want 3; page:\n%s",
			cfg, len(urls), page)
	}
	for _, m := range urls {
		url := strings.ReplaceAll(string(m[1]), "&amp;", "&")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))

		cc := rec.Header().Get("Cache-Control")
		if rec.Code != 200 || !strings.Contains(cc, "immutable") {
			t.Errorf("GET %s = %d, Cache-Control %q; want 200, immutable",
				url, rec.Code, cc)
		}
	}
}

func TestAssetHandlerGzipAndETag(t *testing.T) {
	h := docsui.AssetHandler("/a/")
	const path = "/a/swagger-ui-bundle.js"

	get := func(header, value string) *httptest.ResponseRecorder {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if header != "" {
			req.Header.Set(header, value)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}

	plain := get("", "")
	if plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("GET %s without Accept-Encoding has Content-Encoding %q",
			path, plain.Header().Get("Content-Encoding"))
	}
	if !bytes.Contains(plain.Body.Bytes(), []byte("SwaggerUIBundle")) {
		t.Fatalf("GET %s body does not look like Swagger UI's bundle", path)
	}

	gz := get("Accept-Encoding", "br;q=1, gzip;q=0.8")
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET %s with Accept-Encoding gzip: Content-Encoding = %q, "+
			"want gzip", path, gz.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatalf("GET %s gzip body: %v", path, err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, plain.Body.Bytes()) {
		t.Fatalf("GET %s gzip body does not decompress to the plain body "+
			"(err %v)", path, err)
	}
	if gz.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("GET %s: gzip and plain bodies share ETag %s", path,
			gz.Header().Get("ETag"))
	}
	if gz.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("GET %s Vary = %q, want Accept-Encoding", path,
			gz.Header().Get("Vary"))
	}

	refused := get("Accept-Encoding", "gzip;q=0, *")
	if refused.Header().Get("Content-Encoding") != "" {
		t.Errorf("GET %s with gzip;q=0: Content-Encoding = %q, want none",
			path, refused.Header().Get("Content-Encoding"))
	}

	etag := plain.Header().Get("ETag")
	if rec := get("If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("GET %s with If-None-Match %s = %d, want 304", path, etag,
			rec.Code)
	}
}
