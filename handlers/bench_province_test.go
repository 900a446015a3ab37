package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// The province at full size for the benchmarks of /statistik and /ekspor
// (issue 8): 95,000 owners across every kabupaten/kota and sector, most of
// them checked, some with certificates, help requests and a mentor with a
// follow-up, so that what is read and written per owner is what a real
// export carries.

// benchProvince is a seeded province: the router on it, its staff member
// and the round-trip counter of its Redis.
type benchProvince struct {
	r      *Router
	store  *storage.Store
	trips  *storage.Counter
	staff  int64
	owners []int64
}

// seedProvince starts a Redis of its own and fills it with n owners: six
// in ten are checked, three in ten hold two certificates and apply for a
// third, one in twenty has an open help request, one in ten has a mentor
// and one follow-up.
func seedProvince(b *testing.B, n int) benchProvince {
	b.Helper()
	srv := redistest.Start(b)
	srv.RequireOwn(b)
	rdb := srv.Client(b)
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	store := storage.New(rdb, storage.WithNow(func() time.Time { return now }))
	p := benchProvince{
		store: store, trips: storage.CountRoundTrips(rdb), staff: 1_000,
		r: New(Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}),
	}
	ctx := context.Background()
	if err := store.SetRole(ctx, p.staff, ikmbot.RoleStaff); err != nil {
		b.Fatal(err)
	}
	const mentor = 2_000
	if err := store.SetRole(ctx, mentor, ikmbot.RoleMentor); err != nil {
		b.Fatal(err)
	}
	regions, sectors, q := ikmbot.Regions(), ikmbot.Sectors(), ikmbot.Readiness()
	p.owners = make([]int64, n)
	var wg sync.WaitGroup
	var failed atomic.Value
	work := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range work {
				if err := seedBenchOwner(ctx, store, q, i, regions[i%len(regions)].Code, sectors[i%len(sectors)].Code, mentor, now); err != nil {
					failed.Store(err)
				}
				p.owners[i] = benchOwnerID(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatalf("seed the province: %v", err)
	}
	runtime.GC()
	return p
}

func benchOwnerID(i int) int64 { return int64(9_000_000_000 + i) }

