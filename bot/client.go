package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultHTTPTimeout bounds every HTTP request to the Bot API, long polls
// included, when NewClient is given no http.Client. It must stay above the
// poller's long-poll timeout (DefaultPollTimeout).
const DefaultHTTPTimeout = 45 * time.Second

// Client talks to the Bot API. It wraps tgbotapi.BotAPI and adds what the
// library lacks: a context per call and errors with the token scrubbed.
type Client struct {
	api         *tgbotapi.BotAPI
	http        *http.Client
	token       string
	endpoint    string
	httpTimeout time.Duration
}

// NewClient checks the token with getMe and returns a client. endpoint is in
// go-telegram-bot-api's format (".../bot%s/%s"); empty means Telegram's.
// httpClient may be nil for one with DefaultHTTPTimeout; a given one should
// have a Timeout longer than the long-poll timeout. Errors never contain the
// token.
func NewClient(token, endpoint string, httpClient *http.Client) (*Client, error) {
	if token == "" {
		return nil, errors.New("new telegram client: empty token")
	}
	if endpoint == "" {
		endpoint = tgbotapi.APIEndpoint
	}
	if strings.Count(endpoint, "%s") != 2 {
		return nil, errors.New(`new telegram client: endpoint must contain "%s" twice, for the token and the method`)
	}
	if httpClient == nil {
		httpClient = NewHTTPClient()
	}
	c := &Client{http: httpClient, token: token, endpoint: endpoint, httpTimeout: httpClient.Timeout}
	api, err := tgbotapi.NewBotAPIWithClient(token, endpoint, httpClient)
	var apiErr *tgbotapi.Error
	switch {
	case errors.As(err, &apiErr) && apiErr.Code == http.StatusUnauthorized:
		return nil, fmt.Errorf("new telegram client: getMe: %w", ErrUnauthorized)
	case err != nil:
		return nil, fmt.Errorf("new telegram client: getMe: %w", c.scrub(err))
	}
	c.api = api
	return c, nil
}

// NewHTTPClient returns the HTTP client for the Bot API: DefaultHTTPTimeout
// for every request, and a connection pool as large as the number of
// updates handled at once. Go's default keeps two idle connections per
// host, so with many chats in flight most requests opened a new connection
// (a TCP and TLS handshake to api.telegram.org each): the benchmark showed
// 1.2 new connections per update and 30% of the bot's CPU spent on them.
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 2 * DefaultWorkers
	t.MaxIdleConnsPerHost = 2 * DefaultWorkers // replies and callback answers of every worker at once
	return &http.Client{Timeout: DefaultHTTPTimeout, Transport: t}
}

// Username returns the bot's username without the @.
func (c *Client) Username() string { return c.api.Self.UserName }

// request is one Bot API call: a method, its form parameters and any files
// to upload as multipart parts.
type request struct {
	method string
	params tgbotapi.Params
	files  []tgbotapi.RequestFile
}

// call sends r and returns the raw result. It uses MakeRequest or
// UploadFiles, never Send, which reports an error after a successful call
// of a method that returns True. ctx cancels the HTTP request. A Bot API
// error comes back as *tgbotapi.Error (Code is 0 for uploads).
func (c *Client) call(ctx context.Context, r request) (json.RawMessage, error) {
	api := *c.api // a shallow copy, so this call alone uses a context-bound HTTP client
	api.Client = ctxDoer{ctx: ctx, client: c.http}
	var (
		resp *tgbotapi.APIResponse
		err  error
	)
	if len(r.files) > 0 {
		resp, err = api.UploadFiles(r.method, r.params, r.files)
	} else {
		resp, err = api.MakeRequest(r.method, r.params)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.method, c.scrub(err))
	}
	return resp.Result, nil
}

// SetWebhook registers link as the bot's webhook, with secret as the
// secret_token Telegram echoes in X-Telegram-Bot-Api-Secret-Token, and asks
// only for the update kinds the bot reads. go-telegram-bot-api's
// WebhookConfig has no secret_token, hence the raw request.
func (c *Client) SetWebhook(ctx context.Context, link, secret string) error {
	if link == "" || secret == "" {
		return errors.New("set webhook: empty url or secret")
	}
	kinds, err := json.Marshal(allowedUpdates)
	if err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	_, err = c.call(ctx, request{method: "setWebhook", params: tgbotapi.Params{
		"url":             link,
		"secret_token":    secret,
		"allowed_updates": string(kinds),
	}})
	if err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	return nil
}

// DeleteWebhook removes the webhook, which getUpdates requires. Pending
// updates are kept.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	if _, err := c.call(ctx, request{method: "deleteWebhook", params: tgbotapi.Params{}}); err != nil {
		return fmt.Errorf("delete webhook: %w", err)
	}
	return nil
}

// allowedUpdates are the update kinds the bot reads, for getUpdates and
// setWebhook.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// ctxDoer is a tgbotapi.HTTPClient that binds each request to ctx, since the
// library itself takes no context.
type ctxDoer struct {
	ctx    context.Context
	client *http.Client
}

func (d ctxDoer) Do(req *http.Request) (*http.Response, error) {
	return d.client.Do(req.WithContext(d.ctx))
}

// scrub removes the token from err. Go's *url.Error carries the full request
// URL, and the token is part of the path.
func (c *Client) scrub(err error) error {
	if err == nil || c.token == "" {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = c.redact(ue.URL)
	}
	if msg := err.Error(); strings.Contains(msg, c.token) || strings.Contains(msg, url.PathEscape(c.token)) {
		return &scrubbedError{msg: c.redact(msg), err: err}
	}
	return err
}

func (c *Client) redact(s string) string {
	s = strings.ReplaceAll(s, c.token, "<token>")
	return strings.ReplaceAll(s, url.PathEscape(c.token), "<token>")
}

// scrubbedError has a token-free message and keeps the chain for errors.Is
// and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
