package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"

	"ikmbot"
	"ikmbot/bot/telegramtest"
)

func TestEntitiesHTML(t *testing.T) {
	mention := func(id int64) *entityUser { return &entityUser{ID: id} }
	tests := []struct {
		name string
		text string
		ents []entity
		want string
	}{
		{name: "plain", text: "Keripik pisang", want: "Keripik pisang"},
		{name: "escaped", text: `a<b> & "c"`, want: `a&lt;b&gt; &amp; "c"`},
		{name: "entities already escaped stay text", text: "&lt; &amp;", want: "&amp;lt; &amp;amp;"},
		{
			name: "every style",
			text: "bold italic under strike spoil code",
			ents: []entity{
				{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 5, Length: 6}, {Type: "underline", Offset: 12, Length: 5},
				{Type: "strikethrough", Offset: 18, Length: 6}, {Type: "spoiler", Offset: 25, Length: 5}, {Type: "code", Offset: 31, Length: 4},
			},
			want: "<b>bold</b> <i>italic</i> <u>under</u> <s>strike</s> <tg-spoiler>spoil</tg-spoiler> <code>code</code>",
		},
		{
			name: "pre with and without language",
			text: "x := 1\ny",
			ents: []entity{{Type: "pre", Offset: 0, Length: 6, Language: "go"}, {Type: "pre", Offset: 7, Length: 1}},
			want: "<pre><code class=\"language-go\">x := 1</code></pre>\n<pre>y</pre>",
		},
		{
			name: "text link with characters to escape in the URL",
			text: "daftar di sini",
			ents: []entity{{Type: "text_link", Offset: 10, Length: 4, URL: `https://example.org/?a=1&b="2"<>`}},
			want: `daftar di <a href="https://example.org/?a=1&amp;b=&quot;2&quot;&lt;&gt;">sini</a>`,
		},
		{
			name: "text mention",
			text: "hubungi Siti",
			ents: []entity{{Type: "text_mention", Offset: 8, Length: 4, User: mention(42)}},
			want: `hubungi <a href="tg://user?id=42">Siti</a>`,
		},
		{
			name: "link and mention without their target stay text",
			text: "a b",
			ents: []entity{{Type: "text_link", Offset: 0, Length: 1}, {Type: "text_mention", Offset: 2, Length: 1}},
			want: "a b",
		},
		{
			name: "quotes",
			text: "kutip\nlipat",
			ents: []entity{{Type: "blockquote", Offset: 0, Length: 5}, {Type: "expandable_blockquote", Offset: 6, Length: 5}},
			want: "<blockquote>kutip</blockquote>\n<blockquote expandable>lipat</blockquote>",
		},
		{
			name: "entities Telegram detects stay plain",
			text: "/start @sari_batik #batik https://x.org a@b.id +62812 $IDR 👍",
			ents: []entity{
				{Type: "bot_command", Offset: 0, Length: 6}, {Type: "mention", Offset: 7, Length: 11}, {Type: "hashtag", Offset: 19, Length: 6},
				{Type: "url", Offset: 26, Length: 13}, {Type: "email", Offset: 40, Length: 6}, {Type: "phone_number", Offset: 47, Length: 6},
				{Type: "cashtag", Offset: 54, Length: 4}, {Type: "custom_emoji", Offset: 59, Length: 2}, {Type: "date_time", Offset: 0, Length: 1},
			},
			want: "/start @sari_batik #batik https://x.org a@b.id +62812 $IDR 👍",
		},
		{
			name: "nested, outer first",
			text: "abcd",
			ents: []entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 1, Length: 2}},
			want: "<b>a<i>bc</i>d</b>",
		},
		{
			name: "nested at the same offset, longer first",
			text: "abcd",
			ents: []entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 0, Length: 2}},
			want: "<b><i>ab</i>cd</b>",
		},
		{
			name: "nested at the same offset given inner first",
			text: "abcd",
			ents: []entity{{Type: "italic", Offset: 0, Length: 2}, {Type: "bold", Offset: 0, Length: 4}},
			want: "<b><i>ab</i>cd</b>",
		},
		{
			name: "same range keeps Telegram's order",
			text: "ab",
			ents: []entity{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 0, Length: 2}},
			want: "<b><i>ab</i></b>",
		},
		{
			name: "ending together",
			text: "abcd",
			ents: []entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 2, Length: 2}},
			want: "<b>ab<i>cd</i></b>",
		},
		{
			name: "three deep inside a link",
			text: "ini tautan",
			ents: []entity{
				{Type: "text_link", Offset: 0, Length: 10, URL: "https://x.org"},
				{Type: "bold", Offset: 4, Length: 6}, {Type: "italic", Offset: 4, Length: 3}, {Type: "underline", Offset: 5, Length: 1},
			},
			want: `<a href="https://x.org">ini <b><i>t<u>a</u>u</i>tan</b></a>`,
		},
		{
			name: "overlapping without nesting is split",
			text: "abcdef",
			ents: []entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 2, Length: 4}},
			want: "<b>ab<i>cd</i></b><i>ef</i>",
		},
		{
			name: "split pre keeps its language",
			text: "abcd",
			ents: []entity{{Type: "bold", Offset: 0, Length: 2}, {Type: "pre", Offset: 1, Length: 3, Language: "go"}},
			want: `<b>a<pre><code class="language-go">b</code></pre></b><pre><code class="language-go">cd</code></pre>`,
		},
		{
			name: "offsets after an emoji count UTF-16 units",
			text: "😀 Batik 🇮🇩 Lampung",
			ents: []entity{{Type: "bold", Offset: 3, Length: 5}, {Type: "italic", Offset: 14, Length: 7}},
			want: "😀 <b>Batik</b> 🇮🇩 <i>Lampung</i>",
		},
		{
			name: "entity over an emoji",
			text: "a😀b",
			ents: []entity{{Type: "bold", Offset: 1, Length: 2}},
			want: "a<b>😀</b>b",
		},
		{
			name: "edges inside a surrogate pair move after it",
			text: "a😀b😀c",
			ents: []entity{{Type: "bold", Offset: 2, Length: 3}, {Type: "italic", Offset: 2, Length: 0}},
			want: "a😀<b>b😀</b>c",
		},
		{
			name: "entity within one surrogate pair vanishes",
			text: "a😀b",
			ents: []entity{{Type: "bold", Offset: 2, Length: 1}, {Type: "italic", Offset: 1, Length: 1}},
			want: "a<i>😀</i>b",
		},
		{
			name: "multi-byte characters that are one unit",
			text: "déjà vu – ok",
			ents: []entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 10, Length: 2}},
			want: "<b>déjà</b> vu – <i>ok</i>",
		},
		{
			name: "escaping inside entities",
			text: "a<b & c>",
			ents: []entity{{Type: "code", Offset: 1, Length: 6}},
			want: "a<code>&lt;b &amp; c</code>&gt;",
		},
		{
			name: "out of range entities are ignored",
			text: "abc",
			ents: []entity{
				{Type: "bold", Offset: -1, Length: 2}, {Type: "bold", Offset: 2, Length: 2}, {Type: "bold", Offset: 3, Length: 1},
				{Type: "bold", Offset: 9, Length: 1}, {Type: "bold", Offset: 0, Length: 0}, {Type: "bold", Offset: 1, Length: -1},
				{Type: "bold", Offset: 1, Length: int(^uint(0) >> 1)}, {Type: "italic", Offset: 1, Length: 2},
			},
			want: "a<i>bc</i>",
		},
		{name: "empty text", text: "", ents: []entity{{Type: "bold", Offset: 0, Length: 1}}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entitiesHTML(tt.text, tt.ents)
			if got != tt.want {
				t.Errorf("entitiesHTML(%q) =\n%s\nwant\n%s", tt.text, got, tt.want)
			}
			text, err := telegramtest.ParseHTML(got)
			if err != nil {
				t.Fatalf("Telegram would refuse %q: %v", got, err)
			}
			if text != tt.text {
				t.Errorf("Telegram reads %q back as %q", got, text)
			}
		})
	}
}

