package router_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"mime/multipart"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/router"
	"github.com/rampart-go/rampart/router/routertest"
	"github.com/rampart-go/rampart/security"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The shop app uses every feature the OpenAPI document describes: path,
// query, header and cookie parameters, parameter structs, JSON and form
// bodies with files, nested, embedded, optional and enum types, status
// codes, extra responses, tags, groups with dependencies, deprecation,
// hidden routes, and five security schemes with scopes, one optional.

type Color string

func (Color) Enum() []any { return []any{"red", "green", "blue"} }

type Audit struct {
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt *time.Time `json:"updated_at"`
}

type Dimensions struct {
	Width  float64 `json:"width" validate:"gt=0"`
	Height float64 `json:"height" validate:"gt=0"`
}

type Product struct {
	Audit
	ID         int               `json:"id"`
	Name       string            `json:"name" validate:"min_length=1,max_length=50" doc:"Display name"`
	Price      float64           `json:"price" validate:"gt=0"`
	Color      Color             `json:"color"`
	Tags       []string          `json:"tags"`
	Attributes map[string]string `json:"attributes"`
	Size       *Dimensions       `json:"size"`
	Stock      int               `json:"stock,omitempty" validate:"ge=0"`
}

type ProductIn struct {
	Name  string     `json:"name" validate:"min_length=1"`
	Price float64    `json:"price" validate:"gt=0"`
	Color Color      `json:"color"`
	Size  Dimensions `json:"size"`
}

type Problem struct {
	Detail string `json:"detail"`
}

type SearchParams struct {
	Limit  int      `query:"limit" default:"10" validate:"ge=1,le=100"`
	Offset int      `query:"offset" default:"0" validate:"ge=0"`
	Sort   string   `query:"sort" enum:"name,price" default:"name"`
	Tags   []string `query:"tag" default:""`
}

type Upload struct {
	Title string                `form:"title"`
	File  *multipart.FileHeader `form:"file"`
}

func shopRouter() *router.Router {
	oauth := security.OAuth2PasswordBearer(security.OAuth2PasswordBearerConfig{
		TokenURL: "/token",
		Scopes: []security.Scope{
			{Name: "products:read", Description: "Read products."},
			{Name: "products:write", Description: "Change products."},
			{Name: "admin", Description: "Administer the shop."},
		},
	})
	user := di.Func2(func(s di.Scopes, tok string) (string, error) { return tok, nil }, di.SecurityScopes(), oauth)
	basic := security.HTTPBasic(security.HTTPBasicConfig{Realm: "shop"})
	apiKey := security.APIKeyHeader(security.APIKeyConfig{Name: "X-API-Key", Optional: true})
	bearer := security.HTTPBearer(security.HTTPBearerConfig{})
	cookieKey := security.APIKeyCookie(security.APIKeyConfig{Name: "shop_session"})

	product := &Product{ID: 1, Name: "pen", Price: 1.5, Color: "red"}
	rt := router.New(router.Title("Shop"), router.Version("2.1.0"), router.Description("A shop that uses every feature."))

	readProduct := func(id int, q *string, ua string, session *string, _ string) (*Product, error) { return product, nil }
	searchProducts := func(p SearchParams, key string) ([]Product, error) { return nil, nil }
	createProduct := func(in ProductIn, _ string) (router.JSON[*Product], error) {
		return router.Created("/products/1", product), nil
	}
	uploadImage := func(id int, up Upload, _ *security.HTTPBasicCredentials) (router.NoContent, error) {
		return router.NoContent{}, nil
	}
	deleteProduct := func(id int, _ *security.HTTPAuthorizationCredentials) (router.NoContent, error) {
		return router.NoContent{}, nil
	}
	adminStats := func(string) (map[string]int, error) { return map[string]int{"orders": 3}, nil }

	rt.Get("/products/{product_id}", di.WithName(di.Func5(readProduct,
		params.Path[int]("product_id", params.Ge(1), params.Description("The product's ID")),
		params.Query[*string]("q", params.MaxLength(50)),
		params.Header[string]("user_agent"),
		params.Cookie[*string]("session"),
		di.Security(user, "products:read"),
	), "readProduct"), router.Tags("products"), router.ExtraResponse(404, "Product not found", Problem{}))

	rt.Get("/products/", di.WithName(di.Func2(searchProducts,
		params.Fields[SearchParams](), apiKey), "searchProducts"), router.Tags("products"))

	rt.Post("/products/", di.Func2(createProduct,
		params.Body[ProductIn]("product"), di.Security(user, "products:write")),
		router.Status(201), router.Tags("products"), router.Summary("Create a product"),
		router.Describe("Adds a product to the catalogue."), router.OperationID("createProduct"))

	rt.Put("/products/{product_id}/image", di.WithName(di.Func3(uploadImage,
		params.Path[int]("product_id"), params.Form[Upload](), basic), "uploadImage"), router.Status(204))

	rt.Delete("/products/{product_id}", di.WithName(di.Func2(deleteProduct,
		params.Path[int]("product_id"), bearer), "deleteProduct"), router.Status(204), router.Deprecated())

	admin := rt.Group("/admin", router.Tags("admin"), router.Dependencies(di.Security(user, "admin")))
	admin.Get("/stats", di.WithName(di.Func1(adminStats, cookieKey), "adminStats"))
	admin.Get("/internal", constant("hidden"), router.IncludeInSchema(false))
	return rt
}

