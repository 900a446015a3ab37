package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Token is the only bot token the fake accepts; any other gets 401 like
// Telegram.
const Token = "123456:TEST-fake-token"

// botID is the bot's user id, the number before the colon in Token.
const botID = 123456

// maxCalls bounds the recorded-call log; beyond it the oldest half is
// dropped so a long sandbox run does not grow without end.
const maxCalls = 100000

// Options configure a Server. The zero value is usable.
type Options struct {
	// Report receives every spec violation: unknown methods and params,
	// missing or malformed values, limits exceeded, unimplemented methods.
	// New wires it to t.Errorf. Nil logs with the standard logger. It may
	// be called with the server's lock held, so it must not call the
	// Server.
	Report func(format string, args ...any)
	// Warn receives uses of legacy params (NOTES §1 step 3) that Telegram
	// still reads but no longer documents. Nil ignores them.
	Warn func(format string, args ...any)
	// RecordCalls keeps every request for Calls (bounded to the last
	// 100000). Off in NewServer's zero Options, on in New.
	RecordCalls bool
	// CheckResults validates every result the fake sends against the spec's
	// return type, reporting mismatches. It costs a decode per request.
	CheckResults bool
	// BotUsername is the bot's username in getMe; default "ikm_test_bot".
	BotUsername string
	// CallbackTTL is how long a callback query can be answered; 0 means
	// forever. Telegram's limit is undocumented (about 15 s in practice).
	CallbackTTL time.Duration
	// HistoryLimit keeps only the last N messages per chat (user's and
	// bot's together), so benchmarks and long sandbox runs stay bounded;
	// 0 means 1000, negative keeps everything.
	HistoryLimit int
	// Now is the clock for message dates, callback expiry and flood
	// buckets; nil means time.Now. Long-poll timeouts use real time.
	Now func() time.Time
}

// Server is a fake Bot API server. All its methods are safe for concurrent
// use.
type Server struct {
	opts     Options
	spec     *apiSpec
	ts       *httptest.Server
	requests atomic.Int64
	done     chan struct{}
	stopOnce sync.Once

	mu sync.Mutex
	// changed is closed and cleared on every state change, waking Wait;
	// it is made only when someone waits, so a change costs nothing
	// otherwise. arrived does the same for new updates only.
	changed chan struct{}
	arrived chan struct{}

	bot       wireUser // as getMe returns it
	botUser   wireUser // as messages carry it, without getMe-only fields
	users     map[int64]*user
	chats     map[int64]*chat
	updates   []queuedUpdate
	lastUpdID int64
	poll      *poller
	callbacks map[string]*callback
	cbOrder   []string
	cbSeq     int64
	webhook   webhook
	commands  map[commandKey][]BotCommand
	calls     []Call
	fails     []failure
	limits    Limits
	global    bucket
	perChat   map[int64]*bucket
	files     map[string]*storedFile
	watchers  []*Watcher
}

// New starts a server for one test: violations fail the test through
// t.Errorf, calls are recorded, results are checked against the spec, and
// the server is closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	return NewWithOptions(t, Options{RecordCalls: true, CheckResults: true})
}

