package bot

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

func decodeUpdate(t *testing.T, s string) update {
	t.Helper()
	var u update
	if err := json.Unmarshal([]byte(s), &u); err != nil {
		t.Fatalf("decode update %s: %v", s, err)
	}
	return u
}

const (
	fromJSON = `"from":{"id":42,"is_bot":false,"first_name":"Siti","language_code":"id"}`
	chatJSON = `"chat":{"id":42,"type":"private","first_name":"Siti"}`
)

func TestEventFromUpdate(t *testing.T) {
	user := ikmbot.Event{UserID: 42, ChatID: 42, FirstName: "Siti", LanguageCode: "id"}
	with := func(f func(*ikmbot.Event)) ikmbot.Event {
		ev := user
		f(&ev)
		return ev
	}
	tests := []struct {
		name   string
		update string
		want   ikmbot.Event
		wantOK bool
	}{
		{
			name:   "text",
			update: `{"update_id":1,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON + `,"text":"Keripik pisang"}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Text, e.HTML = 1, ikmbot.EventText, "Keripik pisang", "Keripik pisang"
			}),
			wantOK: true,
		},
		{
			name: "command with bot name and args",
			update: `{"update_id":2,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"text":"/Start@IkmBot src_pameran","entities":[{"type":"bot_command","offset":0,"length":13}]}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Command, e.Text = 2, ikmbot.EventCommand, "start", "src_pameran"
			}),
			wantOK: true,
		},
		{
			name: "command alone",
			update: `{"update_id":3,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"text":"/batal","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind, e.Command = 3, ikmbot.EventCommand, "batal" }),
			wantOK: true,
		},
		{
			name: "command entity longer than the text is plain text",
			update: `{"update_id":4,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"text":"/x","entities":[{"type":"bot_command","offset":0,"length":9}]}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind, e.Text, e.HTML = 4, ikmbot.EventText, "/x", "/x" }),
			wantOK: true,
		},
		{
			name: "contact",
			update: `{"update_id":5,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"contact":{"phone_number":"6281234567890","first_name":"Siti","user_id":42}}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.ContactPhone, e.ContactUserID = 5, ikmbot.EventContact, "6281234567890", 42
			}),
			wantOK: true,
		},
		{
			name: "sticker",
			update: `{"update_id":6,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"sticker":{"file_id":"s","file_unique_id":"u","width":512,"height":512,"is_animated":false}}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind = 6, ikmbot.EventOther }),
			wantOK: true,
		},
		{
			name: "photo with caption",
			update: `{"update_id":7,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"photo":[{"file_id":"p","file_unique_id":"u","width":90,"height":90}],"caption":"produk"}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Text, e.HTML, e.PhotoID = 7, ikmbot.EventOther, "produk", "produk", "p"
			}),
			wantOK: true,
		},
		{
			name: "photo keeps its largest size and formatted caption",
			update: `{"update_id":17,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"photo":[{"file_id":"p90","file_unique_id":"u1","width":90,"height":68},{"file_id":"p1280","file_unique_id":"u3","width":1280,"height":960},` +
				`{"file_id":"p320","file_unique_id":"u2","width":320,"height":240}],"caption":"Kelas <ekspor> & 😀 promosi",` +
				`"caption_entities":[{"type":"bold","offset":0,"length":5},{"type":"text_link","offset":20,"length":7,"url":"https://x.org/?a=1&b=2"}]}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Text, e.PhotoID = 17, ikmbot.EventOther, "Kelas <ekspor> & 😀 promosi", "p1280"
				e.HTML = `<b>Kelas</b> &lt;ekspor&gt; &amp; 😀 <a href="https://x.org/?a=1&amp;b=2">promosi</a>`
			}),
			wantOK: true,
		},
		{
			name: "document with caption",
			update: `{"update_id":18,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"document":{"file_id":"d","file_unique_id":"u","file_name":"jadwal.pdf","mime_type":"application/pdf","file_size":1234,` +
				`"thumbnail":{"file_id":"t","file_unique_id":"tu","width":90,"height":90}},"caption":"Jadwal","caption_entities":[{"type":"italic","offset":0,"length":6}]}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Text, e.HTML, e.DocumentID, e.DocumentName = 18, ikmbot.EventOther, "Jadwal", "<i>Jadwal</i>", "d", "jadwal.pdf"
			}),
			wantOK: true,
		},
		{
			name: "formatted text",
			update: `{"update_id":19,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"text":"Hubungi Rina di https://x.org","entities":[{"type":"bold","offset":0,"length":7},` +
				`{"type":"text_mention","offset":8,"length":4,"user":{"id":7,"is_bot":false,"first_name":"Rina"}},{"type":"url","offset":16,"length":13}]}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.Text = 19, ikmbot.EventText, "Hubungi Rina di https://x.org"
				e.HTML = `<b>Hubungi</b> <a href="tg://user?id=7">Rina</a> di https://x.org`
			}),
			wantOK: true,
		},
		{
			name: "voice",
			update: `{"update_id":8,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON +
				`,"voice":{"file_id":"v","file_unique_id":"u","duration":3}}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind = 8, ikmbot.EventOther }),
			wantOK: true,
		},
		{
			name: "callback",
			update: `{"update_id":9,"callback_query":{"id":"cb1",` + fromJSON + `,"chat_instance":"ci","data":"signup:region:BDL",` +
				`"message":{"message_id":77,"date":1,` + chatJSON + `,"text":"Pilih"}}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.CallbackID, e.CallbackData, e.MessageID = 9, ikmbot.EventCallback, "cb1", "signup:region:BDL", 77
			}),
			wantOK: true,
		},
		{
			name: "callback under a long message with entities and keyboard",
			update: `{"update_id":16,"callback_query":{"id":"cb3",` + fromJSON + `,"chat_instance":"ci","data":"q:7:4",` +
				`"message":{"message_id":78,"date":1,"from":{"id":1,"is_bot":true,"first_name":"IKM","username":"IkmBot"},` + chatJSON +
				`,"text":"` + strings.Repeat("Seberapa puas Anda dengan layanan pendampingan? ", 40) + `",` +
				`"entities":[{"type":"bold","offset":0,"length":14},{"type":"italic","offset":20,"length":9},{"type":"text_link","offset":30,"length":5,"url":"https://example.org/x"}],` +
				`"reply_markup":{"inline_keyboard":[[{"text":"1","callback_data":"q:7:1"},{"text":"2","callback_data":"q:7:2"},{"text":"3","callback_data":"q:7:3"}],` +
				`[{"text":"4","callback_data":"q:7:4"},{"text":"5","callback_data":"q:7:5"}],[{"text":"Bantuan","url":"https://example.org/help"}]]}}}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.CallbackID, e.CallbackData, e.MessageID = 16, ikmbot.EventCallback, "cb3", "q:7:4", 78
			}),
			wantOK: true,
		},
		{
			name:   "callback without message (inline mode) is ignored",
			update: `{"update_id":10,"callback_query":{"id":"cb2",` + fromJSON + `,"chat_instance":"ci","data":"x"}}`,
			want: with(func(e *ikmbot.Event) {
				e.UpdateID, e.Kind, e.CallbackID, e.CallbackData, e.ChatID = 10, ikmbot.EventCallback, "cb2", "x", 0
			}),
			wantOK: false,
		},
		{
			name: "group message is ignored",
			update: `{"update_id":12,"message":{"message_id":5,"date":1,` + fromJSON +
				`,"chat":{"id":-100123,"type":"supergroup","title":"IKM"},"text":"/daftar","entities":[{"type":"bot_command","offset":0,"length":7}]}}`,
			want:   ikmbot.Event{UpdateID: 12, ChatID: 0},
			wantOK: false,
		},
		{
			name:   "message without a sender is ignored",
			update: `{"update_id":13,"message":{"message_id":5,"date":1,` + chatJSON + `,"text":"halo"}}`,
			want:   ikmbot.Event{UpdateID: 13},
			wantOK: false,
		},
		{
			name: "blocked",
			update: `{"update_id":11,"my_chat_member":{` + chatJSON + `,` + fromJSON + `,"date":1,` +
				`"old_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"member"},` +
				`"new_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"kicked","until_date":0}}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind = 11, ikmbot.EventBlocked }),
			wantOK: true,
		},
		{
			name: "unblocked",
			update: `{"update_id":12,"my_chat_member":{` + chatJSON + `,` + fromJSON + `,"date":1,` +
				`"old_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"kicked"},` +
				`"new_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"member"}}}`,
			want:   with(func(e *ikmbot.Event) { e.UpdateID, e.Kind = 12, ikmbot.EventUnblocked }),
			wantOK: true,
		},
		{
			name: "group membership is of no use",
			update: `{"update_id":13,"my_chat_member":{"chat":{"id":-100,"type":"group","title":"g"},` + fromJSON + `,"date":1,` +
				`"old_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"left"},` +
				`"new_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"IKM"},"status":"member"}}}`,
			want:   ikmbot.Event{UpdateID: 13},
			wantOK: false,
		},
		{
			name:   "edited message is of no use",
			update: `{"update_id":14,"edited_message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON + `,"text":"x"}}`,
			want:   ikmbot.Event{UpdateID: 14},
			wantOK: false,
		},
		{
			name:   "unknown kind",
			update: `{"update_id":15,"message_reaction":{"chat":{"id":42,"type":"private"}}}`,
			want:   ikmbot.Event{UpdateID: 15},
			wantOK: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := eventFromUpdate(decodeUpdate(t, tt.update))
			if ok != tt.wantOK {
				t.Errorf("ok = %v, want %v", ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("event mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEventFromOddCommands feeds messages whose entities do not fit their
// text: none may panic, and the command parsing must agree with
// go-telegram-bot-api's IsCommand, Command and CommandArguments wherever
// those did not panic (the entity fits the text).
func TestEventFromOddCommands(t *testing.T) {
	texts := []string{
		"", "/", "/a", "/start", "/start ", "/start arg", "/Start@IkmBot  x  ", "/@", "/@bot", "hello /start",
		"/mulai déjà vu", "/ab😀cd", "😀/start", "/daftar\nlagi", "/x@y@z w", "/старт аргумент",
	}
	entities := []string{
		``, `[]`,
		`[{"type":"bot_command","offset":0,"length":0}]`,
		`[{"type":"bot_command","offset":0,"length":1}]`,
		`[{"type":"bot_command","offset":0,"length":2}]`,
		`[{"type":"bot_command","offset":0,"length":6}]`,
		`[{"type":"bot_command","offset":0,"length":7}]`,
		`[{"type":"bot_command","offset":0,"length":13}]`,
		`[{"type":"bot_command","offset":0,"length":99}]`,
		`[{"type":"bot_command","offset":0,"length":-3}]`,
		`[{"type":"bot_command","offset":6,"length":6}]`,
		`[{"type":"bot_command","offset":-1,"length":3}]`,
		`[{"type":"bold","offset":0,"length":6}]`,
		`[{"type":"bold","offset":0,"length":2},{"type":"bot_command","offset":0,"length":6}]`,
	}
	for _, text := range texts {
		for _, ents := range entities {
			body := `"text":` + strconvQuote(text)
			if text == "" {
				body = `"sticker":{"file_id":"s"}`
			}
			if ents != "" {
				body += `,"entities":` + ents
			}
			js := `{"update_id":1,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON + `,` + body + `}}`
			t.Run(text+" "+ents, func(t *testing.T) {
				ev, ok := eventFromUpdate(decodeUpdate(t, js))
				if !ok {
					t.Fatalf("ok = false for %s", js)
				}
				var lib tgbotapi.Update
				if err := json.Unmarshal([]byte(js), &lib); err != nil {
					t.Fatal(err)
				}
				m := lib.Message
				libCmd := m.IsCommand() && m.Entities[0].Length > 1 && m.Entities[0].Length <= len(m.Text)
				switch {
				case libCmd:
					want := ikmbot.Event{Kind: ikmbot.EventCommand, Command: strings.ToLower(m.Command()), Text: strings.TrimSpace(m.CommandArguments())}
					got := ikmbot.Event{Kind: ev.Kind, Command: ev.Command, Text: ev.Text}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("command mismatch with the library (-want +got):\n%s", diff)
					}
				case text == "":
					if ev.Kind != ikmbot.EventOther {
						t.Errorf("kind = %v, want EventOther", ev.Kind)
					}
				default:
					if ev.Kind != ikmbot.EventText || ev.Text != text {
						t.Errorf("got kind %v text %q, want plain text %q", ev.Kind, ev.Text, text)
					}
				}
			})
		}
	}
}

