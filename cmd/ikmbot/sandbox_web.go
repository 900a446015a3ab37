package main

// The sandbox page's side: the embedded page and the small JSON API it
// drives. The API acts only as a Telegram user would, through the fake's
// user helpers (UserSends, UserPressed, UserTapsKeyboard), and reads what
// the user would see (Transcript, ReplyKeyboard, Commands); the bot cannot
// tell it from Telegram.

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"ikmbot/bot/telegramtest"
)

//go:embed sandbox
var sandboxFiles embed.FS

// handler serves the page, its API and the fake Bot API.
func (sb *sandbox) handler() http.Handler {
	static, _ := fs.Sub(sandboxFiles, "sandbox") // the directory is embedded: cannot fail
	mux := http.NewServeMux()
	mux.Handle("/bot"+telegramtest.Token+"/", botOnly(sb.tg.Handler()))
	mux.Handle("/", http.FileServerFS(static))
	mux.HandleFunc("GET /api/personas", sb.apiPersonas)
	mux.HandleFunc("GET /api/state", sb.apiState)
	mux.HandleFunc("GET /api/file", sb.apiFile)
	mux.HandleFunc("POST /api/send", sb.apiSend)
	mux.HandleFunc("POST /api/press", sb.apiPress)
	mux.HandleFunc("POST /api/keyboard", sb.apiKeyboard)
	mux.HandleFunc("POST /api/clock", sb.apiClock)
	return localOnly(mux)
}

