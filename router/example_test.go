package router_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/params"
	"github.com/rampart-go/rampart/router"
)

func ExampleNew() {
	type Item struct {
		ID   int    `json:"item_id"`
		Name string `json:"name"`
	}
	readItem := di.Func1(func(id int) (Item, error) {
		return Item{ID: id, Name: "Foo"}, nil
	}, params.Path[int]("item_id"))

	rt := router.New(router.Title("Items"))
	rt.Get("/items/{item_id}", readItem)
	if err := rt.Build(); err != nil { // every problem at once
		fmt.Println(err)
		return
	}

	for _, target := range []string{"/items/42", "/items/foo"} {
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
		fmt.Println(rec.Body)
	}
	// Output:
	// 200 application/json
	// {"item_id":42,"name":"Foo"}
	// 422 application/json
	// {"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}]}
}

// A group shares a prefix, tags and dependencies among its routes, as
// FastAPI's APIRouter(prefix="/items", dependencies=[...]) does: every
// route below /items checks the X-Token header before its handler runs.
func ExampleRouter_Group() {
	verifyToken := di.Func1(func(token string) (struct{}, error) {
		if token != "fake-super-secret-token" {
			return struct{}{}, router.Error(http.StatusBadRequest, "X-Token header invalid")
		}
		return struct{}{}, nil
	}, params.Header[string]("x_token"))

	rt := router.New()
	items := rt.Group("/items", router.Tags("items"), router.Dependencies(verifyToken))
	items.Get("/", di.Value([]string{"plumbus", "portal-gun"}))
	items.Get("/{item_id}", di.Func1(func(id string) (string, error) {
		return "item " + id, nil
	}, params.Path[string]("item_id")))

	for _, token := range []string{"fake-super-secret-token", "wrong"} {
		for _, target := range []string{"/items/", "/items/plumbus"} {
			r := httptest.NewRequest("GET", target, nil)
			r.Header.Set("X-Token", token)
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, r)
			fmt.Println(target, rec.Code, rec.Body)
		}
	}
	// Output:
	// /items/ 200 ["plumbus","portal-gun"]
	// /items/plumbus 200 "item plumbus"
	// /items/ 400 {"detail":"X-Token header invalid"}
	// /items/plumbus 400 {"detail":"X-Token header invalid"}
}

func ExampleError() {
	// An HTTP error raised by a dependency ends the request as it was
	// raised, with its headers: RFC 6750 §3 asks a 401 for a missing
	// bearer token to carry a WWW-Authenticate challenge.
	token := di.Func1(func(r *http.Request) (string, error) {
		t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			return "", router.Error(http.StatusUnauthorized, "Not authenticated").
				WithHeader("WWW-Authenticate", "Bearer")
		}
		return t, nil
	}, di.Request())

	rt := router.New()
	rt.Get("/users/me", di.Func1(func(token string) (string, error) {
		return "user of " + token, nil
	}, token))

	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("GET", "/users/me", nil))
	fmt.Println(rec.Code, rec.Header().Get("WWW-Authenticate"))
	fmt.Println(rec.Body)
	// Output:
	// 401 Bearer
	// {"detail":"Not authenticated"}
}

func ExampleCurrentResponse() {
	// Any dependency can set headers and cookies on the response and
	// queue tasks that run once it has been sent.
	signup := di.Func2(func(name string, rs *router.Response) (string, error) {
		rs.SetCookie(&http.Cookie{Name: "session", Value: "s-" + name, HttpOnly: true})
		rs.SetStatus(http.StatusAccepted)
		rs.AddTask(func(ctx context.Context) error {
			fmt.Println("task: welcome email sent to", name)
			return nil
		})
		return "welcome " + name, nil
	}, params.Query[string]("name"), router.CurrentResponse())

	rt := router.New()
	rt.Post("/signup", signup)

	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("POST", "/signup?name=alice", nil))
	// ServeHTTP returns after the tasks, which ran once the body was
	// flushed to the client.
	fmt.Println(rec.Code, rec.Header().Get("Set-Cookie"))
	fmt.Println(rec.Body)
	// Output:
	// task: welcome email sent to alice
	// 202 session=s-alice; HttpOnly
	// "welcome alice"
}

func ExampleCreated() {
	type NewItem struct {
		Name  string  `json:"name" validate:"min_length=1"`
		Price float64 `json:"price" validate:"gt=0"`
	}
	type Item struct {
		ID string `json:"id"`
		NewItem
	}
	create := di.Func1(func(in NewItem) (router.JSON[Item], error) {
		item := Item{ID: "7", NewItem: in}
		return router.Created("/items/"+item.ID, item), nil
	}, params.Body[NewItem]("item"))

	rt := router.New()
	rt.Post("/items/", create)

	body := strings.NewReader(`{"name":"Foo","price":"1.5"}`)
	r := httptest.NewRequest("POST", "/items/", body)
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, r)
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	fmt.Println(rec.Body)
	// Output:
	// 201 /items/7
	// {"id":"7","name":"Foo","price":1.5}
}

// outOfStockError is an application error with no HTTP meaning of its
// own; [router.OnError] gives it one.
type outOfStockError struct{ item string }

func (e *outOfStockError) Error() string { return "shop: out of stock: " + e.item }

func ExampleOnError() {
	rt := router.New()
	router.OnError(rt, func(w http.ResponseWriter, r *http.Request, err *outOfStockError) {
		w.Header().Set("Retry-After", "3600")
		router.WriteDetail(w, http.StatusConflict, map[string]string{
			"error": "out_of_stock", "item": err.item,
		})
	})
	rt.Post("/orders/{item}", di.Func1(func(item string) (string, error) {
		return "", fmt.Errorf("placing the order: %w", &outOfStockError{item})
	}, params.Path[string]("item")))

	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("POST", "/orders/plumbus", nil))
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	fmt.Println(rec.Body)
	// Output:
	// 409 3600
	// {"detail":{"error":"out_of_stock","item":"plumbus"}}
}
