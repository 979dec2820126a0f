package routertest_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/router"
)

// In a test, a client with an override is one line:
//
//	c := routertest.New(t, rt, di.Override(currentUser, fakeUser))
//	res := c.Get("/users/me")
//
// An example has no *testing.T, so this one does what routertest.New does with
// overrides by hand: it serves a clone of the router compiled with
// router.CompileOptions, and the original router keeps its own
// dependencies.
func Example_override() {
	currentUser := di.Func0(func() (string, error) { return "alice", nil })
	greeting := di.Func1(func(user string) (string, error) {
		return "hello " + user, nil
	}, currentUser)

	rt := router.New()
	rt.Get("/users/me", greeting)

	fakeUser := di.Value("test-user")
	faked := rt.Clone(router.CompileOptions(di.Override(currentUser, fakeUser)))
	if err := faked.Build(); err != nil {
		fmt.Println(err)
		return
	}

	for _, h := range []*router.Router{faked, rt} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/users/me", nil))
		fmt.Println(rec.Code, rec.Body)
	}
	// Output:
	// 200 "hello test-user"
	// 200 "hello alice"
}
