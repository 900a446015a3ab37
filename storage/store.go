package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// Store keeps the bot's data in Redis. It is safe for concurrent use.
type Store struct {
	rdb redis.UniversalClient
	now func() time.Time
	log *slog.Logger
	// cluster is set for a Redis Cluster client, which refuses MULTI across
	// slots; see transact.
	cluster bool
}

// Option configures a Store.
type Option func(*Store)

// WithNow sets the clock; tests move it. The default is time.Now.
func WithNow(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithLogger sets the logger for data the Store skips as unreadable (a
// session it cannot decode, a bad entry of the roles index). The default is
// slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// New returns a Store on rdb: a single Redis, a Sentinel failover client or a
// Cluster client.
func New(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, now: time.Now, log: slog.Default()}
	_, s.cluster = rdb.(*redis.ClusterClient)
	for _, o := range opts {
		o(s)
	}
	return s
}

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("ping redis: %w", err)
	}
	return nil
}

// EnsureSchema records SchemaVersion in an empty Redis and checks it in one
// that has data. It returns an *ikmbot.Error with code ikmbot.EConflict when
// the stored version is not the one this code knows: newer data was written
// by a later build, and older data would need a migration (there is none
// yet, version 1 being the first).
func (s *Store) EnsureSchema(ctx context.Context) error {
	set, err := s.rdb.SetNX(ctx, schemaKey(), SchemaVersion, 0).Result()
	if err != nil {
		return fmt.Errorf("ensure schema: %w", err)
	}
	if set {
		return nil
	}
	raw, err := s.rdb.Get(ctx, schemaKey()).Result()
	if err != nil {
		return fmt.Errorf("ensure schema: %w", err)
	}
	v, err := strconv.Atoi(raw)
	switch {
	case err != nil:
		return &ikmbot.Error{Code: ikmbot.EConflict, Op: fmt.Sprintf("ensure schema: stored version %q", raw), Err: err}
	case v > SchemaVersion:
		return ikmbot.Errorf(ikmbot.EConflict, "ensure schema: stored version %d is newer than this build's %d", v, SchemaVersion)
	case v < SchemaVersion:
		return ikmbot.Errorf(ikmbot.EConflict, "ensure schema: no migration from stored version %d to %d", v, SchemaVersion)
	}
	return nil
}

// transact sends, in one MULTI/EXEC, the commands perUser queues, which must
// all touch one user's keys (one Cluster slot), followed by those global
// queues (indexes and counters in other slots; global may be nil). On a
// single Redis or through Sentinel the whole change is atomic and one round
// trip. Redis Cluster refuses a MULTI across slots, so there the global
// commands follow in a second round trip once the user's transaction has
// succeeded: should the process die in between, an index lags until the
// user's next save and a counter misses one, which is the price of Cluster.
// The error is the first command error, which may be redis.Nil for a read.
func (s *Store) transact(ctx context.Context, perUser, global func(redis.Pipeliner)) error {
	return s.transactOn(ctx, s.rdb, perUser, global)
}

// txPipeliner is what transactOn needs of a client or of a *redis.Tx.
type txPipeliner interface {
	TxPipelined(ctx context.Context, fn func(redis.Pipeliner) error) ([]redis.Cmder, error)
}

// transactOn is transact with the user's MULTI sent through tx: a *redis.Tx
// inside Watch makes EXEC fail with redis.TxFailedErr when a watched key of
// the user changed since WATCH.
func (s *Store) transactOn(ctx context.Context, tx txPipeliner, perUser, global func(redis.Pipeliner)) error {
	if !s.cluster || global == nil {
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			perUser(p)
			if global != nil {
				global(p)
			}
			return nil
		})
		return err
	}
	if _, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
		perUser(p)
		return nil
	}); err != nil {
		return err
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		global(p)
		return nil
	})
	return err
}

// notFound reports whether err is go-redis's "no such key or field".
func notFound(err error) bool { return errors.Is(err, redis.Nil) }
