package docsui

// OAuth2RedirectHTML returns Swagger UI's OAuth2 redirect page, as shipped
// with Swagger UI in github.com/swaggo/files/v2. The router serves it at
// [Config.OAuth2RedirectPath]: when an OAuth2 authorization server sends the
// browser back there, the page hands the code or token to the Swagger UI
// window that opened it. The page is self-contained. Each call returns a
// new slice.
func OAuth2RedirectHTML() []byte {
	return readAsset("oauth2-redirect.html")
}
