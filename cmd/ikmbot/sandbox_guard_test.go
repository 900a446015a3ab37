package main

import (
	"net/http"
	"strings"
	"testing"

	"ikmbot/bot/telegramtest"
)

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
