package security

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// cacheClock is a clock that tests move by hand.
type cacheClock struct{ ns atomic.Int64 }

func newCacheClock() *cacheClock {
	c := &cacheClock{}
	c.ns.Store(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *cacheClock) now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *cacheClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// newCachedJWT returns an HS256 JWT with a cache of the given size on
// clock.
func newCachedJWT(t testing.TB, size int, clock *cacheClock) *JWT {
	t.Helper()
	j, err := NewJWT(JWTConfig{
		Keys:      []Key{{Secret: []byte("rampart token cache test secret, 32+ bytes")}},
		CacheSize: size,
		Leeway:    5 * time.Second,
		Now:       clock.now,
	})
	if err != nil {
		t.Fatalf("NewJWT: %v", err)
	}
	return j
}

// issueN issues n tokens for subjects user0, user1 and so on.
func issueN(t testing.TB, j *JWT, n int) []string {
	t.Helper()
	toks := make([]string, n)
	for i := range toks {
		tok, err := j.Issue(Claims{Subject: fmt.Sprintf("user%d", i)})
		if err != nil {
			t.Fatalf("Issue: %v", err)
		}
		toks[i] = tok
	}
	return toks
}

func TestCacheNeverExceedsSize(t *testing.T) {
	for _, size := range []int{1, 3, 64, 100, 1000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			j := newCachedJWT(t, size, newCacheClock())
			toks := issueN(t, j, 3*size+5)
			for round := range 2 {
				for i, tok := range toks {
					c, err := j.Verify(tok)
					if err != nil || c.Subject != fmt.Sprintf("user%d", i) {
						t.Fatalf("round %d: Verify(token %d) = %+v, %v; want subject user%d",
							round, i, c, err, i)
					}
					if n := j.cache.len(); n > size {
						t.Fatalf("round %d: cache holds %d tokens after %d verifications, want at most %d",
							round, n, i+1, size)
					}
				}
			}
			if n := j.cache.len(); n != size {
				t.Errorf("cache holds %d tokens after %d distinct ones, want it full at %d",
					n, len(toks), size)
			}
		})
	}
}

