package di_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rampart-go/rampart/di"
	"go.uber.org/dig"
)

func run[T any](t *testing.T, d di.Dep[T], opts ...di.Option) (T, error) {
	t.Helper()
	pl, err := di.Compile(d, opts...)
	if err != nil {
		t.Fatalf("Compile(%v): %v", d, err)
	}
	return pl.Eval(httptest.NewRequest("GET", "/", nil))
}

func TestFuncConstructors(t *testing.T) {
	one := di.Value(1)
	tests := []struct {
		name string
		dep  di.Dep[int]
		want int
	}{
		{"func0", di.Func0(func() (int, error) { return 7, nil }), 7},
		{"func1", di.Func1(func(a int) (int, error) { return a + 1, nil }, one), 2},
		{"func2", di.Func2(func(a, b int) (int, error) { return a + b, nil }, one, one), 2},
		{"func3", di.Func3(func(a, b, c int) (int, error) { return a + b + c, nil }, one, one, one), 3},
		{"func4", di.Func4(func(a, b, c, d int) (int, error) { return a + b + c + d, nil }, one, one, one, one), 4},
		{"func5", di.Func5(func(a, b, c, d, e int) (int, error) { return a + b + c + d + e, nil }, one, one, one, one, one), 5},
		{"func6", di.Func6(func(a, b, c, d, e, f int) (int, error) { return a + b + c + d + e + f, nil }, one, one, one, one, one, one), 6},
		{"yield0", di.Yield0(func() (int, di.Cleanup, error) { return 10, nil, nil }), 10},
		{"yield6", di.Yield6(func(a, b, c, d, e, f int) (int, di.Cleanup, error) { return 60 + a, func(error) {}, nil }, one, one, one, one, one, one), 61},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := run(t, tt.dep)
			if err != nil || got != tt.want {
				t.Errorf("Eval = %d, %v; want %d, nil", got, err, tt.want)
			}
		})
	}
}

func TestMixedTypes(t *testing.T) {
	name := di.Value("ada")
	n := di.Value(3)
	greet := di.Func2(func(s string, k int) (string, error) {
		return strings.Repeat(s, k), nil
	}, name, n)
	got, err := run(t, greet)
	if err != nil || got != "adaadaada" {
		t.Errorf("Eval = %q, %v; want %q", got, err, "adaadaada")
	}
}

func TestRequestAndContext(t *testing.T) {
	type key struct{}
	req := httptest.NewRequest("GET", "/x?q=1", nil)
	req = req.WithContext(context.WithValue(req.Context(), key{}, "v"))
	d := di.Func2(func(r *http.Request, ctx context.Context) (string, error) {
		return r.URL.RawQuery + " " + ctx.Value(key{}).(string), nil
	}, di.Request(), di.Context())
	got, err := di.MustCompile(d).Eval(req)
	if err != nil || got != "q=1 v" {
		t.Errorf("Eval = %q, %v; want %q", got, err, "q=1 v")
	}
}

func TestArg(t *testing.T) {
	d := di.Func1(func(s string) (string, error) { return s + "!", nil }, di.Arg[string](0, "greeting"))
	pl := di.MustCompile(d)
	got, err := pl.Eval(nil, "hi")
	if err != nil || got != "hi!" {
		t.Errorf("Eval(nil, %q) = %q, %v; want %q", "hi", got, err, "hi!")
	}
	if _, err := pl.Eval(nil); err == nil || !strings.Contains(err.Error(), "greeting") {
		t.Errorf("Eval with no args: err = %v, want one naming the argument", err)
	}
	if _, err := pl.Eval(nil, 42); err == nil || !strings.Contains(err.Error(), "int") {
		t.Errorf("Eval with an int: err = %v, want one naming the types", err)
	}
}

// tutorial builds the dependencies of FastAPI's OAuth2 scopes tutorial,
// recording the scopes each call of currentUser received.
type tutorial struct {
	mu     sync.Mutex
	seen   [][]string
	token  di.Dep[string]
	user   di.Dep[*user]
	active di.Dep[*user]
}

type user struct{ name string }

func newTutorial() *tutorial {
	tu := &tutorial{}
	tu.token = di.Func0(func() (string, error) { return "tok", nil })
	tu.user = di.Func2(func(s di.Scopes, tok string) (*user, error) {
		tu.mu.Lock()
		tu.seen = append(tu.seen, s.List())
		tu.mu.Unlock()
		return &user{name: tok}, nil
	}, di.SecurityScopes(), tu.token)
	tu.active = di.Func1(func(u *user) (*user, error) { return u, nil }, di.Security(tu.user, "me"))
	return tu
}

