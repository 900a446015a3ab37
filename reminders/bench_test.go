package reminders_test

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/reminders"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// Sizes of the benchmark: every owner of the province with something
// scheduled in the future, and one morning's class reminders (500 classes
// of four owners each) due now.
const (
	benchNotDue = 95_000
	benchDue    = 2_000
	benchClass  = 4 // owners per class
)

// counter is a Deliverer that only counts, as the sender's queue would
// take the messages without waiting.
type counter struct{ n atomic.Int64 }

func (c *counter) Deliver(_ context.Context, msgs []ikmbot.Message) { c.n.Add(int64(len(msgs))) }

// BenchmarkTick measures one tick finding and handing over benchDue items
// among none and then benchNotDue items not due yet: time and allocations
// should not grow with the items not due.
//
//	go test -run '^$' -bench BenchmarkTick -benchtime 20x ./reminders/
func BenchmarkTick(b *testing.B) {
	srv := redistest.Start(b)
	srv.RequireOwn(b)
	rdb := srv.Client(b)
	trips := storage.CountRoundTrips(rdb)
	store := storage.New(rdb)
	ctx := b.Context()
	c := &clock{t: base}
	out := &counter{}
	eng := reminders.New(reminders.Config{Store: store, Deliver: out, Now: c.Now, Location: wib,
		Logger: slog.New(slog.DiscardHandler)})
	eng.Handle("class", reminders.HandlerFunc(func(_ context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
		return []ikmbot.Message{{ChatID: d.Target, Text: "Pengingat kelas " + d.Payload + " pukul " + d.Until.In(wib).Format("15:04")}}, nil
	}))

	round := 0 // fresh ids each iteration, so every claim is a first
	for _, notDue := range []int{0, benchNotDue} {
		seed(b, store, "future", notDue, base.AddDate(1, 0, 0))
		b.Run(fmt.Sprintf("not_due=%d", notDue), func(b *testing.B) {
			b.ReportAllocs()
			var rounds int64
			for range b.N {
				b.StopTimer()
				round++
				// A minute later each time: a new lock, and the items due.
				now := base.Add(time.Duration(round) * time.Minute)
				c.Set(now)
				seed(b, store, "r"+strconv.Itoa(round)+"-", benchDue, now.Add(-30*time.Second))
				out.n.Store(0)
				trips.Reset()
				b.StartTimer()

				rep, err := eng.Tick(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Found != benchDue || rep.Sent != benchDue || out.n.Load() != benchDue {
					b.Fatalf("tick: %+v, %d delivered; want %d found, sent and delivered", rep, out.n.Load(), benchDue)
				}
				rounds += trips.RoundTrips()
			}
			b.ReportMetric(float64(rounds)/float64(b.N), "round_trips/op")
			b.ReportMetric(float64(benchDue*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

// seed schedules n class reminders with ids starting with prefix, due at
// at, in pipelined chunks.
func seed(b *testing.B, store *storage.Store, prefix string, n int, at time.Time) {
	b.Helper()
	const chunk = 5_000
	items := make([]ikmbot.Due, 0, chunk)
	flush := func() {
		if err := store.Schedule(b.Context(), items...); err != nil {
			b.Fatal(err)
		}
		items = items[:0]
	}
	for i := range n {
		class := "2026-1:K" + strconv.Itoa(i/benchClass)
		owner := int64(5_000_000_000 + i)
		items = append(items, ikmbot.Due{
			Kind: "class", ID: prefix + class + ":" + strconv.FormatInt(owner, 10),
			Target: owner, Payload: class, At: at, Until: at.Add(time.Hour),
		})
		if len(items) == chunk {
			flush()
		}
	}
	if len(items) > 0 {
		flush()
	}
}
