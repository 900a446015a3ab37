package bot

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ErrUnauthorized says Telegram answered 401 to getMe: the token is wrong or
// was revoked.
var ErrUnauthorized = errors.New("telegram rejected the bot token")

// ErrUnreachable says the chat cannot be written to: the user blocked the
// bot or was deactivated (403), or the chat does not exist (400 chat not
// found). Such sends are never retried.
var ErrUnreachable = errors.New("chat unreachable")

// outcome is what a failed Bot API call means for the caller.
type outcome int

const (
	outcomeTransient    outcome = iota // 5xx, timeout, network, a body that is not JSON: retry with backoff
	outcomeRetryAfter                  // 429: wait retry_after, then retry
	outcomeUnreachable                 // 403, 400 chat not found: never retry
	outcomeNotModified                 // 400 message is not modified: success
	outcomeBadRequest                  // other 4xx: never retry
	outcomeUnauthorized                // 401: the token is wrong
	outcomeConflict                    // 409: another poller, or a webhook is set
	outcomeCanceled                    // the caller's context ended
)

// apiError is what classify learned from an error.
type apiError struct {
	outcome    outcome
	code       int // HTTP-like code; inferred from the description for uploads
	retryAfter time.Duration
}

var retryAfterText = regexp.MustCompile(`(?i)retry after (\d+)`)

// classify reads err from Client.call. A *tgbotapi.Error from an upload has
// Code 0, so the code is then inferred from the description's prefix
// ("Forbidden: ...", "Bad Request: ...", "Too Many Requests: ...").
func classify(ctx context.Context, err error) apiError {
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		if ctx.Err() != nil || errors.Is(err, context.Canceled) {
			return apiError{outcome: outcomeCanceled}
		}
		// Network errors, timeouts and non-JSON bodies (an nginx 502 page).
		return apiError{outcome: outcomeTransient}
	}
	code := te.Code
	if code == 0 {
		code = codeFromDescription(te.Message)
	}
	desc := strings.ToLower(te.Message)
	switch {
	case code == 429:
		secs := te.RetryAfter
		if secs <= 0 {
			if m := retryAfterText.FindStringSubmatch(te.Message); m != nil {
				secs, _ = strconv.Atoi(m[1])
			}
		}
		if secs <= 0 {
			secs = 1
		}
		return apiError{outcome: outcomeRetryAfter, code: code, retryAfter: time.Duration(secs) * time.Second}
	case code == 403:
		return apiError{outcome: outcomeUnreachable, code: code}
	case code == 400 && strings.Contains(desc, "chat not found"):
		return apiError{outcome: outcomeUnreachable, code: code}
	case code == 400 && strings.Contains(desc, "message is not modified"):
		return apiError{outcome: outcomeNotModified, code: code}
	case code == 401:
		return apiError{outcome: outcomeUnauthorized, code: code}
	case code == 409:
		return apiError{outcome: outcomeConflict, code: code}
	case code >= 500:
		return apiError{outcome: outcomeTransient, code: code}
	case code >= 400:
		return apiError{outcome: outcomeBadRequest, code: code}
	}
	// ok:false with no code we can read: treat as a server hiccup.
	return apiError{outcome: outcomeTransient, code: code}
}

// codeFromDescription maps the prefixes of Telegram's error descriptions
// to their codes.
func codeFromDescription(desc string) int {
	prefixes := []struct {
		prefix string
		code   int
	}{
		{"Bad Request", 400},
		{"Unauthorized", 401},
		{"Forbidden", 403},
		{"Not Found", 404},
		{"Conflict", 409},
		{"Too Many Requests", 429},
		{"Internal Server Error", 500},
		{"Bad Gateway", 502},
		{"Gateway Timeout", 504},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(desc, p.prefix) {
			return p.code
		}
	}
	return 0
}
