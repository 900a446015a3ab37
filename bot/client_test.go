package bot

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewClientErrorHidesToken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now

	_, err = NewClient(testToken, "http://"+addr+"/bot%s/%s", &http.Client{Timeout: 2 * time.Second})
	if err == nil {
		t.Fatal("NewClient against a closed port: got nil error")
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("NewClient error %q contains the token", err)
	}
	if !strings.Contains(err.Error(), "<token>") {
		t.Errorf("NewClient error %q lacks the redacted URL, want it for debugging", err)
	}
}

func TestCallErrorHidesToken(t *testing.T) {
	f := newFakeAPI(t)
	c := newTestClient(t, f)
	f.srv.Close() // the API goes away after start-up

	s := NewSender(c, SenderConfig{Logger: quietLogger(), Sleep: (&sleepRecorder{}).sleep})
	_, err := s.Send(t.Context(), testMsg(42))
	if err == nil {
		t.Fatal("Send to a closed server: got nil error")
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("Send error %q contains the token", err)
	}
	if err := c.SetWebhook(t.Context(), "https://example.org/hook", "s3cret"); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("SetWebhook error = %v, want an error without the token", err)
	}
	if _, _, err := c.fetchUpdates(t.Context(), map[string]string{"timeout": "0"}); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("fetchUpdates error = %v, want an error without the token", err)
	}
}

func TestNewClient(t *testing.T) {
	f := newFakeAPI(t)
	c := newTestClient(t, f)
	if got, want := c.Username(), "IkmBot"; got != want {
		t.Errorf("Username() = %q, want %q", got, want)
	}
	if got := len(f.callsOf("getMe")); got != 1 {
		t.Errorf("getMe calls = %d, want 1", got)
	}

	if _, err := NewClient("999:wrong", f.endpoint(), nil); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("NewClient with a wrong token: error = %v, want ErrUnauthorized", err)
	}
	if _, err := NewClient(testToken, "https://example.org/bot", nil); err == nil {
		t.Error("NewClient with an endpoint lacking the two verbs: got nil error")
	}
}

func TestSetWebhook(t *testing.T) {
	f := newFakeAPI(t)
	c := newTestClient(t, f)
	if err := c.SetWebhook(t.Context(), "https://bot.example.org/telegram", "s3cret_-X"); err != nil {
		t.Fatalf("SetWebhook: %v", err)
	}
	calls := f.callsOf("setWebhook")
	if len(calls) != 1 {
		t.Fatalf("setWebhook calls = %d, want 1", len(calls))
	}
	p := calls[0].params
	for key, want := range map[string]string{
		"url":             "https://bot.example.org/telegram",
		"secret_token":    "s3cret_-X",
		"allowed_updates": `["message","callback_query","my_chat_member"]`,
	} {
		if got := p.Get(key); got != want {
			t.Errorf("setWebhook %s = %q, want %q", key, got, want)
		}
	}
}

// TestClientReusesConnections guards the connection pool: many chats
// sending at once must not open a connection per request.
func TestClientReusesConnections(t *testing.T) {
	f := newFakeAPI(t)
	var dials atomic.Int64
	hc := NewHTTPClient()
	tr := hc.Transport.(*http.Transport)
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return dial(ctx, network, addr)
	}
	c, err := NewClient(testToken, f.endpoint(), hc)
	if err != nil {
		t.Fatal(err)
	}
	const workers, rounds = 32, 20
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range rounds {
				if _, err := c.call(t.Context(), request{method: "sendMessage", params: map[string]string{"chat_id": strconv.Itoa(w + 1), "text": "x"}}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := dials.Load(); got > 2*workers {
		t.Errorf("%d requests opened %d connections, want at most %d", workers*rounds, got, 2*workers)
	}
}
