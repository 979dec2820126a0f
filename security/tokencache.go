package security

import (
	"hash/maphash"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// tokenCache remembers tokens that passed [JWT.verify], so that a token
// seen again skips decoding and its signature check, as Envoy's jwt_authn
// filter does. Only the checks that depend on the clock, "exp" and "nbf",
// run again on each use.
//
// It is keyed by the whole token string: a map compares full keys, so two
// tokens that differ anywhere, even in one signature byte, are separate
// entries, and no hash collision can hand one token the claims of another.
//
// The cache is split into shards, each under its own lock, to keep
// concurrent requests from queueing on one mutex. Each shard holds at most
// its share of the size and evicts by CLOCK: a hit sets an entry's used
// bit, and the hand sweeping for a victim clears set bits and takes the
// first entry found clear or expired. A hit takes only a read lock and
// allocates nothing.
type tokenCache struct {
	seed   maphash.Seed
	shards []cacheShard
	leeway time.Duration
}

// A cache has one shard per minShardSize entries, and at most maxShards.
// Small shards would fill unevenly, since tokens fall into them by hash,
// and evict while the cache as a whole has room; beyond the core count of
// typical servers more shards buy nothing.
const (
	minShardSize = 64
	maxShards    = 16
)

func newTokenCache(size int, leeway time.Duration) *tokenCache {
	n := min(max(size/minShardSize, 1), maxShards)
	c := &tokenCache{
		seed:   maphash.MakeSeed(),
		shards: make([]cacheShard, n),
		leeway: leeway,
	}
	// Spread size over the shards so their capacities add up to exactly
	// size, never more.
	for i := range c.shards {
		capacity := size / n
		if i < size%n {
			capacity++
		}
		c.shards[i].index = make(map[string]int, capacity)
		c.shards[i].entries = make([]cacheEntry, 0, capacity)
	}
	return c
}

// cacheShard is one lock's worth of a tokenCache.
type cacheShard struct {
	mu      sync.RWMutex
	index   map[string]int // token to position in entries
	entries []cacheEntry   // never grows past its capacity
	hand    int            // CLOCK hand, a position in entries
}

// cacheEntry is a verified token with the bounds of its validity, leeway
// included, in Unix nanoseconds.
type cacheEntry struct {
	token    string
	claims   *Claims
	validAt  int64 // nbf minus leeway, or MinInt64
	expireAt int64 // exp plus leeway, or MaxInt64
	used     atomic.Bool
}

func (e *cacheEntry) expired(now int64) bool { return now >= e.expireAt }

// get looks token up. ok reports whether it was cached; if so, either
// claims or err is set, err when the token has expired or is not yet
// valid at now. An expired entry is evicted.
func (c *tokenCache) get(token string, now time.Time) (claims *Claims, err error, ok bool) {
	s := c.shard(token)
	s.mu.RLock()
	i, ok := s.index[token]
	if !ok {
		s.mu.RUnlock()
		return nil, nil, false
	}
	e := &s.entries[i]
	claims, validAt, expireAt := e.claims, e.validAt, e.expireAt
	// Load before Store: writing the bit on every hit would bounce its
	// cache line between cores for a popular token.
	if !e.used.Load() {
		e.used.Store(true)
	}
	s.mu.RUnlock()

	// The same tests as the jwt validator: valid while
	// now < exp+leeway and now >= nbf-leeway.
	t := now.UnixNano()
	if t >= expireAt {
		s.remove(token)
		detail := "expired at " + claims.ExpiresAt.UTC().Format(time.RFC3339)
		return nil, &TokenError{Kind: ErrTokenExpired, Detail: detail}, true
	}
	if t < validAt {
		detail := "not valid before " + claims.NotBefore.UTC().Format(time.RFC3339)
		return nil, &TokenError{Kind: ErrTokenNotYetValid, Detail: detail}, true
	}
	return claims, nil, true
}

// put adds a verified token, evicting another when its shard is full.
func (c *tokenCache) put(token string, claims *Claims, now time.Time) {
	e := cacheEntry{
		token:    token,
		claims:   claims,
		validAt:  math.MinInt64,
		expireAt: math.MaxInt64,
	}
	if !claims.NotBefore.IsZero() {
		e.validAt = unixNano(claims.NotBefore.Add(-c.leeway))
	}
	if !claims.ExpiresAt.IsZero() {
		e.expireAt = unixNano(claims.ExpiresAt.Add(c.leeway))
	}

	s := c.shard(token)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.index[token]; ok {
		return
	}
	if len(s.entries) < cap(s.entries) {
		s.entries = append(s.entries, cacheEntry{})
		s.set(len(s.entries)-1, &e)
		return
	}
	i := s.victim(now.UnixNano())
	delete(s.index, s.entries[i].token)
	s.set(i, &e)
}

// shard picks the shard of token.
func (c *tokenCache) shard(token string) *cacheShard {
	h := maphash.String(c.seed, token)
	return &c.shards[h%uint64(len(c.shards))]
}

// len reports the number of cached tokens.
func (c *tokenCache) len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.RLock()
		n += len(s.entries)
		s.mu.RUnlock()
	}
	return n
}

// set copies e into entries[i] and indexes it. The caller holds s.mu.
func (s *cacheShard) set(i int, e *cacheEntry) {
	d := &s.entries[i]
	d.token, d.claims = e.token, e.claims
	d.validAt, d.expireAt = e.validAt, e.expireAt
	d.used.Store(e.used.Load())
	s.index[e.token] = i
}

// victim advances the CLOCK hand to the entry to evict: the first one
// expired or not used since the hand last passed. The caller holds s.mu
// and the shard is full, so two turns of the hand always find one.
func (s *cacheShard) victim(now int64) int {
	for {
		i := s.hand
		s.hand = (s.hand + 1) % len(s.entries)
		e := &s.entries[i]
		if e.expired(now) || !e.used.Load() {
			return i
		}
		e.used.Store(false)
	}
}

// remove evicts token if it is still cached, moving the last entry into
// its place.
func (s *cacheShard) remove(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index[token]
	if !ok {
		return
	}
	delete(s.index, token)
	last := len(s.entries) - 1
	if i != last {
		s.set(i, &s.entries[last])
	}
	s.entries[last] = cacheEntry{}
	s.entries = s.entries[:last]
	if s.hand >= len(s.entries) {
		s.hand = 0
	}
}

// unixNano is [time.Time.UnixNano] clamped to the int64 range instead of
// wrapping, for the far-future "exp" a hostile issuer could write.
func unixNano(t time.Time) int64 {
	const maxSec = math.MaxInt64/int64(time.Second) - 1
	switch sec := t.Unix(); {
	case sec > maxSec:
		return math.MaxInt64
	case sec < -maxSec:
		return math.MinInt64
	}
	return t.UnixNano()
}
