package bot

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ikmbot"
)

func TestWebhook(t *testing.T) {
	const secret = "s3cret_-token"
	okBody := `{"update_id":70,"message":{"message_id":1,"date":1,"from":{"id":42,"is_bot":false,"first_name":"U"},` +
		`"chat":{"id":42,"type":"private"},"text":"halo"}}`
	tests := []struct {
		name        string
		method      string
		secret      *string
		body        string
		redisDown   bool
		wantStatus  int
		wantHandled bool
	}{
		{name: "update handled before 200", method: http.MethodPost, secret: ptr(secret), body: okBody,
			wantStatus: http.StatusOK, wantHandled: true},
		{name: "GET", method: http.MethodGet, secret: ptr(secret), wantStatus: http.StatusMethodNotAllowed},
		{name: "no secret", method: http.MethodPost, body: okBody, wantStatus: http.StatusUnauthorized},
		{name: "wrong secret", method: http.MethodPost, secret: ptr("s3cret_-tokeN"), body: okBody, wantStatus: http.StatusForbidden},
		{name: "empty secret", method: http.MethodPost, secret: ptr(""), body: okBody, wantStatus: http.StatusForbidden},
		{name: "bad JSON", method: http.MethodPost, secret: ptr(secret), body: `{"update_id":`, wantStatus: http.StatusBadRequest},
		{name: "too large", method: http.MethodPost, secret: ptr(secret),
			body: `{"update_id":1,"message":{"text":"` + strings.Repeat("x", 2<<20) + `"}}`, wantStatus: http.StatusRequestEntityTooLarge},
		{name: "redis down", method: http.MethodPost, secret: ptr(secret), body: okBody, redisDown: true,
			wantStatus: http.StatusServiceUnavailable},
		{name: "update of no use", method: http.MethodPost, secret: ptr(secret), body: `{"update_id":71}`, wantStatus: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			handler := &flaky{}
			if tt.redisDown {
				handler.err = errors.New("redis: connection refused")
			}
			handledUpdate := false
			handler.next = handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
				handledUpdate = true
				return echo(ctx, ev)
			})
			in := newTestIntake(t, f, IntakeConfig{Handler: handler})
			h, err := NewWebhook(in, WebhookConfig{Secret: secret, Logger: quietLogger()})
			if err != nil {
				t.Fatalf("NewWebhook: %v", err)
			}
			req := httptest.NewRequest(tt.method, "/telegram", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			if tt.secret != nil {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", *tt.secret)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			// ServeHTTP has returned: handling and its reply are done.
			if handledUpdate != tt.wantHandled {
				t.Errorf("handled = %v, want %v", handledUpdate, tt.wantHandled)
			}
			wantSent := 0
			if tt.wantHandled {
				wantSent = 1
			}
			if got := len(f.callsOf("sendMessage")); got != wantSent {
				t.Errorf("sendMessage calls = %d, want %d", got, wantSent)
			}
		})
	}
}

func TestNewWebhookNeedsSecret(t *testing.T) {
	if _, err := NewWebhook(nil, WebhookConfig{}); err == nil {
		t.Error("NewWebhook without a secret: got nil error")
	}
}

func ptr[T any](v T) *T { return &v }
