package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/reminders"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// Sizes of BenchmarkClassReminderTick: the province's owners, the classes
// of a busy year, and one hour's worth of class reminders due at once.
const (
	benchOwners      = 95_000
	benchClasses     = 500
	benchDueClasses  = 100 // classes whose meeting reminder falls due in the tick
	benchSeatsPerCls = ikmbot.DefaultCapacity
)

// countingOutbox takes messages as the bot's outbox would, without sending.
type countingOutbox struct{ n atomic.Int64 }

func (c *countingOutbox) Deliver(_ context.Context, msgs []ikmbot.Message) { c.n.Add(int64(len(msgs))) }

// BenchmarkClassReminderTick measures what issue 4 asks: with 95,000 owners
// and 500 classes of 20 in Redis, the time one tick of the reminder engine
// needs to find the reminders due (100 classes' meetings: 2,000 messages)
// and hand them over, through the real class reminder handler (class,
// roster and owners loaded from Redis). Messages per op must be 2,000.
//
//	go test -run '^$' -bench ClassReminderTick -benchtime 10x ./handlers/
func BenchmarkClassReminderTick(b *testing.B) {
	srv := redistest.Start(b)
	srv.RequireOwn(b)
	rdb := srv.Client(b)
	trips := storage.CountRoundTrips(rdb)
	ctx := b.Context()
	now := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC) // 08.00 WIB, outside quiet hours
	store := storage.New(rdb, storage.WithNow(func() time.Time { return now }))
	r := New(Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }})

	owners := seedOwners(b, store, benchOwners)
	seedClasses(b, store, owners, now)

	out := &countingOutbox{}
	clock := now
	eng := reminders.New(reminders.Config{Store: store, Deliver: out, Now: func() time.Time { return clock },
		Logger: slog.New(slog.DiscardHandler)})
	eng.Handle(DueClassReminder, reminders.HandlerFunc(r.FireClassReminder))
	b.ReportAllocs()
	b.ResetTimer()
	var msgs, rts int64
	for i := range b.N {
		b.StopTimer()
		// Each round is a new meeting time of the due classes, so every
		// reminder is new; the clock moves to it.
		clock = now.Add(time.Duration(i+1) * 24 * time.Hour)
		scheduleDue(b, store, clock)
		out.n.Store(0)
		before := trips.RoundTrips()
		b.StartTimer()
		rep, err := eng.Tick(ctx)
		b.StopTimer()
		if err != nil || rep.Failed > 0 {
			b.Fatalf("tick: %+v, %v", rep, err)
		}
		msgs += out.n.Load()
		rts += trips.RoundTrips() - before
		b.StartTimer()
	}
	b.StopTimer()
	if want := int64(b.N * benchDueClasses * benchSeatsPerCls); msgs != want {
		b.Fatalf("handed over %d messages, want %d", msgs, want)
	}
	b.ReportMetric(float64(msgs)/float64(b.N), "msgs/tick")
	b.ReportMetric(float64(rts)/float64(b.N), "redis-rt/tick")
}

// seedOwners signs up n owners through Apply, in parallel.
func seedOwners(b *testing.B, store *storage.Store, n int) []int64 {
	b.Helper()
	ids := make([]int64, n)
	var wg sync.WaitGroup
	var failed atomic.Value
	work := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range work {
				id := int64(9_000_000_000 + i)
				ids[i] = id
				p := ikmbot.Profile{UserID: id, OwnerName: "Pemilik", Phone: "+6281234567890", BusinessName: fmt.Sprintf("IKM %d", i),
					NoNIB: true, Region: "1871", Sector: "kopi", Products: "kopi bubuk", Workers: ikmbot.Workers1to4,
					Capacity: "100 kg", ExportStatus: ikmbot.ExportNever}
				if err := store.Apply(context.Background(), ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
					failed.Store(err)
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatalf("seed owners: %v", err)
	}
	return ids
}

// seedClasses makes benchClasses classes of one meeting each, far in the
// future, and fills each with benchSeatsPerCls owners.
func seedClasses(b *testing.B, store *storage.Store, owners []int64, now time.Time) {
	b.Helper()
	ctx := context.Background()
	for i := range benchClasses {
		stage := 1 + i%2
		cl := ikmbot.Class{Level: ikmbot.LevelPemula, Stage: stage, Year: 2027, Title: fmt.Sprintf("Kelas %d", i),
			Capacity: benchSeatsPerCls, Status: ikmbot.ClassOpen, CreatedAt: now,
			Meetings: []ikmbot.Meeting{{Start: now.AddDate(0, 6, 0), Minutes: 120, Place: "Aula"}}}
		id, err := store.NextClassID(ctx, cl.Year, cl.Stage)
		if err != nil {
			b.Fatal(err)
		}
		cl.ID = id
		if err := store.SaveClass(ctx, cl, nil, nil); err != nil {
			b.Fatal(err)
		}
		for s := range benchSeatsPerCls {
			// Classes of different stages share owners: one class a term.
			owner := owners[(i/2)*benchSeatsPerCls+s]
			if res, err := store.Enrol(ctx, cl.ID, owner, now, false); err != nil || res.Status != ikmbot.SeatEnrolled {
				b.Fatalf("enrol %d in %s: %+v, %v", owner, cl.ID, res, err)
			}
		}
	}
}

// scheduleDue moves the first meeting of benchDueClasses classes to two
// hours after at and schedules their 2-hour reminder for at.
func scheduleDue(b *testing.B, store *storage.Store, at time.Time) {
	b.Helper()
	ctx := context.Background()
	list, err := store.Classes(ctx, time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	for _, cl := range list[:benchDueClasses] {
		cl.Meetings[0].Start = at.Add(2 * time.Hour)
		d := ikmbot.Due{Kind: DueClassReminder, ID: reminderID(cl.ID, 0, 2*time.Hour, cl.Meetings[0].Start), At: at, Until: cl.Meetings[0].Start}
		if err := store.SaveClass(ctx, cl, []ikmbot.Due{d}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
