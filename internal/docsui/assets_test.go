package docsui

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSwaggerUIVersion keeps swaggerUIVersion, quoted in the docs for
// Config.CDN, true to the bundle in the pinned module.
func TestSwaggerUIVersion(t *testing.T) {
	bundle := readAsset("swagger-ui-bundle.js")
	want := `PACKAGE_VERSION:"` + swaggerUIVersion + `"`
	if !strings.Contains(string(bundle), want) {
		m := regexp.MustCompile(`PACKAGE_VERSION:"[^"]*"`).Find(bundle)
		t.Errorf("swagger-ui-bundle.js has %s, want %s", m, want)
	}
}

// TestRedocVersionReadable checks that scripts/docs-browser-check.sh can
// still find redocVersion in this package's source.
func TestRedocVersionReadable(t *testing.T) {
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	want := `const redocVersion = "` + redocVersion + `"`
	if !strings.Contains(string(src), want) {
		t.Errorf("config.go lacks %s, which the browser check reads", want)
	}
	if !strings.Contains(redocCDN, "redoc@"+redocVersion+"/") {
		t.Errorf("redocCDN = %q, want it to name redoc@%s", redocCDN,
			redocVersion)
	}
}

func TestServedAssetsExist(t *testing.T) {
	for _, name := range servedAssets {
		if len(readAsset(name)) == 0 {
			t.Errorf("readAsset(%q) is empty", name)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"br", false},
		{"*", true},
		{"*;q=0", false},
		{"*, gzip;q=0", false},
		{"gzip;q=0, *", false},
		{"identity, *;q=0.1", true},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}
