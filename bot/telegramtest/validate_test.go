package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type rawResult struct {
	status int
	OK     bool   `json:"ok"`
	Code   int    `json:"error_code"`
	Desc   string `json:"description"`
}

// call sends one raw request: form params, plus a JSON body when body is
// set, plus multipart file parts when files is set.
func call(t *testing.T, s *Server, method, query string, form url.Values, body string, files map[string]string) rawResult {
	t.Helper()
	u := s.URL() + "/bot" + Token + "/" + method
	if query != "" {
		u += "?" + query
	}
	var req *http.Request
	var err error
	switch {
	case files != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range form {
			mw.WriteField(k, vs[0])
		}
		for name, content := range files {
			w, _ := mw.CreateFormFile(name, name+".bin")
			io.WriteString(w, content)
		}
		mw.Close()
		req, err = http.NewRequest(http.MethodPost, u, &buf)
		if err == nil {
			req.Header.Set("Content-Type", mw.FormDataContentType())
		}
	case body != "":
		req, err = http.NewRequest(http.MethodPost, u, strings.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
	default:
		req, err = http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r rawResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: body %q: %v", method, b, err)
	}
	r.status = resp.StatusCode
	if r.OK == (r.status != 200) || (!r.OK && r.Code != r.status) {
		t.Errorf("%s: HTTP %d with ok=%v error_code=%d; want them to agree", method, r.status, r.OK, r.Code)
	}
	return r
}

func kb(buttons string) string { return `{"inline_keyboard":[[` + buttons + `]]}` }

func TestValidation(t *testing.T) {
	long := strings.Repeat("a", 4097)
	emoji := strings.Repeat("😀", 2049) // 4098 UTF-16 units, 2049 runes
	data65 := strings.Repeat("x", 65)
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf(`{"command":"c%d","description":"d"}`, i)
	}
	tests := []struct {
		name       string
		method     string
		query      string
		form       url.Values
		body       string
		files      map[string]string
		wantStatus int
		wantDesc   string // substring; "" skips
		wantReport string // substring of a report; "" wants none
	}{
		{name: "valid", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}}, wantStatus: 200},
		{name: "method case", method: "SENDMESSAGE", form: url.Values{"chat_id": {"1"}, "text": {"hi"}}, wantStatus: 200},
		{name: "null entities", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "entities": {"null"}}, wantStatus: 200},
		{name: "unknown param", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "bogus": {"1"}},
			wantStatus: 200, wantReport: `unknown parameter "bogus"`},
		{name: "unknown method", method: "sendMesage", form: url.Values{"chat_id": {"1"}},
			wantStatus: 404, wantDesc: "Not Found: method not found", wantReport: `unknown method "sendMesage"`},
		{name: "unimplemented", method: "getChat", form: url.Values{"chat_id": {"1"}},
			wantStatus: 501, wantReport: "not implemented"},
		{name: "legacy method name", method: "getChatMembersCount", form: url.Values{"chat_id": {"1"}},
			wantStatus: 501, wantReport: "getChatMembersCount: not implemented"},
		{name: "missing text", method: "sendMessage", form: url.Values{"chat_id": {"1"}},
			wantStatus: 400, wantDesc: "Bad Request: message text is empty", wantReport: `missing required parameter "text"`},
		{name: "missing chat", method: "sendMessage", form: url.Values{"text": {"hi"}},
			wantStatus: 400, wantDesc: "Bad Request: chat_id is empty", wantReport: "chat_id"},
		{name: "blank text", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {" \n "}},
			wantStatus: 400, wantDesc: "Bad Request: message text is empty", wantReport: "empty"},
		{name: "text too long", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {long}},
			wantStatus: 400, wantDesc: "Bad Request: message is too long", wantReport: "4097"},
		{name: "text too long in UTF-16", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {emoji}},
			wantStatus: 400, wantDesc: "Bad Request: message is too long", wantReport: "4098"},
		{name: "editMessageText needs text", method: "editMessageText", form: url.Values{"chat_id": {"1"}, "message_id": {"2"}},
			wantStatus: 400, wantDesc: "message text is empty", wantReport: `"text"`},
		{name: "integer", method: "deleteMessage", form: url.Values{"chat_id": {"1"}, "message_id": {"abc"}},
			wantStatus: 400, wantReport: "is not Integer"},
		{name: "boolean", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "disable_notification": {"maybe"}},
			wantStatus: 400, wantReport: "is not Boolean"},
		{name: "callback_data 64 bytes", method: "sendMessage",
			form:       url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {kb(`{"text":"a","callback_data":"` + data65[:64] + `"}`)}},
			wantStatus: 200},
		{name: "callback_data 65 bytes", method: "sendMessage",
			form:       url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {kb(`{"text":"a","callback_data":"` + data65 + `"}`)}},
			wantStatus: 400, wantDesc: "Bad Request: BUTTON_DATA_INVALID", wantReport: "65 bytes"},
		{name: "unknown key in button", method: "sendMessage",
			form:       url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {kb(`{"text":"a","callback_data":"b","colour":"red"}`)}},
			wantStatus: 200, wantReport: `unknown field "colour"`},
		{name: "button without action", method: "sendMessage",
			form:       url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {kb(`{"text":"a"}`)}},
			wantStatus: 400, wantDesc: "text buttons are unallowed", wantReport: "no action"},
		{name: "markup not JSON", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {"{"}},
			wantStatus: 400, wantReport: "not JSON"},
		{name: "markup of no known shape", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {`{"keys":[]}`}},
			wantStatus: 400, wantReport: "lacks required field"},
		{name: "legacy reply_to_message_id", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_to_message_id": {"1"}},
			wantStatus: 200},
		{name: "reply to missing message", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_to_message_id": {"999"}},
			wantStatus: 400, wantDesc: "Bad Request: message to be replied not found"},
		{name: "reply to missing message allowed", method: "sendMessage",
			form:       url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_to_message_id": {"999"}, "allow_sending_without_reply": {"true"}},
			wantStatus: 200},
		{name: "answer text 201", method: "answerCallbackQuery", form: url.Values{"callback_query_id": {"1"}, "text": {long[:201]}},
			wantStatus: 400, wantDesc: "MESSAGE_TOO_LONG", wantReport: "201 characters"},
		{name: "command upper case", method: "setMyCommands", form: url.Values{"commands": {`[{"command":"Start","description":"d"}]`}},
			wantStatus: 400, wantDesc: "BOT_COMMAND_INVALID", wantReport: `"Start"`},
		{name: "command empty description", method: "setMyCommands", form: url.Values{"commands": {`[{"command":"start","description":""}]`}},
			wantStatus: 400, wantDesc: "BOT_COMMAND_DESCRIPTION_INVALID", wantReport: "description"},
		{name: "101 commands", method: "setMyCommands", form: url.Values{"commands": {"[" + strings.Join(tooMany, ",") + "]"}},
			wantStatus: 400, wantDesc: "BOT_COMMANDS_TOO_MUCH", wantReport: "101"},
		{name: "unknown scope", method: "setMyCommands",
			form:       url.Values{"commands": {`[{"command":"start","description":"d"}]`}, "scope": {`{"type":"everyone"}`}},
			wantStatus: 400, wantReport: `type "everyone" is not a kind of BotCommandScope`},
		{name: "scope missing chat_id", method: "setMyCommands",
			form:       url.Values{"commands": {`[{"command":"start","description":"d"}]`}, "scope": {`{"type":"chat"}`}},
			wantStatus: 400, wantReport: `lacks required field "chat_id"`},
		{name: "html error", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"<b>x"}, "parse_mode": {"HTML"}},
			wantStatus: 400, wantDesc: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`, wantReport: "can't parse entities"},
		{name: "markdownv2 reserved", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"Harga 5.000"}, "parse_mode": {"MarkdownV2"}},
			wantStatus: 400, wantDesc: "Character '.' is reserved", wantReport: "reserved"},
		{name: "bad parse_mode", method: "sendMessage", form: url.Values{"chat_id": {"1"}, "text": {"hi"}, "parse_mode": {"BBCode"}},
			wantStatus: 400, wantDesc: "Bad Request: unsupported parse_mode", wantReport: "parse_mode"},
		{name: "chat action", method: "sendChatAction", form: url.Values{"chat_id": {"1"}, "action": {"dancing"}},
			wantStatus: 400, wantReport: `"dancing"`},
		{name: "no document", method: "sendDocument", form: url.Values{"chat_id": {"1"}},
			wantStatus: 400, wantDesc: "Bad Request: there is no document in the request", wantReport: `"document"`},
		{name: "attach to missing part", method: "sendDocument", form: url.Values{"chat_id": {"1"}, "document": {"attach://nope"}},
			files: map[string]string{"other": "x"}, wantStatus: 400, wantReport: "names no file part"},
		{name: "attach to a part", method: "sendDocument", form: url.Values{"chat_id": {"1"}, "document": {"attach://f"}},
			files: map[string]string{"f": "x"}, wantStatus: 200},
		{name: "stray file part", method: "sendDocument", form: url.Values{"chat_id": {"1"}},
			files: map[string]string{"document": "x", "junk": "y"}, wantStatus: 200, wantReport: `unknown file part "junk"`},
		{name: "file part for a string param", method: "sendMessage", form: url.Values{"chat_id": {"1"}},
			files: map[string]string{"text": "x"}, wantStatus: 400, wantReport: "file upload"},
		{name: "json body", method: "sendMessage",
			body:       `{"chat_id":1,"text":"hi","disable_notification":true,"reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]},"entities":null}`,
			wantStatus: 200},
		{name: "query string", method: "sendMessage", query: "chat_id=1", form: url.Values{"text": {"hi"}}, wantStatus: 200},
		{name: "negative offset", method: "getUpdates", form: url.Values{"offset": {"-1"}, "allowed_updates": {"null"}}, wantStatus: 200},
		{name: "allowed_updates list", method: "getUpdates", form: url.Values{"allowed_updates": {`["message","callback_query"]`}}, wantStatus: 200},
		{name: "allowed_updates wrong type", method: "getUpdates", form: url.Values{"allowed_updates": {`["message",1]`}},
			wantStatus: 400, wantReport: "want String, got number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rec := newRecorded(t)
			s.UserSends(1, "hi")
			got := call(t, s, tt.method, tt.query, tt.form, tt.body, tt.files)
			if got.status != tt.wantStatus {
				t.Errorf("status = %d (%s), want %d", got.status, got.Desc, tt.wantStatus)
			}
			if tt.wantDesc != "" && !strings.Contains(got.Desc, tt.wantDesc) {
				t.Errorf("description = %q, want it to contain %q", got.Desc, tt.wantDesc)
			}
			reports := rec.take()
			switch {
			case tt.wantReport == "" && len(reports) > 0:
				t.Errorf("reports = %q, want none", reports)
			case tt.wantReport != "" && !containsAny(reports, tt.wantReport):
				t.Errorf("reports = %q, want one containing %q", reports, tt.wantReport)
			}
		})
	}
}

