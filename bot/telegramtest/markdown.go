package telegramtest

import (
	"fmt"
	"strings"
)

// mdEntity is an open Markdown entity waiting for its end.
type mdEntity struct {
	typ     string
	arg     string
	off     int // UTF-16 offset
	bytePos int // in the input, for errors
	outPos  int // in the output, for a link without (url)
}

// parseMarkdownV2 follows tdlib's parse_markdown_v2, including its rule
// that every reserved character outside an entity is escaped.
func parseMarkdownV2(s string) (string, []entity, error) {
	var b textBuilder
	var stack []mdEntity
	var ents []entity
	at := func(i int) byte {
		if i >= 0 && i < len(s) {
			return s[i]
		}
		return 0
	}
	quoteStart := -1 // UTF-16 offset of an open '>' blockquote
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && at(i+1) > 0 && at(i+1) <= 126 {
			i++
			b.byte(s[i])
			continue
		}
		inCode := len(stack) > 0 && (stack[len(stack)-1].typ == "code" || stack[len(stack)-1].typ == "pre")
		if c == '>' && !inCode && (i == 0 || s[i-1] == '\n') {
			if quoteStart < 0 {
				quoteStart = b.u16
			}
			continue
		}
		if c == '\n' && quoteStart >= 0 && at(i+1) != '>' {
			if b.u16 > quoteStart {
				ents = append(ents, entity{Type: "blockquote", Offset: quoteStart, Length: b.u16 - quoteStart})
			}
			quoteStart = -1
		}
		reserved := "_*[]()~`>#+-=|{}.!"
		if inCode {
			reserved = "`"
		}
		if strings.IndexByte(reserved, c) < 0 {
			b.byte(c)
			continue
		}
		end := false
		if n := len(stack); n > 0 {
			switch stack[n-1].typ {
			case "bold":
				end = c == '*'
			case "italic":
				end = c == '_' && at(i+1) != '_'
			case "code":
				end = c == '`'
			case "pre":
				end = c == '`' && at(i+1) == '`' && at(i+2) == '`'
			case "text_link", "custom_emoji":
				end = c == ']'
			case "underline":
				end = c == '_' && at(i+1) == '_'
			case "strikethrough":
				end = c == '~'
			case "spoiler":
				end = c == '|' && at(i+1) == '|'
			}
		}
		if !end {
			e := mdEntity{off: b.u16, bytePos: i, outPos: len(b.out)}
			switch c {
			case '_':
				e.typ = "italic"
				if at(i+1) == '_' {
					e.typ = "underline"
					i++
				}
			case '*':
				e.typ = "bold"
			case '~':
				e.typ = "strikethrough"
			case '|':
				if at(i+1) != '|' {
					return "", nil, fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
				}
				i++
				e.typ = "spoiler"
			case '[':
				e.typ = "text_link"
			case '`':
				if at(i+1) == '`' && at(i+2) == '`' {
					i += 3
					e.typ = "pre"
					le := i
					for le < len(s) && !isSpace(s[le]) && s[le] != '`' {
						le++
					}
					if i != le && le < len(s) && s[le] != '`' {
						e.arg = s[i:le]
						i = le
					}
					if at(i) == '\n' || at(i) == '\r' {
						if (at(i+1) == '\n' || at(i+1) == '\r') && at(i) != at(i+1) {
							i += 2
						} else {
							i++
						}
					}
					i--
					e.off, e.outPos = b.u16, len(b.out)
				} else {
					e.typ = "code"
				}
			case '!':
				if at(i+1) == '[' {
					i++
					e.typ = "custom_emoji"
					break
				}
				fallthrough
			default:
				return "", nil, fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
			}
			stack = append(stack, e)
			continue
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		skip := b.u16 == top.off
		ent := entity{Type: top.typ, Offset: top.off, Length: b.u16 - top.off}
		switch top.typ {
		case "underline", "spoiler":
			i++
		case "pre":
			i += 2
			ent.Language = top.arg
		case "text_link", "custom_emoji":
			var u []byte
			if at(i+1) != '(' {
				u = append(u, b.out[top.outPos:]...)
			} else {
				i += 2
				urlBegin := i
				for i < len(s) && s[i] != ')' {
					if s[i] == '\\' && at(i+1) > 0 && at(i+1) <= 126 {
						u = append(u, s[i+1])
						i += 2
						continue
					}
					u = append(u, s[i])
					i++
				}
				if at(i) != ')' {
					return "", nil, fmt.Errorf("Can't find end of a URL at byte offset %d", urlBegin)
				}
			}
			if top.typ == "custom_emoji" {
				id, ok := strings.CutPrefix(string(u), "tg://emoji?id=")
				if !ok {
					return "", nil, fmt.Errorf("Custom emoji URL must have scheme tg")
				}
				ent.CustomEmojiID = id
			} else {
				ent.URL = string(u)
				if !looksLikeURL(ent.URL) {
					skip = true
				}
			}
		}
		if !skip {
			ents = append(ents, ent)
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return "", nil, fmt.Errorf("Can't find end of %s entity at byte offset %d", mdTypeName(top.typ), top.bytePos)
	}
	if quoteStart >= 0 && b.u16 > quoteStart {
		ents = append(ents, entity{Type: "blockquote", Offset: quoteStart, Length: b.u16 - quoteStart})
	}
	return string(b.out), ents, nil
}

// mdTypeName is tdlib's name of an entity type in error messages.
func mdTypeName(t string) string {
	switch t {
	case "bold":
		return "Bold"
	case "italic":
		return "Italic"
	case "underline":
		return "Underline"
	case "strikethrough":
		return "Strikethrough"
	case "spoiler":
		return "Spoiler"
	case "code":
		return "Code"
	case "pre":
		return "Pre"
	case "text_link":
		return "TextUrl"
	case "custom_emoji":
		return "CustomEmoji"
	}
	return t
}

// parseMarkdown follows tdlib's parse_markdown (the legacy Markdown mode).
func parseMarkdown(s string) (string, []entity, error) {
	var b textBuilder
	var ents []entity
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && (at(i+1) == '_' || at(i+1) == '*' || at(i+1) == '`' || at(i+1) == '[') {
			i++
			b.byte(s[i])
			continue
		}
		if c != '_' && c != '*' && c != '`' && c != '[' {
			b.byte(c)
			continue
		}
		begin := i
		endChar := c
		if c == '[' {
			endChar = ']'
		}
		i++
		pre, lang := false, ""
		if c == '`' && at(i) == '`' && at(i+1) == '`' {
			i += 2
			pre = true
			le := i
			for le < len(s) && !isSpace(s[le]) && s[le] != '`' {
				le++
			}
			if i != le && le < len(s) && s[le] != '`' {
				lang = s[i:le]
				i = le + 1
			}
		}
		start, outStart := b.u16, len(b.out)
		for i < len(s) && (s[i] != endChar || (pre && !(at(i+1) == '`' && at(i+2) == '`'))) {
			b.byte(s[i])
			i++
		}
		if i == len(s) {
			return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", begin)
		}
		if b.u16 > start {
			e := entity{Offset: start, Length: b.u16 - start}
			switch c {
			case '_':
				e.Type = "italic"
			case '*':
				e.Type = "bold"
			case '`':
				e.Type = "code"
				if pre {
					e.Type, e.Language = "pre", lang
				}
			case '[':
				e.Type = "text_link"
				if at(i+1) == '(' {
					j := strings.IndexByte(s[i+2:], ')')
					if j >= 0 {
						e.URL = s[i+2 : i+2+j]
						i += 2 + j
					}
				} else {
					e.URL = string(b.out[outStart:])
				}
				if !looksLikeURL(e.URL) {
					e.Type = ""
				}
			}
			if e.Type != "" {
				ents = append(ents, e)
			}
		}
		if pre {
			i += 2
		}
	}
	return string(b.out), ents, nil
}

// looksLikeURL is a rough check_url: tdlib drops a link entity whose URL
// it cannot parse, keeping the text.
func looksLikeURL(u string) bool {
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "tg://") {
		return len(u) > strings.Index(l, "://")+3
	}
	// A bare domain such as example.com is accepted by tdlib's check_url.
	return strings.Contains(l, ".") && !strings.ContainsAny(l, " \n")
}
