package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// quote matches a Go block preceded by a marker naming the file it quotes:
//
//	<!-- quote: examples/oauth2scopes/main.go -->
//	```go
//	...
//	```
var quote = regexp.MustCompile("(?s)<!-- quote: ([^ ]+) -->\\s*```go\\n(.*?)```")

func TestQuotedCodeMatchesSource(t *testing.T) {
	pages, err := filepath.Glob("*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages found: %v", err)
	}
	total := 0
	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quote.FindAllStringSubmatch(string(text), -1) {
			total++
			file, block := m[1], m[2]
			src, err := os.ReadFile(filepath.Join("..", file))
			if err != nil {
				t.Errorf("%s quotes %s, which cannot be read: %v", page, file, err)
				continue
			}
			if !strings.Contains(normalize(string(src)), normalize(block)) {
				t.Errorf("%s quotes %s, but this block is not in it:\n%s", page, file, block)
			}
		}
	}
	if total == 0 {
		t.Error("no quoted blocks found; the marker format may have changed")
	}
}

// normalize drops the indentation of each line, so a block quoted from
// inside a function matches whatever its depth there.
func normalize(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
