package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Defaults of PollerConfig.
const (
	DefaultPollTimeout = 30 * time.Second
	DefaultPollLimit   = 100
	DefaultGrace       = 10 * time.Second
	DefaultMinBackoff  = time.Second
	DefaultMaxBackoff  = 30 * time.Second
)

// maxPollTimeout is what Telegram clamps a long poll's timeout to.
const maxPollTimeout = 50 * time.Second

// PollerConfig configures a Poller. Zero values take the defaults.
type PollerConfig struct {
	// Timeout is the long poll's timeout, in whole seconds, at most 50 and
	// kept 5s below the HTTP client's timeout.
	Timeout time.Duration
	// Limit is the most updates fetched at once, 1 to 100.
	Limit int
	// Grace is how long an in-flight batch may still run after the Poll
	// context ends.
	Grace time.Duration
	// MinBackoff and MaxBackoff bound the wait after a failed getUpdates or
	// a batch that could not be handled; it doubles from min to max.
	MinBackoff, MaxBackoff time.Duration
	Logger                 *slog.Logger
	// Sleep is injected for tests; it returns ctx's error when ctx ends first.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Poller is the long-polling loop. Unlike go-telegram-bot-api's
// GetUpdatesChan it confirms an update (by asking for offset = its id + 1)
// only after the update was handled, honours retry_after, reports 409
// conflicts, never logs the token and finishes the batch in hand on
// shutdown.
type Poller struct {
	client *Client
	intake *Intake
	cfg    PollerConfig
	log    *slog.Logger
}

// NewPoller returns a Poller fetching through c and handing updates to in.
func NewPoller(c *Client, in *Intake, cfg PollerConfig) *Poller {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultPollTimeout
	}
	cfg.Timeout = min(cfg.Timeout, maxPollTimeout)
	if c.httpTimeout > 0 && cfg.Timeout > c.httpTimeout-5*time.Second {
		t := max(c.httpTimeout-5*time.Second, time.Second)
		log.Warn("poll timeout lowered below the HTTP client timeout", "poll_timeout", cfg.Timeout, "new_poll_timeout", t, "http_timeout", c.httpTimeout)
		cfg.Timeout = t
	}
	if cfg.Limit <= 0 || cfg.Limit > 100 {
		cfg.Limit = DefaultPollLimit
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(DefaultMaxBackoff, cfg.MinBackoff)
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Poller{client: c, intake: in, cfg: cfg, log: log}
}

// Poll deletes any webhook, then fetches and handles updates until ctx
// ends, when it stops fetching, lets the batch in hand finish (within
// Grace) and returns nil. It returns an error only when the token is
// rejected (401). Updates handled but not yet confirmed at exit come again
// after a restart; the Handler's claim drops them.
func (p *Poller) Poll(ctx context.Context) error {
	// Handling gets a context that shutdown cancels only after Grace, so a
	// batch is not cut off halfway.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(p.cfg.Grace, cancel) })
	defer stop()

	backoff := p.cfg.MinBackoff
	wait := func(d time.Duration) bool { return p.cfg.Sleep(ctx, d) == nil }
	next := func() time.Duration {
		d := backoff
		backoff = min(backoff*2, p.cfg.MaxBackoff)
		return d
	}

	for {
		err := p.client.DeleteWebhook(ctx)
		if err == nil {
			break
		}
		if done, fatal := p.backOff(ctx, err, "delete webhook", next); done {
			return fatal
		}
	}
	backoff = p.cfg.MinBackoff

	var offset int64
	for ctx.Err() == nil {
		upds, last, err := p.getUpdates(ctx, offset)
		if err != nil {
			if done, fatal := p.backOff(ctx, err, "get updates", next); done {
				return fatal
			}
			continue
		}
		if last == 0 {
			backoff = p.cfg.MinBackoff
			continue
		}
		if err := p.intake.HandleBatch(hctx, upds); err != nil {
			// Confirm what was handled, and fetch the failed update again.
			var be *BatchError
			if errors.As(err, &be) {
				offset = be.UpdateID
			}
			d := next()
			p.log.Error("handle updates; fetching them again", "update_id", offset, "backoff", d, "err", err)
			if !wait(d) {
				return nil
			}
			continue
		}
		offset = last + 1 // the next getUpdates confirms the batch
		// Only a handled batch resets the backoff: while updates keep
		// failing (Redis down), the waits grow.
		backoff = p.cfg.MinBackoff
	}
	return nil
}

// backOff waits as a failed Bot API call asks: retry_after for a 429, the
// next backoff step otherwise. done says polling must end: ctx ended (fatal
// is nil) or the token was rejected (fatal says so).
func (p *Poller) backOff(ctx context.Context, err error, what string, next func() time.Duration) (done bool, fatal error) {
	ae := classify(ctx, err)
	var d time.Duration
	switch ae.outcome {
	case outcomeCanceled:
		return true, nil
	case outcomeUnauthorized:
		return true, fmt.Errorf("poll: %w", err)
	case outcomeRetryAfter:
		d = ae.retryAfter
		p.log.Warn(what+": rate limited", "retry_after", d.Seconds())
	case outcomeConflict:
		d = next()
		p.log.Error(what+": conflict: another instance is polling with this token, or a webhook is set",
			"code", ae.code, "backoff", d, "err", err)
	default:
		d = next()
		p.log.Warn(what, "code", ae.code, "backoff", d, "err", err)
	}
	return p.cfg.Sleep(ctx, d) != nil, nil
}

// getUpdates fetches updates from offset. last is the highest update id
// fetched, also of updates that could not be decoded (they are skipped, not
// refetched forever), or 0 when there were none.
func (p *Poller) getUpdates(ctx context.Context, offset int64) (upds []tgbotapi.Update, last int64, err error) {
	kinds, err := json.Marshal(allowedUpdates)
	if err != nil {
		return nil, 0, fmt.Errorf("get updates: %w", err)
	}
	params := tgbotapi.Params{
		"limit":           strconv.Itoa(p.cfg.Limit),
		"timeout":         strconv.Itoa(int(p.cfg.Timeout / time.Second)),
		"allowed_updates": string(kinds),
	}
	if offset != 0 {
		params["offset"] = strconv.FormatInt(offset, 10)
	}
	res, err := p.client.call(ctx, request{method: "getUpdates", params: params})
	if err != nil {
		return nil, 0, err
	}
	// Almost always the whole batch decodes at once; only when it does not
	// is each update decoded on its own, so one bad update is skipped
	// rather than refetched forever.
	if err := json.Unmarshal(res, &upds); err == nil {
		for _, u := range upds {
			last = max(last, int64(u.UpdateID))
		}
		return upds, last, nil
	}
	upds = nil
	var raws []json.RawMessage
	if err := json.Unmarshal(res, &raws); err != nil {
		return nil, 0, fmt.Errorf("get updates: decode result: %w", err)
	}
	for _, raw := range raws {
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &id); err != nil {
			p.log.Warn("skip update without id", "err", err)
			continue
		}
		last = max(last, id.UpdateID)
		var u tgbotapi.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			p.log.Warn("skip update that does not decode", "update_id", id.UpdateID, "err", err)
			continue
		}
		upds = append(upds, u)
	}
	return upds, last, nil
}
