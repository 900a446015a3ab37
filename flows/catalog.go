package flows

import (
	"fmt"
	"html"
)

// Key names a text of the message catalog.
type Key string

// T returns the text for key in lang ("en", or Indonesian for anything
// else), formatted with args. A key missing from English falls back to
// Indonesian; a key missing from both shows itself, which a test forbids.
func T(lang string, key Key, args ...any) string {
	text, ok := "", false
	if lang == "en" {
		text, ok = english[key]
	}
	if !ok {
		text, ok = indonesian[key]
	}
	if !ok {
		text = string(key)
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// Escape makes text a user typed safe to put into an HTML message.
func Escape(s string) string { return html.EscapeString(s) }

// Languages the catalog speaks, default first.
var Languages = []string{"id", "en"}
