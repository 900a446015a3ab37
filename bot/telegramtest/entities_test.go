package telegramtest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormatText(t *testing.T) {
	tests := []struct {
		name, mode, in string
		wantText       string
		wantEnts       []entity
		wantErr        string
	}{
		{name: "plain", in: "halo", wantText: "halo"},
		{name: "trimmed", mode: "HTML", in: "  <b>x</b>\n ", wantText: "x", wantEnts: []entity{{Type: "bold", Offset: 0, Length: 1}}},
		{name: "html styles", mode: "HTML",
			in:       `<b>a</b><i>b</i><u>c</u><s>d</s><tg-spoiler>e</tg-spoiler><span class="tg-spoiler">f</span><strong>g</strong>`,
			wantText: "abcdefg",
			wantEnts: []entity{
				{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 1, Length: 1}, {Type: "underline", Offset: 2, Length: 1},
				{Type: "strikethrough", Offset: 3, Length: 1}, {Type: "spoiler", Offset: 4, Length: 1}, {Type: "spoiler", Offset: 5, Length: 1},
				{Type: "bold", Offset: 6, Length: 1},
			}},
		{name: "html pre with language", mode: "html", in: `<pre><code class="language-go">x := 1</code></pre>`,
			wantText: "x := 1", wantEnts: []entity{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}},
		{name: "html code", mode: "HTML", in: `<code class="language-go">x</code>`, wantText: "x", wantEnts: []entity{{Type: "code", Offset: 0, Length: 1}}},
		{name: "html entities", mode: "HTML", in: "a &amp; b &lt; c &#65;&#x42; & d &nbsp;", wantText: "a & b < c AB & d &nbsp;"},
		{name: "html link", mode: "HTML", in: `<a href='https://ikm.example.com/?a=1&amp;b=2'>sini</a>`,
			wantText: "sini", wantEnts: []entity{{Type: "text_link", Offset: 0, Length: 4, URL: "https://ikm.example.com/?a=1&b=2"}}},
		{name: "html offsets in UTF-16", mode: "HTML", in: "😀<b>x</b>", wantText: "😀x", wantEnts: []entity{{Type: "bold", Offset: 2, Length: 1}}},
		{name: "html nested", mode: "HTML", in: "<b>a<i>b</i></b>", wantText: "ab",
			wantEnts: []entity{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{name: "html expandable quote", mode: "HTML", in: "<blockquote expandable>q</blockquote>", wantText: "q",
			wantEnts: []entity{{Type: "expandable_blockquote", Offset: 0, Length: 1}}},
		{name: "html unsupported tag", mode: "HTML", in: "<x>", wantErr: `Unsupported start tag "x" at byte offset 0`},
		{name: "html bare less-than", mode: "HTML", in: "a < b", wantErr: `Unsupported start tag "" at byte offset 2`},
		{name: "html unmatched", mode: "HTML", in: "<b>x</i>", wantErr: `Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{name: "html unexpected end", mode: "HTML", in: "x</b>", wantErr: "Unexpected end tag at byte offset 1"},
		{name: "html unclosed", mode: "HTML", in: "<b>x", wantErr: `Can't find end tag corresponding to start tag "b"`},
		{name: "html unclosed start", mode: "HTML", in: "<b", wantErr: "Unclosed start tag at byte offset 0"},
		{name: "html span class", mode: "HTML", in: "<span>x</span>", wantErr: `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{name: "mdv2 styles", mode: "MarkdownV2", in: "*b* _i_ __u__ ~s~ ||p||", wantText: "b i u s p",
			wantEnts: []entity{
				{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 2, Length: 1}, {Type: "underline", Offset: 4, Length: 1},
				{Type: "strikethrough", Offset: 6, Length: 1}, {Type: "spoiler", Offset: 8, Length: 1},
			}},
		{name: "mdv2 escapes", mode: "MarkdownV2", in: `Harga 5\.000\!`, wantText: "Harga 5.000!"},
		{name: "mdv2 link", mode: "MarkdownV2", in: `[sini](https://x.example/a\)b)`, wantText: "sini",
			wantEnts: []entity{{Type: "text_link", Offset: 0, Length: 4, URL: "https://x.example/a)b"}}},
		{name: "mdv2 code and pre", mode: "MarkdownV2", in: "`a.b` ```go\nx.y```", wantText: "a.b x.y",
			wantEnts: []entity{{Type: "code", Offset: 0, Length: 3}, {Type: "pre", Offset: 4, Length: 3, Language: "go"}}},
		{name: "mdv2 quote", mode: "MarkdownV2", in: ">satu\n>dua\nlagi", wantText: "satu\ndua\nlagi",
			wantEnts: []entity{{Type: "blockquote", Offset: 0, Length: 8}}},
		{name: "mdv2 reserved", mode: "MarkdownV2", in: "a.b", wantErr: `Character '.' is reserved and must be escaped with the preceding '\'`},
		{name: "mdv2 unclosed", mode: "MarkdownV2", in: "*x", wantErr: "Can't find end of Bold entity at byte offset 0"},
		{name: "markdown", mode: "Markdown", in: "*b* _i_ `c` [t](https://x.example)", wantText: "b i c t",
			wantEnts: []entity{
				{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 2, Length: 1}, {Type: "code", Offset: 4, Length: 1},
				{Type: "text_link", Offset: 6, Length: 1, URL: "https://x.example"},
			}},
		{name: "markdown dots are fine", mode: "Markdown", in: "Harga 5.000!", wantText: "Harga 5.000!"},
		{name: "markdown unclosed", mode: "Markdown", in: "*x", wantErr: "Can't find end of the entity starting at byte offset 0"},
		{name: "detected", in: "/start@ikm_test_bot lihat https://example.com/a. @sari_batik #batik #123 a/b",
			wantText: "/start@ikm_test_bot lihat https://example.com/a. @sari_batik #batik #123 a/b",
			wantEnts: []entity{
				{Type: "bot_command", Offset: 0, Length: 19}, {Type: "url", Offset: 26, Length: 21},
				{Type: "mention", Offset: 49, Length: 11}, {Type: "hashtag", Offset: 61, Length: 6},
			}},
		{name: "not detected inside code", mode: "HTML", in: "<code>/start</code>", wantText: "/start",
			wantEnts: []entity{{Type: "code", Offset: 0, Length: 6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, ents, desc := formatText(tt.in, tt.mode, nil)
			if tt.wantErr != "" {
				if want := "Bad Request: can't parse entities: " + tt.wantErr; desc != want {
					t.Errorf("error = %q, want %q", desc, want)
				}
				return
			}
			if desc != "" {
				t.Fatalf("error = %q", desc)
			}
			if text != tt.wantText {
				t.Errorf("text = %q, want %q", text, tt.wantText)
			}
			if diff := cmp.Diff(tt.wantEnts, ents); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUTF16Len(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"", 0}, {"abc", 3}, {"é", 1}, {"😀", 2}, {"a😀b", 4}, {"日本", 2}}
	for _, tt := range tests {
		if got := utf16Len(tt.in); got != tt.want {
			t.Errorf("utf16Len(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
