package storage

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot/storage/redistest"
)

func TestCountRoundTrips(t *testing.T) {
	srv := redistest.Start(t)
	c := srv.Client(t)
	ctx := t.Context()
	n := CountRoundTrips(c)

	key := "ikm:redistest:" + t.Name()
	t.Cleanup(func() { c.Del(context.Background(), key) })
	c.Set(ctx, key, "1", time.Minute)
	c.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Get(ctx, key)
		p.TTL(ctx, key)
		return nil
	})
	c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, key)
		p.Expire(ctx, key, time.Minute)
		return nil
	})
	// Reads that only observe (a /metrics scrape) are not counted.
	quiet := Uncounted(ctx)
	c.Get(quiet, key)
	c.Pipelined(quiet, func(p redis.Pipeliner) error {
		p.Get(quiet, key)
		return nil
	})
	if got, want := n.RoundTrips(), int64(3); got != want {
		t.Errorf("RoundTrips() = %d, want %d (%v)", got, want, n)
	}
	if n.Dials() == 0 {
		t.Errorf("Dials() = 0, want the new client's connections counted")
	}
	// SET; GET, TTL; MULTI, INCR, EXPIRE, EXEC.
	if got, want := n.Commands(), int64(7); got != want {
		t.Errorf("Commands() = %d, want %d", got, want)
	}
}
