package params_test

import (
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
)

// TestDeclarationSiteIsTheCaller checks that a parameter is placed, in
// plans and build errors, where the application declared it rather than
// inside package params.
func TestDeclarationSiteIsTheCaller(t *testing.T) {
	limit := params.Query[int]("limit")
	pl := di.MustCompile(limit)
	var sites []string
	for _, s := range pl.Steps() {
		sites = append(sites, s.Name+"@"+s.Site)
		if s.Meta != nil && !strings.HasPrefix(s.Site, "site_test.go:") {
			t.Errorf("step %s declared at %q, want site_test.go", s.Name, s.Site)
		}
	}
	if len(sites) == 0 {
		t.Fatal("no steps")
	}
}
