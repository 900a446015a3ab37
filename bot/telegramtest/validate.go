package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checker collects what is wrong with one request (or one result). Every
// problem is reported; those Telegram would reject also set bad, the
// description of the 400 the fake answers with. Messages are formatted only
// when something is wrong, so a valid request costs no allocation here.
type checker struct {
	method   string // prefix of every problem
	problems []string
	bad      string
	files    map[string]*upload
}

// fail records a problem Telegram answers with 400 desc.
func (c *checker) fail(desc, format string, args ...any) {
	if c.bad == "" {
		c.bad = desc
	}
	c.problems = append(c.problems, c.method+": "+fmt.Sprintf(format, args...))
}

// note records a problem Telegram silently ignores, such as an unknown
// parameter: the bot believes it did something it did not.
func (c *checker) note(format string, args ...any) {
	c.problems = append(c.problems, c.method+": "+fmt.Sprintf(format, args...))
}

// path names a place inside a JSON value; it lives on the stack and is
// turned into text only for a message.
type jsonPath struct {
	up  *jsonPath
	key string
	idx int
}

func (p *jsonPath) String() string {
	if p == nil {
		return ""
	}
	if p.key != "" {
		if p.up == nil {
			return p.key
		}
		return p.up.String() + "." + p.key
	}
	return p.up.String() + "[" + strconv.Itoa(p.idx) + "]"
}

// validate checks the request's params against the method's fields (NOTES
// §1 "Validator algorithm", steps 3-5).
func validate(rq *request, c *checker) {
	m := rq.method
	c.method, c.files = m.name, rq.files
	for k := range rq.params {
		if m.byName[k] != nil {
			continue
		}
		if m.legacy[k] {
			rq.legacy = append(rq.legacy, k)
			continue
		}
		c.note("unknown parameter %q", k)
	}
	for k := range rq.files {
		if m.byName[k] != nil {
			continue
		}
		if m.legacy[k] {
			rq.legacy = append(rq.legacy, k)
			continue
		}
		if !attached(rq.params, k) {
			c.note("unknown file part %q (not a parameter, not named by any attach://)", k)
		}
	}
	for _, f := range m.fields {
		v, has := rq.params[f.name]
		if has && f.jsonOnly && v == "null" {
			// tgbotapi sends entities=null and allowed_updates=null for
			// nil slices; srv treats the JSON null as absent.
			has = false
		}
		if fp := rq.files[f.name]; fp != nil {
			if !f.hasFile {
				c.fail(fmt.Sprintf("Bad Request: can't parse parameter %q", f.name),
					"parameter %q is a file upload but its type is %s", f.name, typesString(f.types))
			}
			continue
		}
		if !has || (v == "" && !emptyAllowed(m, f)) {
			if f.required || requiredInPractice(m, f) {
				c.fail(missingDesc(m, f), "missing required parameter %q", f.name)
			}
			continue
		}
		checkParam(c, rq, f, v)
	}
}

// attached says whether some param names the file part with attach://.
func attached(params map[string]string, part string) bool {
	for _, v := range params {
		if strings.Contains(v, "attach://"+part) {
			return true
		}
	}
	return false
}

// emptyAllowed lists required params where the empty string means
// something: setWebhook with url="" removes the webhook.
func emptyAllowed(m *methodSpec, f *fieldSpec) bool {
	return m.name == "setWebhook" && f.name == "url"
}

// requiredInPractice covers "one of" pairs the spec marks optional: in 10.1
// editMessageText.text is optional because rich_message may replace it,
// but ikmbot never sends rich messages.
func requiredInPractice(m *methodSpec, f *fieldSpec) bool {
	return m.name == "editMessageText" && f.name == "text"
}

// missingDesc is srv's wording for a missing parameter.
func missingDesc(m *methodSpec, f *fieldSpec) string {
	switch {
	case f.name == "chat_id":
		return "Bad Request: chat_id is empty"
	case f.name == "text" && (m.name == "sendMessage" || m.name == "editMessageText"):
		return "Bad Request: message text is empty"
	case f.hasFile:
		return "Bad Request: there is no " + f.name + " in the request"
	}
	return fmt.Sprintf("Bad Request: Parameter %q is required", f.name)
}

