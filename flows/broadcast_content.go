package flows

import (
	"encoding/json"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"ikmbot"
)

// sbContent is what a broadcast says, as its text step stores it: JSON,
// so one answer holds the formatted text and an attachment.
type sbContent struct {
	Plain string `json:"t"`           // the text without formatting, for the summary
	HTML  string `json:"h"`           // the text with its formatting, as Telegram HTML
	Photo string `json:"p,omitempty"` // file_id of the photo the text is the caption of
	Doc   string `json:"d,omitempty"` // file_id of the document the text is the caption of
	Name  string `json:"n,omitempty"` // the document's file name
}

// sbCaptionMax is Telegram's limit on a photo's or document's caption, in
// UTF-16 code units as Telegram counts.
const sbCaptionMax = 1024

// sbParseContent takes the announcement as staff wrote it: text with
// Telegram's own formatting (bold, italic, links…), or a photo or a
// document (a PDF leaflet) with a caption, which may be empty. Only white
// space around the text goes.
func sbParseContent(ev ikmbot.Event) (string, *Problem) {
	c := sbContent{Plain: strings.TrimSpace(ev.Text), HTML: strings.TrimSpace(ev.HTML)}
	if c.HTML == "" {
		c.HTML = Escape(c.Plain)
	}
	switch {
	case ev.PhotoID != "":
		c.Photo = ev.PhotoID
	case ev.DocumentID != "":
		c.Doc, c.Name = ev.DocumentID, ev.DocumentName
	case ev.Kind != ikmbot.EventText:
		// A sticker, voice note, location…: nothing to send on.
		return "", &Problem{Key: SbErrMedia}
	}
	if c.Photo != "" || c.Doc != "" {
		if n := len(utf16.Encode([]rune(c.Plain))); n > sbCaptionMax {
			return "", &Problem{Key: SbErrCaptionLong, Args: []any{sbCaptionMax}}
		}
	} else {
		switch n := utf8.RuneCountInString(c.Plain); {
		case n < sbTextMin:
			return "", &Problem{Key: SbErrShort, Args: []any{sbTextMin}}
		case n > sbTextMax:
			return "", &Problem{Key: ErrTooLong, Args: []any{sbTextMax}}
		}
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return "", &Problem{Key: MsgUnreadable}
	}
	return string(raw), nil
}

// sbDecodeContent reads a stored text answer. An answer that is not JSON
// is plain text, as the first version of the flow stored it.
func sbDecodeContent(v string) sbContent {
	var c sbContent
	if !strings.HasPrefix(v, "{") || json.Unmarshal([]byte(v), &c) != nil {
		return sbContent{Plain: v, HTML: Escape(v)}
	}
	return c
}

// sbShowText is the announcement on the summary: what is attached, and
// its text without formatting, shortened when long (the preview that
// follows shows all of it).
func sbShowText(lang, v string) string {
	c := sbDecodeContent(v)
	text := c.Plain
	if utf8.RuneCountInString(text) > sbSummaryMax {
		text = strings.TrimSpace(string([]rune(text)[:sbSummaryMax])) + "…"
	}
	var lead string
	switch {
	case c.Photo != "":
		lead = T(lang, SbAttachedPhoto)
	case c.Doc != "":
		lead = T(lang, SbAttachedDoc, c.Name)
	}
	if lead == "" || text == "" {
		return lead + text
	}
	return lead + "\n" + text
}

// broadcastMessage is the message every recipient gets: the formatted
// text, or the photo or document with it as the caption.
func broadcastMessage(v string) ikmbot.Message {
	c := sbDecodeContent(v)
	m := ikmbot.Message{Text: c.HTML}
	switch {
	case c.Photo != "":
		m.Photo = &ikmbot.File{ID: c.Photo}
	case c.Doc != "":
		m.Document = &ikmbot.File{ID: c.Doc, Name: c.Name}
	}
	return m
}