func TestScopesTutorial(t *testing.T) {
	tests := []struct {
		name string
		root func(tu *tutorial) di.Dep[*user]
		want []string
	}{
		{"items", func(tu *tutorial) di.Dep[*user] { return di.Security(tu.active, "items") }, []string{"items", "me"}},
		{"me", func(tu *tutorial) di.Dep[*user] { return tu.active }, []string{"me"}},
		{"status", func(tu *tutorial) di.Dep[*user] { return tu.user }, []string{}},
		{"duplicate", func(tu *tutorial) di.Dep[*user] { return di.Security(tu.active, "me", "items", "me") }, []string{"me", "items"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tu := newTutorial()
			handler := di.Func1(func(u *user) (string, error) { return u.name, nil }, tt.root(tu))
			if _, err := run(t, handler); err != nil {
				t.Fatal(err)
			}
			if len(tu.seen) != 1 || !slices.Equal(tu.seen[0], tt.want) {
				t.Errorf("currentUser saw scopes %q, want one call with %q", tu.seen, tt.want)
			}
		})
	}
}

func TestScopesDoNotLeakBetweenSiblings(t *testing.T) {
	var mu sync.Mutex
	got := map[string][]string{}
	reader := func(name string) di.Dep[string] {
		return di.Func1(func(s di.Scopes) (string, error) {
			mu.Lock()
			got[name] = s.List()
			mu.Unlock()
			return s.String(), nil
		}, di.SecurityScopes())
	}
	left := di.Func1(func(s string) (string, error) { return s, nil }, di.Security(reader("left"), "l"))
	right := di.Func1(func(s string) (string, error) { return s, nil }, di.Security(reader("right"), "r"))
	root := di.Func2(func(a, b string) (string, error) { return a + "|" + b, nil },
		di.Security(left, "a"), di.Security(right, "b"))

	v, err := run(t, root)
	if err != nil || v != "a l|b r" {
		t.Errorf("Eval = %q, %v; want %q", v, err, "a l|b r")
	}
	if !slices.Equal(got["left"], []string{"a", "l"}) || !slices.Equal(got["right"], []string{"b", "r"}) {
		t.Errorf("scopes seen = %q, want left [a l] and right [b r]", got)
	}
}

func TestCacheKeyIsDependencyAndUsedScopes(t *testing.T) {
	var scoped, plain int
	db := di.Func0(func() (string, error) { plain++; return "db", nil })
	check := di.Func2(func(s di.Scopes, db string) (string, error) {
		scoped++
		return db + ":" + s.String(), nil
	}, di.SecurityScopes(), db)
	// A dependency that uses no scopes itself but sits above one that does
	// is keyed by its scopes too.
	wrap := di.Func1(func(s string) (string, error) { return s, nil }, check)
	root := di.Func4(func(a, b, c, d string) ([]string, error) {
		return []string{a, b, c, d}, nil
	}, di.Security(wrap, "x"), di.Security(wrap, "y"), di.Security(check, "x"), db)

	got, err := run(t, root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"db:x", "db:y", "db:x", "db"}
	if !slices.Equal(got, want) {
		t.Errorf("Eval = %q, want %q", got, want)
	}
	if scoped != 2 || plain != 1 {
		t.Errorf("scoped dependency ran %d times, scope-free one %d; want 2 and 1", scoped, plain)
	}
}

func TestCacheKeyIgnoresScopeOrder(t *testing.T) {
	calls := 0
	check := di.Func1(func(s di.Scopes) (string, error) { calls++; return s.String(), nil }, di.SecurityScopes())
	root := di.Func2(func(a, b string) (string, error) { return a + "|" + b, nil },
		di.Security(check, "a", "b"), di.Security(check, "b", "a"))
	got, err := run(t, root)
	// FastAPI keys the cache by the sorted scope set, so the second edge
	// reuses the first value, scope order and all.
	if err != nil || got != "a b|a b" || calls != 1 {
		t.Errorf("Eval = %q, %v with %d calls; want %q with 1 call", got, err, calls, "a b|a b")
	}
}

