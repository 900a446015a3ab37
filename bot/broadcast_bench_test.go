package bot

import (
	"context"
	"flag"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// Sizes of BenchmarkBroadcast. The figure is 95,000 recipients;
// at the default rate that is a 95-second run, so the default is smaller:
// -args -bc.n=95000 measures the real size.
var (
	bcRecipients = flag.Int("bc.n", 20000, "recipients of BenchmarkBroadcast")
	bcRate       = flag.Float64("bc.rate", 1000, "SEND_RATE of BenchmarkBroadcast, messages a second")
)

// flood is a fake Telegram's global flood limit: a token bucket that
// answers 429 with retry_after when empty.
type flood struct {
	mu     sync.Mutex
	rate   float64
	tokens float64
	last   time.Time
	n429   atomic.Int64
}

func (f *flood) allow() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Now()
	if !f.last.IsZero() {
		f.tokens = min(f.rate, f.tokens+now.Sub(f.last).Seconds()*f.rate)
	}
	f.last = now
	if f.tokens < 1 {
		f.n429.Add(1)
		return false
	}
	f.tokens--
	return true
}

// BenchmarkBroadcast sends one broadcast to many recipients through the
// real Sender and BroadcastRunner, a real Redis, and a fake Telegram whose
// global limit is 20% above SEND_RATE. It reports the achieved rate as a
// fraction of SEND_RATE (target at least 0.97 with no 429s) and the peak Go
// heap in use of the whole test process (the fake and Redis client
// included; the fake keeps no record of the calls); the "kill" case stops the run at
// half way and finishes it with a new runner, reporting recipients lost
// (target 0) and sent twice (target at most the runner's concurrency).
//
//	go test -run '^$' -bench Broadcast -benchtime 1x ./bot/ [-args -bc.n=95000]
func BenchmarkBroadcast(b *testing.B) {
	for _, kill := range []bool{false, true} {
		name := "whole"
		if kill {
			name = "kill-at-half"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				benchBroadcast(b, *bcRecipients, *bcRate, kill)
			}
		})
	}
}

func benchBroadcast(b *testing.B, n int, rate float64, kill bool) {
	b.StopTimer()
	srv := redistest.Start(b)
	store := storage.New(srv.Client(b))
	ctx := context.Background()
	bc, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{Message: ikmbot.Message{Text: "Pameran ekspor Lampung 2026"}})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]int64, 0, 1000)
	for i := 1; i <= n; i++ {
		batch = append(batch, int64(i))
		if len(batch) == cap(batch) || i == n {
			if err := store.AddRecipients(ctx, bc.ID, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := store.SetBroadcastStatus(ctx, bc.ID, ikmbot.BroadcastSending); err != nil {
		b.Fatal(err)
	}

	f := newFakeAPI(b)
	f.forget = true
	limit := &flood{rate: rate * 1.2, tokens: rate * 1.2}
	got := make([]atomic.Int32, n+1)
	var sent atomic.Int64
	runCtx, crash := context.WithCancel(ctx)
	f.on("sendMessage", func(i int, c apiCall) apiReply {
		if !limit.allow() {
			return errReply(429, "Too Many Requests: retry after 1", 1)
		}
		id, _ := strconv.Atoi(c.params.Get("chat_id"))
		got[id].Add(1)
		if sent.Add(1) == int64(n/2) && kill {
			crash()
		}
		return defaultReply(c, i)
	})
	sender := NewSender(newTestClient(b, f), SenderConfig{Rate: rate, Logger: quietLogger(), ChatInterval: time.Nanosecond})

	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()

	b.StartTimer()
	start := time.Now()
	runner := NewBroadcastRunner(store, sender, 0, quietLogger())
	if _, err := runner.Run(runCtx, bc.ID); err != nil {
		b.Fatal(err)
	}
	if kill {
		if _, err := NewBroadcastRunner(store, sender, 0, quietLogger()).Run(ctx, bc.ID); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)

	lost, twice := 0, 0
	for id := 1; id <= n; id++ {
		switch c := got[id].Load(); {
		case c == 0:
			lost++
		case c > 1:
			twice++
		}
	}
	final, err := store.Broadcast(ctx, bc.ID)
	if err != nil || final.Status != ikmbot.BroadcastDone {
		b.Errorf("broadcast = %+v, %v; want done", final, err)
	}
	// The Sender's bucket starts full (a burst of one second's worth), so
	// the steady rate is measured over the rest.
	b.ReportMetric((float64(n)-rate)/elapsed.Seconds()/rate, "rate-fraction")
	b.ReportMetric(float64(limit.n429.Load()), "429s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(twice), "sent-twice")
}
