package security

import (
	"fmt"
	"log/slog"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/params"
)

// PasswordRequestForm is the form a client posts to get a token with the
// OAuth2 resource owner password grant (RFC 6749 §4.3.2), FastAPI's
// OAuth2PasswordRequestForm. [PasswordForm] and [PasswordFormStrict]
// yield it. A field the client left out or sent empty is "".
//
// Printing or logging the form through fmt or log/slog redacts Password
// and ClientSecret.
type PasswordRequestForm struct {
	// GrantType is "password", or "" when the client sent none, which only
	// [PasswordForm] allows.
	GrantType string

	Username string
	Password string

	// Scopes are the scopes the client asks for: the form's scope field
	// split on whitespace (see [ParseScope]), nil when it is absent.
	Scopes []string

	// ClientID and ClientSecret identify the client, if it sends them in
	// the form. RFC 6749 §2.3.1 prefers HTTP Basic for them; read those
	// with [HTTPBasic].
	ClientID     string
	ClientSecret string
}

// String formats the form with Password and ClientSecret redacted.
func (f PasswordRequestForm) String() string {
	return fmt.Sprintf("{GrantType:%s Username:%s Password:%s Scopes:%v "+
		"ClientID:%s ClientSecret:%s}", f.GrantType, f.Username,
		redact(f.Password), f.Scopes, f.ClientID, redact(f.ClientSecret))
}

// GoString is String for the %#v verb.
func (f PasswordRequestForm) GoString() string { return f.String() }

// LogValue logs the form with Password and ClientSecret redacted.
func (f PasswordRequestForm) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("grant_type", f.GrantType),
		slog.String("username", f.Username),
		slog.String("password", redact(f.Password)),
		slog.Any("scopes", f.Scopes),
		slog.String("client_id", f.ClientID),
		slog.String("client_secret", redact(f.ClientSecret)),
	)
}

func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return "[redacted]"
}

// The two forms are built once: a Dep is immutable, and sharing one value
// lets every route that uses the form share its cache entry.
var (
	passwordForm       = newPasswordForm[passwordFields]("PasswordForm", false)
	passwordFormStrict = newPasswordForm[strictPasswordFields]("PasswordFormStrict", true)
)

// PasswordForm returns the dependency that reads the request body as
// FastAPI's OAuth2PasswordRequestForm does. username and password are
// required; grant_type is optional but must be "password" when sent;
// scope, client_id and client_secret are optional.
//
// The body is read with [params.Form], so it is read once per request
// however many form and body parameters the route has: as
// application/x-www-form-urlencoded or multipart/form-data according to
// its Content-Type, any other type reading as an empty form. As in
// FastAPI, a field sent empty counts as missing, and of a field sent
// twice the last value counts. Problems are reported together in a 422
// [*params.ValidationError] in current FastAPI's shape, for instance
//
//	{"type": "missing", "loc": ["body", "username"],
//	 "msg": "Field required", "input": null}
//
// and a password or client secret is never echoed. A body that cannot be
// read is a [*params.BodyError]: 400 "There was an error parsing the
// body", or 413 over the server's size limit.
//
// Its [di.Dep.Meta] describes the request body for the OpenAPI document:
// an OpenAPIRequestBody method returns the inline object schema FastAPI
// emits for the form, which the router names Body_<operationId>.
func PasswordForm() di.Dep[*PasswordRequestForm] { return passwordForm }

// PasswordFormStrict is like [PasswordForm] but requires grant_type,
// FastAPI's OAuth2PasswordRequestFormStrict, as RFC 6749 §4.3.2 does.
func PasswordFormStrict() di.Dep[*PasswordRequestForm] { return passwordFormStrict }

// passwordFields are the form's fields as [params.Form] decodes and
// checks them, declared as FastAPI declares OAuth2PasswordRequestForm's.
// params reports problems in field order, as FastAPI does.
type passwordFields struct {
	GrantType    *string `form:"grant_type" pattern:"^password$"`
	Username     string  `form:"username"`
	Password     string  `form:"password" format:"password"`
	Scope        string  `form:"scope" default:""`
	ClientID     *string `form:"client_id"`
	ClientSecret *string `form:"client_secret" format:"password"`
}

