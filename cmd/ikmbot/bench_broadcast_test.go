//go:build linux

package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot"
	"ikmbot/bot/telegramtest"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// Sizes of BenchmarkBroadcastProcess: the 95,000 recipients at the
// default rate take about 95 seconds a run.
var (
	bcpRecipients = flag.Int("bcp.n", 95000, "recipients of BenchmarkBroadcastProcess")
	bcpRate       = flag.Float64("bcp.rate", 1000, "SEND_RATE of BenchmarkBroadcastProcess, messages a second")
)

// bcpAuthor is the staff member whose broadcast BenchmarkBroadcastProcess
// sends; the recipients are the owners bcpAuthor+1 to bcpAuthor+n, apart
// from the e2e tests' users and BenchmarkSignUp's owners.
const bcpAuthor = 8_200_000_000

// bcpSeeders is how many Applies seed the owners at once: enough to keep
// Redis busy across the loopback round trips.
const bcpSeeders = 32

// BenchmarkBroadcastProcess sends one broadcast to many owners with the bot
// binary running as a subprocess, as in production: the owners and the
// broadcast, left sending, are written to a real Redis with the storage
// API, and the bot resumes the broadcast at start-up, at SEND_RATE, against
// the fake Bot API with a global limit 20% above it. One op is one whole
// broadcast.
//
// "whole" reports the rate achieved as a fraction of SEND_RATE (target at
// least 0.97, with no 429s; rate-fraction as BenchmarkBroadcast measures
// it, mid-rate-fraction over the middle half of the messages), the bot's
// peak RSS over its life (VmHWM, target under 64 MiB), its CPU time, and
// the recipients that got no message (lost) or more than one (dup).
// "kill-at-half" kills the bot with SIGKILL once half the recipients have
// the message, starts a new one on the same Redis, and reports the lost
// (target 0) and duplicated (target at most the runner's concurrency)
// recipients of the two together, and the larger peak RSS of the two
// processes. Either fails when recipients are lost or more than the
// concurrency duplicated: those are correctness, not speed.
//
//	go test -run '^$' -bench BroadcastProcess -benchtime 1x ./cmd/ikmbot [-args -bcp.n=2000 -bcp.rate=1000]
//
// -signup.bin=PATH measures another build, as for BenchmarkSignUp. The
// owners need a Redis of the benchmark's own: it fails under REDIS_TEST_URL.
func BenchmarkBroadcastProcess(b *testing.B) {
	n, rate := *bcpRecipients, *bcpRate
	if n < 2 || rate <= 0 {
		b.Fatalf("-bcp.n=%d -bcp.rate=%v: want at least 2 recipients and a positive rate", n, rate)
	}
	bin := buildBot(b)
	rs := redistest.Start(b)
	rs.RequireOwn(b) // the audience is every owner of the server
	store := storage.New(rs.Client(b))
	start := time.Now()
	if err := seedOwners(b.Context(), store, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d owners in %v", n, time.Since(start).Round(time.Millisecond))
	for _, kill := range []bool{false, true} {
		name := "whole"
		if kill {
			name = "kill-at-half"
		}
		b.Run(fmt.Sprintf("%s/n=%d/rate=%v", name, n, rate), func(b *testing.B) {
			for range b.N {
				benchBroadcastProcess(b, bin, rs, store, n, rate, kill)
			}
		})
	}
}

// seedOwners saves the staff author and n owners with a profile, each
// Apply one MULTI/EXEC as a sign-up's, bcpSeeders at once.
func seedOwners(ctx context.Context, store *storage.Store, n int) error {
	if err := store.SetRole(ctx, bcpAuthor, ikmbot.RoleStaff); err != nil {
		return fmt.Errorf("seed the author: %w", err)
	}
	regions := []string{"BDL", "TGM", "LSL", "PSW", "MTR"}
	ids := make(chan int64)
	errs := make(chan error, bcpSeeders)
	var wg sync.WaitGroup
	for range bcpSeeders {
		wg.Go(func() {
			for id := range ids {
				p := ikmbot.Profile{UserID: id, OwnerName: "Pemilik", Phone: "+6281234567890", BusinessName: "Usaha",
					NoNIB: true, Region: regions[id%int64(len(regions))], Sector: "KOPI", Products: "kopi bubuk",
					Workers: ikmbot.Workers1to4, Capacity: "100 kg", ExportStatus: ikmbot.ExportNever}
				if err := store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
					errs <- fmt.Errorf("seed owner %d: %w", id, err)
					return
				}
			}
		})
	}
	var err error
send:
	for i := 1; i <= n; i++ {
		select {
		case ids <- bcpAuthor + int64(i):
		case err = <-errs:
			break send
		}
	}
	close(ids)
	wg.Wait()
	close(errs)
	if err != nil {
		return err
	}
	return <-errs // nil when closed empty
}