func checkParam(c *checker, rq *request, f *fieldSpec, v string) {
	jsonAlt := false
	for _, t := range f.types {
		if t.depth > 0 || t.prim == primObject {
			jsonAlt = true
			continue
		}
		switch t.prim {
		case primString:
			if strings.HasPrefix(v, "attach://") && f.hasFile {
				checkAttach(c, nil, f, v)
			}
			checkLen(c, nil, f, v)
			return
		case primInteger:
			if _, err := strconv.ParseInt(v, 10, 64); err == nil {
				return
			}
		case primFloat:
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				return
			}
		case primBoolean:
			if isBool(v) {
				return
			}
		case primInputFile:
			if strings.HasPrefix(v, "attach://") {
				checkAttach(c, nil, f, v)
				return
			}
		}
	}
	desc := fmt.Sprintf("Bad Request: can't parse parameter %q", f.name)
	if !jsonAlt {
		c.fail(desc, "parameter %q: %q is not %s", f.name, v, typesString(f.types))
		return
	}
	val, err := decodeJSON(v)
	if err != nil {
		c.fail(desc, "parameter %q: not JSON: %v", f.name, err)
		return
	}
	if rq.decoded == nil {
		rq.decoded = make(map[string]any, 2)
	}
	rq.decoded[f.name] = val
	p := jsonPath{key: f.name}
	checkValue(c, &p, val, f)
}

func decodeJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after JSON value")
	}
	return v, nil
}

// isBool is stricter than srv's to_bool, which takes anything that is not
// true/yes/1 as false: a typo there would silently turn a flag off.
func isBool(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "1", "0", "yes":
		return true
	}
	return false
}

func checkAttach(c *checker, p *jsonPath, f *fieldSpec, v string) {
	name := strings.TrimPrefix(v, "attach://")
	if c.files[name] == nil {
		c.fail("Bad Request: can't parse InputFile JSON object",
			"%s: %q names no file part", describe(p, f), v)
	}
}

func describe(p *jsonPath, f *fieldSpec) string {
	if p == nil {
		return "parameter " + strconv.Quote(f.name)
	}
	return p.String()
}

// checkValue validates a decoded JSON value against a field's types; a
// union passes if any alternative does.
func checkValue(c *checker, p *jsonPath, v any, f *fieldSpec) {
	if len(f.types) == 1 {
		checkRef(c, p, v, f.types[0], f)
		return
	}
	var best *checker
	for _, t := range f.types {
		sub := checker{method: c.method, files: c.files}
		checkRef(&sub, p, v, t, f)
		if len(sub.problems) == 0 {
			return
		}
		if best == nil || closer(&sub, best) {
			best = &sub
		}
	}
	if best.bad != "" {
		c.note("%s matches none of %s; closest:", p, typesString(f.types))
	}
	c.problems = append(c.problems, best.problems...)
	if c.bad == "" {
		c.bad = best.bad
	}
}

func checkRef(c *checker, p *jsonPath, v any, t typeRef, f *fieldSpec) {
	if t.depth > 0 {
		arr, ok := v.([]any)
		if !ok {
			c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", f.name),
				"%s: want %s, got %s", p, t, jsonKind(v))
			return
		}
		elem := t
		elem.depth--
		for i, e := range arr {
			ep := jsonPath{up: p, idx: i}
			if e == nil {
				c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", f.name),
					"%s: null in an array of %s", &ep, elem)
				continue
			}
			checkRef(c, &ep, e, elem, f)
		}
		return
	}
	bad := func() {
		c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", f.name),
			"%s: want %s, got %s", p, t, jsonKind(v))
	}
	switch t.prim {
	case primString:
		s, ok := v.(string)
		if !ok {
			bad()
			return
		}
		if f.hasFile && strings.HasPrefix(s, "attach://") {
			checkAttach(c, p, f, s)
		}
		checkLen(c, p, f, s)
	case primInputFile:
		s, ok := v.(string)
		if !ok {
			bad()
			return
		}
		checkAttach(c, p, f, s)
	case primInteger:
		n, ok := v.(json.Number)
		if !ok {
			bad()
			return
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			bad()
		}
	case primFloat:
		n, ok := v.(json.Number)
		if !ok {
			bad()
			return
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			bad()
		}
	case primBoolean:
		if _, ok := v.(bool); !ok {
			bad()
		}
	case primObject:
		checkObject(c, p, v, t.obj)
	}
}

