package bot

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// anyID stands for any positive message id.
const anyID = -1

func testMsg(chatID int64) ikmbot.Message { return ikmbot.Message{ChatID: chatID, Text: "halo"} }

// newTestSender returns a Sender of the fake API whose sleeps return at once.
func newTestSender(t *testing.T, f *fakeAPI, cfg SenderConfig) (*Sender, *sleepRecorder, *fakeReach) {
	t.Helper()
	sl := &sleepRecorder{}
	reach := &fakeReach{}
	cfg.Sleep = sl.sleep
	cfg.Reachability = reach
	cfg.Logger = quietLogger()
	if cfg.Rate == 0 {
		cfg.Rate = -1 // no limit unless the test wants one
	}
	return NewSender(newTestClient(t, f), cfg), sl, reach
}

// replies answers the n-th call with replies[n-1], then with success.
func replies(rs ...apiReply) func(int, apiCall) apiReply {
	return func(n int, c apiCall) apiReply {
		if n <= len(rs) {
			return rs[n-1]
		}
		return defaultReply(c, 500+n)
	}
}

func TestSendOutcomes(t *testing.T) {
	const chat = 42
	doc := ikmbot.Message{ChatID: chat, Document: &ikmbot.File{Name: "ikm.csv", Data: []byte("a,b\n")}}
	edit := ikmbot.Message{ChatID: chat, EditMessageID: 77, Text: "sama"}
	tests := []struct {
		name        string
		msg         ikmbot.Message
		method      string
		script      []apiReply
		wantErr     bool
		wantUnreach bool
		wantID      int
		wantCalls   int
		wantSleeps  []time.Duration
		wantMarked  []int64
		wantStats   Stats
	}{
		{
			name: "ok", msg: testMsg(chat), method: "sendMessage",
			wantID: anyID, wantCalls: 1, wantStats: Stats{Sent: 1},
		},
		{
			name: "429 waits retry_after and retries", msg: testMsg(chat), method: "sendMessage",
			script: []apiReply{errReply(429, "Too Many Requests: retry after 3", 3)},
			wantID: 502, wantCalls: 2, wantSleeps: []time.Duration{3 * time.Second},
			wantStats: Stats{Sent: 1, Retried429: 1},
		},
		{
			name: "429 without parameters reads the description", msg: testMsg(chat), method: "sendMessage",
			script: []apiReply{{status: 429, body: `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7"}`}},
			wantID: 502, wantCalls: 2, wantSleeps: []time.Duration{7 * time.Second},
			wantStats: Stats{Sent: 1, Retried429: 1},
		},
		{
			name: "429 on an upload", msg: doc, method: "sendDocument",
			script: []apiReply{errReply(429, "Too Many Requests: retry after 2", 2)},
			wantID: 502, wantCalls: 2, wantSleeps: []time.Duration{2 * time.Second},
			wantStats: Stats{Sent: 1, Retried429: 1},
		},
		{
			name: "403 blocked marks unreachable, no retry", msg: testMsg(chat), method: "sendMessage",
			script:  []apiReply{errReply(403, "Forbidden: bot was blocked by the user", 0)},
			wantErr: true, wantUnreach: true, wantCalls: 1, wantMarked: []int64{chat},
			wantStats: Stats{Unreachable: 1},
		},
		{
			name: "403 deactivated", msg: testMsg(chat), method: "sendMessage",
			script:  []apiReply{errReply(403, "Forbidden: user is deactivated", 0)},
			wantErr: true, wantUnreach: true, wantCalls: 1, wantMarked: []int64{chat},
			wantStats: Stats{Unreachable: 1},
		},
		{
			name: "400 chat not found marks unreachable, no retry", msg: testMsg(chat), method: "sendMessage",
			script:  []apiReply{errReply(400, "Bad Request: chat not found", 0)},
			wantErr: true, wantUnreach: true, wantCalls: 1, wantMarked: []int64{chat},
			wantStats: Stats{Unreachable: 1},
		},
		{
			name: "403 on an upload has code 0 and still marks unreachable", msg: doc, method: "sendDocument",
			script:  []apiReply{errReply(403, "Forbidden: bot was blocked by the user", 0)},
			wantErr: true, wantUnreach: true, wantCalls: 1, wantMarked: []int64{chat},
			wantStats: Stats{Unreachable: 1},
		},
		{
			name: "message is not modified is success", msg: edit, method: "editMessageText",
			script: []apiReply{errReply(400, "Bad Request: message is not modified: specified new message content and "+
				"reply markup are exactly the same as a current content and reply markup of the message", 0)},
			wantID: 77, wantCalls: 1, wantStats: Stats{NotModified: 1},
		},
		{
			name: "other 400 is not retried", msg: testMsg(chat), method: "sendMessage",
			script:  []apiReply{errReply(400, "Bad Request: can't parse entities: Unsupported start tag \"x\"", 0)},
			wantErr: true, wantCalls: 1, wantStats: Stats{BadRequest: 1},
		},
		{
			name: "500 retried with backoff then sent", msg: testMsg(chat), method: "sendMessage",
			script: []apiReply{errReply(500, "Internal Server Error", 0)},
			wantID: 502, wantCalls: 2, wantSleeps: []time.Duration{200 * time.Millisecond},
			wantStats: Stats{Sent: 1, Retried: 1},
		},
		{
			name: "502 HTML retried with backoff then sent", msg: testMsg(chat), method: "sendMessage",
			script: []apiReply{nginxBadGateway, nginxBadGateway},
			wantID: 503, wantCalls: 3, wantSleeps: []time.Duration{200 * time.Millisecond, 400 * time.Millisecond},
			wantStats: Stats{Sent: 1, Retried: 2},
		},
		{
			name: "502 HTML until retries run out", msg: testMsg(chat), method: "sendMessage",
			script:  []apiReply{nginxBadGateway, nginxBadGateway, nginxBadGateway, nginxBadGateway, nginxBadGateway},
			wantErr: true, wantCalls: 4,
			wantSleeps: []time.Duration{200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond},
			wantStats:  Stats{Retried: 3, Failed: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			if tt.script != nil {
				f.on(tt.method, replies(tt.script...))
			}
			s, sl, reach := newTestSender(t, f, SenderConfig{})
			id, err := s.Send(t.Context(), tt.msg)
			if (err != nil) != tt.wantErr {
				t.Errorf("Send error = %v, want error %v", err, tt.wantErr)
			}
			if got := errors.Is(err, ErrUnreachable); got != tt.wantUnreach {
				t.Errorf("errors.Is(%v, ErrUnreachable) = %v, want %v", err, got, tt.wantUnreach)
			}
			if tt.wantID == anyID && id > 0 {
				tt.wantID = id // numbered by the fake
			}
			if id != tt.wantID {
				t.Errorf("message id = %d, want %d", id, tt.wantID)
			}
			if got := len(f.callsOf(tt.method)); got != tt.wantCalls {
				t.Errorf("%s calls = %d, want %d", tt.method, got, tt.wantCalls)
			}
			if diff := cmp.Diff(tt.wantSleeps, sl.got()); diff != "" {
				t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
			}
			marked, _ := reach.got()
			if diff := cmp.Diff(tt.wantMarked, marked); diff != "" {
				t.Errorf("marked unreachable mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantStats, s.Stats()); diff != "" {
				t.Errorf("stats mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSendUploadsDocument(t *testing.T) {
	f := newFakeAPI(t)
	s, _, _ := newTestSender(t, f, SenderConfig{})
	msg := ikmbot.Message{ChatID: 42, Document: &ikmbot.File{Name: "ikm.csv", Data: []byte("nama,wilayah\n"), Caption: "Ekspor"},
		Buttons: [][]ikmbot.Button{{{Text: "OK", Data: "x:ok:1"}}}}
	if _, err := s.Send(t.Context(), msg); err != nil {
		t.Fatalf("Send: %v", err)
	}
	calls := f.callsOf("sendDocument")
	if len(calls) != 1 {
		t.Fatalf("sendDocument calls = %d, want 1", len(calls))
	}
	c := calls[0]
	if diff := cmp.Diff(fileUpload{name: "ikm.csv", data: "nama,wilayah\n"}, c.files["document"], cmp.AllowUnexported(fileUpload{})); diff != "" {
		t.Errorf("uploaded document mismatch (-want +got):\n%s", diff)
	}
	for key, want := range map[string]string{
		"chat_id": "42", "caption": "Ekspor", "parse_mode": "HTML",
		"reply_markup": `{"inline_keyboard":[[{"text":"OK","callback_data":"x:ok:1"}]]}`,
	} {
		if got := c.params.Get(key); got != want {
			t.Errorf("sendDocument %s = %q, want %q", key, got, want)
		}
	}
}

func TestSendMenuUsesRequest(t *testing.T) {
	// setMyCommands returns True, which Send in the library would report as
	// an error after success.
	f := newFakeAPI(t)
	s, _, _ := newTestSender(t, f, SenderConfig{})
	id, err := s.Send(t.Context(), ikmbot.Message{ChatID: 42, Menu: []ikmbot.MenuCommand{{Command: "start", Description: "Mulai"}}})
	if err != nil || id != 0 {
		t.Errorf("Send(menu) = %d, %v, want 0, nil", id, err)
	}
	if got := s.Stats(); got.Sent != 1 {
		t.Errorf("Stats().Sent = %d, want 1", got.Sent)
	}
}

func TestSendInvalidMessageMakesNoRequest(t *testing.T) {
	f := newFakeAPI(t)
	s, _, _ := newTestSender(t, f, SenderConfig{})
	if _, err := s.Send(t.Context(), ikmbot.Message{ChatID: 42}); err == nil {
		t.Error("Send of an empty message: got nil error")
	}
	if got := len(f.callsOf("sendMessage")); got != 0 {
		t.Errorf("sendMessage calls = %d, want 0", got)
	}
	if got := s.Stats(); got.BadRequest != 1 {
		t.Errorf("Stats().BadRequest = %d, want 1", got.BadRequest)
	}
}

func TestSend429PausesBulkLane(t *testing.T) {
	f := newFakeAPI(t)
	f.on("sendMessage", replies(errReply(429, "Too Many Requests: retry after 5", 5)))
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s, sl, _ := newTestSender(t, f, SenderConfig{Now: func() time.Time { return now }})

	if _, err := s.Send(t.Context(), testMsg(1)); err != nil { // a reply hits the 429
		t.Fatalf("Send reply: %v", err)
	}
	if _, err := s.Send(t.Context(), ikmbot.Message{ChatID: 2, Text: "siaran", Bulk: true}); err != nil {
		t.Fatalf("Send bulk: %v", err)
	}
	if _, err := s.Send(t.Context(), testMsg(3)); err != nil {
		t.Fatalf("Send second reply: %v", err)
	}
	// The reply waits retry_after once; the bulk message waits for the
	// pause too (the fake clock stands still); the second reply does not.
	want := []time.Duration{5 * time.Second, 5 * time.Second}
	if diff := cmp.Diff(want, sl.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestSendPacesBulkPerChat(t *testing.T) {
	f := newFakeAPI(t)
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s, sl, _ := newTestSender(t, f, SenderConfig{Now: func() time.Time { return now }})
	for _, m := range []ikmbot.Message{
		{ChatID: 1, Text: "a", Bulk: true},
		{ChatID: 2, Text: "b", Bulk: true}, // another chat: no wait
		{ChatID: 1, Text: "c", Bulk: true}, // same chat: a second after the first
		{ChatID: 1, Text: "d", Bulk: true}, // two seconds after the first
		{ChatID: 1, Text: "e"},             // a reply: not paced
	} {
		if _, err := s.Send(t.Context(), m); err != nil {
			t.Fatalf("Send %q: %v", m.Text, err)
		}
	}
	want := []time.Duration{time.Second, 2 * time.Second}
	if diff := cmp.Diff(want, sl.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestSendCancelled(t *testing.T) {
	f := newFakeAPI(t)
	f.on("sendMessage", func(int, apiCall) apiReply { return errReply(429, "Too Many Requests: retry after 30", 30) })
	s := NewSender(newTestClient(t, f), SenderConfig{Rate: -1, Logger: quietLogger()}) // real sleep
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Send(ctx, testMsg(1))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Send error = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Send took %v after its context ended", d)
	}
	if got := s.Stats().Failed; got != 1 {
		t.Errorf("Stats().Failed = %d, want 1", got)
	}
}

func TestSendRepliesBeforeBulk(t *testing.T) {
	f := newFakeAPI(t)
	var mu sync.Mutex
	var order []string
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		mu.Lock()
		order = append(order, c.params.Get("text"))
		mu.Unlock()
		return defaultReply(c, n)
	})
	// 5 a second, burst 1: a token every 200ms.
	s, _, _ := newTestSender(t, f, SenderConfig{Limiter: NewTokenBucket(5, 1)})
	if _, err := s.Send(t.Context(), ikmbot.Message{ChatID: 1, Text: "first"}); err != nil { // takes the only token
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, chat := range []int64{11, 12, 13} {
		wg.Go(func() {
			if _, err := s.Send(t.Context(), ikmbot.Message{ChatID: chat, Text: "bulk", Bulk: true}); err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(30 * time.Millisecond) // the bulk senders are waiting for a token
	if _, err := s.Send(t.Context(), ikmbot.Message{ChatID: 2, Text: "reply"}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	want := []string{"first", "reply", "bulk", "bulk", "bulk"}
	if !slices.Equal(order, want) {
		t.Errorf("send order = %q, want %q", order, want)
	}
}

func TestTokenBucketRepliesFirst(t *testing.T) {
	b := NewTokenBucket(5, 1) // a token every 200ms
	if err := b.Wait(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := b.Wait(t.Context(), true); err != nil {
				t.Error(err)
			}
			mu.Lock()
			order = append(order, "bulk")
			mu.Unlock()
		})
	}
	time.Sleep(30 * time.Millisecond) // the bulk callers are waiting
	for range 2 {
		wg.Go(func() {
			if err := b.Wait(t.Context(), false); err != nil {
				t.Error(err)
			}
			mu.Lock()
			order = append(order, "reply")
			mu.Unlock()
		})
	}
	wg.Wait()
	want := []string{"reply", "reply", "bulk", "bulk", "bulk"}
	if !slices.Equal(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
}

func TestTokenBucketCancel(t *testing.T) {
	b := NewTokenBucket(0.001, 1)
	if err := b.Wait(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := b.Wait(ctx, false); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait error = %v, want context.DeadlineExceeded", err)
	}
	// The cancelled reply no longer holds back the bulk lane.
	b.mu.Lock()
	replies := b.replies
	b.mu.Unlock()
	if replies != 0 {
		t.Errorf("waiting replies after cancel = %d, want 0", replies)
	}
}

func TestAnswerCallback(t *testing.T) {
	tests := []struct {
		name    string
		reply   apiReply
		wantErr bool
	}{
		{"ok", okReply(true), false},
		{"too old is fine", errReply(400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0), false},
		{"other error", errReply(400, "Bad Request: BUTTON_DATA_INVALID", 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.on("answerCallbackQuery", func(int, apiCall) apiReply { return tt.reply })
			s, _, _ := newTestSender(t, f, SenderConfig{})
			err := s.AnswerCallback(t.Context(), "cb1")
			if (err != nil) != tt.wantErr {
				t.Errorf("AnswerCallback error = %v, want error %v", err, tt.wantErr)
			}
			calls := f.callsOf("answerCallbackQuery")
			if len(calls) != 1 || calls[0].params.Get("callback_query_id") != "cb1" {
				t.Errorf("answerCallbackQuery calls = %+v, want one for cb1", calls)
			}
		})
	}
}

func TestResultMessageID(t *testing.T) {
	tests := []struct {
		res  string
		want int
	}{
		{`{"message_id":42,"date":1,"chat":{"id":7,"type":"private"},"text":"x"}`, 42},
		{`{"message_id":42}`, 42},
		{`{"date":1,"message_id":43,"chat":{"id":7,"type":"private"}}`, 43}, // not first: decoded
		{`true`, 0},
		{``, 0},
		{`{"message_id":"x"}`, 0},
	}
	for _, tt := range tests {
		if got := resultMessageID(json.RawMessage(tt.res)); got != tt.want {
			t.Errorf("resultMessageID(%s) = %d, want %d", tt.res, got, tt.want)
		}
	}
}
