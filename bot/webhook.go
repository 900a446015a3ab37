package bot

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"
)

// Defaults of WebhookConfig.
const (
	DefaultMaxBody       = 1 << 20
	DefaultHandleTimeout = time.Minute
)

// secretHeader carries the secret_token given to setWebhook.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookConfig configures a Webhook. Secret is required.
type WebhookConfig struct {
	Secret string
	// MaxBody limits the request body; 0 means DefaultMaxBody (1 MiB).
	MaxBody int64
	// HandleTimeout bounds handling one update. Handling goes on when
	// Telegram hangs up, since the update is already claimed.
	HandleTimeout time.Duration
	Logger        *slog.Logger
}

// Webhook is the http.Handler Telegram posts updates to. It checks the
// secret header, handles the update before answering (200), and answers
// 503 when the update could not be claimed, so Telegram delivers it again.
type Webhook struct {
	intake *Intake
	cfg    WebhookConfig
	log    *slog.Logger
}

// NewWebhook returns the webhook handler for in.
func NewWebhook(in *Intake, cfg WebhookConfig) (*Webhook, error) {
	if cfg.Secret == "" {
		return nil, errors.New("new webhook: empty secret")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.HandleTimeout <= 0 {
		cfg.HandleTimeout = DefaultHandleTimeout
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Webhook{intake: in, cfg: cfg, log: log}, nil
}

// ServeHTTP handles one update delivery.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got, sent := r.Header[secretHeader]
	if !sent || len(got) != 1 {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	// Comparing digests keeps even the secret's length from leaking through timing.
	gotSum, wantSum := sha256.Sum256([]byte(got[0])), sha256.Sum256([]byte(h.cfg.Secret))
	if subtle.ConstantTimeCompare(gotSum[:], wantSum[:]) != 1 {
		h.log.Warn("webhook request with a wrong secret")
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}

	var upd update
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody)).Decode(&upd); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		h.log.Warn("webhook body is not an update", "err", err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}

	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), h.cfg.HandleTimeout)
	defer cancel()
	if err := h.intake.process(ctx, upd); err != nil {
		h.log.Error("webhook update not handled; Telegram will retry", "update_id", upd.UpdateID, "err", err)
		http.Error(w, "try again later", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
