package bot

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

func TestOutboxSendsBulkInChatOrder(t *testing.T) {
	f := newFakeAPI(t)
	// Chat 7 has blocked the bot.
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		if c.params.Get("chat_id") == "7" {
			return errReply(403, "Forbidden: bot was blocked by the user", 0)
		}
		return defaultReply(c, n)
	})
	s, _, reach := newTestSender(t, f, SenderConfig{})
	o := NewOutbox(s, 3, 100, quietLogger())
	var msgs []ikmbot.Message
	for i, text := range []string{"a", "b", "c", "d", "e", "f"} {
		msgs = append(msgs, ikmbot.Message{ChatID: int64(1 + i%2), Text: text})
	}
	msgs = append(msgs, ikmbot.Message{ChatID: 7, Text: "blocked"})
	o.Deliver(t.Context(), msgs)
	o.Close(5 * time.Second)

	byChat := map[string][]string{}
	for _, c := range f.callsOf("sendMessage") {
		byChat[c.params.Get("chat_id")] = append(byChat[c.params.Get("chat_id")], c.params.Get("text"))
	}
	want := map[string][]string{"1": {"a", "c", "e"}, "2": {"b", "d", "f"}, "7": {"blocked"}}
	if diff := cmp.Diff(want, byChat); diff != "" {
		t.Errorf("sent per chat (-want +got):\n%s", diff)
	}
	if sent, failed := o.Counts(); sent != 6 || failed != 0 {
		t.Errorf("Counts = %d sent, %d failed; want 6, 0", sent, failed)
	}
	if marked, _ := reach.got(); !cmp.Equal(marked, []int64{7}) {
		t.Errorf("marked unreachable = %v, want [7]", marked)
	}
	if p := o.Pending(); p != 0 {
		t.Errorf("Pending after Close = %d", p)
	}
}

func TestOutboxDeliverGivesUpWhenFullAndCancelled(t *testing.T) {
	f := newFakeAPI(t)
	release := make(chan struct{})
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		<-release // the one worker is stuck on the first message
		return defaultReply(c, n)
	})
	s, _, _ := newTestSender(t, f, SenderConfig{})
	o := NewOutbox(s, 1, 1, quietLogger())
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	o.Deliver(ctx, []ikmbot.Message{{ChatID: 1, Text: "1"}, {ChatID: 1, Text: "2"}, {ChatID: 1, Text: "3"}, {ChatID: 1, Text: "4"}})
	close(release)
	o.Close(5 * time.Second)
	sent, failed := o.Counts()
	if sent+failed != 4 || failed == 0 {
		t.Errorf("Counts = %d sent, %d failed; want some dropped and 4 in all", sent, failed)
	}
}