// localOnly answers only requests addressed to this machine by name or
// loopback address: a web page that points its own host name at 127.0.0.1
// (DNS rebinding) cannot drive the sandbox from the reader's browser.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if ip := net.ParseIP(strings.Trim(host, "[]")); host != "localhost" && (ip == nil || !ip.IsLoopback() && !isLocalAddr(ip)) {
			http.Error(w, "the sandbox answers only on this machine's own addresses", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isLocalAddr reports whether ip is one of this machine's addresses (the
// page opened at a LAN address given in SANDBOX_ADDR).
func isLocalAddr(ip net.IP) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// botOnly lets only the bot reach the fake Bot API: requests from this
// machine that no browser sent. A browser says where a request comes from
// (Origin, Sec-Fetch-Site); the bot's HTTP client never does. Without
// this, any page in the reader's browser could post into the chats with
// the fake's well-known token, or read the bot's updates.
func botOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		if err != nil || ip == nil || !ip.IsLoopback() || r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "" {
			http.Error(w, "only the sandbox's bot may call the fake Bot API", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// apiError is an API failure the page shows as it is.
type apiError struct {
	code int
	msg  string
}

func (e *apiError) Error() string { return e.msg }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

func writeAPIError(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	var ae *apiError
	if errors.As(err, &ae) {
		code = ae.code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

// decode reads a POST's JSON body into v. Requiring the JSON content type
// keeps other web sites from driving the sandbox with a plain form post.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return &apiError{http.StatusUnsupportedMediaType, "send JSON (Content-Type: application/json)"}
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(v); err != nil {
		return &apiError{http.StatusBadRequest, "unreadable JSON: " + err.Error()}
	}
	return nil
}

// personaIn is the persona field of the page's POSTs, embedded in each.
type personaIn struct{ Persona string }

func (p personaIn) personaKey() string { return p.Persona }

// readPersona decodes a POST's JSON body into in and finds its persona;
// when either fails it has answered the page and ok is false.
func readPersona(w http.ResponseWriter, r *http.Request, in interface{ personaKey() string }) (persona, bool) {
	if err := decode(w, r, in); err != nil {
		writeAPIError(w, err)
		return persona{}, false
	}
	p, err := lookupPersona(in.personaKey())
	if err != nil {
		writeAPIError(w, err)
		return persona{}, false
	}
	return p, true
}

func lookupPersona(key string) (persona, error) {
	p, ok := personaByKey(key)
	if !ok {
		return p, &apiError{http.StatusNotFound, fmt.Sprintf("no persona %q", key)}
	}
	return p, nil
}

func (sb *sandbox) apiPersonas(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{"personas": personas, "in_memory": sb.mini != nil})
}

// stateJSON is what one persona sees: the chat, the reply keyboard and
// the command menu, with the bot's clock.
type stateJSON struct {
	Persona  string         `json:"persona"`
	Now      time.Time      `json:"now"`
	NowText  string         `json:"now_text"`
	Messages []messageJSON  `json:"messages"`
	Keyboard [][]keyJSON    `json:"keyboard"`
	Commands []commandJSON  `json:"commands"`
	Counts   map[string]int `json:"counts"` // bot messages per persona, for the unread badges
}

type messageJSON struct {
	ID         int            `json:"id"`
	From       string         `json:"from"` // "bot" or "user"
	Text       string         `json:"text"`
	Entities   []entityJSON   `json:"entities,omitempty"`
	Buttons    [][]buttonJSON `json:"buttons,omitempty"`
	Edited     bool           `json:"edited,omitempty"`
	Time       string         `json:"time"` // HH:MM in the bot's zone
	Day        string         `json:"day"`  // for the day separators
	Document   *fileJSON      `json:"document,omitempty"`
	Photo      *fileJSON      `json:"photo,omitempty"`
	Contact    string         `json:"contact,omitempty"`
	Attachment string         `json:"attachment,omitempty"`
}

type entityJSON struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"` // UTF-16 code units, as JavaScript strings count
	Length int    `json:"length"`
	URL    string `json:"url,omitempty"`
}

type buttonJSON struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

type keyJSON struct {
	Text    string `json:"text"`
	Contact bool   `json:"contact,omitempty"`
}

type commandJSON struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

type fileJSON struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

func (sb *sandbox) apiState(w http.ResponseWriter, r *http.Request) {
	p, err := lookupPersona(r.URL.Query().Get("persona"))
	if err != nil {
		writeAPIError(w, err)
		return
	}
	now := sb.clock.Now()
	st := stateJSON{
		Persona: p.Key, Now: now.In(sb.loc), NowText: dateText(now.In(sb.loc)),
		Messages: []messageJSON{}, Keyboard: [][]keyJSON{}, Commands: []commandJSON{},
		Counts: make(map[string]int, len(personas)),
	}
	for _, e := range sb.tg.Transcript(p.ID) {
		st.Messages = append(st.Messages, sb.messageView(p, e))
	}
	for _, row := range sb.tg.ReplyKeyboard(p.ID) {
		var out []keyJSON
		for _, b := range row {
			out = append(out, keyJSON{Text: b.Text, Contact: b.RequestContact})
		}
		st.Keyboard = append(st.Keyboard, out)
	}
	for _, c := range sb.tg.Commands(p.ID) {
		st.Commands = append(st.Commands, commandJSON{Command: c.Command, Description: c.Description})
	}
	for _, o := range personas {
		st.Counts[o.Key] = len(sb.tg.Messages(o.ID))
	}
	writeJSON(w, st)
}

func (sb *sandbox) messageView(p persona, e telegramtest.Entry) messageJSON {
	at := e.Date.In(sb.loc)
	m := messageJSON{
		ID: e.ID, From: "user", Text: e.Text, Edited: e.Edited,
		Time: at.Format("15:04"), Day: dayText(at), Contact: e.Contact, Attachment: e.Attachment,
	}
	if e.FromBot {
		m.From = "bot"
	}
	for _, en := range e.Entities {
		m.Entities = append(m.Entities, entityJSON{Type: en.Type, Offset: en.Offset, Length: en.Length, URL: en.URL})
	}
	for _, row := range e.Buttons {
		var out []buttonJSON
		for _, b := range row {
			out = append(out, buttonJSON{Text: b.Text, Data: b.Data, URL: b.URL})
		}
		m.Buttons = append(m.Buttons, out)
	}
	fileURL := "/api/file?persona=" + p.Key + "&message=" + strconv.Itoa(e.ID)
	if f := e.Document; f != nil && f.Data != nil {
		m.Document = &fileJSON{Name: f.Name, URL: fileURL}
	}
	if f := e.Photo; f != nil && f.Data != nil {
		m.Photo = &fileJSON{Name: f.Name, URL: fileURL}
	}
	return m
}

// apiFile serves the bytes the bot uploaded with a document (to save) or
// a photo (to show).
func (sb *sandbox) apiFile(w http.ResponseWriter, r *http.Request) {
	p, err := lookupPersona(r.URL.Query().Get("persona"))
	if err != nil {
		writeAPIError(w, err)
		return
	}
	id, _ := strconv.Atoi(r.URL.Query().Get("message"))
	for _, m := range sb.tg.Messages(p.ID) {
		if m.ID != id {
			continue
		}
		f, disposition := m.Document, "attachment"
		if f == nil {
			f, disposition = m.Photo, "inline"
		}
		if f == nil || f.Data == nil {
			break
		}
		ct := mime.TypeByExtension(path.Ext(f.Name))
		if ct == "" {
			ct = http.DetectContentType(f.Data)
		}
		if disposition == "inline" && !strings.HasPrefix(ct, "image/") {
			disposition = "attachment" // only pictures are shown in the page
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}))
		// A file the bot sent never runs as a page of the sandbox's origin.
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "sandbox")
		w.Write(f.Data)
		return
	}
	writeAPIError(w, &apiError{http.StatusNotFound, "no such file"})
}