// NewWithOptions is New with options, for a fake clock or a callback TTL.
// A nil Report becomes t.Errorf.
func NewWithOptions(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Report == nil {
		opts.Report = t.Errorf
	}
	s := NewServer(opts)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a server on a random loopback port. Call Close when
// done.
func NewServer(opts Options) *Server {
	s := newServer(opts)
	s.ts = httptest.NewServer(s)
	return s
}

// NewHandler returns a server that is not listening, for mounting its
// Handler in another server (the sandbox). URL and Endpoint are empty.
func NewHandler(opts Options) *Server {
	return newServer(opts)
}

func newServer(opts Options) *Server {
	sp, err := loadSpec()
	if err != nil {
		// The spec is embedded; failing to parse it is a build defect.
		panic(err)
	}
	if opts.HistoryLimit == 0 {
		opts.HistoryLimit = 1000
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "ikm_test_bot"
	}
	if opts.Report == nil {
		opts.Report = func(format string, args ...any) { log.Printf(format, args...) }
	}
	yes, no := true, false
	return &Server{
		opts: opts,
		spec: sp,
		done: make(chan struct{}),
		bot: wireUser{
			ID: botID, IsBot: true, FirstName: "IKM Test Bot", Username: opts.BotUsername,
			CanJoinGroups: &yes, CanReadAllGroupMessages: &no, SupportsInlineQueries: &no,
		},
		botUser:   wireUser{ID: botID, IsBot: true, FirstName: "IKM Test Bot", Username: opts.BotUsername},
		lastUpdID: firstUpdateID - 1,
		users:     make(map[int64]*user),
		chats:     make(map[int64]*chat),
		callbacks: make(map[string]*callback),
		commands:  make(map[commandKey][]BotCommand),
		perChat:   make(map[int64]*bucket),
		files:     make(map[string]*storedFile),
	}
}

// URL is the server's base URL, such as http://127.0.0.1:41234.
func (s *Server) URL() string {
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// Endpoint is the API endpoint in go-telegram-bot-api's format, for
// tgbotapi.NewBotAPIWithAPIEndpoint(Token, s.Endpoint()) and the
// TELEGRAM_API_ENDPOINT variable.
func (s *Server) Endpoint() string {
	return s.URL() + "/bot%s/%s"
}

// Handler serves the Bot API at /bot<token>/<method>.
func (s *Server) Handler() http.Handler { return s }

// Close ends pending long polls and stops the server.
func (s *Server) Close() {
	s.stopOnce.Do(func() { close(s.done) })
	if s.ts != nil {
		s.ts.Close()
	}
}

// Stats returns how many HTTP requests the server has received.
func (s *Server) Stats() (requests int64) { return s.requests.Load() }

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

func (s *Server) report(format string, args ...any) {
	s.opts.Report("telegramtest: "+format, args...)
}

// notify wakes everyone waiting for a state change. Callers hold s.mu.
func (s *Server) notify() {
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
}

// apiError is a failed call as Telegram reports it.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	// html makes the body an nginx error page instead of JSON, as a
	// gateway error from in front of Telegram is.
	html bool
}

func badRequest(desc string) *apiError { return &apiError{code: 400, desc: desc} }

// reply is what a method handler produced.
type reply struct {
	result []byte // JSON of the result
	desc   string // optional description next to a successful result
	err    *apiError
}

func ok(v any) reply {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: marshal result: %v", err))
	}
	return reply{result: b}
}

var okTrue = reply{result: []byte("true")}

func fail(code int, desc string) reply { return reply{err: &apiError{code: code, desc: desc}} }

// handlerFunc implements one Bot API method.
type handlerFunc func(s *Server, ctx context.Context, rq *request) reply

// handlers are the methods the fake implements; any other method of the
// spec answers 501 and is reported.
var handlers = map[string]handlerFunc{
	"getMe":                  (*Server).getMe,
	"getUpdates":             (*Server).getUpdates,
	"sendMessage":            (*Server).sendMessage,
	"editMessageText":        (*Server).editMessageText,
	"editMessageReplyMarkup": (*Server).editMessageReplyMarkup,
	"answerCallbackQuery":    (*Server).answerCallbackQuery,
	"setMyCommands":          (*Server).setMyCommands,
	"getMyCommands":          (*Server).getMyCommands,
	"deleteMyCommands":       (*Server).deleteMyCommands,
	"sendDocument":           (*Server).sendDocument,
	"sendPhoto":              (*Server).sendPhoto,
	"setWebhook":             (*Server).setWebhook,
	"deleteWebhook":          (*Server).deleteWebhook,
	"getWebhookInfo":         (*Server).getWebhookInfo,
	"sendChatAction":         (*Server).sendChatAction,
	"deleteMessage":          (*Server).deleteMessage,
}