func checkObject(c *checker, p *jsonPath, v any, t *typeSpec) {
	if len(t.subtypes) > 0 {
		checkAbstract(c, p, v, t)
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", t.name),
			"%s: want %s object, got %s", p, t.name, jsonKind(v))
		return
	}
	for k, val := range obj {
		f := t.byName[k]
		if f == nil {
			c.note("%s: unknown field %q in %s", p, k, t.name)
			continue
		}
		if val == nil {
			continue
		}
		fp := jsonPath{up: p, key: k}
		checkValue(c, &fp, val, f)
	}
	for _, f := range t.fields {
		if !f.required {
			continue
		}
		if val, ok := obj[f.name]; !ok || val == nil {
			c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", t.name),
				"%s: %s lacks required field %q", p, t.name, f.name)
		}
	}
}

// checkAbstract picks the subtype of an abstract type such as
// BotCommandScope by its discriminator, or tries each subtype when the
// spec names none.
func checkAbstract(c *checker, p *jsonPath, v any, t *typeSpec) {
	if obj, ok := v.(map[string]any); ok && t.discField != "" {
		d, _ := obj[t.discField].(string)
		st := t.byDisc[d]
		if st == nil {
			c.fail(fmt.Sprintf("Bad Request: can't parse %s JSON object", t.name),
				"%s: %s %q is not a kind of %s", p, t.discField, d, t.name)
			return
		}
		checkObject(c, p, obj, st)
		return
	}
	var best *checker
	f := &fieldSpec{owner: t.name, name: p.String()}
	for _, st := range t.subtypes {
		sub := checker{method: c.method, files: c.files}
		checkRef(&sub, p, v, st, f)
		if len(sub.problems) == 0 {
			return
		}
		if best == nil || closer(&sub, best) {
			best = &sub
		}
	}
	c.problems = append(c.problems, best.problems...)
	if c.bad == "" {
		c.bad = best.bad
	}
}

// closer says whether alternative a fits better than b: problems Telegram
// ignores (unknown fields) beat ones it rejects, then fewer beat more.
func closer(a, b *checker) bool {
	if (a.bad == "") != (b.bad == "") {
		return a.bad == ""
	}
	return len(a.problems) < len(b.problems)
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func typesString(ts []typeRef) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, " or ")
}

// checkLen applies a length limit taken from the field's description.
// Limits that count "after entities parsing" are left to the handler, which
// parses first.
func checkLen(c *checker, p *jsonPath, f *fieldSpec, s string) {
	if f.unit == unitNone || f.postParse {
		return
	}
	n := len(s)
	unit := "bytes"
	if f.unit == unitChars {
		n = utf16Len(s)
		unit = "characters"
	}
	if n >= f.minLen && n <= f.maxLen {
		return
	}
	c.fail(lenDesc(f), "%s is %d %s long, want %d-%d", describe(p, f), n, unit, f.minLen, f.maxLen)
}

// lenDesc is the 400 description for a length violation: Telegram's error
// code where it is known, a plain sentence otherwise.
func lenDesc(f *fieldSpec) string {
	switch f.owner + "." + f.name {
	case "InlineKeyboardButton.callback_data":
		return "Bad Request: BUTTON_DATA_INVALID"
	case "answerCallbackQuery.text":
		return "Bad Request: MESSAGE_TOO_LONG"
	case "BotCommand.command":
		return "Bad Request: BOT_COMMAND_INVALID"
	case "BotCommand.description":
		return "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
	case "setWebhook.secret_token":
		return "Bad Request: secret token is invalid"
	}
	return fmt.Sprintf("Bad Request: parameter %q must be %d-%d long", f.name, f.minLen, f.maxLen)
}

// utf16Len counts UTF-16 code units, Telegram's "characters".
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// checkResult validates a result the fake produced against the method's
// return types (NOTES §1 step 6), so fixtures stay realistic.
func checkResult(m *methodSpec, result []byte) []string {
	v, err := decodeJSON(string(bytes.TrimSpace(result)))
	if err != nil {
		return []string{fmt.Sprintf("%s: result is not JSON: %v", m.name, err)}
	}
	c := checker{method: m.name}
	f := &fieldSpec{owner: m.name, name: "result", types: m.returns}
	p := jsonPath{key: "result"}
	checkValue(&c, &p, v, f)
	return c.problems
}
