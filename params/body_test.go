package params_test

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
)

type item struct {
	Name  string  `json:"name" validate:"min_length=1"`
	Price float64 `json:"price" validate:"gt=0"`
	Qty   int     `json:"qty" default:"1"`
}

type order struct {
	ID    int               `json:"id"`
	Items []item            `json:"items" validate:"max_length=5"`
	Tags  map[string]string `json:"tags,omitempty"`
	Note  *string           `json:"note"`
}

func post(body, contentType string) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestJSONBody(t *testing.T) {
	tests := []struct {
		name, body, ctype string
		wantErr           string
	}{
		{"ok", `{"id":1,"items":[{"name":"a","price":2}],"unknown":true}`, "application/json", ""},
		{"lax_numbers", `{"id":"7","items":[{"name":"a","price":"2.5","qty":2.0}]}`, "application/json", ""},
		{"plus_json", `{"id":1,"items":[]}`, "application/vnd.api+json", ""},
		{"no_content_type", `{"id":1,"items":[]}`, "", ""},
		{"missing_body", ``, "application/json",
			`[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]`},
		// Python's json module's messages for input cut short, as FastAPI
		// reports them, and a null body, which FastAPI treats as missing.
		{"null_body", `null`, "application/json",
			`[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]`},
		{"cut_after_brace", `{`, "application/json",
			`[{"type":"json_invalid","loc":["body",1],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]`},
		{"cut_after_key", `{"a"`, "application/json",
			`[{"type":"json_invalid","loc":["body",4],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting ':' delimiter"}}]`},
		{"cut_after_number", `{"a":1`, "application/json",
			`[{"type":"json_invalid","loc":["body",6],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting ',' delimiter"}}]`},
		{"cut_in_array", `[1`, "application/json",
			`[{"type":"json_invalid","loc":["body",2],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting ',' delimiter"}}]`},
		{"cut_after_comma", `{"a":1,`, "application/json",
			`[{"type":"json_invalid","loc":["body",7],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]`},
		{"cut_in_string", `"abc`, "application/json",
			`[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error","input":{},"ctx":{"error":"Unterminated string starting at"}}]`},
		{"cut_in_literal", `nul`, "application/json",
			`[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]`},
		{"json_invalid", `{"id": }`, "application/json",
			`[{"type":"json_invalid","loc":["body",7],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]`},
		{"not_json_type", `id=1`, "text/plain",
			`[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"id=1"}]`},
		{"nested", `{"id":1.5,"items":[{"name":"","price":0},{"price":"x"},{"name":3,"price":1}],"tags":{"a":1},"note":5}`, "application/json",
			`[{"type":"int_from_float","loc":["body","id"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5},
			  {"type":"string_too_short","loc":["body","items",0,"name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},
			  {"type":"greater_than","loc":["body","items",0,"price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0}},
			  {"type":"missing","loc":["body","items",1,"name"],"msg":"Field required","input":{"price":"x"}},
			  {"type":"float_parsing","loc":["body","items",1,"price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"},
			  {"type":"string_type","loc":["body","items",2,"name"],"msg":"Input should be a valid string","input":3},
			  {"type":"string_type","loc":["body","tags","a"],"msg":"Input should be a valid string","input":1},
			  {"type":"string_type","loc":["body","note"],"msg":"Input should be a valid string","input":5}]`},
		{"wrong_types", `{"id":[1],"items":{}}`, "application/json",
			`[{"type":"int_type","loc":["body","id"],"msg":"Input should be a valid integer","input":[1]},
			  {"type":"list_type","loc":["body","items"],"msg":"Input should be a valid list","input":{}}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := eval(t, params.Body[order]("order"), post(tt.body, tt.ctype))
			if gotErr := errorsJSON(t, err); !sameJSON(gotErr, tt.wantErr) {
				t.Fatalf("%s: errors\n%s\nwant\n%s", tt.body, gotErr, tt.wantErr)
			}
			if tt.name == "lax_numbers" && (got.ID != 7 || got.Items[0].Price != 2.5 || got.Items[0].Qty != 2) {
				t.Errorf("%s = %+v", tt.body, got)
			}
			if tt.name == "ok" && got.Items[0].Qty != 1 {
				t.Errorf("default qty = %d, want 1", got.Items[0].Qty)
			}
		})
	}
}

func TestOptionalAndEmbeddedBodies(t *testing.T) {
	opt, err := eval(t, params.Body[*item]("item"), post("", "application/json"))
	if err != nil || opt != nil {
		t.Errorf("optional empty body = %v, %v; want nil, nil", opt, err)
	}

	both := di.Func2(func(i item, u user) (string, error) {
		return i.Name + "/" + u.Username, nil
	}, params.Body[item]("item", params.Embed()), params.Body[user]("user", params.Embed()))
	got, err := eval(t, both, post(`{"item":{"name":"pen","price":1},"user":{"username":"ada","password":"longenough"}}`, "application/json"))
	if err != nil || got != "pen/ada" {
		t.Errorf("embedded bodies = %q, %v", got, err)
	}
	_, err = eval(t, both, post(`{"user":{"password":"hunter2"}}`, "application/json"))
	want := `[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null},
	  {"type":"missing","loc":["body","user","username"],"msg":"Field required","input":{}},
	  {"type":"string_too_short","loc":["body","user","password"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}
	// A syntax error is reported once, not once per body.
	_, err = eval(t, both, post(`{"item":`, "application/json"))
	want = `[{"type":"json_invalid","loc":["body",8],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}
}

type user struct {
	Username string `json:"username"`
	Password string `json:"password" format:"password" validate:"min_length=8"`
}

func TestSecretBodyFieldNotEchoed(t *testing.T) {
	_, err := eval(t, params.Body[user]("user"), post(`{"username":"ada","password":"short"}`, ""))
	want := `[{"type":"string_too_short","loc":["body","password"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}
}

// countingBody counts the reads of a request body.
type countingBody struct {
	io.Reader
	reads *int
}

func (c countingBody) Read(p []byte) (int, error) { *c.reads++; return c.Reader.Read(p) }
func (c countingBody) Close() error               { return nil }

func TestBodyReadOnce(t *testing.T) {
	reads := 0
	r := post("", "application/json")
	r.Body = countingBody{strings.NewReader(`{"name":"a","price":1}`), &reads}
	two := di.Func2(func(a item, b map[string]any) (string, error) {
		return a.Name, nil
	}, params.Body[item]("item"), params.Body[map[string]any]("raw"))
	if _, err := eval(t, two, r); err != nil {
		t.Fatal(err)
	}
	// io.ReadAll reads until EOF: one read with data, one that ends it.
	if reads > 2 {
		t.Errorf("the body was read %d times, want one pass", reads)
	}
}

func TestBodyTooLarge(t *testing.T) {
	r := post(`{"name":"a very long name","price":1}`, "application/json")
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 8)
	_, err := eval(t, params.Body[item]("item"), r)
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		t.Fatalf("error %v does not match *http.MaxBytesError", err)
	}
	var ve *params.ValidationError
	if errors.As(err, &ve) {
		t.Errorf("error %v is a validation error", err)
	}
	if sc, ok := err.(interface{ StatusCode() int }); !ok || sc.StatusCode() != 413 {
		t.Errorf("status of %v is not 413", err)
	}
}

type loginForm struct {
	Username     string  `form:"username"`
	Password     string  `form:"password" validate:"min_length=8"`
	Scope        string  `form:"scope" default:""`
	ClientSecret *string `form:"client_secret" validate:"min_length=8"`
	Remember     bool    `form:"remember" default:"false"`
}

func TestURLEncodedForm(t *testing.T) {
	dep := params.Form[loginForm]()
	got, err := eval(t, dep, post("username=ada&password=correct+horse&remember=on", "application/x-www-form-urlencoded"))
	if err != nil || got.Username != "ada" || got.Password != "correct horse" || !got.Remember {
		t.Fatalf("form = %+v, %v", got, err)
	}

	_, err = eval(t, dep, post("username=&password=short&client_secret=tiny", "application/x-www-form-urlencoded"))
	want := `[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},
	  {"type":"string_too_short","loc":["body","password"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}},
	  {"type":"string_too_short","loc":["body","client_secret"],"msg":"String should have at least 8 characters","input":null,"ctx":{"min_length":8}}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}

	_, err = eval(t, dep, post(`{"username":"ada"}`, "application/json"))
	if got := errorsJSON(t, err); !strings.Contains(got, `"loc":["body","password"]`) {
		t.Errorf("a JSON body to a form gives %s, want missing fields", got)
	}
}

type uploadForm struct {
	Title string                  `form:"title"`
	File  *multipart.FileHeader   `form:"file"`
	Extra []*multipart.FileHeader `form:"extra,omitempty"`
}

func TestMultipartForm(t *testing.T) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("title", "report")
	fw, _ := mw.CreateFormFile("file", "a.txt")
	fw.Write([]byte("hello"))
	mw.Close()

	got, err := eval(t, params.Form[uploadForm](), post(buf.String(), mw.FormDataContentType()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "report" || got.File == nil || got.File.Filename != "a.txt" || got.File.Size != 5 {
		t.Errorf("form = %+v", got)
	}

	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("title", "no file")
	mw.Close()
	_, err = eval(t, params.Form[uploadForm](), post(buf.String(), mw.FormDataContentType()))
	want := `[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]`
	if got := errorsJSON(t, err); !sameJSON(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", got, want)
	}
}