// ServeHTTP routes /bot<token>/<method> like api.telegram.org.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	rest, found := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, found2 := strings.Cut(rest, "/")
	if !found || !found2 || name == "" || strings.Contains(name, "/") ||
		(r.Method != http.MethodPost && r.Method != http.MethodGet) {
		writeError(w, &apiError{code: 404, desc: "Not Found"})
		return
	}
	if token != Token {
		desc := "Unauthorized"
		if !strings.Contains(token, ":") || strings.HasPrefix(token, "0") || len(token) > 80 {
			desc = "Unauthorized: invalid token specified"
		}
		writeError(w, &apiError{code: 401, desc: desc})
		return
	}
	m := s.spec.method(name)
	if m == nil {
		s.report("unknown method %q", name)
		writeError(w, &apiError{code: 404, desc: "Not Found: method not found"})
		return
	}
	params, files, err := readParams(r)
	if err == errTooLarge {
		writeError(w, &apiError{code: 413, desc: "Request Entity Too Large"})
		return
	}
	if err != nil {
		s.report("%s: unreadable request: %v", m.name, err)
		writeError(w, badRequest("Bad Request: "+err.Error()))
		return
	}
	rq := &request{method: m, params: params, files: files}
	var c checker
	validate(rq, &c)
	if s.opts.RecordCalls {
		s.record(rq)
	}
	for _, p := range c.problems {
		s.report("%s", p)
	}
	if len(rq.legacy) > 0 && s.opts.Warn != nil {
		s.opts.Warn("telegramtest: %s: legacy parameters %v (not in Bot API %s)", m.name, rq.legacy, s.spec.version)
	}
	if c.bad != "" {
		writeError(w, badRequest(c.bad))
		return
	}
	if e := s.injected(m.name, chatParam(params)); e != nil {
		writeError(w, e)
		return
	}
	h := handlers[m.name]
	if h == nil {
		s.report("%s: not implemented by the fake Bot API server", m.name)
		writeError(w, &apiError{code: 501, desc: "Not Implemented: telegramtest does not implement " + m.name})
		return
	}
	rp := h(s, r.Context(), rq)
	if rp.err != nil {
		writeError(w, rp.err)
		return
	}
	if s.opts.CheckResults {
		for _, p := range checkResult(m, rp.result) {
			s.report("fake produced an invalid result: %s", p)
		}
	}
	buf := make([]byte, 0, len(rp.result)+64)
	buf = append(buf, `{"ok":true,"result":`...)
	buf = append(buf, rp.result...)
	if rp.desc != "" {
		buf = append(buf, `,"description":`...)
		buf = strconv.AppendQuote(buf, rp.desc)
	}
	buf = append(buf, '}')
	h2 := w.Header()
	h2.Set("Content-Type", "application/json")
	h2.Set("Content-Length", strconv.Itoa(len(buf)))
	w.Write(buf)
}

// chatParam is the numeric chat_id of a request, 0 if none.
func chatParam(params map[string]string) int64 {
	id, _ := strconv.ParseInt(params["chat_id"], 10, 64)
	return id
}

const nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func writeError(w http.ResponseWriter, e *apiError) {
	h := w.Header()
	if e.html {
		h.Set("Content-Type", "text/html")
		w.WriteHeader(e.code)
		body := nginx502
		if e.desc != "" {
			body = strings.ReplaceAll(nginx502, "502 Bad Gateway", e.desc)
		}
		fmt.Fprint(w, body)
		return
	}
	type params struct {
		RetryAfter int `json:"retry_after,omitempty"`
	}
	env := struct {
		OK          bool    `json:"ok"`
		ErrorCode   int     `json:"error_code"`
		Description string  `json:"description"`
		Parameters  *params `json:"parameters,omitempty"`
	}{ErrorCode: e.code, Description: e.desc}
	if e.retryAfter > 0 {
		env.Parameters = &params{RetryAfter: e.retryAfter}
		h.Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	b, _ := json.Marshal(env)
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(e.code)
	w.Write(b)
}

func (s *Server) getMe(context.Context, *request) reply {
	return ok(&s.bot) // s.bot never changes after newServer
}
