package storage

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// TestClaimForSandbox: a sandbox takes an empty Redis (and marks it) or
// one it marked before, and refuses one holding anybody else's data.
func TestClaimForSandbox(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t)
	ctx := context.Background()
	other := redis.NewClient(&redis.Options{Addr: e.srv.Addr, DB: 2})
	t.Cleanup(func() { other.FlushDB(context.Background()); other.Close() })
	empty := New(other)
	if err := empty.ClaimForSandbox(ctx); err != nil {
		t.Fatalf("an empty Redis: %v", err)
	}
	other.Set(ctx, "ikm:schema", "1", 0)
	if err := empty.ClaimForSandbox(ctx); err != nil {
		t.Fatalf("the sandbox's own Redis, used again: %v", err)
	}
	e.rdb.Set(ctx, "ikm:owners", "production", 0)
	if err := e.store.ClaimForSandbox(ctx); ikmbot.ErrorCode(err) != ikmbot.EConflict {
		t.Fatalf("a Redis with data the sandbox did not write: %v, want EConflict", err)
	}
}