func strconvQuote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestRequestFor(t *testing.T) {
	tests := []struct {
		name string
		msg  ikmbot.Message
		want request
	}{
		{
			name: "text with inline keyboard",
			msg: ikmbot.Message{ChatID: 42, Text: "<b>Pilih</b>", Buttons: [][]ikmbot.Button{
				{{Text: "Ya", Data: "signup:consent:yes"}, {Text: "Tidak", Data: "signup:consent:no"}},
				{{Text: "Situs", URL: "https://example.org"}},
			}},
			want: request{method: "sendMessage", params: tgbotapi.Params{
				"chat_id": "42", "text": "<b>Pilih</b>", "parse_mode": "HTML",
				"reply_markup": `{"inline_keyboard":[[{"text":"Ya","callback_data":"signup:consent:yes"},` +
					`{"text":"Tidak","callback_data":"signup:consent:no"}],[{"text":"Situs","url":"https://example.org"}]]}`,
			}},
		},
		{
			name: "reply keyboard asking for the contact",
			msg: ikmbot.Message{ChatID: 42, Text: "Bagikan nomor", Keyboard: &ikmbot.Keyboard{OneTime: true, Rows: [][]ikmbot.KeyButton{
				{{Text: "Bagikan nomor", RequestContact: true}}, {{Text: "Batal"}},
			}}},
			want: request{method: "sendMessage", params: tgbotapi.Params{
				"chat_id": "42", "text": "Bagikan nomor", "parse_mode": "HTML",
				"reply_markup": `{"keyboard":[[{"text":"Bagikan nomor","request_contact":true}],[{"text":"Batal"}]],` +
					`"resize_keyboard":true,"one_time_keyboard":true}`,
			}},
		},
		{
			name: "remove keyboard",
			msg:  ikmbot.Message{ChatID: 42, Text: "Terima kasih", RemoveKeyboard: true},
			want: request{method: "sendMessage", params: tgbotapi.Params{
				"chat_id": "42", "text": "Terima kasih", "parse_mode": "HTML",
				"reply_markup": `{"remove_keyboard":true}`,
			}},
		},
		{
			name: "inline keyboard wins over reply keyboard",
			msg: ikmbot.Message{ChatID: 42, Text: "t", Buttons: [][]ikmbot.Button{{{Text: "A", Data: "a"}}},
				Keyboard: &ikmbot.Keyboard{Rows: [][]ikmbot.KeyButton{{{Text: "B"}}}}, RemoveKeyboard: true},
			want: request{method: "sendMessage", params: tgbotapi.Params{
				"chat_id": "42", "text": "t", "parse_mode": "HTML",
				"reply_markup": `{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}`,
			}},
		},
		{
			name: "edit with inline keyboard",
			msg:  ikmbot.Message{ChatID: 42, EditMessageID: 77, Text: "Dipilih", Buttons: [][]ikmbot.Button{{{Text: "Kembali", Data: "signup:back:1"}}}},
			want: request{method: "editMessageText", params: tgbotapi.Params{
				"chat_id": "42", "message_id": "77", "text": "Dipilih", "parse_mode": "HTML",
				"reply_markup": `{"inline_keyboard":[[{"text":"Kembali","callback_data":"signup:back:1"}]]}`,
			}},
		},
		{
			name: "edit drops a reply keyboard it cannot carry",
			msg:  ikmbot.Message{ChatID: 42, EditMessageID: 77, Text: "Selesai", RemoveKeyboard: true},
			want: request{method: "editMessageText", params: tgbotapi.Params{
				"chat_id": "42", "message_id": "77", "text": "Selesai", "parse_mode": "HTML",
			}},
		},
		{
			name: "document upload",
			msg:  ikmbot.Message{ChatID: 7, Document: &ikmbot.File{Name: "ikm.csv", Data: []byte("a,b\n"), Caption: "Ekspor <b>IKM</b>"}},
			want: request{method: "sendDocument",
				params: tgbotapi.Params{"chat_id": "7", "caption": "Ekspor <b>IKM</b>", "parse_mode": "HTML"},
				files:  []tgbotapi.RequestFile{{Name: "document", Data: tgbotapi.FileBytes{Name: "ikm.csv", Bytes: []byte("a,b\n")}}},
			},
		},
		{
			name: "photo takes the text as caption",
			msg:  ikmbot.Message{ChatID: 7, Text: "Kelas", Photo: &ikmbot.File{Data: []byte{0xff, 0xd8}}},
			want: request{method: "sendPhoto",
				params: tgbotapi.Params{"chat_id": "7", "caption": "Kelas", "parse_mode": "HTML"},
				files:  []tgbotapi.RequestFile{{Name: "photo", Data: tgbotapi.FileBytes{Name: "photo", Bytes: []byte{0xff, 0xd8}}}},
			},
		},
		{
			name: "photo by file_id",
			msg:  ikmbot.Message{ChatID: 7, Photo: &ikmbot.File{ID: "AgACAgIAAxkBAAI-p", Caption: "<b>Pameran</b>"}, Buttons: [][]ikmbot.Button{{{Text: "Daftar", URL: "https://x.org"}}}},
			want: request{method: "sendPhoto", params: tgbotapi.Params{
				"chat_id": "7", "photo": "AgACAgIAAxkBAAI-p", "caption": "<b>Pameran</b>", "parse_mode": "HTML",
				"reply_markup": `{"inline_keyboard":[[{"text":"Daftar","url":"https://x.org"}]]}`,
			}},
		},
		{
			name: "document by file_id wins over data",
			msg:  ikmbot.Message{ChatID: 7, Text: "Jadwal", Document: &ikmbot.File{ID: "BQACAgIAAxkBAAI-d", Name: "x.pdf", Data: []byte("%PDF")}},
			want: request{method: "sendDocument", params: tgbotapi.Params{
				"chat_id": "7", "document": "BQACAgIAAxkBAAI-d", "caption": "Jadwal", "parse_mode": "HTML",
			}},
		},
		{
			name: "photo by file_id without caption",
			msg:  ikmbot.Message{ChatID: 7, Photo: &ikmbot.File{ID: "AgAC"}},
			want: request{method: "sendPhoto", params: tgbotapi.Params{"chat_id": "7", "photo": "AgAC"}},
		},
		{
			name: "menu",
			msg:  ikmbot.Message{ChatID: 42, Menu: []ikmbot.MenuCommand{{Command: "daftar", Description: "Daftar IKM"}, {Command: "bantuan", Description: "Bantuan"}}},
			want: request{method: "setMyCommands", params: tgbotapi.Params{
				"commands": `[{"command":"daftar","description":"Daftar IKM"},{"command":"bantuan","description":"Bantuan"}]`,
				"scope":    `{"type":"chat","chat_id":42}`,
			}},
		},
		{
			name: "empty menu clears it",
			msg:  ikmbot.Message{ChatID: 42, Menu: []ikmbot.MenuCommand{}},
			want: request{method: "setMyCommands", params: tgbotapi.Params{
				"commands": `[]`, "scope": `{"type":"chat","chat_id":42}`,
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := requestFor(tt.msg)
			if err != nil {
				t.Fatalf("requestFor: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(request{})); diff != "" {
				t.Errorf("request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequestForInvalid(t *testing.T) {
	tests := []struct {
		name string
		msg  ikmbot.Message
	}{
		{"no chat", ikmbot.Message{Text: "x"}},
		{"empty text", ikmbot.Message{ChatID: 1}},
		{"empty document", ikmbot.Message{ChatID: 1, Document: &ikmbot.File{Name: "a.csv"}}},
		{"empty photo", ikmbot.Message{ChatID: 1, Photo: &ikmbot.File{Caption: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := requestFor(tt.msg)
			if !errors.Is(err, errInvalidMessage) {
				t.Errorf("requestFor error = %v, want errInvalidMessage", err)
			}
		})
	}
}

// BenchmarkDecodeUpdate measures the hot path of every incoming update:
// decoding it into the lean wire types and turning it into an Event.
//
//	go test -run '^$' -bench DecodeUpdate -benchmem ./bot/
func BenchmarkDecodeUpdate(b *testing.B) {
	msg := func(body string) []byte {
		return []byte(`{"update_id":1,"message":{"message_id":5,"date":1,` + fromJSON + `,` + chatJSON + `,` + body + `}}`)
	}
	cases := []struct {
		name string
		js   []byte
	}{
		{"text", msg(`"text":"Keripik pisang khas Lampung, berapa harga per kilo?"`)},
		{"text with link", msg(`"text":"lihat https://example.org/produk","entities":[{"type":"url","offset":6,"length":25}]`)},
		{"formatted text", msg(`"text":"Pameran ekspor 2026 di Bandar Lampung","entities":[{"type":"bold","offset":0,"length":14},` +
			`{"type":"text_link","offset":23,"length":14,"url":"https://example.org/pameran"}]`)},
		{"command", msg(`"text":"/start src_pameran","entities":[{"type":"bot_command","offset":0,"length":6}]`)},
		{"photo with caption", msg(`"photo":[{"file_id":"p1","file_unique_id":"u1","width":90,"height":90},` +
			`{"file_id":"p2","file_unique_id":"u2","width":1280,"height":960}],"caption":"Poster <kelas>","caption_entities":[{"type":"bold","offset":0,"length":6}]`)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var u update
				if err := json.Unmarshal(c.js, &u); err != nil {
					b.Fatal(err)
				}
				if _, ok := eventFromUpdate(u); !ok {
					b.Fatal("not ok")
				}
			}
		})
	}
}
