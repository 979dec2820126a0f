package di_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/rampart-go/rampart/di"
)

// The seed chain is FastAPI's tutorial route GET /users/me/items/ reduced to
// trivial bodies, as the issue that asked for it describes it: the Scopes
// and a token value -> getCurrentUser(scopes, token) ->
// getCurrentActiveUser -> readOwnItems, with pointer values.

type benchUser struct {
	name     string
	disabled bool
	scopes   []string
}

type benchItems struct{ owner string }

var (
	benchToken = "token"
	benchUsr   = &benchUser{name: "johndoe", scopes: []string{"me", "items"}}
	benchItem  = &benchItems{owner: "johndoe"}
)

//go:noinline
func seedCurrentUser(s di.Scopes, tok *string) (*benchUser, error) {
	for sc := range s.All() {
		if !slices.Contains(benchUsr.scopes, sc) {
			return nil, errDenied
		}
	}
	return benchUsr, nil
}

//go:noinline
func seedActiveUser(u *benchUser) (*benchUser, error) {
	if u.disabled {
		return nil, errDenied
	}
	return u, nil
}

//go:noinline
func seedReadOwnItems(u *benchUser) (*benchItems, error) { return benchItem, nil }

func seedRoute() di.Dep[*benchItems] {
	token := di.Value(&benchToken)
	current := di.Func2(seedCurrentUser, di.SecurityScopes(), token)
	active := di.Func1(seedActiveUser, di.Security(current, "me"))
	return di.Func1(seedReadOwnItems, di.Security(active, "items"))
}

func BenchmarkSeedChain(b *testing.B) {
	pl := di.MustCompile(seedRoute())
	r := httptest.NewRequest("GET", "/users/me/items/", nil)
	var sink *benchItems
	use := func(v *benchItems) error { sink = v; return nil }
	b.ReportAllocs()
	for b.Loop() {
		if err := pl.Run(r, use); err != nil {
			b.Fatal(err)
		}
	}
	if sink != benchItem {
		b.Fatal("wrong result")
	}
}

func BenchmarkSeedChainDirect(b *testing.B) {
	scopes := di.NewScopes("items", "me")
	var sink *benchItems
	b.ReportAllocs()
	for b.Loop() {
		u, err := seedCurrentUser(scopes, &benchToken)
		if err != nil {
			b.Fatal(err)
		}
		u, err = seedActiveUser(u)
		if err != nil {
			b.Fatal(err)
		}
		sink, err = seedReadOwnItems(u)
		if err != nil {
			b.Fatal(err)
		}
	}
	if sink != benchItem {
		b.Fatal("wrong result")
	}
}

// BenchmarkCompile10kRoutes compiles 10,000 distinct routes, each a graph
// five dependencies deep with a Security edge, as a large router would at
// start-up. Divide ns/op and B/op by 10,000 for the cost per route.
func BenchmarkCompile10kRoutes(b *testing.B) {
	const routes = 10_000
	roots := make([]di.Dep[string], routes)
	for i := range roots {
		d := di.Func1(func(s di.Scopes) (string, error) { return s.String(), nil }, di.SecurityScopes())
		for depth := range 4 {
			d = di.Func1(func(s string) (string, error) { return s, nil }, di.Security(d, fmt.Sprint("s", depth)))
		}
		roots[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, root := range roots {
			if _, err := di.Compile(root); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*routes), "ns/route")
}

// BenchmarkSeedChainParallel runs the seed chain from every P at once, to
// show that runs of one plan do not contend.
func BenchmarkSeedChainParallel(b *testing.B) {
	pl := di.MustCompile(seedRoute())
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		r := httptest.NewRequest("GET", "/users/me/items/", nil)
		use := func(v *benchItems) error { return nil }
		for pb.Next() {
			if err := pl.Run(r, use); err != nil {
				b.Fatal(err)
			}
		}
	})
}