func TestCacheExpiresEntries(t *testing.T) {
	clock := newCacheClock()
	j := newCachedJWT(t, 4, clock)
	tok, err := j.Issue(Claims{Subject: "alice", ExpiresAt: clock.now().Add(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Verify(tok); err != nil {
		t.Fatalf("Verify(fresh token) = %v", err)
	}

	// Within the 5s leeway the cached token is still good.
	clock.advance(time.Minute + 4*time.Second)
	if _, err := j.Verify(tok); err != nil || j.cache.len() != 1 {
		t.Errorf("Verify(cached token within leeway) = %v with %d cached; want nil with 1",
			err, j.cache.len())
	}

	clock.advance(time.Second)
	_, err = j.Verify(tok)
	if !errors.Is(err, ErrTokenExpired) || err.Error() != "security: token is expired: expired at 2026-03-14T00:01:00Z" {
		t.Errorf("Verify(cached token past exp+leeway) = %v, want ErrTokenExpired", err)
	}
	if n := j.cache.len(); n != 0 {
		t.Errorf("cache holds %d tokens after the only one expired, want 0", n)
	}
}

func TestCacheChecksNotBefore(t *testing.T) {
	clock := newCacheClock()
	c := newTokenCache(2, time.Second)
	nbf := clock.now().Add(10 * time.Second)
	c.put("t", &Claims{NotBefore: nbf}, clock.now())

	_, err, ok := c.get("t", clock.now())
	if !ok || !errors.Is(err, ErrTokenNotYetValid) {
		t.Errorf("get(token before nbf) = %v, %v; want ErrTokenNotYetValid, true", err, ok)
	}
	clock.advance(9 * time.Second)
	if claims, err, ok := c.get("t", clock.now()); !ok || err != nil || claims == nil {
		t.Errorf("get(token 1s before nbf, 1s leeway) = %v, %v, %v; want claims", claims, err, ok)
	}
}

func TestCacheKeyedByWholeToken(t *testing.T) {
	j := newCachedJWT(t, 8, newCacheClock())
	tok := issueN(t, j, 1)[0]
	if _, err := j.Verify(tok); err != nil {
		t.Fatal(err)
	}

	// Change one signature byte in the middle, so that the token shares
	// its length and every character but one with the cached one.
	mid, repl := len(tok)-10, "A"
	if tok[mid] == 'A' {
		repl = "B"
	}
	forged := tok[:mid] + repl + tok[mid+1:]
	if _, err := j.Verify(forged); !errors.Is(err, ErrTokenSignature) {
		t.Errorf("Verify(cached token with one signature byte changed) = %v, want ErrTokenSignature",
			err)
	}
	if n := j.cache.len(); n != 1 {
		t.Errorf("cache holds %d tokens, want 1: the forged one must not be added", n)
	}

	// Two distinct valid tokens are two entries with their own claims.
	other := issueN(t, j, 2)[1]
	c1, err1 := j.Verify(tok)
	c2, err2 := j.Verify(other)
	if err1 != nil || err2 != nil || c1.Subject != "user0" || c2.Subject != "user1" {
		t.Errorf("Verify = %+v, %v and %+v, %v; want user0 and user1", c1, err1, c2, err2)
	}
}

// TestCacheClockGivesSecondChance checks that a token hit since the hand
// last passed survives an eviction that takes an unused one.
func TestCacheClockGivesSecondChance(t *testing.T) {
	now := newCacheClock().now()
	c := newTokenCache(1, 0)
	c.shards[0].entries = make([]cacheEntry, 0, 3)
	claims := &Claims{}
	for _, tok := range []string{"a", "b", "c"} {
		c.put(tok, claims, now)
	}
	c.get("a", now)
	c.put("d", claims, now)

	for tok, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if _, _, ok := c.get(tok, now); ok != want {
			t.Errorf("after a hit on a and adding d to a full [a b c]: cached(%s) = %v, want %v",
				tok, ok, want)
		}
	}
}

func TestCacheEvictsExpiredFirst(t *testing.T) {
	now := newCacheClock().now()
	c := newTokenCache(1, 0)
	c.shards[0].entries = make([]cacheEntry, 0, 2)
	c.put("live", &Claims{}, now)
	c.put("dead", &Claims{ExpiresAt: now.Add(time.Second)}, now)
	c.get("live", now)
	c.get("dead", now)

	c.put("new", &Claims{}, now.Add(time.Minute))
	if _, _, ok := c.get("live", now); !ok {
		t.Errorf("adding to a full cache evicted a live token, want the expired one evicted")
	}
}

func TestCacheConcurrent(t *testing.T) {
	clock := newCacheClock()
	j := newCachedJWT(t, 32, clock)
	toks := issueN(t, j, 100)

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 0))
			for range 500 {
				i := r.IntN(len(toks))
				c, err := j.Verify(toks[i])
				if err != nil || c.Subject != fmt.Sprintf("user%d", i) {
					t.Errorf("Verify(token %d) = %+v, %v; want subject user%d", i, c, err, i)
					return
				}
			}
		})
	}
	// Move the clock while readers run, but not past the tokens' expiry.
	wg.Go(func() {
		for range 100 {
			clock.advance(time.Second)
		}
	})
	wg.Wait()

	if n := j.cache.len(); n > 32 {
		t.Errorf("cache holds %d tokens, want at most 32", n)
	}
}

func TestUnixNanoClamps(t *testing.T) {
	tests := []struct {
		t    time.Time
		want int64
	}{
		{time.Unix(1<<40, 0), 1<<63 - 1},
		{time.Unix(-1<<40, 0), -1 << 63},
		{time.Unix(5, 6), 5_000_000_006},
	}
	for _, tt := range tests {
		if got := unixNano(tt.t); got != tt.want {
			t.Errorf("unixNano(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
}
