package flows

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ParseDate reads a calendar date the way people type it in Indonesia:
// day first with dashes, slashes or dots ("17-08-2026", "17/8/26",
// "17.8.2026"), the month as a word in Indonesian or English, whole or
// short ("17 Agustus 2026", "17 agt 2026", "Aug 17, 2026"), or ISO
// ("2026-08-17"). A leading day name ("Senin, 17 Agustus 2026") is checked
// against the date. Two-digit years are read as Go reads them: 69–99 are
// 1969–1999, the rest 2000–2068; four-digit years only from dateMinYear
// to dateMaxYear (0026 or 2206 is a slip of the finger, not a date anyone
// means). p is DateNotExist for a date the calendar does not have
// (31-02-2026), DateWeekday for a day name that does not fit, and
// DateFormat for text that is not a date.
func ParseDate(text string) (y int, m time.Month, d int, p *Problem) {
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	s = strings.TrimSuffix(s, ".")
	// "tanggal 17 Agustus", "tgl. 17/8/2026"
	for _, lead := range []string{"tanggal ", "tgl. ", "tgl "} {
		s = strings.TrimPrefix(s, lead)
	}
	weekday, hasWeekday := time.Weekday(0), false
	if w, rest, ok := dateCutWeekday(s); ok {
		weekday, hasWeekday, s = w, true, rest
	}
	y, mm, d, ok := dateNumeric(s)
	if !ok {
		y, mm, d, ok = dateWords(s)
	}
	if !ok {
		return 0, 0, 0, &Problem{Key: DateFormat}
	}
	t := time.Date(y, time.Month(mm), d, 12, 0, 0, 0, time.UTC)
	if mm < 1 || mm > 12 || d < 1 || t.Day() != d {
		return 0, 0, 0, &Problem{Key: DateNotExist, Args: []any{Escape(strings.TrimSpace(text))}}
	}
	if hasWeekday && t.Weekday() != weekday {
		return 0, 0, 0, &Problem{Key: DateWeekday, Args: []any{Escape(strings.TrimSpace(text))}}
	}
	return y, time.Month(mm), d, nil
}

// dateNumericRE matches three groups of digits with a dash, slash, dot or
// space between them.
var dateNumericRE = regexp.MustCompile(`^(\d{1,4}) ?[-/. ] ?(\d{1,2}) ?[-/. ] ?(\d{1,4})$`)

// dateNumeric reads "17-08-2026", "17/8/26" and "2026-08-17"; ok is false
// when the text has another shape. Month and day are not checked here.
func dateNumeric(s string) (y, m, d int, ok bool) {
	g := dateNumericRE.FindStringSubmatch(s)
	if g == nil {
		return 0, 0, 0, false
	}
	if len(g[1]) == 4 { // ISO: year first
		if len(g[3]) > 2 {
			return 0, 0, 0, false
		}
		y, ok = dateYear(g[1])
		return y, dateAtoi(g[2]), dateAtoi(g[3]), ok
	}
	if len(g[1]) > 2 {
		return 0, 0, 0, false
	}
	y, ok = dateYear(g[3])
	return y, dateAtoi(g[2]), dateAtoi(g[1]), ok
}

// dateWords reads a date with the month as a word: day month year
// (Indonesian and British) or month day year (American).
func dateWords(s string) (y, m, d int, ok bool) {
	tokens := strings.Fields(strings.NewReplacer(",", " ", ".", " ", "-", " ", "/", " ").Replace(s))
	if len(tokens) != 3 {
		return 0, 0, 0, false
	}
	var day string
	switch {
	case dateMonthWord(tokens[1]) > 0:
		day, m = tokens[0], dateMonthWord(tokens[1])
	case dateMonthWord(tokens[0]) > 0:
		day, m = tokens[1], dateMonthWord(tokens[0])
	default:
		return 0, 0, 0, false
	}
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		day = strings.TrimSuffix(day, suffix)
	}
	if !dateDigits(day) || len(day) > 2 {
		return 0, 0, 0, false
	}
	y, ok = dateYear(tokens[2])
	return y, m, dateAtoi(day), ok
}

// The years a typed four-digit year may be.
const dateMinYear, dateMaxYear = 1900, 2199

// dateYear reads a year of four digits, or two (see ParseDate).
func dateYear(s string) (int, bool) {
	switch {
	case !dateDigits(s):
		return 0, false
	case len(s) == 4:
		y := dateAtoi(s)
		return y, y >= dateMinYear && y <= dateMaxYear
	case len(s) == 2:
		if yy := dateAtoi(s); yy < 69 {
			return 2000 + yy, true
		}
		return 1900 + dateAtoi(s), true
	}
	return 0, false
}

