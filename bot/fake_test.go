package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testToken looks like a real token so that scrubbing is tested for real.
const testToken = "123456789:AAE-test_Token-secret"

// apiCall is one request the fake Bot API received.
type apiCall struct {
	ctx    context.Context // the request's, for answers that wait like a long poll
	method string
	params url.Values
	files  map[string]fileUpload // by form field
}

type fileUpload struct {
	name string
	data string
}

// apiReply is what the fake answers: an HTTP status and a raw body.
type apiReply struct {
	status int
	body   string
}

func okReply(result any) apiReply {
	b, err := json.Marshal(map[string]any{"ok": true, "result": result})
	if err != nil {
		panic(err)
	}
	return apiReply{status: http.StatusOK, body: string(b)}
}

func errReply(code int, desc string, retryAfter int) apiReply {
	body := map[string]any{"ok": false, "error_code": code, "description": desc}
	if retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": retryAfter}
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return apiReply{status: code, body: string(b)}
}

// nginxBadGateway is what a proxy in front of the Bot API answers.
var nginxBadGateway = apiReply{status: http.StatusBadGateway,
	body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"}

// fakeAPI is a minimal Bot API for this package's tests: it records calls
// and answers like Telegram, or as a test scripts it.
type fakeAPI struct {
	t   testing.TB
	srv *httptest.Server

	mu     sync.Mutex
	calls  []apiCall
	counts map[string]int
	script map[string]func(n int, c apiCall) apiReply // by method; n counts from 1
	nextID int
	onCall func(method string) // called before answering
	// forget keeps calls from being recorded, so a benchmark of many
	// sends measures the bot's memory, not the fake's record.
	forget bool
}

func newFakeAPI(t testing.TB) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, counts: map[string]int{}, script: map[string]func(int, apiCall) apiReply{}, nextID: 100}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// on scripts the answers to method.
func (f *fakeAPI) on(method string, fn func(n int, c apiCall) apiReply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[method] = fn
}

// endpoint is the client endpoint in go-telegram-bot-api's format.
func (f *fakeAPI) endpoint() string { return f.srv.URL + "/bot%s/%s" }

// callsOf returns the recorded calls of method, or all calls for "".
func (f *fakeAPI) callsOf(method string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if method == "" || c.method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != testToken {
		writeReply(w, errReply(http.StatusUnauthorized, "Unauthorized", 0))
		return
	}
	c := apiCall{ctx: r.Context(), method: method, files: map[string]fileUpload{}}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			f.t.Errorf("%s: parse multipart: %v", method, err)
		}
		if r.MultipartForm != nil {
			for field, hs := range r.MultipartForm.File {
				fh, err := hs[0].Open()
				if err != nil {
					f.t.Errorf("%s: open part %s: %v", method, field, err)
					continue
				}
				data, _ := io.ReadAll(fh)
				fh.Close()
				c.files[field] = fileUpload{name: hs[0].Filename, data: string(data)}
			}
		}
	} else if err := r.ParseForm(); err != nil {
		f.t.Errorf("%s: parse form: %v", method, err)
	}
	c.params = r.Form
	if c.params == nil {
		c.params = url.Values{}
	}

	f.mu.Lock()
	if !f.forget {
		f.calls = append(f.calls, c)
	}
	f.counts[method]++
	n := f.counts[method]
	fn := f.script[method]
	onCall := f.onCall
	f.nextID++
	id := f.nextID
	f.mu.Unlock()

	if onCall != nil {
		onCall(method)
	}
	if fn != nil {
		writeReply(w, fn(n, c))
		return
	}
	writeReply(w, defaultReply(c, id))
}

// defaultReply answers as Telegram would when all goes well.
func defaultReply(c apiCall, id int) apiReply {
	switch c.method {
	case "getMe":
		return okReply(map[string]any{"id": 123456789, "is_bot": true, "first_name": "IKM", "username": "IkmBot"})
	case "sendMessage", "editMessageText", "sendDocument", "sendPhoto":
		chatID, _ := strconv.ParseInt(c.params.Get("chat_id"), 10, 64)
		msgID := id
		if m := c.params.Get("message_id"); m != "" {
			msgID, _ = strconv.Atoi(m)
		}
		return okReply(map[string]any{
			"message_id": msgID, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chatID, "type": "private"},
			"text": c.params.Get("text"),
		})
	case "getUpdates":
		// Nothing new: a short long poll, cut short when the client leaves.
		select {
		case <-c.ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
		return okReply([]any{})
	}
	return okReply(true)
}

func writeReply(w http.ResponseWriter, r apiReply) {
	if strings.HasPrefix(r.body, "{") {
		w.Header().Set("Content-Type", "application/json")
	} else {
		w.Header().Set("Content-Type", "text/html")
	}
	w.WriteHeader(r.status)
	fmt.Fprint(w, r.body)
}

// newTestClient returns a Client of the fake API.
func newTestClient(t testing.TB, f *fakeAPI) *Client {
	t.Helper()
	c, err := NewClient(testToken, f.endpoint(), &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// sleepRecorder is an injected Sleep that returns at once and remembers
// how long it was asked to wait.
type sleepRecorder struct {
	mu sync.Mutex
	ds []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.ds = append(s.ds, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.ds...)
}

// fakeReach records reachability changes.
type fakeReach struct {
	mu      sync.Mutex
	marked  []int64
	cleared []int64
}

func (r *fakeReach) MarkUnreachable(_ context.Context, chatID int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.marked = append(r.marked, chatID)
	return nil
}

func (r *fakeReach) ClearUnreachable(_ context.Context, chatID int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleared = append(r.cleared, chatID)
	return nil
}

func (r *fakeReach) got() (marked, cleared []int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int64(nil), r.marked...), append([]int64(nil), r.cleared...)
}

// quietLogger keeps test output readable; the tests assert on behaviour,
// not on log lines.
func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
