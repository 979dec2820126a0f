package docsui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	swaggerfiles "github.com/swaggo/files/v2"
)

// swaggerUIVersion is the Swagger UI release inside the pinned
// github.com/swaggo/files/v2; a test checks it against the bundle.
const swaggerUIVersion = "5.18.2"

// servedAssets lists the files of Swagger UI's dist folder that
// [AssetHandler] serves: what the pages load, the source maps a browser's
// developer tools ask for, and the OAuth2 redirect page. The dist folder's
// own index.html and initializer, which open the Petstore demo, stay out.
var servedAssets = []string{
	"swagger-ui-bundle.js",
	"swagger-ui-bundle.js.map",
	"swagger-ui-standalone-preset.js",
	"swagger-ui-standalone-preset.js.map",
	"swagger-ui.css",
	"swagger-ui.css.map",
	"favicon-16x16.png",
	"favicon-32x32.png",
	"oauth2-redirect.html",
}

// contentTypes maps the extensions of servedAssets to their media types.
// It is fixed here rather than taken from [mime.TypeByExtension], whose
// answer depends on the host's mime.types files.
var contentTypes = map[string]string{
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".map":  "application/json",
	".png":  "image/png",
	".html": "text/html; charset=utf-8",
}

// Cache-Control values. A URL that carries the file's version (the pages
// add ?v=) can be cached for good; any other URL is revalidated with the
// ETag, so an upgrade of Swagger UI reaches browsers at once.
const (
	cacheVersioned   = "public, max-age=31536000, immutable"
	cacheUnversioned = "no-cache"
)

// AssetHandler returns a handler that serves Swagger UI's files, embedded in
// the binary, at prefix (for example "/docs/assets/"; a missing final slash
// is added). The router mounts it at the same prefix, which should be
// [Config.AssetsPath]. It reads and hashes the files once, when called.
//
// The handler answers GET and HEAD with the file, its Content-Type,
// X-Content-Type-Options: nosniff, an ETag and a Cache-Control header; it
// honours If-None-Match and Range. Text files are sent gzip-compressed to
// clients that accept it, compressed once on first use. A path that names
// no file gets 404, and another method gets 405. It is safe for concurrent
// use.
func AssetHandler(prefix string) http.Handler {
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}

	assets := make(map[string]*asset, len(servedAssets))
	for _, name := range servedAssets {
		body := readAsset(name)
		ext := path.Ext(name)
		assets[name] = &asset{
			body:     body,
			ctype:    contentTypes[ext],
			version:  versionOf(body),
			compress: ext != ".png",
		}
	}
	return &assetServer{prefix: prefix, assets: assets}
}

// assetServer is the [http.Handler] that [AssetHandler] returns.
type assetServer struct {
	prefix string
	assets map[string]*asset
}

var _ http.Handler = (*assetServer)(nil)

func (as *assetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, as.prefix)
	a := as.assets[name]
	if !ok || a == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}

	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cacheUnversioned)
	if r.URL.Query().Get("v") == a.version {
		h.Set("Cache-Control", cacheVersioned)
	}

	// The gzip and identity bodies are two representations of the file,
	// so each gets its own ETag (RFC 9110 §8.8.3).
	body, etag := a.body, `"`+a.version+`"`
	if a.compress {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = a.gzipped(), `"`+a.version+`-gzip"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// asset is one served file.
type asset struct {
	body     []byte
	ctype    string
	version  string // hash of body, used in ETags and ?v=
	compress bool

	gzipOnce sync.Once
	gz       []byte
}

// gzipped returns the body compressed with gzip, compressing it on the
// first call only.
func (a *asset) gzipped() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(a.body) // a bytes.Buffer does not fail
		zw.Close()
		a.gz = buf.Bytes()
	})
	return a.gz
}

// readAsset returns the named file of Swagger UI's dist folder. The names
// are fixed in this package and a test opens each one, so a missing file
// means a broken build of the module and panics.
func readAsset(name string) []byte {
	b, err := fs.ReadFile(swaggerfiles.FS, name)
	if err != nil {
		panic("docsui: Swagger UI file missing from github.com/swaggo/files/v2: " + err.Error())
	}
	return b
}

// assetVersion returns the version tag of the named file, as it appears in
// the ?v= query of the pages' asset URLs.
func assetVersion(name string) string {
	return versionOf(readAsset(name))
}

// versionOf returns a short hash of b.
func versionOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// acceptsGzip reports whether an Accept-Encoding header value admits gzip:
// it names gzip, or else "*", without q=0 (RFC 9110 §12.5.3).
func acceptsGzip(header string) bool {
	star := false
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip":
			return !isQZero(params)
		case "*":
			star = !isQZero(params)
		}
	}
	return star
}

// isQZero reports whether Accept-Encoding parameters set the weight q to 0.
func isQZero(params string) bool {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q == 0
		}
	}
	return false
}