// dateMonthAbbrev are the short forms of month names that are not simply the
// first letters of a full name: "agt", "ags" and "nop" are common in
// Indonesian writing.
var dateMonthAbbrev = map[string]int{"agt": 8, "ags": 8, "peb": 2, "pebruari": 2, "nop": 11, "nopember": 11, "mei": 5, "may": 5}

// dateMonthWord is the month a word names (1–12), in Indonesian or English,
// whole or cut to at least three letters ("agu", "sept"); 0 when it names
// none or several.
func dateMonthWord(w string) int {
	if m, ok := dateMonthAbbrev[w]; ok {
		return m
	}
	if len(w) < 3 {
		return 0
	}
	found := 0
	for _, names := range monthNames {
		for i, name := range names {
			if strings.HasPrefix(strings.ToLower(name), w) {
				if found != 0 && found != i+1 {
					return 0
				}
				found = i + 1
			}
		}
	}
	return found
}

// dateWeekdays are day names people put before a date, in both languages.
var dateWeekdays = map[string]time.Weekday{
	"minggu": time.Sunday, "ahad": time.Sunday, "senin": time.Monday, "selasa": time.Tuesday, "rabu": time.Wednesday,
	"kamis": time.Thursday, "jumat": time.Friday, "jum'at": time.Friday, "sabtu": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// dateCutWeekday removes a leading day name ("senin, ", "hari senin ") from s.
func dateCutWeekday(s string) (time.Weekday, string, bool) {
	s = strings.TrimPrefix(s, "hari ")
	word, rest, _ := strings.Cut(s, " ")
	word = strings.TrimRight(word, ",.")
	w, ok := dateWeekdays[word]
	if !ok || rest == "" {
		return 0, s, false
	}
	return w, rest, true
}

// ParseClock reads a time of day in WIB the way people type it: "9",
// "09:00", "9.30", "14.00", "0930", "jam 9", "pukul 13.30 WIB", with
// Indonesian parts of the day ("jam 2 siang", "7 malam") or am/pm. p is
// ClockNotExist for a time the clock does not have (24.00, 9.60, "15
// pagi") and ClockFormat for text that is not a time.
func ParseClock(text string) (h, minute int, p *Problem) {
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	s = strings.TrimSuffix(s, ".")
	for _, lead := range []string{"jam ", "pukul ", "pkl. ", "pkl ", "pk. ", "pk ", "at "} {
		s = strings.TrimPrefix(s, lead)
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "wib"))
	part := ""
	for _, w := range []string{"pagi", "siang", "sore", "malam", "a.m", "p.m", "am", "pm"} {
		if rest, ok := strings.CutSuffix(s, w); ok {
			part, s = strings.ReplaceAll(w, ".", ""), strings.TrimSpace(rest)
			break
		}
	}
	g := clockRE.FindStringSubmatch(s)
	if g == nil {
		return 0, 0, &Problem{Key: ClockFormat}
	}
	notExist := &Problem{Key: ClockNotExist, Args: []any{Escape(strings.TrimSpace(text))}}
	switch {
	case g[1] != "":
		h, minute = dateAtoi(g[1]), dateAtoi(g[2])
	case g[3] != "": // "0930", "930"
		h, minute = dateAtoi(g[3][:len(g[3])-2]), dateAtoi(g[3][len(g[3])-2:])
	default:
		h = dateAtoi(g[4])
	}
	if h > 23 || minute > 59 {
		return 0, 0, notExist
	}
	if h, ok := clockPart(h, part); ok {
		return h, minute, nil
	}
	return 0, 0, notExist
}

// clockRE matches "9", "09.30", "9:30" and "0930".
var clockRE = regexp.MustCompile(`^(?:(\d{1,2})[.:](\d{2})|(\d{3,4})|(\d{1,2}))$`)

// clockPart turns an hour said with a part of the day into 0–23; ok is
// false for an hour the part does not have ("15 pagi", "13 pm").
func clockPart(h int, part string) (int, bool) {
	switch part {
	case "":
		return h, true
	case "am":
		return h % 12, h >= 1 && h <= 12
	case "pm":
		return h%12 + 12, h >= 1 && h <= 12
	case "pagi": // morning: midnight to eleven
		return h, h <= 11
	case "siang": // midday: eleven to about three
		switch {
		case h >= 1 && h <= 5:
			return h + 12, true
		case h >= 10 && h <= 15:
			return h, true
		}
	case "sore": // afternoon: three to about seven
		switch {
		case h >= 1 && h <= 7:
			return h + 12, true
		case h >= 13 && h <= 19:
			return h, true
		}
	case "malam": // evening and night: six to five in the morning
		switch {
		case h == 12:
			return 0, true
		case h >= 6 && h <= 11:
			return h + 12, true
		case h <= 5, h >= 18:
			return h, true
		}
	}
	return 0, false
}

func dateDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// dateAtoi reads digits already checked by a pattern.
func dateAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
