package openapi_test

import (
	"encoding/json"
	"net/netip"
	"time"

	"github.com/rampart-go/rampart/openapi"
)

// The types the schema tests describe, modelled on FastAPI's tutorials.

// Role is an enum, as a Python Enum class would be.
type Role string

const (
	RoleAdmin Role = "admin"
	RoleUser  Role = "user"
)

func (Role) Enum() []any { return []any{RoleAdmin, RoleUser} }

// Priority is an enum of integers.
type Priority int

func (Priority) Enum() []any { return []any{1, 2, 3} }

// Address is a nested model.
type Address struct {
	Street  string `json:"street"`
	City    string `json:"city"`
	Country string `json:"country,omitempty" default:"NL"`
}

// Timestamps is embedded: its fields belong to the struct that embeds it.
type Timestamps struct {
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// User has the usual kinds of fields.
type User struct {
	Username string            `json:"username" validate:"min_length=3,max_length=20" pattern:"^[a-z0-9_]+$"`
	FullName *string           `json:"full_name"`
	Email    string            `json:"email,omitempty" format:"email"`
	Disabled bool              `json:"disabled" default:"false"`
	Role     Role              `json:"role"`
	Address  *Address          `json:"address"`
	Scopes   []string          `json:"scopes"`
	Labels   map[string]string `json:"labels,omitempty"`
	Password string            `json:"-"`
	internal int               // unexported: not a property
	Timestamps
}

var _ = User{internal: 1}

// Item carries every constraint tag.
type Item struct {
	ID       int64          `json:"id" validate:"ge=1" doc:"The item's number." example:"42"`
	Name     string         `json:"name" validate:"min_length=1,max_length=50" title:"Item Name"`
	Price    float64        `json:"price" validate:"gt=0,lt=10000,multiple_of=0.01"`
	Discount *float64       `json:"discount" validate:"ge=0,le=1"`
	Tags     []string       `json:"tags" validate:"min_items=1,max_items=3" default:"new,sale"`
	Size     string         `json:"size" enum:"S,M,L" default:"M"`
	Priority Priority       `json:"priority"`
	Levels   []int          `json:"levels" validate:"max_length=5"`
	Wait     time.Duration  `json:"wait" default:"1m30s"`
	Old      string         `json:"old,omitempty" deprecated:"true"`
	Extra    map[string]any `json:"extra" validate:"max_length=10"`
	Owner    User           `json:"owner" doc:"Who sells it."`
	Note     *string        `json:"note" validate:"required,max_length=200"`
}

// Node refers to itself.
type Node struct {
	Value    int     `json:"value"`
	Children []*Node `json:"children"`
	Parent   *Node   `json:"parent,omitzero"`
}

// Tree is a recursive map type.
type Tree map[string]Tree

// Page is generic, as a pydantic generic model is.
type Page[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// Location shares its name with time.Location.
type Location struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

// ValidationError shares its name with FastAPI's component.
type ValidationError struct {
	Reason string `json:"reason"`
}

// Upload describes itself.
type Upload struct{}

func (Upload) OpenAPISchema() *openapi.Schema {
	return &openapi.Schema{Type: "string", Format: "binary"}
}

// Money writes itself with MarshalJSON, which no schema can foresee.
type Money struct{ cents int64 }

func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.cents) }

// Inner and Outer show how encoding/json resolves clashing embedded fields.
type Inner struct {
	A string `json:"a"`
	B string
	C string
}

type Other struct {
	B string
	C string `json:"C"`
}

type Outer struct {
	Inner
	*Other
	A string
	D netip.Addr `json:"d"`
}

// Everything holds the scalar kinds.
type Everything struct {
	Bool    bool            `json:"bool"`
	Int     int             `json:"int"`
	Int8    int8            `json:"int8"`
	Uint64  uint64          `json:"uint64"`
	Float32 float32         `json:"float32"`
	String  string          `json:"string"`
	Bytes   []byte          `json:"bytes"`
	Raw     json.RawMessage `json:"raw"`
	Any     any             `json:"any"`
	Time    time.Time       `json:"time"`
	Array   [2]int          `json:"array"`
	IntMap  map[int]bool    `json:"int_map"`
	Money   Money           `json:"money"`
	Upload  Upload          `json:"upload"`
	Inline  struct {
		X int `json:"x"`
	} `json:"inline"`
}
