package telegramtest

import (
	"encoding/json"
)

type markupKind uint8

const (
	markupNone markupKind = iota
	markupInline
	markupReply
	markupRemove
	markupForce
)

// markup is a reply_markup param after validation.
type markup struct {
	kind     markupKind
	buttons  [][]Button
	inline   []byte // canonical JSON of an inline keyboard, echoed in results
	keyboard [][]KeyButton
	oneTime  bool
}

// inlineActions are the InlineKeyboardButton fields that give a button
// something to do; Telegram refuses a button with none.
var inlineActions = []string{
	"url", "callback_data", "web_app", "login_url", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
	"copy_text", "callback_game", "pay",
}

// parseMarkup reads the decoded reply_markup the validator already
// checked against the spec; it adds the checks the spec only states in
// prose. The string is a 400 description, with the problem for Report.
func parseMarkup(v any, button *typeSpec) (markup, string, string) {
	obj, _ := v.(map[string]any)
	if obj == nil {
		return markup{}, "", ""
	}
	switch {
	case obj["inline_keyboard"] != nil:
		rows, _ := obj["inline_keyboard"].([]any)
		var m markup
		// echo is the keyboard as Telegram returns it: known fields only.
		echo := make([][]map[string]any, 0, len(rows))
		for _, r := range rows {
			row, _ := r.([]any)
			var out []Button
			var echoRow []map[string]any
			for _, b := range row {
				bo, _ := b.(map[string]any)
				known := make(map[string]any, len(bo))
				for k, v := range bo {
					if button.byName[k] != nil && v != nil {
						known[k] = v
					}
				}
				echoRow = append(echoRow, known)
				action := false
				for _, k := range inlineActions {
					if _, ok := bo[k]; ok {
						action = true
						break
					}
				}
				if !action {
					return markup{}, "Bad Request: text buttons are unallowed in the inline keyboard",
						"inline keyboard button " + quote(str(bo["text"])) + " has no action (callback_data, url, ...)"
				}
				out = append(out, Button{Text: str(bo["text"]), Data: str(bo["callback_data"]), URL: str(bo["url"])})
			}
			if len(out) > 0 {
				m.buttons = append(m.buttons, out)
				echo = append(echo, echoRow)
			}
		}
		if len(m.buttons) == 0 {
			// An empty inline keyboard is no keyboard.
			return markup{}, "", ""
		}
		m.kind = markupInline
		// Marshalling maps sorts the keys, so equal keyboards give equal
		// bytes.
		m.inline, _ = json.Marshal(map[string]any{"inline_keyboard": echo})
		return m, "", ""
	case obj["keyboard"] != nil:
		rows, _ := obj["keyboard"].([]any)
		m := markup{kind: markupReply}
		m.oneTime, _ = obj["one_time_keyboard"].(bool)
		for _, r := range rows {
			row, _ := r.([]any)
			var out []KeyButton
			for _, b := range row {
				bo, _ := b.(map[string]any)
				contact, _ := bo["request_contact"].(bool)
				out = append(out, KeyButton{Text: str(bo["text"]), RequestContact: contact})
			}
			if len(out) > 0 {
				m.keyboard = append(m.keyboard, out)
			}
		}
		if len(m.keyboard) == 0 {
			return markup{}, "", ""
		}
		return m, "", ""
	case obj["remove_keyboard"] != nil:
		return markup{kind: markupRemove}, "", ""
	case obj["force_reply"] != nil:
		return markup{kind: markupForce}, "", ""
	}
	return markup{}, "", ""
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