// bcpFake is one run's fake Bot API behind a handler that counts what it
// answers: the messages delivered to each recipient, when, and the 429s.
type bcpFake struct {
	tg  *telegramtest.Server
	srv *httptest.Server
	n   int

	got     []atomic.Int32 // messages delivered to recipient bcpAuthor+i, at i
	reached atomic.Int64   // recipients with at least one message
	n429    atomic.Int64
	// at are the times (since start) of the deliveries to recipients, in
	// the order they were counted; next is how many were.
	start time.Time
	at    []atomic.Int64
	next  atomic.Int64
	// half is closed when half the recipients have a message.
	half     chan struct{}
	halfOnce sync.Once

	mu         sync.Mutex
	violations []string
	first429s  []string // the first few, for the log
}

// newBCPFake starts a fake Bot API that knows the author and the n
// recipients, with a global limit of limit messages a second (and as many
// in a burst).
func newBCPFake(b *testing.B, n int, limit float64) *bcpFake {
	f := &bcpFake{n: n, got: make([]atomic.Int32, n+1), at: make([]atomic.Int64, n+64), half: make(chan struct{})}
	f.tg = telegramtest.NewHandler(telegramtest.Options{
		// Called with the fake's lock held: only record here.
		Report: func(format string, args ...any) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.violations = append(f.violations, fmt.Sprintf(format, args...))
		},
		HistoryLimit: 2, // a recipient gets one message; only the counts matter
	})
	f.tg.SetUser(telegramtest.User{ID: bcpAuthor, FirstName: "Staf"})
	for i := 1; i <= n; i++ {
		f.tg.SetUser(telegramtest.User{ID: bcpAuthor + int64(i)})
	}
	f.tg.SetLimits(telegramtest.Limits{GlobalPerSecond: limit, GlobalBurst: int(limit)})
	f.srv = httptest.NewServer(f)
	b.Cleanup(func() {
		f.tg.Close() // ends the long polls first
		f.srv.Close()
	})
	f.start = time.Now()
	return f
}

// Endpoint is the fake's TELEGRAM_API_ENDPOINT.
func (f *bcpFake) Endpoint() string { return f.srv.URL + "/bot%s/%s" }

// ServeHTTP serves the Bot API, counting each sendMessage the fake
// delivered to a recipient and each 429 it answered. A message is counted
// once the fake stored it, whether or not the bot lived to read the answer:
// a user would have it.
func (f *bcpFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var chat int64
	send := path.Base(r.URL.Path) == "sendMessage"
	if send && r.Body != nil {
		// The bot's client posts forms; the fake reads the body again.
		body, err := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if q, perr := url.ParseQuery(string(body)); err == nil && perr == nil {
			chat, _ = strconv.ParseInt(q.Get("chat_id"), 10, 64)
		}
	}
	sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
	f.tg.ServeHTTP(sw, r)
	switch {
	case sw.code == http.StatusTooManyRequests:
		if f.n429.Add(1) <= 10 {
			f.mu.Lock()
			f.first429s = append(f.first429s, fmt.Sprintf("%s to chat %d at %v (%d recipients reached)",
				path.Base(r.URL.Path), chat, time.Since(f.start).Round(time.Millisecond), f.reached.Load()))
			f.mu.Unlock()
		}
	case send && sw.code == http.StatusOK:
		f.delivered(chat)
	}
}