func TestOpenAPIGolden(t *testing.T) {
	c := routertest.New(t, shopRouter())
	res := c.Get("/openapi.json")
	if res.Status != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, res.Body, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')

	const golden = "testdata/openapi.golden.json"
	if *update {
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./router -run TestOpenAPIGolden -update to create it)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("/openapi.json differs from %s; rerun with -update and review the diff:\n%s", golden, pretty.String())
	}
}

func TestOpenAPIPassesValidator(t *testing.T) {
	body, err := shopRouter().OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(body)
	if err != nil {
		t.Fatalf("libopenapi.NewDocument: %v", err)
	}
	if v := doc.GetSpecInfo().Version; v != "3.1.0" {
		t.Errorf("version %q, want 3.1.0", v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator.NewValidator: %v", errs)
	}
	ok, verrs := v.ValidateDocument()
	for _, e := range verrs {
		t.Errorf("ValidateDocument: %v", e)
		for _, f := range e.SchemaValidationErrors {
			t.Errorf("  at %s (%s): %s", f.FieldPath, f.KeywordLocation, f.Reason)
		}
	}
	if !ok {
		t.Error("the document is not valid OpenAPI 3.1")
	}
}

func TestOpenAPISecurityAndScopes(t *testing.T) {
	var doc map[string]any
	body, err := shopRouter().OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	sec := func(path, method string) string {
		op := doc["paths"].(map[string]any)[path].(map[string]any)[method].(map[string]any)
		b, _ := json.Marshal(op["security"])
		return string(b)
	}
	tests := []struct{ path, method, want string }{
		{"/products/{product_id}", "get", `[{"OAuth2PasswordBearer":["products:read"]}]`},
		{"/products/", "get", `[{"APIKeyHeader":[]},{}]`},
		{"/products/", "post", `[{"OAuth2PasswordBearer":["products:write"]}]`},
		{"/products/{product_id}/image", "put", `[{"HTTPBasic":[]}]`},
		{"/products/{product_id}", "delete", `[{"HTTPBearer":[]}]`},
		{"/admin/stats", "get", `[{"OAuth2PasswordBearer":["admin"]},{"APIKeyCookie":[]}]`},
	}
	for _, tt := range tests {
		if got := sec(tt.path, tt.method); got != tt.want {
			t.Errorf("%s %s security = %s, want %s", tt.method, tt.path, got, tt.want)
		}
	}
	if _, hidden := doc["paths"].(map[string]any)["/admin/internal"]; hidden {
		t.Error("a route with IncludeInSchema(false) is in the document")
	}
}

func TestOpenAPISchemeNameClash(t *testing.T) {
	a := security.APIKeyHeader(security.APIKeyConfig{Name: "X-A", SchemeName: "key"})
	b := security.APIKeyQuery(security.APIKeyConfig{Name: "a", SchemeName: "key"})
	rt := router.New()
	rt.Get("/a", di.Func1(func(s string) (string, error) { return s, nil }, a))
	rt.Get("/b", di.Func1(func(s string) (string, error) { return s, nil }, b))
	err := rt.Build()
	if err == nil || !strings.Contains(err.Error(), `two different security schemes are named "key"`) ||
		!strings.Contains(err.Error(), "GET /b (declared at openapi_test.go:") {
		t.Errorf("Build = %v, want the clash named with the route", err)
	}
}

func TestDocsPages(t *testing.T) {
	c := routertest.New(t, shopRouter())
	for _, p := range []string{"/docs", "/docs/oauth2-redirect", "/redoc"} {
		res := c.Get(p)
		if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s", p, res.Status, res.Header.Get("Content-Type"))
		}
	}
	if res := c.Get("/docs"); !strings.Contains(res.String(), "/openapi.json") {
		t.Error("/docs does not load /openapi.json")
	}

	moved := routertest.New(t, shopRouter().Clone(router.DocsURL("/api/docs"), router.RedocURL(""), router.OpenAPIURL("/api/openapi.json")))
	if res := moved.Get("/api/docs"); res.Status != 200 || !strings.Contains(res.String(), "/api/openapi.json") {
		t.Errorf("moved docs: %d", res.Status)
	}
	for _, p := range []string{"/docs", "/redoc", "/openapi.json"} {
		if res := moved.Get(p); res.Status != 404 {
			t.Errorf("GET %s after moving or turning off: %d, want 404", p, res.Status)
		}
	}
	off := routertest.New(t, shopRouter().Clone(router.OpenAPIURL("")))
	for _, p := range []string{"/docs", "/redoc", "/openapi.json"} {
		if res := off.Get(p); res.Status != 404 {
			t.Errorf("GET %s with OpenAPI off: %d, want 404", p, res.Status)
		}
	}
}
