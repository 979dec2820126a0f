package params_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
)

// eval compiles dep and evaluates it for r.
func eval[T any](t *testing.T, dep di.Dep[T], r *http.Request) (T, error) {
	t.Helper()
	plan, err := di.Compile(dep)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return plan.Eval(r)
}

// errorsJSON renders the problems of a validation error as the detail of
// a 422 response, or "" when err is nil.
func errorsJSON(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ve *params.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *params.ValidationError", err, err)
	}
	b, jerr := json.Marshal(ve.Errors)
	if jerr != nil {
		t.Fatal(jerr)
	}
	return string(b)
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return string(xs) == string(ys)
}

func get(target string) *http.Request {
	return httptest.NewRequest("GET", target, nil)
}

func TestQueryScalars(t *testing.T) {
	tests := []struct {
		name    string
		dep     di.Dep[string] // the value, printed
		query   string
		want    string
		wantErr string
	}{
		{"int_ok", show(params.Query[int]("q")), "q=42", "42", ""},
		{"int_space_underscore_zero_fraction", show(params.Query[int]("q")), "q=+1_000.00", "1000", ""},
		{"int_missing", show(params.Query[int]("q")), "", "",
			`[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]`},
		{"int_parsing", show(params.Query[int]("q")), "q=abc", "",
			`[{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]`},
		{"int_empty", show(params.Query[int]("q")), "q=", "",
			`[{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":""}]`},
		{"int_fraction", show(params.Query[int]("q")), "q=1.5", "",
			`[{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1.5"}]`},
		{"int8_range", show(params.Query[int8]("q")), "q=300", "",
			`[{"type":"less_than_equal","loc":["query","q"],"msg":"Input should be less than or equal to 127","input":"300","ctx":{"le":127}}]`},
		{"uint_negative", show(params.Query[uint]("q")), "q=-1", "",
			`[{"type":"greater_than_equal","loc":["query","q"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}}]`},
		{"last_wins", show(params.Query[int]("q")), "q=1&q=2", "2", ""},
		{"gt", show(params.Query[int]("q", params.Gt(0))), "q=0", "",
			`[{"type":"greater_than","loc":["query","q"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}}]`},
		{"ge", show(params.Query[float64]("q", params.Ge(1.5))), "q=1", "",
			`[{"type":"greater_than_equal","loc":["query","q"],"msg":"Input should be greater than or equal to 1.5","input":"1","ctx":{"ge":1.5}}]`},
		{"lt", show(params.Query[int]("q", params.Lt(10))), "q=10", "",
			`[{"type":"less_than","loc":["query","q"],"msg":"Input should be less than 10","input":"10","ctx":{"lt":10}}]`},
		{"le", show(params.Query[int]("q", params.Le(10))), "q=11", "",
			`[{"type":"less_than_equal","loc":["query","q"],"msg":"Input should be less than or equal to 10","input":"11","ctx":{"le":10}}]`},
		{"multiple_of", show(params.Query[int]("q", params.MultipleOf(5))), "q=12", "",
			`[{"type":"multiple_of","loc":["query","q"],"msg":"Input should be a multiple of 5","input":"12","ctx":{"multiple_of":5}}]`},
		{"float_parsing", show(params.Query[float64]("q")), "q=0x10", "",
			`[{"type":"float_parsing","loc":["query","q"],"msg":"Input should be a valid number, unable to parse string as a number","input":"0x10"}]`},
		{"float_ok", show(params.Query[float32]("q")), "q=2.5", "2.5", ""},
		{"bool_ok", show(params.Query[bool]("q")), "q=YES", "true", ""},
		{"bool_parsing", show(params.Query[bool]("q")), "q=maybe", "",
			`[{"type":"bool_parsing","loc":["query","q"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]`},
		{"min_length", show(params.Query[string]("q", params.MinLength(3))), "q=ab", "",
			`[{"type":"string_too_short","loc":["query","q"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}]`},
		{"max_length_one", show(params.Query[string]("q", params.MaxLength(1))), "q=%C3%A9%C3%A9", "",
			`[{"type":"string_too_long","loc":["query","q"],"msg":"String should have at most 1 character","input":"éé","ctx":{"max_length":1}}]`},
		{"pattern", show(params.Query[string]("q", params.Pattern("^x$"))), "q=y", "",
			`[{"type":"string_pattern_mismatch","loc":["query","q"],"msg":"String should match pattern '^x$'","input":"y","ctx":{"pattern":"^x$"}}]`},
		{"enum", show(params.Query[string]("q", params.Enum("a", "b", "c"))), "q=d", "",
			`[{"type":"enum","loc":["query","q"],"msg":"Input should be 'a', 'b' or 'c'","input":"d","ctx":{"expected":"'a', 'b' or 'c'"}}]`},
		{"enum_int", show(params.Query[int]("q", params.Enum(1, 2))), "q=3", "",
			`[{"type":"enum","loc":["query","q"],"msg":"Input should be 1 or 2","input":"3","ctx":{"expected":"1 or 2"}}]`},
		{"default", show(params.Query[int]("limit", params.Default(10))), "", "10", ""},
		{"alias", show(params.Query[string]("item_query", params.Alias("item-query"))), "item-query=x", "x", ""},
		{"alias_error", show(params.Query[string]("item_query", params.Alias("item-query"))), "item_query=x", "",
			`[{"type":"missing","loc":["query","item-query"],"msg":"Field required","input":null}]`},
		{"pointer_absent", show(params.Query[*int]("q")), "", "<nil>", ""},
		{"pointer_present", show(params.Query[*int]("q")), "q=7", "7", ""},
		{"pointer_default", show(params.Query[*int]("q", params.Default(3))), "", "3", ""},
		{"escapes", show(params.Query[string]("q")), "q=a+b%20c%zz", "a b c%zz", ""},
		{"secret", show(params.Query[string]("q", params.Secret(), params.MinLength(8))), "q=hunter2", "",
			`[{"type":"string_too_short","loc":["query","q"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`},
		{"secret_by_name", show(params.Query[string]("token", params.MinLength(8))), "token=abc", "",
			`[{"type":"string_too_short","loc":["query","token"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`},
		{"duration", show(params.Query[time.Duration]("d")), "d=1h30m", "1h30m0s", ""},
		{"text", show(params.Query[netip.Addr]("ip")), "ip=10.0.0.1", "10.0.0.1", ""},
		{"text_error", show(params.Query[netip.Addr]("ip")), "ip=nope", "",
			`[{"type":"value_error","loc":["query","ip"],"msg":"Value error, ParseAddr(\"nope\"): unable to parse IP","input":"nope","ctx":{"error":"ParseAddr(\"nope\"): unable to parse IP"}}]`},
		{"text_pointer", show(params.Query[*netip.Addr]("ip")), "ip=::1", "::1", ""},
		{"named_string", show(params.Query[color]("c")), "c=red", "red", ""},
		{"enumer", show(params.Query[color]("c")), "c=pink", "",
			`[{"type":"enum","loc":["query","c"],"msg":"Input should be 'red' or 'blue'","input":"pink","ctx":{"expected":"'red' or 'blue'"}}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := eval(t, tt.dep, get("/?"+tt.query))
			if gotErr := errorsJSON(t, err); !sameJSON(gotErr, tt.wantErr) {
				t.Fatalf("?%s: errors\n%s\nwant\n%s", tt.query, gotErr, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("?%s = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

type color string

func (color) Enum() []any { return []any{color("red"), color("blue")} }

// show returns a dependency printing dep's value, dereferencing pointers.
func show[T any](dep di.Dep[T]) di.Dep[string] {
	return di.Func1(func(v T) (string, error) {
		var x any = v
		switch p := x.(type) {
		case *int:
			if p == nil {
				return "<nil>", nil
			}
			return fmt.Sprint(*p), nil
		case *netip.Addr:
			return p.String(), nil
		}
		return fmt.Sprint(v), nil
	}, dep)
}

func TestQueryList(t *testing.T) {
	tests := []struct {
		name    string
		dep     di.Dep[[]int]
		query   string
		want    string
		wantErr string
	}{
		{"repeated", params.Query[[]int]("n"), "n=1&n=2&x=3&n=4", "[1 2 4]", ""},
		{"required", params.Query[[]int]("n"), "", "",
			`[{"type":"missing","loc":["query","n"],"msg":"Field required","input":null}]`},
		{"default", params.Query[[]int]("n", params.Default([]int{5, 6})), "", "[5 6]", ""},
		{"empty_default", params.Query[[]int]("n", params.Default([]int{})), "", "[]", ""},
		{"bad_elements", params.Query[[]int]("n"), "n=1&n=x&n=y", "",
			`[{"type":"int_parsing","loc":["query","n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},
			  {"type":"int_parsing","loc":["query","n",2],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"}]`},
		{"too_long", params.Query[[]int]("n", params.MaxLength(2)), "n=1&n=2&n=3", "",
			`[{"type":"too_long","loc":["query","n"],"msg":"List should have at most 2 items after validation, not 3","input":["1","2","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := eval(t, tt.dep, get("/?"+tt.query))
			if gotErr := errorsJSON(t, err); !sameJSON(gotErr, tt.wantErr) {
				t.Fatalf("?%s: errors\n%s\nwant\n%s", tt.query, gotErr, tt.wantErr)
			}
			if err == nil && fmt.Sprint(got) != tt.want {
				t.Errorf("?%s = %v, want %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestManyProblemsReportedTogether(t *testing.T) {
	handler := di.Func4(func(id, limit int, agent string, s *string) (string, error) {
		return "ran", nil
	},
		params.Path[int]("item_id", params.Gt(0)),
		params.Query[int]("limit", params.Le(100)),
		params.Header[string]("x_agent"),
		params.Cookie[*string]("session", params.MinLength(10)))
	r := get("/items/0?limit=500")
	r.SetPathValue("item_id", "0")
	r.Header.Add("Cookie", "session=short")
	_, err := eval(t, handler, r)
	want := `[
	 {"type":"greater_than","loc":["path","item_id"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},
	 {"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},
	 {"type":"missing","loc":["header","x-agent"],"msg":"Field required","input":null},
	 {"type":"string_too_short","loc":["cookie","session"],"msg":"String should have at least 10 characters","input":"short","ctx":{"min_length":10}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Fatalf("errors\n%s\nwant\n%s", got, want)
	}
}

func TestHeaders(t *testing.T) {
	r := get("/")
	r.Header.Set("User-Agent", "curl")
	r.Header.Add("X-Token", "a")
	r.Header.Add("x-token", "b")
	r.Header["X_raw"] = []string{"kept"}

	agent, err := eval(t, params.Header[string]("user_agent"), r)
	if err != nil || agent != "curl" {
		t.Errorf("Header user_agent = %q, %v; want curl", agent, err)
	}
	tokens, err := eval(t, params.Header[[]string]("x_token"), r)
	if err != nil || strings.Join(tokens, ",") != "a,b" {
		t.Errorf("Header x_token = %q, %v; want [a b]", tokens, err)
	}
	first, err := eval(t, params.Header[string]("x_token"), r)
	if err != nil || first != "a" {
		t.Errorf("Header x_token scalar = %q, %v; want a", first, err)
	}
	raw, err := eval(t, params.Header[string]("x_raw", params.NoUnderscoreConversion()), r)
	if err != nil || raw != "kept" {
		t.Errorf("Header x_raw = %q, %v; want kept", raw, err)
	}
	_, err = eval(t, params.Header[string]("authorization", params.MinLength(100)), withAuth(r))
	want := `[{"type":"string_too_short","loc":["header","authorization"],"msg":"String should have at least 100 characters","input":null,"ctx":{"min_length":100}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("authorization errors\n%s\nwant\n%s", got, want)
	}
}

func withAuth(r *http.Request) *http.Request {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer secret-token")
	return r
}

func TestCookieAndTime(t *testing.T) {
	r := get("/?when=2024-05-01T13:45:00%2B02:00&day=2024-05-01&bad=last+Tuesday&ts=1700000000")
	r.Header.Add("Cookie", `a=1; session="abc"; a=2`)

	s, err := eval(t, params.Cookie[string]("session"), r)
	if err != nil || s != "abc" {
		t.Errorf("Cookie session = %q, %v; want abc", s, err)
	}
	a, err := eval(t, params.Cookie[int]("a"), r)
	if err != nil || a != 2 {
		t.Errorf("Cookie a = %d, %v; want the last, 2", a, err)
	}

	for _, tt := range []struct{ key, want string }{
		{"when", "2024-05-01T13:45:00+02:00"},
		{"day", "2024-05-01T00:00:00Z"},
		{"ts", "2023-11-14T22:13:20Z"},
	} {
		got, err := eval(t, params.Query[time.Time](tt.key), r)
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("Query[time.Time](%q) = %v, %v; want %s", tt.key, got, err, tt.want)
		}
	}
	_, err = eval(t, params.Query[time.Time]("bad"), r)
	want := `[{"type":"datetime_from_date_parsing","loc":["query","bad"],"msg":"Input should be a valid datetime or date, invalid character in year","input":"last Tuesday","ctx":{"error":"invalid character in year"}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("bad time errors\n%s\nwant\n%s", got, want)
	}
}

func TestFields(t *testing.T) {
	type itemParams struct {
		ItemID  int      `path:"item_id" validate:"gt=0"`
		Limit   int      `query:"limit" default:"10" validate:"le=100"`
		Tags    []string `query:"tag" default:""`
		Agent   string   `header:"user_agent"`
		Session *string  `cookie:"session"`
		Secret  string   `query:"key" format:"password" validate:"min_length=8"`
		skipped int      // unexported fields are not parameters
	}
	_ = itemParams{}.skipped
	dep := params.Fields[itemParams]()

	r := get("/?tag=a&tag=b&key=longenough")
	r.SetPathValue("item_id", "3")
	r.Header.Set("User-Agent", "go")
	got, err := eval(t, dep, r)
	if err != nil {
		t.Fatal(err)
	}
	if got.ItemID != 3 || got.Limit != 10 || len(got.Tags) != 2 || got.Agent != "go" || got.Session != nil {
		t.Errorf("Fields = %+v", got)
	}

	r = get("/?limit=x&key=short")
	r.SetPathValue("item_id", "-1")
	_, err = eval(t, dep, r)
	want := `[
	 {"type":"greater_than","loc":["path","item_id"],"msg":"Input should be greater than 0","input":"-1","ctx":{"gt":0}},
	 {"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},
	 {"type":"missing","loc":["header","user-agent"],"msg":"Field required","input":null},
	 {"type":"string_too_short","loc":["query","key"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}
}

func TestConstructionPanics(t *testing.T) {
	tests := []struct {
		name  string
		build func()
		want  []string
	}{
		{"gt_on_string", func() { params.Query[string]("q", params.Gt(0)) },
			[]string{`params: query parameter "q" (params_test.go:`, "gt applies only to numbers"}},
		{"bad_pattern", func() { params.Query[string]("q", params.Pattern("(")) },
			[]string{`query parameter "q"`, "missing closing )"}},
		{"bad_default", func() { params.Query[int]("limit", params.Default("ten")) },
			[]string{`query parameter "limit"`, `"ten"`}},
		{"default_violates", func() { params.Query[int]("limit", params.Default(0), params.Gt(0)) },
			[]string{`query parameter "limit"`, "greater than 0"}},
		{"underscore_on_query", func() { params.Query[int]("q", params.NoUnderscoreConversion()) },
			[]string{"NoUnderscoreConversion() applies only to headers"}},
		{"path_pointer", func() { params.Path[*int]("id") },
			[]string{`path parameter "id"`, "always present"}},
		{"unsupported_type", func() { params.Query[map[string]int]("m") },
			[]string{`query parameter "m"`, "cannot be read from text"}},
		{"fields_untagged", func() {
			type bad struct{ A int }
			params.Fields[bad]()
		}, []string{"params: Fields[params_test.bad]", "field A has no path, query, header or cookie tag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := catchPanic(tt.build)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("panic %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func catchPanic(f func()) (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	f()
	return "no panic"
}