func (f *bcpFake) delivered(chat int64) {
	i := chat - bcpAuthor
	if i < 1 || i > int64(f.n) {
		return // the author's progress message
	}
	if k := f.next.Add(1) - 1; k < int64(len(f.at)) {
		f.at[k].Store(int64(time.Since(f.start)))
	}
	if f.got[i].Add(1) == 1 && f.reached.Add(1) == int64(f.n/2) {
		f.halfOnce.Do(func() { close(f.half) })
	}
}

// counts are the recipients with no message, with more than one, and the
// messages delivered to recipients.
func (f *bcpFake) counts() (lost, dup, sent int) {
	for i := 1; i <= f.n; i++ {
		c := int(f.got[i].Load())
		sent += c
		switch {
		case c == 0:
			lost++
		case c > 1:
			dup++
		}
	}
	return lost, dup, sent
}

// rates are the rates of the deliveries to recipients as a fraction of
// rate. whole is BenchmarkBroadcast's measure: the messages after the first
// second's worth (which the Sender's full bucket lets through at once) over
// the time from the first delivery to the last. mid is the steady rate of
// the middle half of the deliveries (by count); ok is false when that half
// starts within two seconds' worth, where the burst still shows.
func (f *bcpFake) rates(rate float64) (whole, mid float64, ok bool) {
	k := min(int(f.next.Load()), len(f.at))
	if k < 4 {
		return 0, 0, false
	}
	at := make([]int64, k)
	for i := range at {
		at[i] = f.at[i].Load()
	}
	slices.Sort(at)
	secs := func(from, to int) float64 { return time.Duration(at[to] - at[from]).Seconds() }
	whole = (float64(k) - rate) / secs(0, k-1) / rate
	lo, hi := k/4, 3*k/4
	mid = float64(hi-lo) / secs(lo, hi) / rate
	return whole, mid, float64(lo) >= 2*rate
}

// check fails b if the fake saw requests Telegram would refuse, and logs
// the first 429s it answered.
func (f *bcpFake) check(b *testing.B) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.violations) > 0 {
		b.Errorf("the fake Bot API reported %d violations, the first: %s", len(f.violations), f.violations[0])
	}
	if len(f.first429s) > 0 {
		b.Logf("%d 429s, the first:\n%s", f.n429.Load(), strings.Join(f.first429s, "\n"))
	}
}

