package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"ikmbot/bot/telegramtest"
	"ikmbot/storage/redistest"
)

// TestSandboxRefusesABusyRedis: with REDIS_URL, the sandbox takes only an
// empty Redis (which it marks as its own) or one it marked before; a
// Redis holding anybody else's data, production's say, is refused.
func TestSandboxRefusesABusyRedis(t *testing.T) {
	srv := redistest.Start(t)
	srv.RequireOwn(t)
	rdb := srv.Client(t)
	ctx := context.Background()
	if err := claimSandboxRedis(ctx, rdb); err != nil {
		t.Fatalf("an empty Redis: %v", err)
	}
	rdb.Set(ctx, "ikm:schema", "1", 0)
	if err := claimSandboxRedis(ctx, rdb); err != nil {
		t.Fatalf("the sandbox's own Redis, used again: %v", err)
	}
	other := redis.NewClient(&redis.Options{Addr: srv.Addr, DB: 1})
	t.Cleanup(func() { other.FlushDB(context.Background()); other.Close() })
	other.Set(ctx, "ikm:owners", "production", 0)
	err := claimSandboxRedis(ctx, other)
	if err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("a Redis with data the sandbox did not write: %v, want refused naming REDIS_URL", err)
	}
}

// TestSandboxGuards: the fake Bot API answers only the bot (no browser
// request, which says where it comes from), and the page only requests
// addressed to this machine.
func TestSandboxGuards(t *testing.T) {
	sb := newSandbox(t)
	do := func(method, path string, header map[string]string) int {
		t.Helper()
		req, err := http.NewRequest(method, sb.url+path, strings.NewReader("chat_id=700000001&text=hi"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			if k == "Host" {
				req.Host = v
			} else {
				req.Header.Set(k, v)
			}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	send := "/bot" + telegramtest.Token + "/sendMessage"
	for _, h := range []map[string]string{
		{"Origin": "http://evil.example"},
		{"Sec-Fetch-Site": "cross-site"},
	} {
		if code := do(http.MethodPost, send, h); code != http.StatusForbidden {
			t.Errorf("a browser's post to the fake Bot API with %v: %d, want 403", h, code)
		}
	}
	if code := do(http.MethodPost, "/bot"+telegramtest.Token+"/getMe", nil); code != http.StatusOK {
		t.Errorf("the bot's own call: %d, want 200", code)
	}
	if code := do(http.MethodGet, "/api/personas", map[string]string{"Host": "evil.example:8088"}); code != http.StatusForbidden {
		t.Errorf("the API under another host name: %d, want 403", code)
	}
	if code := do(http.MethodGet, "/api/personas", map[string]string{"Host": "localhost:8088"}); code != http.StatusOK {
		t.Errorf("the API as localhost: %d, want 200", code)
	}
}
