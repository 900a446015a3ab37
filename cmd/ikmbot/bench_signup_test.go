//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot/bot/telegramtest"
	"ikmbot/storage/redistest"
)

// inflight is how many owners sign up at once. 200 keeps the bot's poller
// busy with full batches (getUpdates returns at most 100) without queueing
// so much that a step waits seconds.
var inflight = flag.Int("signup.inflight", 200, "owners in flight at once in BenchmarkSignUp and BenchmarkReadiness")

// prebuilt, when set, is benchmarked instead of a fresh build of this
// package: a way to compare two builds of the bot.
var prebuilt = flag.String("signup.bin", "", "bot binary for BenchmarkSignUp and BenchmarkReadiness to run instead of building this package")

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// BenchmarkSignUp runs the whole owner sign-up (13 updates through the real
// engine, a real Redis, the fake Bot API over loopback) for many owners at
// once against the real bot binary running as a subprocess, so its CPU and
// memory are measured apart from the fake and the driver. One op is one
// owner's complete sign-up. Run it with
//
//	go test -run '^$' -bench SignUp -benchtime=2000x ./cmd/ikmbot
//
// and -args -signup.inflight=N to change how many owners are in flight, or
// -args -signup.bin=PATH to measure another build of the bot.
func BenchmarkSignUp(b *testing.B) {
	bin := buildBot(b)
	b.Run(fmt.Sprintf("inflight=%d", *inflight), func(b *testing.B) {
		benchSignUp(b, bin, *inflight)
	})
}

func benchSignUp(b *testing.B, bin string, inflight int) {
	benchJourney(b, bin, inflight, benchCase{
		prepare: func(_ context.Context, tg *telegramtest.Server) (*driver, error) {
			return newSignUpDriver(tg, b.N), nil
		},
		newOwners: b.N,
		verify: func(ctx context.Context, rdb *redis.Client, d *driver) {
			if missing, err := d.unsaved(ctx, rdb); err != nil || len(missing) > 0 {
				b.Fatalf("%d owners got the saved message but are not in ikm:owners (%v), the first: %v", len(missing), err, missing[:min(1, len(missing))])
			}
		},
	})
}

// BenchmarkReadiness runs the whole export-readiness check (the check
// button, then 15 answers: 16 updates) for many owners at once, set up as
// BenchmarkSignUp is. Every owner signs up first, untimed and unmeasured;
// one op is one owner's complete check, from the button to the result.
// Run it with
//
//	go test -run '^$' -bench Readiness -benchtime=2000x ./cmd/ikmbot
//
// with the same -args as BenchmarkSignUp.
func BenchmarkReadiness(b *testing.B) {
	bin := buildBot(b)
	b.Run(fmt.Sprintf("inflight=%d", *inflight), func(b *testing.B) {
		benchReadiness(b, bin, *inflight)
	})
}

func benchReadiness(b *testing.B, bin string, inflight int) {
	benchJourney(b, bin, inflight, benchCase{
		prepare: func(ctx context.Context, tg *telegramtest.Server) (*driver, error) {
			signUp := newSignUpDriver(tg, b.N)
			if err := signUp.run(ctx, inflight); err != nil {
				return nil, fmt.Errorf("sign-up before the check: %w", err)
			}
			return newCheckDriver(tg, signUp.finished), nil
		},
		verify: func(ctx context.Context, rdb *redis.Client, d *driver) {
			if bad, err := d.unscored(ctx, rdb); err != nil || len(bad) > 0 {
				b.Fatalf("%d owners did not end the check with the result and exactly one stored attempt (%v), the first: %v", len(bad), err, bad[:min(1, len(bad))])
			}
		},
	})
}

// benchCase is what a benchmark of benchJourney drives.
type benchCase struct {
	// prepare does any untimed set-up through the running bot and returns
	// the driver for the timed run, whose b.N owners are the ops.
	prepare func(ctx context.Context, tg *telegramtest.Server) (*driver, error)
	// newOwners is how much ikm:owners grows during the timed run.
	newOwners int
	// verify checks Redis after the timed run, failing b if the owners'
	// data is not as the journey leaves it.
	verify func(ctx context.Context, rdb *redis.Client, d *driver)
}

