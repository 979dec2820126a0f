package params_test

import (
	"errors"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
)

// fuzzParams has a field of every kind of type a parameter may have.
type fuzzParams struct {
	S   string         `query:"s" validate:"min_length=1,max_length=5" pattern:"^[a-z]*$"`
	I   int            `query:"i" default:"0" validate:"ge=-10,le=10,multiple_of=2"`
	I8  *int8          `query:"i8"`
	U16 uint16         `query:"u16" default:"1"`
	F   float64        `query:"f" default:"0" validate:"lt=1e6"`
	F32 *float32       `query:"f32"`
	B   bool           `query:"b" default:"false"`
	T   *time.Time     `query:"t"`
	D   *time.Duration `query:"d"`
	IP  *netip.Addr    `query:"ip"`
	L   []int          `query:"l" default:"" validate:"max_length=3"`
	E   *string        `query:"e" enum:"a,b,c"`
	C   *color         `query:"c"`
	H   []string       `header:"x_h" default:""`
}

// checkErr fails unless err is nil or a validation error whose problems
// all have a type, a location and a message.
func checkErr(t *testing.T, input string, err error) {
	if err == nil {
		return
	}
	var ve *params.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%q: error %v (%T) is not a validation error", input, err, err)
	}
	for _, fe := range ve.Errors {
		if fe.Type == "" || len(fe.Loc) == 0 || fe.Msg == "" {
			t.Fatalf("%q: incomplete problem %+v", input, fe)
		}
	}
}

func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		"", "s=abc&i=4&l=1&l=2", "s=&i=x&i8=300&u16=-1&f=nan&b=maybe",
		"t=2024-13-01&d=5x&ip=::1&e=d&c=pink", "l=1&l=2&l=3&l=4&s=%zz",
		"i=1_0&f32=1e40&t=1700000000&d=1h", "s=ab%00c&t=2024-02-30T25:00",
	} {
		f.Add(seed)
	}
	plan := di.MustCompile(params.Fields[fuzzParams]())
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = raw
		r.Header.Add("X-H", raw)
		_, err := plan.Eval(r)
		checkErr(t, raw, err)
	})
}

func FuzzJSONBody(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `{"id":1,"items":[{"name":"a","price":1}]}`, `{"id":"x"}`,
		`[1,2]`, `null`, `{"id":1e400}`, `{"items":[{"price":"inf"}]}`,
		`{"id": }`, `{"a":"\u00`, `{"ID":2,"Items":null,"tags":{"k":"v"}}`,
	} {
		f.Add(seed, true)
	}
	plan := di.MustCompile(di.Func2(func(o order, p *user) (int, error) {
		return o.ID, nil
	}, params.Body[order]("order"), params.Body[*user]("user", params.Embed())))
	f.Fuzz(func(t *testing.T, body string, isJSON bool) {
		ctype := "application/json"
		if !isJSON {
			ctype = "text/plain"
		}
		_, err := plan.Eval(post(body, ctype))
		checkErr(t, body, err)
	})
}

func FuzzForm(f *testing.F) {
	for _, seed := range []string{
		"", "username=ada&password=longenough", "password=%&scope=a+b",
		"client_secret=&remember=maybe", "username=a&username=b&password=xxxxxxxx",
	} {
		f.Add(seed, false)
	}
	f.Add("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n--x--\r\n", true)
	login := di.MustCompile(params.Form[loginForm]())
	upload := di.MustCompile(params.Form[uploadForm]())
	f.Fuzz(func(t *testing.T, body string, multi bool) {
		if !multi {
			_, err := login.Eval(post(body, "application/x-www-form-urlencoded"))
			checkErr(t, body, err)
			return
		}
		_, err := upload.Eval(post(body, "multipart/form-data; boundary=x"))
		var be *params.BodyError
		if errors.As(err, &be) && !strings.Contains(be.Error(), "params: reading the request body") {
			t.Fatalf("%q: %v", body, err)
		}
		if !errors.As(err, &be) {
			checkErr(t, body, err)
		}
	})
}