// apiSend is the persona typing text and pressing send; "/cmd" works as in
// Telegram.
func (sb *sandbox) apiSend(w http.ResponseWriter, r *http.Request) {
	var in struct {
		personaIn
		Text string
	}
	p, ok := readPersona(w, r, &in)
	if !ok {
		return
	}
	text := strings.TrimSpace(in.Text)
	if text == "" || len([]rune(text)) > 4096 {
		writeAPIError(w, &apiError{http.StatusBadRequest, "type between 1 and 4096 characters"})
		return
	}
	sb.tg.UserSends(p.ID, text)
	writeJSON(w, map[string]bool{"ok": true})
}

// apiPress is the persona tapping an inline button.
func (sb *sandbox) apiPress(w http.ResponseWriter, r *http.Request) {
	var in struct {
		personaIn
		Message int
		Data    string
	}
	p, ok := readPersona(w, r, &in)
	if !ok {
		return
	}
	// Checked first so a button the bot has just edited away answers the
	// page rather than the fake's test-bug report.
	if !buttonShown(sb.tg.Messages(p.ID), in.Message, in.Data) {
		writeAPIError(w, &apiError{http.StatusConflict, "that button is no longer there"})
		return
	}
	sb.tg.UserPressed(p.ID, in.Message, in.Data)
	writeJSON(w, map[string]bool{"ok": true})
}

func buttonShown(msgs []telegramtest.Message, id int, data string) bool {
	for _, m := range msgs {
		if m.ID != id {
			continue
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data == data && data != "" {
					return true
				}
			}
		}
	}
	return false
}

// apiKeyboard is the persona tapping a reply keyboard button; the
// share-contact button shares the persona's own phone number.
func (sb *sandbox) apiKeyboard(w http.ResponseWriter, r *http.Request) {
	var in struct {
		personaIn
		Text string
	}
	p, ok := readPersona(w, r, &in)
	if !ok {
		return
	}
	if err := sb.tg.UserTapsKeyboard(p.ID, in.Text); err != nil {
		writeAPIError(w, &apiError{http.StatusConflict, "that keyboard button is no longer there"})
		return
	}
	writeJSON(w, map[string]bool{"ok": true})
}

// apiClock moves the bot's clock forward by Add (a Go duration such as
// "1h" or "168h") or to To (a date and time in the bot's zone), and
// answers once the reminders due on the way were handed to the sender.
func (sb *sandbox) apiClock(w http.ResponseWriter, r *http.Request) {
	var in struct{ Add, To string }
	if err := decode(w, r, &in); err != nil {
		writeAPIError(w, err)
		return
	}
	now := sb.clock.Now()
	var to time.Time
	switch {
	case in.Add != "":
		d, err := time.ParseDuration(in.Add)
		if err != nil || d <= 0 || d > 366*24*time.Hour {
			writeAPIError(w, &apiError{http.StatusBadRequest, fmt.Sprintf("%q is not a time to move forward by (such as 1h or 24h)", in.Add)})
			return
		}
		to = now.Add(d)
	case in.To != "":
		t, err := parseLocalTime(in.To, sb.loc)
		if err != nil {
			writeAPIError(w, &apiError{http.StatusBadRequest, fmt.Sprintf("%q is not a date and time such as 2026-12-01 09:00", in.To)})
			return
		}
		if !t.After(now) || t.Sub(now) > 366*24*time.Hour {
			writeAPIError(w, &apiError{http.StatusBadRequest, "the clock only moves forward, by at most a year"})
			return
		}
		to = t
	default:
		writeAPIError(w, &apiError{http.StatusBadRequest, "say add or to"})
		return
	}
	rep, err := sb.advance(r.Context(), to)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	at := sb.clock.Now().In(sb.loc)
	writeJSON(w, map[string]any{"now": at, "now_text": dateText(at), "ticks": rep.Ticks, "messages": rep.Messages, "deferred": rep.Deferred})
}

// parseLocalTime reads what a datetime-local input or a person types.
func parseLocalTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("unreadable time")
}

var (
	dayNames   = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
)

// dayText is a day as the page shows it: "Kamis, 27 Nov 2026".
func dayText(t time.Time) string {
	return fmt.Sprintf("%s, %d %s %d", dayNames[t.Weekday()], t.Day(), monthNames[t.Month()-1], t.Year())
}

// dateText is the bot's clock as the page shows it: "Kamis, 27 Nov 2026 20:45 WIB".
func dateText(t time.Time) string {
	zone, _ := t.Zone()
	return dayText(t) + " " + t.Format("15:04") + " " + zone
}