func (pf passwordFields) form() *PasswordRequestForm {
	return &PasswordRequestForm{
		GrantType:    deref(pf.GrantType),
		Username:     pf.Username,
		Password:     pf.Password,
		Scopes:       ParseScope(pf.Scope),
		ClientID:     deref(pf.ClientID),
		ClientSecret: deref(pf.ClientSecret),
	}
}

// strictPasswordFields are those of OAuth2PasswordRequestFormStrict,
// whose grant_type is required.
type strictPasswordFields struct {
	GrantType    string  `form:"grant_type" pattern:"^password$"`
	Username     string  `form:"username"`
	Password     string  `form:"password" format:"password"`
	Scope        string  `form:"scope" default:""`
	ClientID     *string `form:"client_id"`
	ClientSecret *string `form:"client_secret" format:"password"`
}

func (pf strictPasswordFields) form() *PasswordRequestForm {
	f := passwordFields{
		GrantType: &pf.GrantType, Username: pf.Username, Password: pf.Password,
		Scope: pf.Scope, ClientID: pf.ClientID, ClientSecret: pf.ClientSecret,
	}
	return f.form()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// passwordFieldSet is implemented by the two structs of the form's
// fields, one per variant of the form.
type passwordFieldSet interface {
	form() *PasswordRequestForm
}

// newPasswordForm reads the fields F with [params.Form] and turns them
// into a [PasswordRequestForm]. The fields' own description of the body
// is replaced by formMeta on the result, so that the route has one
// request body, written exactly as FastAPI writes it.
func newPasswordForm[F passwordFieldSet](name string, strict bool) di.Dep[*PasswordRequestForm] {
	fields := di.WithName(di.WithMeta(params.Form[F](), nil), name+" fields")
	dep := di.Func1(func(f F) (*PasswordRequestForm, error) { return f.form(), nil }, fields)
	return di.WithMeta(di.WithName(dep, name), formMeta{strict: strict})
}

// grantPattern is the pattern FastAPI declares for grant_type, spelled out
// in the pattern tags above too. Its $ matches only at the very end, in
// Go's regexp as in pydantic's, so "password\n" does not match.
const grantPattern = "^password$"

// formMeta describes a password form's body for the OpenAPI document.
type formMeta struct {
	strict bool
}

var _ interface {
	OpenAPIRequestBody(*openapi.Schemas) *openapi.RequestBody
} = formMeta{}

// OpenAPIRequestBody returns the required application/x-www-form-urlencoded
// body whose inline schema is what FastAPI emits for
// OAuth2PasswordRequestForm, or OAuth2PasswordRequestFormStrict. The
// router gives the schema its title and component name,
// Body_<operationId>.
func (m formMeta) OpenAPIRequestBody(*openapi.Schemas) *openapi.RequestBody {
	return &openapi.RequestBody{
		Required: true,
		Content: map[string]openapi.MediaType{
			"application/x-www-form-urlencoded": {Schema: passwordFormSchema(m.strict)},
		},
	}
}

func passwordFormSchema(strict bool) *openapi.Schema {
	str := func() *openapi.Schema { return &openapi.Schema{Type: "string"} }
	nullable := func(s *openapi.Schema) []*openapi.Schema {
		return []*openapi.Schema{s, {Type: "null"}}
	}

	obj := &openapi.Schema{Type: "object"}
	grant := &openapi.Schema{Type: "string", Pattern: grantPattern, Title: "Grant Type"}
	if strict {
		obj.Required = []string{"grant_type"}
	} else {
		grant = &openapi.Schema{Title: "Grant Type",
			AnyOf: nullable(&openapi.Schema{Type: "string", Pattern: grantPattern})}
	}
	obj.Required = append(obj.Required, "username", "password")

	obj.Properties.Set("grant_type", grant)
	obj.Properties.Set("username", &openapi.Schema{Type: "string", Title: "Username"})
	obj.Properties.Set("password", &openapi.Schema{Type: "string",
		Format: "password", Title: "Password"})
	obj.Properties.Set("scope", &openapi.Schema{Type: "string", Default: "", Title: "Scope"})
	obj.Properties.Set("client_id", &openapi.Schema{Title: "Client Id", AnyOf: nullable(str())})
	obj.Properties.Set("client_secret", &openapi.Schema{Title: "Client Secret",
		AnyOf: nullable(str()), Format: "password"})
	return obj
}
