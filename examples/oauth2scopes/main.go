// Command oauth2scopes is the Go port of FastAPI's OAuth2 scopes tutorial
// (https://fastapi.tiangolo.com/advanced/security/oauth2-scopes/), written
// with Rampart: a password login that issues JWTs carrying scopes, and
// routes that require the "me" and "items" scopes through the chain
// getCurrentUser -> getCurrentActiveUser -> handler.
//
// Run it with
//
//	go run ./examples/oauth2scopes
//
// It serves on 127.0.0.1:8000 (change it with -addr host:port). Tokens are
// signed with the SECRET_KEY environment variable (for instance the output
// of `openssl rand -hex 32`); without it a random key is made, and tokens
// do not survive a restart. Users johndoe (password "secret") and alice
// ("secretalice", disabled) can log in; open http://127.0.0.1:8000/docs
// and use Authorize with the scopes.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rampart-go/rampart/router"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on, host:port")
	cache := flag.Int("token-cache", 0, "verified tokens to remember (0: off)")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, *cache, logger); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// run serves until SIGINT or SIGTERM, then drains open requests.
func run(addr string, cacheSize int, logger *slog.Logger) error {
	secret, err := secretKey(logger)
	if err != nil {
		return err
	}
	r, err := newRouter(secret, cacheSize, router.Logger(logger))
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "docs", "http://"+ln.Addr().String()+"/docs")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// secretKey reads SECRET_KEY, or makes a random 32-byte key and says so.
func secretKey(logger *slog.Logger) ([]byte, error) {
	if s := os.Getenv("SECRET_KEY"); s != "" {
		if len(s) < 32 {
			return nil, fmt.Errorf("SECRET_KEY has %d bytes; HS256 needs at least 32", len(s))
		}
		return []byte(s), nil
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	logger.Warn("SECRET_KEY is not set; signing tokens with a random key that lasts until the server stops")
	return key, nil
}
