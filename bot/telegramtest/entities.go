package telegramtest

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// entity is a MessageEntity as Telegram returns it. Offsets and lengths
// count UTF-16 code units.

type entity struct {
	Type          string    `json:"type"`
	Offset        int       `json:"offset"`
	Length        int       `json:"length"`
	URL           string    `json:"url,omitempty"`
	User          *wireUser `json:"user,omitempty"`
	Language      string    `json:"language,omitempty"`
	CustomEmojiID string    `json:"custom_emoji_id,omitempty"`
}

// formatText turns text as the bot sent it into the text and entities a
// user sees: markup parsed per parse_mode (tdlib's rules and error
// wording, which srv prefixes with "can't parse entities: "), leading and
// trailing white space trimmed, commands, links and mentions detected.
// explicit entities (the entities param) replace parse_mode, as in srv.

func formatText(text, parseMode string, explicit []entity) (string, []entity, string) {
	var ents []entity
	if explicit != nil {
		ents = explicit
	} else {
		var err error
		switch strings.ToLower(parseMode) {
		case "":
		case "html":
			text, ents, err = parseHTML(text)
		case "markdownv2":
			text, ents, err = parseMarkdownV2(text)
		case "markdown":
			text, ents, err = parseMarkdown(text)
		default:
			return "", nil, "Bad Request: unsupported parse_mode"
		}
		if err != nil {
			return "", nil, "Bad Request: can't parse entities: " + err.Error()
		}
	}
	text, ents = trimText(text, ents)
	ents = append(ents, detectEntities(text, ents)...)
	sortEntities(ents)
	return text, ents, ""
}

func sortEntities(ents []entity) {
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Offset != ents[j].Offset {
			return ents[i].Offset < ents[j].Offset
		}
		return ents[i].Length > ents[j].Length
	})
}

// textBuilder appends parsed text and keeps its length in UTF-16 units.

type textBuilder struct {
	out []byte
	u16 int
}

func (b *textBuilder) byte(c byte) {
	b.out = append(b.out, c)
	// Count a character at its first byte; a 4-byte sequence is a
	// surrogate pair in UTF-16.
	if c < 0x80 || c >= 0xC0 {
		b.u16++
		if c >= 0xF0 {
			b.u16++
		}
	}
}

func (b *textBuilder) rune(r rune) {
	b.out = utf8.AppendRune(b.out, r)
	b.u16++
	if r >= 0x10000 {
		b.u16++
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// trimText drops leading and trailing white space as Telegram does and
// moves or clips entities to match.

func trimText(text string, ents []entity) (string, []entity) {
	start, end := 0, len(text)
	for start < end && isSpace(text[start]) {
		start++
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	if start == 0 && end == len(text) {
		return text, ents
	}
	lead := start // white space is ASCII: bytes = UTF-16 units
	text = text[start:end]
	n := utf16Len(text)
	kept := ents[:0]
	for _, e := range ents {
		from, to := e.Offset-lead, e.Offset+e.Length-lead
		from, to = max(from, 0), min(to, n)
		if to <= from {
			continue
		}
		e.Offset, e.Length = from, to-from
		kept = append(kept, e)
	}
	return text, kept
}

func isWordByte(c byte) bool {
	return c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// detectEntities finds what Telegram marks up by itself in any message:
// bot commands, http(s) links, @mentions and #hashtags, outside entities
// that already cover the place (code, links).

func detectEntities(text string, have []entity) []entity {
	if !strings.ContainsAny(text, "/@#:") {
		return nil
	}
	var out []entity
	covered := func(from, to int) bool {
		for _, e := range have {
			switch e.Type {
			case "code", "pre", "text_link", "url", "bot_command", "mention", "hashtag", "email":
				if from < e.Offset+e.Length && e.Offset < to {
					return true
				}
			}
		}
		return false
	}
	u16 := 0 // UTF-16 offset of byte i
	for i := 0; i < len(text); {
		c := text[i]
		prevWord := i > 0 && (isWordByte(text[i-1]) || text[i-1] >= 0x80)
		var n int
		var typ string
		switch {
		case c == '/' && !prevWord && (i == 0 || text[i-1] != '/'):
			j := i + 1
			for j < len(text) && isWordByte(text[j]) && j-i <= 64 {
				j++
			}
			if j > i+1 {
				if j < len(text) && text[j] == '@' {
					k := j + 1
					for k < len(text) && isWordByte(text[k]) {
						k++
					}
					if k-j-1 >= 3 {
						j = k
					}
				}
				n, typ = j-i, "bot_command"
			}
		case (c == 'h' || c == 'H') && !prevWord && (hasPrefixFold(text[i:], "http://") || hasPrefixFold(text[i:], "https://")):
			j := i
			for j < len(text) && !isSpace(text[j]) {
				j++
			}
			for j > i && strings.IndexByte(".,;:!?)'\"", text[j-1]) >= 0 {
				j--
			}
			if j-i > len("https://") {
				n, typ = j-i, "url"
			}
		case c == '@' && !prevWord:
			j := i + 1
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			if j-i-1 >= 5 && j-i-1 <= 32 {
				n, typ = j-i, "mention"
			}
		case c == '#' && !prevWord:
			j := i + 1
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			if j > i+1 && !allDigits(text[i+1:j]) {
				n, typ = j-i, "hashtag"
			}
		}
		if n > 0 {
			l := utf16Len(text[i : i+n])
			if !covered(u16, u16+l) {
				out = append(out, entity{Type: typ, Offset: u16, Length: l})
			}
			u16 += l
			i += n
			continue
		}
		if c < 0x80 || c >= 0xC0 {
			u16++
			if c >= 0xF0 {
				u16++
			}
		}
		i++
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
