package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxUpdatesBody bounds a getUpdates answer: 100 updates of at most a few
// kilobytes each, with room to spare.
const maxUpdatesBody = 32 << 20

// fetchUpdates calls getUpdates and decodes the answer in one pass, straight
// into updates. Going through the library's MakeRequest decoded every batch
// twice (its envelope, then our updates), the largest share of the bot's
// JSON work: a button tap carries the whole message it was under. raw is the
// undecoded result, set only when the updates themselves did not decode, so
// the caller can skip the bad one. Errors are as from call: a Bot API error
// is a *tgbotapi.Error, and the token never appears.
func (c *Client) fetchUpdates(ctx context.Context, params tgbotapi.Params) (upds []update, raw json.RawMessage, err error) {
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf(c.endpoint, c.token, "getUpdates"), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, nil, fmt.Errorf("getUpdates: %w", c.scrub(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("getUpdates: %w", c.scrub(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpdatesBody))
	if err != nil {
		return nil, nil, fmt.Errorf("getUpdates: %w", c.scrub(err))
	}
	var env struct {
		OK          bool                         `json:"ok"`
		Result      []update                     `json:"result"`
		ErrorCode   int                          `json:"error_code"`
		Description string                       `json:"description"`
		Parameters  *tgbotapi.ResponseParameters `json:"parameters"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		// Either not JSON at all (a proxy's error page: transient, as
		// from the library), or an update that does not decode.
		var rawEnv struct {
			OK     bool            `json:"ok"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(body, &rawEnv) != nil || !rawEnv.OK {
			return nil, nil, fmt.Errorf("getUpdates: %w", err)
		}
		return nil, rawEnv.Result, nil
	}
	if !env.OK {
		e := &tgbotapi.Error{Code: env.ErrorCode, Message: env.Description}
		if env.Parameters != nil {
			e.ResponseParameters = *env.Parameters
		}
		return nil, nil, fmt.Errorf("getUpdates: %w", e)
	}
	return env.Result, nil, nil
}
