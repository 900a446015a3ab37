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

// addTexts merges a feature's texts (kept in their own files, so that
// features grow the catalog without touching each other's files) into the
// catalog of one language. A key defined twice is a programming error.
func addTexts(catalog, texts map[Key]string) {
	for k, v := range texts {
		if _, dup := catalog[k]; dup {
			panic("flows: catalog key " + string(k) + " defined twice")
		}
		catalog[k] = v
	}
}

// Languages the catalog speaks, default first.
var Languages = []string{"id", "en"}