// seedBenchOwner writes owner i with the records described at seedProvince.
func seedBenchOwner(ctx context.Context, store *storage.Store, q *ikmbot.Questionnaire, i int, region, sector string, mentor int64, now time.Time) error {
	id := benchOwnerID(i)
	created := now.Add(-time.Duration(i%(90*24)) * time.Hour) // spread over a quarter
	p := ikmbot.Profile{UserID: id, OwnerName: fmt.Sprintf("Pemilik %d", i), Phone: "+6281234567890",
		BusinessName: fmt.Sprintf("IKM Maju Jaya %d", i), NIB: "1234567890123", Region: region, Sector: sector,
		Products: "kopi bubuk, kopi sangrai", Workers: ikmbot.Workers1to4, Capacity: "100 kg",
		ExportStatus: ikmbot.ExportStatuses[i%len(ikmbot.ExportStatuses)], ConsentAt: created, CreatedAt: created, UpdatedAt: created}
	ch := ikmbot.Change{UserID: id, Profile: &p, SignUp: true,
		Progress: []ikmbot.FlowProgress{{Flow: flows.SignUp.Name, From: -1, To: flows.SignUp.ProgressDone()}}}
	if i%10 < 6 {
		answers := map[string]string{}
		for _, qu := range q.Questions {
			answers[qu.ID] = qu.Options[i%len(qu.Options)].ID
		}
		res, err := q.Score(answers)
		if err != nil {
			return err
		}
		ch.Assessment = &ikmbot.Assessment{UserID: id, At: created.Add(time.Hour), Answers: answers, Result: res, Region: region}
		ch.Progress = append(ch.Progress, ikmbot.FlowProgress{Flow: flows.Readiness.Name, From: -1, To: flows.Readiness.ProgressDone()})
	} else {
		ch.Progress = append(ch.Progress, ikmbot.FlowProgress{Flow: flows.Readiness.Name, From: -1, To: i % flows.Readiness.ProgressDone()})
	}
	if err := store.Apply(ctx, ch); err != nil {
		return err
	}
	if i%10 < 3 {
		for j, code := range []string{"NIB", "NPWP", "HALAL"} {
			c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, Number: fmt.Sprintf("%d-%d", i, j),
				Issued: created.Truncate(24 * time.Hour), UpdatedAt: created}
			if j == 2 {
				c = ikmbot.Certificate{Type: code, Status: ikmbot.CertApplying, Since: created, UpdatedAt: created}
			}
			if err := store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
				return err
			}
		}
	}
	if i%20 == 0 {
		if _, err := store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: id, Region: region, Text: "Bagaimana cara mengurus sertifikat halal?",
			Status: ikmbot.HelpOpen, CreatedAt: created}); err != nil {
			return err
		}
	}
	if i%10 == 0 {
		if _, err := store.AssignMentor(ctx, []int64{id}, mentor, created, nil); err != nil {
			return err
		}
		f := ikmbot.FollowUp{OwnerID: id, MentorID: mentor, Kind: ikmbot.FollowVisit, Note: "Kunjungan ke tempat produksi", At: created.Add(24 * time.Hour)}
		if err := store.LogFollowUp(ctx, f, mentorPromptDue(id, mentor, created.Add(15*24*time.Hour))); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkStatsCommand measures what issue 8 asks of /statistik: with
// 95,000 owners in Redis, the time from the staff member's command to the
// answer ready to send (the counts read, the text and four charts drawn).
// The target is under a second.
//
//	go test -run '^$' -bench StatsCommand -benchtime 10x ./handlers/
func BenchmarkStatsCommand(b *testing.B) {
	p := seedProvince(b, benchOwners)
	ctx := context.Background()
	ev := ikmbot.Event{Kind: ikmbot.EventCommand, Command: "statistik", ChatID: p.staff, UserID: p.staff}
	before := p.trips.RoundTrips()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		msgs, err := p.r.Handle(ctx, ev)
		if err != nil || len(msgs) != 5 {
			b.Fatalf("/statistik: %d messages, %v", len(msgs), err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(p.trips.RoundTrips()-before)/float64(b.N), "roundtrips/op")
}

// BenchmarkExport measures what issue 8 asks of /ekspor: with 95,000
// owners in Redis, the time to write the whole province as the Excel
// workbook (six sheets) or the owners as CSV, and the memory it takes:
// the peak of the Go heap, sampled, and on Linux the peak resident size
// of the process, reset before each run. Targets: under 10 s and under
// 200 MiB. GOGC and GOMEMLIMIT in the environment apply as they do to the
// bot.
//
//	go test -run '^$' -bench Export -benchtime 3x ./handlers/
func BenchmarkExport(b *testing.B) {
	p := seedProvince(b, benchOwners)
	// The collector as cmd/ikmbot's main sets it (gcPercent, memoryLimit),
	// unless the environment says otherwise there too.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(160 << 20))
	}
	for _, format := range []ikmbot.ExportFormat{ikmbot.FormatXLSX, ikmbot.FormatCSV} {
		b.Run(string(format), func(b *testing.B) {
			req := flows.ExportRequest{Format: format, Table: flows.TableOwners}
			tables := flows.ExportTables("id")
			if format == ikmbot.FormatCSV {
				tables = tables[:1]
			}
			var peakHeap, peakRSS, size float64
			for range b.N {
				runtime.GC()
				resetPeakRSS()
				stop := sampleHeap()
				data, owners, _, err := p.r.writeExport(context.Background(), "id", req, tables)
				heap := stop()
				if err != nil || owners != len(p.owners) {
					b.Fatalf("export: %d owners, %v", owners, err)
				}
				peakHeap, peakRSS, size = max(peakHeap, heap), max(peakRSS, peakRSSMiB()), float64(len(data))/(1<<20)
			}
			b.ReportMetric(peakHeap, "peak-heap-MiB")
			if peakRSS > 0 {
				b.ReportMetric(peakRSS, "peak-RSS-MiB")
			}
			b.ReportMetric(size, "file-MiB")
		})
	}
}

// sampleHeap samples the Go heap in use every few milliseconds until the
// returned function is called, which returns the peak in MiB.
func sampleHeap() func() float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-stopped
		return float64(peak.Load()) / (1 << 20)
	}
}

// resetPeakRSS starts the process's peak resident size (VmHWM) afresh;
// Linux only, a no-op elsewhere.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMiB is the process's peak resident size since the last reset, in
// MiB; 0 where /proc does not tell.
func peakRSSMiB() float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}