func TestUncachedRunsOnEveryReach(t *testing.T) {
	calls := 0
	counter := di.Func0(func() (int, error) { calls++; return calls, nil })
	root := di.Func4(func(a, b, c, d int) ([]int, error) { return []int{a, b, c, d}, nil },
		counter, di.Uncached(counter), counter, di.Uncached(counter))
	got, err := run(t, root)
	if err != nil {
		t.Fatal(err)
	}
	// The cached edges share the first value; each uncached edge runs anew.
	if want := []int{1, 2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("Eval = %v, want %v", got, want)
	}
}

func TestEvaluationOrder(t *testing.T) {
	var order []string
	mk := func(name string, deps ...di.Dep[string]) di.Dep[string] {
		f := func(...string) (string, error) { order = append(order, name); return name, nil }
		switch len(deps) {
		case 0:
			return di.WithName(di.Func0(func() (string, error) { return f() }), name)
		case 1:
			return di.WithName(di.Func1(func(a string) (string, error) { return f(a) }, deps[0]), name)
		default:
			return di.WithName(di.Func2(func(a, b string) (string, error) { return f(a, b) }, deps[0], deps[1]), name)
		}
	}
	shared := mk("shared")
	left := mk("left", mk("leftLeaf"), shared)
	right := mk("right", shared, mk("rightLeaf"))
	root := mk("root", left, right)
	if _, err := run(t, root); err != nil {
		t.Fatal(err)
	}
	want := []string{"leftLeaf", "shared", "left", "rightLeaf", "right", "root"}
	if !slices.Equal(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
}

var errDenied = errors.New("denied")

func TestFirstErrorStopsAndIsReturnedUnchanged(t *testing.T) {
	ran := false
	bad := di.Func0(func() (int, error) { return 0, errDenied })
	later := di.Func0(func() (int, error) { ran = true; return 1, nil })
	handlerRan := false
	root := di.Func2(func(a, b int) (int, error) { handlerRan = true; return a + b, nil }, bad, later)
	_, err := run(t, root)
	if err != errDenied {
		t.Errorf("err = %v, want errDenied itself", err)
	}
	if ran || handlerRan {
		t.Errorf("after the error: later ran %v, handler ran %v; want neither", ran, handlerRan)
	}
}

// fieldErr is an Accumulator, like a validation error.
type fieldErr []string

func (e fieldErr) Error() string { return "invalid: " + strings.Join(e, ", ") }
func (e fieldErr) Accumulate(next error) error {
	return append(slices.Clone(e), next.(fieldErr)...)
}

func TestAccumulatedErrors(t *testing.T) {
	bad := func(name string) di.Dep[int] {
		return di.Func0(func() (int, error) { return 0, fieldErr{name} })
	}
	okRan := false
	ok := di.Func0(func() (int, error) { okRan = true; return 1, nil })
	dependentRan := false
	dependent := di.Func1(func(int) (int, error) { dependentRan = true; return 0, nil }, bad("a"))
	root := di.Func3(func(a, b, c int) (int, error) { return 0, nil }, dependent, ok, bad("b"))

	_, err := run(t, root)
	var fe fieldErr
	if !errors.As(err, &fe) || !slices.Equal(fe, fieldErr{"a", "b"}) {
		t.Errorf("err = %v, want both field errors a and b", err)
	}
	if !okRan || dependentRan {
		t.Errorf("independent dep ran = %v, dependant of failed ran = %v; want true, false", okRan, dependentRan)
	}

	// A plain error after an accumulated one wins, as an HTTP error does.
	root = di.Func2(func(a, b int) (int, error) { return 0, nil }, bad("a"),
		di.Func0(func() (int, error) { return 0, errDenied }))
	if _, err := run(t, root); err != errDenied {
		t.Errorf("err = %v, want errDenied", err)
	}
}

func TestCleanups(t *testing.T) {
	var log []string
	res := func(name string) di.Dep[string] {
		return di.Yield0(func() (string, di.Cleanup, error) {
			log = append(log, "open "+name)
			return name, func(outcome error) {
				log = append(log, fmt.Sprintf("close %s (%v)", name, outcome))
			}, nil
		})
	}
	tests := []struct {
		name    string
		handler func(a, b string) (string, error)
		want    []string
		panics  bool
	}{
		{"success", func(a, b string) (string, error) { return a + b, nil },
			[]string{"open a", "open b", "close b (<nil>)", "close a (<nil>)"}, false},
		{"error", func(a, b string) (string, error) { return "", errDenied },
			[]string{"open a", "open b", "close b (denied)", "close a (denied)"}, false},
		{"panic", func(a, b string) (string, error) { panic("boom") },
			[]string{"open a", "open b", "close b (di: panic: boom)", "close a (di: panic: boom)"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log = nil
			pl := di.MustCompile(di.Func2(tt.handler, res("a"), res("b")))
			var recovered any
			func() {
				defer func() { recovered = recover() }()
				_, _ = pl.Eval(nil)
			}()
			if tt.panics != (recovered != nil) || (tt.panics && recovered != "boom") {
				t.Errorf("recovered %v, want panic %v with its original value", recovered, tt.panics)
			}
			if !slices.Equal(log, tt.want) {
				t.Errorf("log = %q\nwant  %q", log, tt.want)
			}
		})
	}
}

func TestCleanupSeesErrorOfUse(t *testing.T) {
	var outcome error
	tx := di.Yield0(func() (string, di.Cleanup, error) {
		return "tx", func(err error) { outcome = err }, nil
	})
	pl := di.MustCompile(tx)
	err := pl.Run(nil, func(string) error { return errDenied })
	if err != errDenied || outcome != errDenied {
		t.Errorf("Run = %v, cleanup saw %v; want errDenied both", err, outcome)
	}
}

func TestCleanupRegisteredWithError(t *testing.T) {
	closed := false
	half := di.Yield0(func() (string, di.Cleanup, error) {
		return "", func(error) { closed = true }, errDenied
	})
	if _, err := di.MustCompile(half).Eval(nil); err != errDenied || !closed {
		t.Errorf("err = %v, closed = %v; want errDenied, true", err, closed)
	}
}

func TestPanicInDependencyRunsEarlierCleanups(t *testing.T) {
	var got error
	res := di.Yield0(func() (int, di.Cleanup, error) { return 1, func(err error) { got = err }, nil })
	boom := di.Func1(func(int) (int, error) { panic(errDenied) }, res)
	defer func() {
		v := recover()
		var pe *di.PanicError
		if v != errDenied || !errors.As(got, &pe) || !errors.Is(got, errDenied) || len(pe.Stack) == 0 {
			t.Errorf("recovered %v, cleanup saw %v; want errDenied and a PanicError wrapping it", v, got)
		}
	}()
	_, _ = di.MustCompile(boom).Eval(nil)
}

func TestOverrideThreeLevelsDown(t *testing.T) {
	tu := newTutorial()
	var fakeSaw []string
	fake := di.Func1(func(s di.Scopes) (*user, error) {
		fakeSaw = s.List()
		return &user{name: "fake"}, nil
	}, di.SecurityScopes())
	handler := di.Func1(func(u *user) (string, error) { return u.name, nil }, di.Security(tu.active, "items"))

	got, err := run(t, handler, di.Override(tu.user, fake))
	if err != nil || got != "fake" {
		t.Errorf("Eval = %q, %v; want %q", got, err, "fake")
	}
	if !slices.Equal(fakeSaw, []string{"items", "me"}) {
		t.Errorf("override saw scopes %q, want [items me]", fakeSaw)
	}
	if len(tu.seen) != 0 {
		t.Errorf("original ran %d times, want 0", len(tu.seen))
	}

	// The override is scoped to its plan: compiling again without it runs
	// the original.
	if got, _ := run(t, handler); got != "tok" {
		t.Errorf("without the override Eval = %q, want %q", got, "tok")
	}
}

type settings struct{ secret string }

func TestSingleton(t *testing.T) {
	c := dig.New()
	builds := 0
	if err := c.Provide(func() *settings { builds++; return &settings{"s3"} }); err != nil {
		t.Fatal(err)
	}
	d := di.Func1(func(s *settings) (string, error) { return s.secret, nil }, di.Singleton[*settings]())
	pl := di.MustCompile(d, di.Container(c))
	for range 3 {
		if got, err := pl.Eval(nil); err != nil || got != "s3" {
			t.Fatalf("Eval = %q, %v; want %q", got, err, "s3")
		}
	}
	di.MustCompile(d, di.Container(c))
	if builds != 1 {
		t.Errorf("provider ran %d times, want 1", builds)
	}
}

func TestBuildErrors(t *testing.T) {
	settingsDep := di.Singleton[*settings]()
	needsSettings := di.Func1(func(*settings) (int, error) { return 0, nil }, settingsDep)
	middle := di.Func1(func(i int) (int, error) { return i, nil }, needsSettings)
	var zero di.Dep[int]
	selfRef := di.Func0(func() (int, error) { return 0, nil })
	wrapper := di.Func1(func(i int) (int, error) { return i, nil }, selfRef)

	tests := []struct {
		name string
		root di.Dep[int]
		opts []di.Option
		want []string
	}{
		{"missing_provider", di.Func1(func(i int) (int, error) { return i, nil }, middle),
			[]di.Option{di.Container(dig.New())},
			[]string{"di_test.go:", "<- ", "argument 1 (*di_test.settings)", "missing type: *di_test.settings"}},
		{"pointer_for_value", di.Func1(func(s *settings) (int, error) { return 0, nil }, settingsDep),
			[]di.Option{di.Container(valueContainer(t))},
			[]string{"argument 1 (*di_test.settings)", "did you mean di_test.settings?"}},
		{"no_container", middle, nil,
			[]string{"di.Container", "*di_test.settings"}},
		{"zero_dep", di.Func2(func(a, b int) (int, error) { return 0, nil }, di.Value(1), zero), nil,
			[]string{"argument 2", "zero di.Dep"}},
		{"override_cycle", wrapper, []di.Option{di.Override(selfRef, wrapper)},
			[]string{"depend on itself"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := di.Compile(tt.root, tt.opts...)
			if err == nil {
				t.Fatalf("Compile succeeded, want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			var be *di.BuildError
			if !errors.As(err, &be) {
				t.Errorf("error %T is not a *di.BuildError", err)
			}
		})
	}
}

// valueContainer provides settings as a value, so that asking for
// *settings gets dig's suggestion.
func valueContainer(t *testing.T) *dig.Container {
	c := dig.New()
	if err := c.Provide(func() settings { return settings{"v"} }); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBuildErrorsAreAllReported(t *testing.T) {
	var zero di.Dep[int]
	root := di.Func3(func(a, b, c int) (int, error) { return 0, nil }, zero, di.Value(1), zero)
	_, err := di.Compile(root)
	if err == nil || strings.Count(err.Error(), "zero di.Dep") != 2 {
		t.Errorf("Compile error = %v, want two zero-dependency problems", err)
	}
}

func TestBeforeRunsFirstWithOwnScopes(t *testing.T) {
	var order []string
	guard := di.Func1(func(s di.Scopes) (struct{}, error) {
		order = append(order, "guard "+s.String())
		return struct{}{}, nil
	}, di.SecurityScopes())
	root := di.Func1(func(s di.Scopes) (string, error) {
		order = append(order, "handler "+s.String())
		return "ok", nil
	}, di.SecurityScopes())
	if _, err := run(t, root, di.Before(di.Security(guard, "admin"))); err != nil {
		t.Fatal(err)
	}
	if want := []string{"guard admin", "handler "}; !slices.Equal(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
}

func TestStepsDescribeThePlan(t *testing.T) {
	tu := newTutorial()
	scheme := di.WithMeta(tu.token, "oauth2")
	tu.user = di.Func2(func(di.Scopes, string) (*user, error) { return nil, nil }, di.SecurityScopes(), scheme)
	active := di.Func1(func(u *user) (*user, error) { return u, nil }, di.Security(tu.user, "me"))
	pl := di.MustCompile(di.Security(active, "items"))

	steps := pl.Steps()
	var metaScopes []string
	var keys []string
	for _, s := range steps {
		keys = append(keys, s.Key)
		if s.Meta == "oauth2" {
			metaScopes = s.Scopes
		}
	}
	if !slices.Equal(metaScopes, []string{"items", "me"}) {
		t.Errorf("scheme step scopes = %q, want [items me]", metaScopes)
	}
	if len(steps) != 4 || !strings.HasSuffix(keys[0], "[items me]") || steps[0].Constant != true {
		t.Errorf("steps = %q, want the scopes constant first then token, user, active", keys)
	}
	if !strings.Contains(pl.String(), "= constant") {
		t.Errorf("String() = %q, want constants marked", pl.String())
	}
}

func TestConcurrentRuns(t *testing.T) {
	n := di.Func1(func(r *http.Request) (string, error) { return r.URL.Query().Get("n"), nil }, di.Request())
	pl := di.MustCompile(n)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				want := fmt.Sprint(i*1000 + j)
				got, err := pl.Eval(httptest.NewRequest("GET", "/?n="+want, nil))
				if err != nil || got != want {
					t.Errorf("Eval = %q, %v; want %q", got, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
