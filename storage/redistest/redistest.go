// Package redistest starts real redis-server processes for tests: storage
// tests, bot tests, end-to-end tests of cmd and benchmarks all use it, so that
// Redis behaviour (TTLs, MULTI, Lua, AOF) is the real one, never a mock.
//
// When REDIS_TEST_URL is set, Start uses that server instead of starting one;
// tests then share it, so each test must own unique keys. Tests that stop or
// restart the server need one of their own and fail under REDIS_TEST_URL.
//
// It imports go-redis and the standard library only; it must not import the
// bot's other packages.
package redistest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// InstallHint is the message a test fails with when it cannot get a Redis.
const InstallHint = "redis-server not found: install it with `apt-get install -y redis-server` (Debian) or set REDIS_TEST_URL"

// How long a server may take to answer PING after starting, and to exit after
// SIGTERM before it is killed.
const (
	startTimeout = 10 * time.Second
	stopTimeout  = 10 * time.Second
	// startAttempts bounds the retries when the free port picked was taken by
	// another test process before redis-server could bind it.
	startAttempts = 5
)

// Server is a Redis server for one test: started by Start, or the one named
// by REDIS_TEST_URL.
type Server struct {
	// Addr is host:port of the server.
	Addr string

	url      string // set only for an external server (REDIS_TEST_URL)
	bin, dir string
	port     int

	mu   sync.Mutex
	proc *process // nil when stopped or external
}

// process is one running redis-server.
type process struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd.Wait returned
	log    *syncBuffer   // redis-server's stdout and stderr
}

// Start returns a running Redis server for tb. Unless REDIS_TEST_URL is set,
// it starts redis-server on a free loopback port with its data in a temporary
// directory, AOF on (appendfsync everysec) and RDB snapshots off, and stops it
// when the test ends. Without redis-server on PATH and without
// REDIS_TEST_URL, the test fails with InstallHint.
func Start(tb testing.TB) *Server {
	tb.Helper()
	if u := os.Getenv("REDIS_TEST_URL"); u != "" {
		opt, err := redis.ParseURL(u)
		if err != nil {
			tb.Fatalf("REDIS_TEST_URL=%q: %v", u, err)
		}
		return &Server{Addr: opt.Addr, url: u}
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		tb.Fatal(InstallHint)
	}
	s := &Server{bin: bin, dir: tb.TempDir()}
	// Registered after TempDir, so it runs before the directory is removed.
	// Cleanups run even when the test panics; proc_linux.go also makes the
	// kernel kill the server if the test binary dies without cleaning up.
	tb.Cleanup(func() { s.stop(tb) })

	var errs []error
	for range startAttempts {
		port, err := freePort()
		if err != nil {
			tb.Fatalf("redistest: pick a free port: %v", err)
		}
		p, err := s.launch(port)
		if err == nil {
			s.mu.Lock()
			s.port, s.Addr, s.proc = port, net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), p
			s.mu.Unlock()
			return s
		}
		errs = append(errs, err)
	}
	tb.Fatalf("redistest: start redis-server: %v", errors.Join(errs...))
	return nil
}

// URL returns the server's redis:// URL, database 0 unless REDIS_TEST_URL
// said otherwise.
func (s *Server) URL() string {
	if s.url != "" {
		return s.url
	}
	return "redis://" + s.Addr + "/0"
}

// Client returns a new client of the server, closed when the test ends.
func (s *Server) Client(tb testing.TB) *redis.Client {
	tb.Helper()
	opt, err := redis.ParseURL(s.URL())
	if err != nil {
		tb.Fatalf("redistest: parse %q: %v", s.URL(), err)
	}
	c := redis.NewClient(opt)
	tb.Cleanup(func() { c.Close() })
	return c
}

// RequireOwn fails the test unless the server was started by Start for it:
// tests that change server-wide state (stopping, restarting, keys every test
// shares) cannot run against the server of REDIS_TEST_URL.
func (s *Server) RequireOwn(tb testing.TB) {
	tb.Helper()
	if s.url != "" {
		tb.Fatalf("redistest: %s needs a redis-server of its own, not the shared one of REDIS_TEST_URL; unset REDIS_TEST_URL to run it", tb.Name())
	}
}

// Restart stops the server (SIGTERM, which flushes the AOF) and starts it
// again on the same port and directory, so data written before survives as it
// would in production. Clients reconnect by themselves.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.RequireOwn(tb)
	s.stop(tb)
	var err error
	for range startAttempts {
		var p *process
		if p, err = s.launch(s.port); err == nil {
			s.mu.Lock()
			s.proc = p
			s.mu.Unlock()
			return
		}
		// The port may linger for a moment; another process taking it in
		// between is not recoverable, since clients know this address.
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("redistest: restart redis-server on port %d: %v", s.port, err)
}

// Stop stops the server for good, for tests of what happens when Redis is
// down. Stopping twice is harmless.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	s.RequireOwn(tb)
	s.stop(tb)
}

// stop sends SIGTERM and waits for the exit, killing the server when it takes
// too long.
func (s *Server) stop(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p == nil {
		return
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		tb.Errorf("redistest: stop redis-server: %v", err)
	}
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		p.cmd.Process.Kill()
		<-p.exited
		tb.Errorf("redistest: redis-server on %s ignored SIGTERM for %v and was killed; log:\n%s", s.Addr, stopTimeout, p.log)
	}
}

// launch starts redis-server on port and waits until it answers PING.
func (s *Server) launch(port int) (*process, error) {
	cmd := exec.Command(s.bin,
		"--port", strconv.Itoa(port),
		"--bind", "127.0.0.1",
		"--dir", s.dir,
		"--appendonly", "yes",
		"--appendfsync", "everysec",
		"--save", "",
		"--daemonize", "no",
		"--logfile", "",
		"--databases", "16",
	)
	p := &process{cmd: cmd, exited: make(chan struct{}), log: new(syncBuffer)}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("run %s: %w", s.bin, err)
	}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(startTimeout)
	for {
		if ping(addr) {
			return p, nil
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("redis-server on port %d exited: %s", port, lastLines(p.log.String(), 5))
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-p.exited
			return nil, fmt.Errorf("redis-server on port %d did not answer PING within %v: %s", port, startTimeout, lastLines(p.log.String(), 5))
		}
	}
}

// ping reports whether a Redis server at addr answers PING with PONG. A
// server still loading its AOF answers -LOADING, which is not yet ready.
func ping(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "+PONG")
}

// freePort returns a loopback port that was free a moment ago. Another
// process may take it before redis-server binds it; Start then retries.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// syncBuffer is a bytes.Buffer safe for the process's writes and the test's
// reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
