package docsui

import "net/http"

// PageHandler returns a handler that answers GET and HEAD with page as
// text/html, and any other method with 405. It serves page as given, so
// the caller must not modify page afterwards. It is safe for concurrent
// use.
func PageHandler(page []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
}
