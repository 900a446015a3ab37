package bot

import (
	"testing"

	"ikmbot/bot/telegramtest"
)

// fuzzEntityTypes are the types FuzzEntitiesHTML draws from: every kind
// that becomes a tag, some that stay text, and one Telegram has not
// invented.
var fuzzEntityTypes = []string{
	"bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "text_mention",
	"blockquote", "expandable_blockquote", "url", "bot_command", "custom_emoji", "no_such_type",
}

// fuzzEntities decodes entities from bytes, four to an entity: its type,
// offset and length (from -8 on, so some fall outside the text), and
// whether it carries its url, user and language.
func fuzzEntities(b []byte, url, lang string) []entity {
	var ents []entity
	for ; len(b) >= 4; b = b[4:] {
		e := entity{
			Type:   fuzzEntityTypes[int(b[0])%len(fuzzEntityTypes)],
			Offset: int(b[1]) - 8,
			Length: int(b[2]) - 8,
		}
		if b[3]&1 != 0 {
			e.URL = url
		}
		if b[3]&2 != 0 {
			e.User = &entityUser{ID: int64(b[3])}
		}
		if b[3]&4 != 0 {
			e.Language = lang
		}
		ents = append(ents, e)
	}
	return ents
}

// FuzzEntitiesHTML checks that whatever the entities (nested, overlapping,
// out of range, splitting a surrogate pair), the HTML is accepted by
// Telegram's parser (the fake's, which follows tdlib) and reads back as
// exactly the text.
//
//	go test -run '^$' -fuzz FuzzEntitiesHTML -fuzztime 60s ./bot/
func FuzzEntitiesHTML(f *testing.F) {
	seeds := []struct {
		text      string
		ents      []byte
		url, lang string
	}{
		{"Keripik pisang", nil, "", ""},
		{`a<b> & "c" &lt;`, []byte{0, 8, 10, 0}, "", ""},
		{"bold italic", []byte{0, 8, 12, 0, 1, 13, 14, 0}, "", ""},
		{"abcdef", []byte{0, 8, 12, 0, 1, 10, 12, 0}, "", ""},                         // overlapping
		{"abcd", []byte{1, 8, 10, 0, 0, 8, 12, 0}, "", ""},                            // same offset, inner first
		{"abcd", []byte{0, 8, 12, 0, 1, 8, 12, 0, 2, 8, 12, 0}, "", ""},               // same range thrice
		{"😀 Batik 🇮🇩 Lampung", []byte{0, 9, 11, 0, 1, 9, 9, 0, 2, 20, 15, 0}, "", ""}, // surrogate pairs
		{"a😀b", []byte{0, 10, 9, 0}, "", ""},                                          // inside a pair
		{"daftar di sini", []byte{7, 18, 12, 1}, `https://x.org/?a=1&b="2"<>`, ""},
		{"hubungi Siti", []byte{8, 16, 12, 2}, "", ""},
		{"x := 1", []byte{6, 8, 14, 4}, "", `go"><b>`},
		{"kutip\nlipat", []byte{9, 8, 13, 0, 10, 14, 13, 0}, "", ""},
		{"abc", []byte{0, 0, 10, 0, 0, 10, 0, 0, 0, 255, 255, 0, 0, 9, 7, 0}, "", ""}, // out of range
		{"", []byte{0, 8, 9, 0}, "", ""},
		{"/start x", []byte{12, 8, 14, 0, 0, 8, 14, 0}, "", ""},
		{"déjà vu – ok \x00\xff", []byte{3, 8, 12, 0, 4, 17, 10, 0, 5, 19, 11, 0}, "", ""},
	}
	for _, s := range seeds {
		f.Add(s.text, s.ents, s.url, s.lang)
	}
	f.Fuzz(func(t *testing.T, text string, raw []byte, url, lang string) {
		ents := fuzzEntities(raw, url, lang)
		got := entitiesHTML(text, ents)
		plain, err := telegramtest.ParseHTML(got)
		if err != nil {
			t.Fatalf("entitiesHTML(%q, %+v) = %q, which Telegram refuses: %v", text, ents, got, err)
		}
		if plain != text {
			t.Fatalf("entitiesHTML(%q, %+v) = %q, read back as %q", text, ents, got, plain)
		}
	})
}