// benchJourney runs the bot binary bin against a fresh Redis and fake Bot
// API, drives the journey of bc with inflight owners in flight, and reports
// the timed run's throughput and costs per update.
func benchJourney(b *testing.B, bin string, inflight int, bc benchCase) {
	rs := redistest.Start(b)
	rdb := rs.Client(b)
	var (
		mu         sync.Mutex
		violations []string
	)
	tg := telegramtest.NewServer(telegramtest.Options{
		// Called with the fake's lock held: only record here.
		Report: func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			violations = append(violations, fmt.Sprintf(format, args...))
		},
		HistoryLimit: 20,
	})
	b.Cleanup(tg.Close)
	bot := startBot(b, bin, tg.Endpoint(), rs.URL())

	ctx := b.Context()
	d, err := bc.prepare(ctx, tg)
	if err != nil {
		b.Fatalf("%v\nbot log:\n%s", err, bot.logTail())
	}
	bot.settle(b)
	ownersBefore := scard(b, rdb)
	before := bot.metrics(b)
	botCPU0 := bot.cpu(b)
	redisCPU0 := redisCPU(b, rdb)
	selfCPU0 := selfCPU()
	tgRequests0 := tg.Stats()
	dials0 := tcpDials(b)
	bot.resetPeakRSS()

	b.ResetTimer()
	start := time.Now()
	err = d.run(ctx, inflight)
	elapsed := time.Since(start)
	b.StopTimer()

	selfCPU := selfCPU() - selfCPU0
	tgRequests := tg.Stats() - tgRequests0
	dials := tcpDials(b) - dials0
	redisCPU := redisCPU(b, rdb) - redisCPU0
	botCPU := bot.cpu(b) - botCPU0
	rss := bot.peakRSS(b)
	after := bot.metrics(b)
	mu.Lock()
	if len(violations) > 0 {
		b.Errorf("the fake Bot API reported %d violations, the first: %s", len(violations), violations[0])
	}
	mu.Unlock()
	if err != nil {
		b.Fatalf("%s: %v\nbot log:\n%s", d.j.name, err, bot.logTail())
	}
	// A shared server (REDIS_TEST_URL) may gain owners from other tests.
	if got := scard(b, rdb) - ownersBefore; got != int64(bc.newOwners) && os.Getenv("REDIS_TEST_URL") == "" {
		b.Errorf("ikm:owners grew by %d, want %d", got, bc.newOwners)
	}
	bc.verify(ctx, rdb, d)

	events := after["ikmbot_events_handled_total"] - before["ikmbot_events_handled_total"]
	if want := float64(b.N * d.updatesPerOwner()); events != want {
		b.Errorf("the bot handled %v updates, want %v", events, want)
	}
	for _, o := range []string{"retried_429", "retried", "unreachable", "bad_request", "failed"} {
		k := `ikmbot_telegram_requests_total{outcome="` + o + `"}`
		if n := after[k] - before[k]; n != 0 {
			b.Errorf("%s grew by %v during the run", k, n)
		}
	}
	if events == 0 {
		b.Fatal("no updates handled")
	}
	roundTrips := after["ikmbot_redis_round_trips_total"] - before["ikmbot_redis_round_trips_total"]
	perUpdate := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / events }
	b.ReportMetric(events/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "owners/s")
	b.ReportMetric(roundTrips/events, "redis-rt/update")
	b.ReportMetric(float64(tgRequests)/events, "telegram-req/update")
	b.ReportMetric(float64(dials)/events, "tcp-dials/update")
	b.ReportMetric(perUpdate(botCPU), "bot-cpu-ms/update")
	b.ReportMetric(float64(rss)/(1<<20), "bot-peak-rss-MB")
	b.ReportMetric(perUpdate(redisCPU), "redis-cpu-ms/update")
	b.ReportMetric(perUpdate(selfCPU), "bench-proc-cpu-ms/update")
}