func TestEscapeHTMLKeepsPlainText(t *testing.T) {
	s := "Keripik pisang khas Lampung"
	if got := escapeHTML(s); got != s {
		t.Errorf("escapeHTML(%q) = %q", s, got)
	}
	ents := []entity{{Type: "url", Offset: 0, Length: 7}, {Type: "bold", Offset: 99, Length: 1}}
	if n := testing.AllocsPerRun(100, func() { _ = entitiesHTML(s, ents) }); n != 0 {
		t.Errorf("plain text costs %v allocations, want 0", n)
	}
}

// TestFormattedFromTheFake plays the user in the fake Bot API: what they
// format in their app arrives as an Event whose HTML is what they wrote,
// and their photo or document can be sent on by its file_id with that
// HTML as the caption.
func TestFormattedFromTheFake(t *testing.T) {
	s := telegramtest.New(t)
	c, err := NewClient(telegramtest.Token, s.Endpoint(), nil)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	const user = 42
	s.SetUser(telegramtest.User{ID: 7, FirstName: "Rina"})
	text := `<b>Pameran</b> <i>ekspor</i> 😀 <a href="https://example.org/?a=1&amp;b=2">daftar</a> ` +
		`<u>lama <s>sekali</s></u> <tg-spoiler>rahasia</tg-spoiler> <code>x&lt;y</code> <a href="tg://user?id=7">Rina</a> ` +
		`/bantuan @sari_batik #batik` + "\n" + `<pre><code class="language-go">go run .</code></pre>` + "\n" +
		`<blockquote>kutipan</blockquote>` + "\n" + `<blockquote expandable>panjang</blockquote>`
	s.UserSendsFormatted(user, text)
	s.UserSendsPhotoCaption(user, "<b>Poster</b> kelas &amp; jadwal")
	s.UserSendsDocument(user, "jadwal.pdf", "Jadwal <i>2026</i>")
	s.UserSendsPhotoCaption(user, "")

	upds, _, err := c.fetchUpdates(ctx, tgbotapi.Params{"timeout": "0"})
	if err != nil {
		t.Fatalf("getUpdates: %v", err)
	}
	var evs []ikmbot.Event
	for _, u := range upds {
		ev, ok := eventFromUpdate(u)
		if !ok {
			t.Fatalf("update %d not taken", u.UpdateID)
		}
		ev.UpdateID = 0
		evs = append(evs, ev)
	}
	if len(evs) != 4 {
		t.Fatalf("got %d events, want 4", len(evs))
	}
	photoID, docID := evs[1].PhotoID, evs[2].DocumentID
	if photoID == "" || docID == "" || evs[3].PhotoID == "" {
		t.Fatalf("photo ids %q, %q, document id %q", photoID, evs[3].PhotoID, docID)
	}
	plain, err := telegramtest.ParseHTML(text)
	if err != nil {
		t.Fatal(err)
	}
	who := ikmbot.Event{ChatID: user, UserID: user, FirstName: "User", LanguageCode: "id"}
	with := func(f func(*ikmbot.Event)) ikmbot.Event {
		ev := who
		f(&ev)
		return ev
	}
	want := []ikmbot.Event{
		with(func(e *ikmbot.Event) { e.Kind, e.Text, e.HTML = ikmbot.EventText, plain, text }),
		with(func(e *ikmbot.Event) {
			e.Kind, e.Text, e.HTML, e.PhotoID = ikmbot.EventOther, "Poster kelas & jadwal", "<b>Poster</b> kelas &amp; jadwal", photoID
		}),
		with(func(e *ikmbot.Event) {
			e.Kind, e.Text, e.HTML, e.DocumentID, e.DocumentName = ikmbot.EventOther, "Jadwal 2026", "Jadwal <i>2026</i>", docID, "jadwal.pdf"
		}),
		with(func(e *ikmbot.Event) { e.Kind, e.PhotoID = ikmbot.EventOther, evs[3].PhotoID }),
	}
	if diff := cmp.Diff(want, evs); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	// Sent on by file_id, with the user's formatting as the caption.
	for _, msg := range []ikmbot.Message{
		{ChatID: user, Photo: &ikmbot.File{ID: photoID, Caption: evs[1].HTML}},
		{ChatID: user, Document: &ikmbot.File{ID: docID, Caption: evs[2].HTML}},
		{ChatID: user, Text: evs[0].HTML},
	} {
		rq, err := requestFor(msg)
		if err != nil {
			t.Fatalf("requestFor: %v", err)
		}
		if _, err := c.call(ctx, rq); err != nil {
			t.Fatalf("%s: %v", rq.method, err)
		}
	}
	msgs := s.Messages(user)
	if len(msgs) != 3 {
		t.Fatalf("bot sent %d messages, want 3", len(msgs))
	}
	if p := msgs[0].Photo; p == nil || p.FileID != photoID || msgs[0].Text != "Poster kelas & jadwal" {
		t.Errorf("photo sent on = %+v, text %q", p, msgs[0].Text)
	}
	if d := msgs[1].Document; d == nil || d.FileID != docID || d.Name != "jadwal.pdf" || msgs[1].Text != "Jadwal 2026" {
		t.Errorf("document sent on = %+v, text %q", d, msgs[1].Text)
	}
	if got, want := msgs[2].Text, strings.TrimSpace(plain); got != want {
		t.Errorf("text sent on = %q, want %q", got, want)
	}
}