func TestRouting(t *testing.T) {
	s, rec := newRecorded(t)
	tests := []struct {
		path       string
		wantStatus int
		wantDesc   string
	}{
		{"/bot" + Token + "/getMe", 200, ""},
		{"/bot" + Token + "/getme", 200, ""},
		{"/bot123456:wrong/getMe", 401, "Unauthorized"},
		{"/botnocolon/getMe", 401, "Unauthorized: invalid token specified"},
		{"/elsewhere", 404, "Not Found"},
		{"/bot" + Token + "/", 404, "Not Found"},
	}
	for _, tt := range tests {
		resp, err := http.Get(s.URL() + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		var r rawResult
		json.NewDecoder(resp.Body).Decode(&r)
		resp.Body.Close()
		if resp.StatusCode != tt.wantStatus || r.Desc != tt.wantDesc {
			t.Errorf("GET %s = %d %q, want %d %q", tt.path, resp.StatusCode, r.Desc, tt.wantStatus, tt.wantDesc)
		}
	}
	if got := rec.take(); len(got) > 0 {
		t.Errorf("reports = %q, want none for routing errors", got)
	}
	if got := s.Stats(); got != int64(len(tests)) {
		t.Errorf("Stats = %d, want %d", got, len(tests))
	}
}

func TestLegacyParamsWarn(t *testing.T) {
	var warned []string
	rec := &recorder{}
	s := NewWithOptions(t, Options{Report: rec.Report, Warn: func(f string, a ...any) { warned = append(warned, fmt.Sprintf(f, a...)) }})
	s.UserSends(1, "hi")
	call(t, s, "sendMessage", "", url.Values{"chat_id": {"1"}, "text": {"hi"}, "disable_web_page_preview": {"true"}}, "", nil)
	if len(warned) != 1 || !strings.Contains(warned[0], "disable_web_page_preview") {
		t.Errorf("warnings = %q, want one naming disable_web_page_preview", warned)
	}
	if got := rec.take(); len(got) > 0 {
		t.Errorf("reports = %q, want none for a legacy param", got)
	}
}

func TestCheckResult(t *testing.T) {
	sp, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, result string
		want           string // substring of a problem; "" wants none
	}{
		{"sendMessage", `{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"x"}`, ""},
		{"sendMessage", `{"message_id":1}`, `lacks required field "date"`},
		{"sendMessage", `{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"colour":1}`, `unknown field "colour"`},
		{"sendMessage", `{"message_id":"1","date":1,"chat":{"id":1,"type":"private"}}`, "want Integer, got string"},
		{"editMessageText", `true`, ""},
		{"getMe", `{"id":1,"is_bot":true}`, `"first_name"`},
		{"getUpdates", `[{"update_id":1,"callback_query":{"id":"1","from":{"id":1,"is_bot":false,"first_name":"a"},"chat_instance":"1","message":{"chat":{"id":1,"type":"private"},"message_id":3,"date":0}}}]`, ""},
	}
	for _, tt := range tests {
		got := checkResult(sp.method(tt.method), []byte(tt.result))
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s %s: problems %q, want none", tt.method, tt.result, got)
		case tt.want != "" && !containsAny(got, tt.want):
			t.Errorf("%s %s: problems %q, want one containing %q", tt.method, tt.result, got, tt.want)
		}
	}
}