// buildBot builds the bot binary once for all runs of the benchmark.
func buildBot(b *testing.B) string {
	b.Helper()
	if *prebuilt != "" {
		return *prebuilt
	}
	bin := filepath.Join(b.TempDir(), "ikmbot")
	// go test runs in the package directory with GOROOT/bin first on PATH.
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// botProcess is the bot binary running as a child process.
type botProcess struct {
	cmd    *exec.Cmd
	addr   string // HTTP_ADDR
	log    string // file with its stderr
	exited chan struct{}
	killed bool // killed on purpose (SIGKILL): stop has nothing to check
}

// startBot runs the bot against the fake Bot API at endpoint and the Redis at
// redisURL, waits until /healthz answers, and stops it with SIGTERM when the
// benchmark ends, failing it unless the bot exits cleanly. extraEnv
// (NAME=value) comes last, so it overrides the defaults, SEND_RATE say.
func startBot(b *testing.B, bin, endpoint, redisURL string, extraEnv ...string) *botProcess {
	b.Helper()
	addr := freeAddr(b)
	logPath := filepath.Join(b.TempDir(), "ikmbot.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		b.Fatal(err)
	}
	defer logFile.Close() // the child has its own descriptor
	env := []string{
		"TELEGRAM_BOT_TOKEN=" + telegramtest.Token,
		"TELEGRAM_API_ENDPOINT=" + endpoint,
		"REDIS_URL=" + redisURL,
		// The real limit (25 a second) would cap the run; the benchmark
		// measures the bot's own cost.
		"SEND_RATE=100000",
		"HTTP_ADDR=" + addr,
	}
	// Runtime settings pass through, to compare GOGC or GOMAXPROCS values.
	for _, k := range []string{"GOMAXPROCS", "GOGC", "GOMEMLIMIT", "GODEBUG"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	env = append(env, extraEnv...) // os/exec keeps the last of duplicate names
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Killed by the kernel if the benchmark dies without its cleanups.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		b.Fatalf("start bot: %v", err)
	}
	p := &botProcess{cmd: cmd, addr: addr, log: logPath, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	b.Cleanup(func() { p.stop(b) })

	deadline := time.Now().Add(waitLimit)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.exited:
			b.Fatalf("bot exited at start-up: %v\n%s", cmd.ProcessState, p.logTail())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			b.Fatalf("bot did not answer /healthz within %v\n%s", waitLimit, p.logTail())
		}
	}
}

// stop sends SIGTERM and waits for a clean exit, killing the bot if it takes
// longer than its shutdown grace allows.
func (p *botProcess) stop(b *testing.B) {
	b.Helper()
	if p.killed {
		return
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		b.Errorf("stop bot: %v", err)
	}
	select {
	case <-p.exited:
		if !p.cmd.ProcessState.Success() {
			b.Errorf("bot exited with %v\n%s", p.cmd.ProcessState, p.logTail())
		}
	case <-time.After(shutdownGrace + 5*time.Second):
		p.cmd.Process.Kill()
		<-p.exited
		b.Errorf("bot ignored SIGTERM and was killed\n%s", p.logTail())
	}
}

// metrics reads the bot's /metrics into a map from series (name and labels,
// as written) to value.
func (p *botProcess) metrics(b *testing.B) map[string]float64 {
	b.Helper()
	resp, err := http.Get("http://" + p.addr + "/metrics")
	if err != nil {
		b.Fatalf("read bot metrics: %v", err)
	}
	defer resp.Body.Close()
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if i < 0 || err != nil {
			b.Fatalf("bot metrics: malformed line %q", line)
		}
		m[line[:i]] = v
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("read bot metrics: %v", err)
	}
	return m
}

