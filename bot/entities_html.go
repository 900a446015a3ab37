package bot

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// entitiesHTML rewrites a text (or caption) and its entities as Telegram
// HTML, so what a user formatted in their app can be sent on with
// parse_mode HTML as they wrote it. The text is escaped (<, >, &); the
// formatting entities become tags. Entities Telegram finds by itself (url,
// mention, hashtag, bot_command, email, phone_number, cashtag) stay plain
// text, as do custom emoji (shown as their fallback emoji), date_time and
// types not known here.
//
// Telegram sends entities nested, outer (longer) first where two start
// together. Entities that overlap without nesting, which Telegram should
// not send, are split so the tags still nest. Entities outside the text, or
// empty, are ignored; an edge inside a surrogate pair moves to the end of
// that character. Offsets and lengths count UTF-16 code units.
func entitiesHTML(text string, ents []entity) string {
	spans := htmlSpans(text, ents)
	if len(spans) == 0 {
		return escapeHTML(text)
	}
	var b strings.Builder
	b.Grow(len(text) + 24*len(spans))
	var buf [8]int
	stack := buf[:0] // indices of the open spans, outermost first
	pos, next := 0, 0
	for next < len(spans) || len(stack) > 0 {
		// The next place where a span opens or closes.
		p := len(text)
		if next < len(spans) {
			p = spans[next].start
		}
		for _, k := range stack {
			p = min(p, spans[k].end)
		}
		escapeTo(&b, text[pos:p], false)
		pos = p
		// Close what ends here, with everything opened inside it; reopen
		// those that go on (only overlapping spans do).
		if low := slices.IndexFunc(stack, func(k int) bool { return spans[k].end == p }); low >= 0 {
			for i := len(stack) - 1; i >= low; i-- {
				b.WriteString(closeTag(spans[stack[i]].e))
			}
			kept := stack[:low]
			for _, k := range stack[low:] {
				if spans[k].end > p {
					writeOpenTag(&b, spans[k].e)
					kept = append(kept, k)
				}
			}
			stack = kept
		}
		for next < len(spans) && spans[next].start == p {
			writeOpenTag(&b, spans[next].e)
			stack = append(stack, next)
			next++
		}
	}
	escapeTo(&b, text[pos:], false)
	return b.String()
}

// htmlSpan is an entity that becomes tags, with byte offsets into the text.
type htmlSpan struct {
	start, end int
	e          *entity
}

// htmlSpans keeps the entities that become tags and lie inside the text,
// converts their UTF-16 offsets to byte offsets and sorts them outer
// first: by start, then longest first, else in Telegram's order.
func htmlSpans(text string, ents []entity) []htmlSpan {
	var spans []htmlSpan
	n16 := -1
	for i := range ents {
		e := &ents[i]
		if closeTag(e) == "" {
			continue
		}
		if n16 < 0 {
			n16 = utf16Len(text)
		}
		if e.Offset < 0 || e.Length <= 0 || e.Offset > n16 || e.Length > n16-e.Offset {
			continue
		}
		if spans == nil {
			spans = make([]htmlSpan, 0, len(ents)-i)
		}
		spans = append(spans, htmlSpan{start: e.Offset, end: e.Offset + e.Length, e: e})
	}
	if len(spans) == 0 {
		return nil
	}
	// One pass over the text turns every UTF-16 edge into a byte offset.
	var buf [16]*int
	edges := buf[:0]
	for i := range spans {
		edges = append(edges, &spans[i].start, &spans[i].end)
	}
	slices.SortFunc(edges, func(a, b *int) int { return cmp.Compare(*a, *b) })
	j, u := 0, 0
	for i, r := range text {
		for ; j < len(edges) && *edges[j] <= u; j++ {
			*edges[j] = i
		}
		u += runeLen16(r)
	}
	for ; j < len(edges); j++ {
		*edges[j] = len(text)
	}
	// An entity inside one surrogate pair is empty now.
	spans = slices.DeleteFunc(spans, func(s htmlSpan) bool { return s.start >= s.end })
	slices.SortStableFunc(spans, func(a, b htmlSpan) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	return spans
}

// closeTag is the end tag of an entity, "" for one that stays plain text.
func closeTag(e *entity) string {
	switch e.Type {
	case "bold":
		return "</b>"
	case "italic":
		return "</i>"
	case "underline":
		return "</u>"
	case "strikethrough":
		return "</s>"
	case "spoiler":
		return "</tg-spoiler>"
	case "code":
		return "</code>"
	case "pre":
		if e.Language != "" {
			return "</code></pre>"
		}
		return "</pre>"
	case "text_link":
		if e.URL != "" {
			return "</a>"
		}
	case "text_mention":
		if e.User != nil && e.User.ID > 0 {
			return "</a>"
		}
	case "blockquote", "expandable_blockquote":
		return "</blockquote>"
	}
	return ""
}

// writeOpenTag writes the start tag of an entity closeTag has one for.
func writeOpenTag(b *strings.Builder, e *entity) {
	switch e.Type {
	case "pre":
		if e.Language == "" {
			b.WriteString("<pre>")
			return
		}
		b.WriteString(`<pre><code class="language-`)
		escapeTo(b, e.Language, true)
		b.WriteString(`">`)
	case "text_link":
		b.WriteString(`<a href="`)
		escapeTo(b, e.URL, true)
		b.WriteString(`">`)
	case "text_mention":
		b.WriteString(`<a href="tg://user?id=`)
		b.WriteString(strconv.FormatInt(e.User.ID, 10))
		b.WriteString(`">`)
	case "expandable_blockquote":
		b.WriteString("<blockquote expandable>")
	default:
		// The other start tags are the end tags without the slash.
		c := closeTag(e)
		b.WriteByte('<')
		b.WriteString(c[2:])
	}
}

// utf16Len is the length of s in UTF-16 code units, as Telegram counts.
// An invalid byte counts as one unit, as range reads it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += runeLen16(r)
	}
	return n
}

func runeLen16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// escapeHTML escapes text for parse_mode HTML; s itself when nothing needs
// it, which is most messages.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	escapeTo(&b, s, false)
	return b.String()
}

// escapeTo writes s with <, > and & escaped, and " too in an attribute.
func escapeTo(b *strings.Builder, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			if !attr {
				continue
			}
			esc = "&quot;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
