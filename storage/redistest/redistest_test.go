package redistest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestStartAnswers(t *testing.T) {
	srv := Start(t)
	c := srv.Client(t)
	key := "ikm:redistest:" + t.Name()
	t.Cleanup(func() { c.Del(context.Background(), key) })
	if err := c.Set(t.Context(), key, "v", time.Minute).Err(); err != nil {
		t.Fatalf("SET: %v", err)
	}
	if got, want := srv.URL(), "redis://"+srv.Addr+"/0"; os.Getenv("REDIS_TEST_URL") == "" && got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
}

func TestStartConfiguresAOF(t *testing.T) {
	srv := Start(t)
	srv.RequireOwn(t)
	c := srv.Client(t)
	for param, want := range map[string]string{
		"appendonly":  "yes",
		"appendfsync": "everysec",
		"save":        "",
		"bind":        "127.0.0.1",
	} {
		got, err := c.ConfigGet(t.Context(), param).Result()
		if err != nil {
			t.Fatalf("CONFIG GET %s: %v", param, err)
		}
		if got[param] != want {
			t.Errorf("CONFIG GET %s = %q, want %q", param, got[param], want)
		}
	}
}

func TestRestartKeepsData(t *testing.T) {
	srv := Start(t)
	srv.RequireOwn(t)
	c := srv.Client(t)
	ctx := t.Context()
	if err := c.Set(ctx, "ikm:redistest:kept", "yes", 0).Err(); err != nil {
		t.Fatalf("SET: %v", err)
	}
	addr := srv.Addr
	srv.Restart(t)
	if srv.Addr != addr {
		t.Errorf("Addr after Restart = %q, want %q", srv.Addr, addr)
	}
	got, err := c.Get(ctx, "ikm:redistest:kept").Result()
	if err != nil {
		t.Fatalf("GET after restart: %v", err)
	}
	if got != "yes" {
		t.Errorf("GET after restart = %q, want %q", got, "yes")
	}
}

func TestStopMakesCommandsFail(t *testing.T) {
	srv := Start(t)
	srv.RequireOwn(t)
	c := redis.NewClient(&redis.Options{Addr: srv.Addr, MaxRetries: -1, DialerRetries: 1})
	t.Cleanup(func() { c.Close() })
	ctx := t.Context()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("PING: %v", err)
	}
	srv.mu.Lock()
	pid := srv.proc.cmd.Process.Pid
	srv.mu.Unlock()
	srv.Stop(t)
	srv.Stop(t) // harmless
	if err := c.Ping(ctx).Err(); err == nil {
		t.Errorf("PING after Stop succeeded, want an error")
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("kill(%d, 0) after Stop = %v, want ESRCH: the process is still there", pid, err)
	}
}

// Many servers starting at once, as under go test ./... running packages in
// parallel, must not collide on ports.
func TestParallelStarts(t *testing.T) {
	if os.Getenv("REDIS_TEST_URL") != "" {
		t.Log("REDIS_TEST_URL is set: Start returns the shared server")
	}
	var (
		mu    sync.Mutex
		addrs = map[string]bool{}
	)
	for i := range 8 {
		t.Run(string(rune('a'+i)), func(t *testing.T) {
			t.Parallel()
			srv := Start(t)
			if err := srv.Client(t).Ping(t.Context()).Err(); err != nil {
				t.Fatalf("PING: %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if addrs[srv.Addr] && os.Getenv("REDIS_TEST_URL") == "" {
				t.Errorf("two servers on %s", srv.Addr)
			}
			addrs[srv.Addr] = true
		})
	}
}

// TestMissingRedisServer runs Start in a child test process whose PATH has
// no redis-server: the test must fail with the install hint, not skip.
func TestMissingRedisServer(t *testing.T) {
	if os.Getenv("REDISTEST_CHILD") == "1" {
		Start(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMissingRedisServer$", "-test.v")
	cmd.Env = append(withoutEnv(os.Environ(), "PATH", "REDIS_TEST_URL"), "REDISTEST_CHILD=1", "PATH="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("child test passed without redis-server; output:\n%s", out)
	}
	if !strings.Contains(string(out), InstallHint) {
		t.Errorf("child output lacks the install hint %q:\n%s", InstallHint, out)
	}
	if strings.Contains(string(out), "SKIP") {
		t.Errorf("child test skipped, want a failure:\n%s", out)
	}
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
outer:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue outer
			}
		}
		out = append(out, kv)
	}
	return out
}