// settle waits until the bot's counters stop moving, so that work left
// over from an untimed set-up (a reply sent before its update's last Redis
// round trip, say) is not counted in the timed run. With nothing set up it
// returns after one pause.
func (p *botProcess) settle(b *testing.B) {
	b.Helper()
	keys := []string{"ikmbot_events_handled_total", "ikmbot_redis_round_trips_total", `ikmbot_telegram_requests_total{outcome="sent"}`}
	last := p.metrics(b)
	for deadline := time.Now().Add(waitLimit); time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		m := p.metrics(b)
		same := true
		for _, k := range keys {
			same = same && m[k] == last[k]
		}
		if same {
			return
		}
		last = m
	}
	b.Fatalf("the bot's counters kept moving for %v after the set-up", waitLimit)
}

// cpu is the bot's user and system CPU time so far.
func (p *botProcess) cpu(b *testing.B) time.Duration {
	b.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		b.Fatalf("bot CPU: %v", err)
	}
	// The command name in parentheses may hold spaces; fields count from
	// after it, starting with the state (field 3): utime is 14, stime 15.
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		b.Fatalf("bot CPU: %v", err)
	}
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// resetPeakRSS makes VmHWM start again from the current RSS, so the peak is
// the timed section's (and not start-up's). Best effort: without it the
// peak is since start.
func (p *botProcess) resetPeakRSS() {
	os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.cmd.Process.Pid), []byte("5"), 0)
}

// peakRSS is the bot's peak resident set size in bytes (VmHWM).
func (p *botProcess) peakRSS(b *testing.B) int64 {
	b.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		b.Fatalf("bot memory: %v", err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatalf("bot memory: %q: %v", line, err)
			}
			return kb << 10
		}
	}
	b.Fatal("bot memory: no VmHWM in /proc/<pid>/status")
	return 0
}

func (p *botProcess) logTail() string {
	raw, _ := os.ReadFile(p.log)
	return lastLines(string(raw), 20)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// selfCPU is the benchmark process's CPU time so far: the fake Bot API and
// the driver.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// redisCPU is redis-server's CPU time so far, from INFO cpu, which also works
// for the server of REDIS_TEST_URL.
func redisCPU(b *testing.B, rdb *redis.Client) time.Duration {
	b.Helper()
	info, err := rdb.Info(context.Background(), "cpu").Result()
	if err != nil {
		b.Fatalf("redis INFO cpu: %v", err)
	}
	var total float64
	for _, line := range strings.Split(info, "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		if k == "used_cpu_user" || k == "used_cpu_sys" {
			s, err := strconv.ParseFloat(v, 64)
			if err != nil {
				b.Fatalf("redis INFO cpu: %q: %v", line, err)
			}
			total += s
		}
	}
	return time.Duration(total * float64(time.Second))
}

// tcpDials counts the TCP connections opened in this network namespace
// (ActiveOpens): during the run nearly all are the bot's, so it shows
// whether the bot reuses its connections to Telegram and Redis.
func tcpDials(b *testing.B) int64 {
	b.Helper()
	raw, err := os.ReadFile("/proc/net/snmp")
	if err != nil {
		b.Fatalf("TCP counters: %v", err)
	}
	var names []string
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "Tcp:" {
			continue
		}
		if names == nil {
			names = f
			continue
		}
		for i, name := range names {
			if name == "ActiveOpens" && i < len(f) {
				n, err := strconv.ParseInt(f[i], 10, 64)
				if err != nil {
					b.Fatalf("TCP counters: %q: %v", line, err)
				}
				return n
			}
		}
	}
	b.Fatal("TCP counters: no Tcp ActiveOpens in /proc/net/snmp")
	return 0
}

func scard(b *testing.B, rdb *redis.Client) int64 {
	b.Helper()
	n, err := rdb.SCard(context.Background(), "ikm:owners").Result()
	if err != nil {
		b.Fatalf("SCARD ikm:owners: %v", err)
	}
	return n
}

// freeAddr is a loopback address that was free a moment ago.
func freeAddr(b *testing.B) string {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