// statusWriter remembers the status code a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// benchBroadcastProcess is one op of BenchmarkBroadcastProcess: a new
// broadcast to every owner, left sending, resumed by the bot binary bin.
func benchBroadcastProcess(b *testing.B, bin string, rs *redistest.Server, store *storage.Store, n int, rate float64, kill bool) {
	b.StopTimer()
	ctx := b.Context()
	bc, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{
		Message:   ikmbot.Message{Text: "<b>Pameran ekspor Lampung 2026</b>\nDaftarkan produk Anda sebelum 30 Juni di kantor Dinas Perindustrian."},
		CreatedBy: bcpAuthor, CreatedByName: "Staf", CreatedAt: time.Now().UTC(),
	})
	if err != nil {
		b.Fatal(err)
	}
	total, err := store.SnapshotAudience(ctx, bc.ID, ikmbot.Audience{})
	if err != nil || total != int64(n) {
		b.Fatalf("snapshot = %d recipients, %v; want %d", total, err, n)
	}
	if err := store.SetBroadcastStatus(ctx, bc.ID, ikmbot.BroadcastSending); err != nil {
		b.Fatal(err)
	}
	f := newBCPFake(b, n, rate*1.2)
	sendRate := "SEND_RATE=" + strconv.FormatFloat(rate, 'f', -1, 64)

	b.StartTimer()
	p := startBot(b, bin, f.Endpoint(), rs.URL(), sendRate)
	var killedRSS, killedAt int64
	var killedCPU time.Duration
	if kill {
		waitBroadcast(b, store, bc.ID, p, f.half)
		killedRSS, killedCPU = p.peakRSS(b), p.cpu(b) // while it lives
		killedAt = f.reached.Load()
		p.killed = true
		if err := p.cmd.Process.Kill(); err != nil { // SIGKILL
			b.Fatalf("kill the bot: %v", err)
		}
		<-p.exited
		killed := time.Since(f.start)
		p = startBot(b, bin, f.Endpoint(), rs.URL(), sendRate)
		b.Logf("killed at %v with %d recipients reached; the new bot answered /healthz %v later",
			killed.Round(time.Millisecond), killedAt, (time.Since(f.start) - killed).Round(time.Millisecond))
	}
	final := waitBroadcast(b, store, bc.ID, p, nil)
	b.StopTimer()
	rss, cpu := p.peakRSS(b), p.cpu(b)+killedCPU
	p.stop(b) // now rather than at the end of all ops: the cleanup finds it stopped

	f.check(b)
	if final.Sent != int64(n) || final.Blocked != 0 || final.Failed != 0 {
		b.Errorf("broadcast = %d sent, %d blocked, %d failed; want %d sent", final.Sent, final.Blocked, final.Failed, n)
	}
	lost, dup, sent := f.counts()
	b.ReportMetric(float64(f.n429.Load()), "429s")
	b.ReportMetric(float64(sent), "sent")
	b.ReportMetric(cpu.Seconds(), "bot-cpu-s") // both processes' with a kill
	if kill {
		b.ReportMetric(float64(max(rss, killedRSS))/(1<<20), "peak-RSS-MiB")
		b.ReportMetric(float64(killedRSS)/(1<<20), "killed-RSS-MiB")
		b.ReportMetric(float64(rss)/(1<<20), "restarted-RSS-MiB")
		b.ReportMetric(float64(killedAt), "reached-at-kill")
		b.ReportMetric(float64(lost), "kill-lost")
		b.ReportMetric(float64(dup), "kill-dup")
	} else {
		whole, mid, ok := f.rates(rate)
		b.ReportMetric(whole, "rate-fraction")
		if ok {
			b.ReportMetric(mid, "mid-rate-fraction")
		}
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
		b.ReportMetric(float64(lost), "lost")
		b.ReportMetric(float64(dup), "dup")
	}
	if lost > 0 || dup > bot.DefaultBroadcastConcurrency {
		b.Fatalf("%d recipients got no message and %d more than one; want none and at most %d", lost, dup, bot.DefaultBroadcastConcurrency)
	}
}

// waitBroadcast polls broadcast id until it is done, and returns it, or
// until until is closed (nil: never), returning the zero Broadcast. It
// fails b when bot p exits or no recipient is settled for stallLimit.
func waitBroadcast(b *testing.B, store *storage.Store, id string, p *botProcess, until <-chan struct{}) ikmbot.Broadcast {
	b.Helper()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	settled, progressed := int64(-1), time.Now()
	for {
		select {
		case <-until:
			return ikmbot.Broadcast{}
		case <-p.exited:
			b.Fatalf("the bot exited during the broadcast: %v\n%s", p.cmd.ProcessState, p.logTail())
		case <-tick.C:
		}
		bc, err := store.Broadcast(context.Background(), id)
		if err != nil {
			b.Fatal(err)
		}
		if bc.Status == ikmbot.BroadcastDone {
			return bc
		}
		if s := bc.Total - bc.Left(); s != settled {
			settled, progressed = s, time.Now()
		} else if time.Since(progressed) > stallLimit {
			b.Fatalf("broadcast %s: %d of %d settled and none for %v, status %s\nbot log:\n%s", id, s, bc.Total, stallLimit, bc.Status, p.logTail())
		}
	}
}
