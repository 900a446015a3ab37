package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// htmlTag is an open tag waiting for its end tag.
type htmlTag struct {
	name, arg string
	expand    bool
	off       int // UTF-16 offset where the entity starts
}

// htmlTags are the tags tdlib accepts; any other is an error.
var htmlTags = map[string]bool{
	"a": true, "b": true, "strong": true, "i": true, "em": true, "s": true, "strike": true, "del": true,
	"u": true, "ins": true, "tg-spoiler": true, "tg-emoji": true, "span": true, "pre": true, "code": true,
	"blockquote": true, "tg-time": true,
}

func isTagChar(c byte) bool {
	return c == '_' || c == '-' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// parseHTML follows tdlib's parse_html: the supported tags, the four named
// entities plus numeric ones, a bare '&' kept as is, and the same errors.
func parseHTML(s string) (string, []entity, error) {
	var b textBuilder
	var stack []htmlTag
	var ents []entity
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '&' {
			if r, n := htmlEntity(s[i:]); n > 0 {
				b.rune(r)
				i += n
				continue
			}
		}
		if c != '<' {
			b.byte(c)
			i++
			continue
		}
		begin := i
		i++
		if at(i) == '/' {
			if len(stack) == 0 {
				return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", begin)
			}
			i++
			j := i
			for isTagChar(at(j)) {
				j++
			}
			name := strings.ToLower(s[i:j])
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if at(j) != '>' {
				return "", nil, fmt.Errorf("Unclosed end tag at byte offset %d", begin)
			}
			i = j + 1
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if name != "" && name != top.name {
				return "", nil, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
			}
			if b.u16 > top.off {
				ents = htmlEntityFor(ents, top, b.u16)
			}
			continue
		}
		j := i
		for isTagChar(at(j)) {
			j++
		}
		name := strings.ToLower(s[i:j])
		if !htmlTags[name] {
			return "", nil, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, begin)
		}
		i = j
		tag := htmlTag{name: name, off: b.u16}
		for at(i) != '>' {
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
			}
			if s[i] == '>' {
				break
			}
			k := i
			for k < len(s) && !isSpace(s[k]) && s[k] != '=' && s[k] != '>' {
				k++
			}
			attr := strings.ToLower(s[i:k])
			if attr == "" {
				return "", nil, fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", name, begin)
			}
			i = k
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if at(i) != '=' {
				if name == "blockquote" && attr == "expandable" {
					tag.expand = true
					continue
				}
				return "", nil, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", name, begin)
			}
			i++
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
			}
			var val string
			if q := s[i]; q == '"' || q == '\'' {
				i++
				var vb textBuilder
				for i < len(s) && s[i] != q {
					if s[i] == '&' {
						if r, n := htmlEntity(s[i:]); n > 0 {
							vb.rune(r)
							i += n
							continue
						}
					}
					vb.byte(s[i])
					i++
				}
				if i >= len(s) {
					return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
				}
				i++
				val = string(vb.out)
			} else {
				k := i
				for k < len(s) && (isTagChar(s[k]) || s[k] == '.') {
					k++
				}
				if k < len(s) && !isSpace(s[k]) && s[k] != '>' {
					return "", nil, fmt.Errorf("Unexpected end of name token at byte offset %d", i)
				}
				val = strings.ToLower(s[i:k])
				i = k
			}
			switch {
			case name == "a" && attr == "href":
				tag.arg = val
			case name == "code" && attr == "class" && strings.HasPrefix(val, "language-"):
				tag.arg = val[len("language-"):]
			case name == "span" && attr == "class" && strings.HasPrefix(val, "tg-"):
				tag.arg = val[len("tg-"):]
			case name == "tg-emoji" && attr == "emoji-id":
				tag.arg = val
			}
		}
		i++ // the '>'
		if name == "span" && tag.arg != "spoiler" {
			return "", nil, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
		}
		stack = append(stack, tag)
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	for i := range ents {
		if ents[i].Type == "code" {
			ents[i].Language = "" // only a <pre> keeps its <code>'s language
		}
	}
	return string(b.out), ents, nil
}

// htmlEntityFor appends the entity a closed tag makes; an <a> without href
// makes none.
func htmlEntityFor(ents []entity, t htmlTag, end int) []entity {
	e := entity{Offset: t.off, Length: end - t.off}
	switch t.name {
	case "b", "strong":
		e.Type = "bold"
	case "i", "em":
		e.Type = "italic"
	case "u", "ins":
		e.Type = "underline"
	case "s", "strike", "del":
		e.Type = "strikethrough"
	case "tg-spoiler", "span":
		e.Type = "spoiler"
	case "code":
		e.Type = "code"
		e.Language = t.arg // kept for a surrounding <pre>, dropped below
	case "pre":
		e.Type = "pre"
		// <pre><code class="language-go"> is one pre entity with a language.
		if n := len(ents); n > 0 && ents[n-1].Type == "code" && ents[n-1].Offset == e.Offset && ents[n-1].Length == e.Length {
			e.Language = ents[n-1].Language
			ents = ents[:n-1]
		}
	case "blockquote":
		e.Type = "blockquote"
		if t.expand {
			e.Type = "expandable_blockquote"
		}
	case "a":
		e.Type = "text_link"
		e.URL = t.arg
		if e.URL == "" {
			return ents
		}
	case "tg-emoji":
		e.Type = "custom_emoji"
		e.CustomEmojiID = t.arg
	default:
		return ents
	}
	return append(ents, e)
}

// htmlEntity decodes &lt; &gt; &amp; &quot; and numeric references at the
// start of s; n is 0 when there is none, and the '&' is then literal.
func htmlEntity(s string) (r rune, n int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "quot":
		return '"', end + 1
	}
	if name[0] != '#' {
		return 0, 0
	}
	var v uint64
	var err error
	if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
		v, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		v, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || v == 0 || v > utf8.MaxRune {
		return 0, 0
	}
	return rune(v), end + 1
}
