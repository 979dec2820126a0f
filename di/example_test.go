package di_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/rampart-go/rampart/di"
)

func ExampleFunc2() {
	greeting := di.Value("Hello")
	name := di.Func1(func(r *http.Request) (string, error) {
		return r.URL.Query().Get("name"), nil
	}, di.Request())
	message := di.Func2(func(g, n string) (string, error) {
		return g + ", " + n + "!", nil
	}, greeting, name)

	plan := di.MustCompile(message)
	msg, err := plan.Eval(httptest.NewRequest("GET", "/?name=Ada", nil))
	fmt.Println(msg, err)
	// Output: Hello, Ada! <nil>
}

func ExampleSecurity() {
	// getCurrentUser receives the scopes of every Security edge above it.
	currentUser := di.Func1(func(s di.Scopes) (string, error) {
		return fmt.Sprintf("user checked for %q (%s)", s.List(), s), nil
	}, di.SecurityScopes())
	activeUser := di.Func1(func(u string) (string, error) {
		return u, nil
	}, di.Security(currentUser, "me"))

	for _, route := range []di.Dep[string]{
		di.Security(activeUser, "items"), // GET /users/me/items/
		activeUser,                       // GET /users/me/
		currentUser,                      // GET /status/
	} {
		v, _ := di.MustCompile(route).Eval(nil)
		fmt.Println(v)
	}
	// Output:
	// user checked for ["items" "me"] (items me)
	// user checked for ["me"] (me)
	// user checked for [] ()
}

func ExampleYield1() {
	type tx struct{ name string }
	db := di.Value("db")
	begin := di.Yield1(func(db string) (*tx, di.Cleanup, error) {
		fmt.Println("begin on", db)
		return &tx{name: "tx1"}, func(outcome error) {
			if outcome != nil {
				fmt.Println("rollback:", outcome)
				return
			}
			fmt.Println("commit")
		}, nil
	}, db)
	handler := func(fail bool) di.Dep[string] {
		return di.Func1(func(t *tx) (string, error) {
			if fail {
				return "", errors.New("out of stock")
			}
			return "saved in " + t.name, nil
		}, begin)
	}

	v, err := di.MustCompile(handler(false)).Eval(nil)
	fmt.Println(v, err)
	_, err = di.MustCompile(handler(true)).Eval(nil)
	fmt.Println(err)
	// Output:
	// begin on db
	// commit
	// saved in tx1 <nil>
	// begin on db
	// rollback: out of stock
	// out of stock
}

func ExampleOverride() {
	currentUser := di.Func0(func() (string, error) {
		return "", errors.New("no token")
	})
	greet := di.Func1(func(u string) (string, error) {
		return "hello " + u, nil
	}, currentUser)

	fake := di.Func1(func(s di.Scopes) (string, error) {
		return "test-user with " + s.String(), nil
	}, di.SecurityScopes())
	plan := di.MustCompile(di.Security(greet, "me"), di.Override(currentUser, fake))
	v, err := plan.Eval(nil)
	fmt.Println(v, err)
	// Output: hello test-user with me <nil>
}

func ExamplePlan_String() {
	token := di.WithName(di.Value("token"), "token")
	user := di.WithName(di.Func2(func(s di.Scopes, t string) (string, error) {
		return t, nil
	}, di.SecurityScopes(), token), "getCurrentUser")
	fmt.Print(di.MustCompile(di.Security(user, "me")))
	// Output:
	// 0: security scopes[me] = constant
	// 1: token = constant
	// 2: getCurrentUser[me] <- [0 1]
}
