package flows

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ikmbot"
)

// MaxMeetings is the most meetings a class is created with.
const MaxMeetings = 6

// AnswerYear is context for NewClass that the handler prefills: the
// current year in WIB ("2026"). The year question offers it and the next
// one as buttons and takes a typed year from one before to two after.
const AnswerYear = "_year"

// Step ids of NewClass, which are also the keys of its answers. Each
// meeting n (1 to MaxMeetings) adds the steps "m<n>_date", "m<n>_time",
// "m<n>_minutes", "m<n>_place" and "m<n>_more" (see kbID).
const (
	kbLevel    = "level"
	kbStage    = "stage"
	kbYear     = "year"
	kbTitle    = "title"
	kbCapacity = "capacity"
	kbFree     = "free_on_decline"
	kbNote     = "note"
)

// Parts of a meeting, the suffixes of its step ids.
const (
	kbDate    = "date"
	kbTime    = "time"
	kbMinutes = "minutes"
	kbPlace   = "place"
	kbMore    = "more"
)

// Answer values of the yes/no buttons and of "no note".
const (
	kbYes    = "y"
	kbNo     = "n"
	kbNoNote = "-"
)

// Limits of typed answers.
const (
	kbTitleMin, kbTitleMax = 3, 80
	// kbCapacityMax keeps a roster and its attendance buttons within one
	// Telegram message; the programme's classes have 20.
	kbCapacityMax              = 60
	kbPlaceMin, kbPlaceMax     = 3, 200
	kbNoteMax                  = 500
	kbMinutesMin, kbMinutesMax = 15, 600
)

// Layouts of stored answers: meeting dates and start times are wall-clock
// WIB, as typed.
const (
	kbDateLayout  = "2006-01-02"
	kbClockLayout = "15:04"
)

// kbZone is WIB, used only to tell today's date and the time now from the
// now the engine passes, to refuse a meeting in the past. A fixed zone is
// exact: WIB has been UTC+7 without daylight saving since 1964, and every
// question says its times are WIB, so this is the zone of the answers, not
// a setting. (A package variable the handler sets would be shared mutable
// state; ClassFromAnswers takes the location it converts with.)
var kbZone = time.FixedZone("WIB", 7*3600)

// kbMeetingFields label meeting n's answers on the summary: [n-1][part].
var kbMeetingFields = [MaxMeetings][4]Key{
	{KbFieldDate1, KbFieldTime1, KbFieldMinutes1, KbFieldPlace1},
	{KbFieldDate2, KbFieldTime2, KbFieldMinutes2, KbFieldPlace2},
	{KbFieldDate3, KbFieldTime3, KbFieldMinutes3, KbFieldPlace3},
	{KbFieldDate4, KbFieldTime4, KbFieldMinutes4, KbFieldPlace4},
	{KbFieldDate5, KbFieldTime5, KbFieldMinutes5, KbFieldPlace5},
	{KbFieldDate6, KbFieldTime6, KbFieldMinutes6, KbFieldPlace6},
}

// kbMinuteChoices are the meeting lengths offered as buttons.
var kbMinuteChoices = []int{60, 90, 120, 180, 240}

// NewClass is the staff's conversation to create a class: level, stage,
// year, title, seats, whether a declined seat goes to the waiting list,
// one to MaxMeetings meetings (date, start, length, place), a note, then a
// summary where any answer can be changed. ClassFromAnswers turns the
// confirmed answers into the class.
var NewClass = &Flow{
	Name:    "kb",
	Version: 1,
	Summary: true,
	Steps:   newClassSteps(),
}

func newClassSteps() []Step {
	steps := []Step{
		{ID: kbLevel, Ask: fixed(KbAskLevel), Choices: kbLevelChoices, Field: KbFieldLevel, Show: kbShowLevel},
		{ID: kbStage, Ask: fixed(KbAskStage), Columns: 2, Field: KbFieldStage, Show: kbShowStage,
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{"1", kbShowStage(lang, "1")}, {"2", kbShowStage(lang, "2")}}
			}},
		{ID: kbYear, Ask: fixed(KbAskYear), Choices: kbYearChoices, Columns: 2, ParseAt: kbParseYear, Field: KbFieldYear},
		{ID: kbTitle, Ask: fixed(KbAskTitle), Parse: kbTextParser(kbTitleMin, kbTitleMax), Field: KbFieldTitle},
		{ID: kbCapacity, Ask: fixed(KbAskCapacity), Parse: kbParseCapacity, Field: KbFieldCapacity, Show: kbShowCapacity,
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{strconv.Itoa(ikmbot.DefaultCapacity), T(lang, KbCapacityStd, ikmbot.DefaultCapacity)}}
			}},
		{ID: kbFree, Ask: fixed(KbAskFree), Field: KbFieldFree, Show: kbShowFree,
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{kbYes, T(lang, KbFreeYes)}, {kbNo, T(lang, KbFreeNo)}}
			}},
	}
	for n := 1; n <= MaxMeetings; n++ {
		off := func(a map[string]string) bool { return !kbMeetingOn(a, n) }
		ms := meetingSteps([4]string{kbID(n, kbDate), kbID(n, kbTime), kbID(n, kbMinutes), kbID(n, kbPlace)},
			kbMeetingFields[n-1], func(a map[string]string) (int, *kbSlot, *kbSlot) { return kbNeighbours(a, n) })
		ms[0].Ask = func(lang string, a map[string]string) string {
			if n == 1 {
				return T(lang, KbAskDate, n)
			}
			return T(lang, KbAskDateNext, n, n-1, kbShowDate(lang, a[kbID(n-1, kbDate)]))
		}
		ms[1].Ask = func(lang string, _ map[string]string) string { return T(lang, KbAskTime, n) }
		ms[2].Ask = func(lang string, _ map[string]string) string { return T(lang, KbAskMinutes, n) }
		ms[3].Ask = func(lang string, _ map[string]string) string { return T(lang, KbAskPlace, n) }
		for i := range ms {
			ms[i].Skip = off
		}
		steps = append(steps, ms...)
		steps = append(steps, Step{
			ID: kbID(n, kbMore),
			Ask: func(lang string, a map[string]string) string {
				k := KbAskMore
				if n == MaxMeetings-1 {
					k = KbAskMoreLast // the next is the last one possible
				}
				return T(lang, k, n, kbMeetingText(lang, a, n))
			},
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{kbYes, T(lang, KbMoreYes)}, {kbNo, T(lang, KbMoreNo)}}
			},
			Skip: func(a map[string]string) bool { return n == MaxMeetings || !kbMeetingOn(a, n) },
		})
	}
	return append(steps, Step{ID: kbNote, Ask: fixed(KbAskNote), Parse: kbParseNote, Field: KbFieldNote, Show: kbShowNote,
		Choices: func(lang string, _ map[string]string) []Choice { return []Choice{{kbNoNote, T(lang, KbNoNote)}} }})
}

// kbID is the step id of one part of meeting n: "m2_date".
func kbID(n int, part string) string { return "m" + strconv.Itoa(n) + "_" + part }

// kbMeetingOn reports whether meeting n is part of the class: the first
// always, each other when the one before is and staff asked for another.
func kbMeetingOn(a map[string]string, n int) bool {
	for i := 1; i < n; i++ {
		if a[kbID(i, kbMore)] != kbYes {
			return false
		}
	}
	return n >= 1 && n <= MaxMeetings
}

// kbSlot is a meeting's time as far as answered: its day ("2006-01-02"),
// its start in minutes after midnight (-1 while unknown) and its length (0
// while unknown).
type kbSlot struct {
	date    string
	start   int
	minutes int
}

func (s kbSlot) end() int { return s.start + s.minutes }

// kbSlotOf reads a slot from stored answers.
func kbSlotOf(date, clock, minutes string) kbSlot {
	s := kbSlot{date: date, start: -1}
	if t, err := time.Parse(kbClockLayout, clock); err == nil {
		s.start = t.Hour()*60 + t.Minute()
	}
	s.minutes, _ = strconv.Atoi(minutes)
	return s
}

// kbNeighbours are meeting n's number and the meetings before and after
// it, as far as answered (nil for none).
func kbNeighbours(a map[string]string, n int) (int, *kbSlot, *kbSlot) {
	var prev, next *kbSlot
	if n > 1 {
		s := kbSlotOf(a[kbID(n-1, kbDate)], a[kbID(n-1, kbTime)], a[kbID(n-1, kbMinutes)])
		prev = &s
	}
	if kbMeetingOn(a, n+1) && a[kbID(n+1, kbDate)] != "" {
		s := kbSlotOf(a[kbID(n+1, kbDate)], a[kbID(n+1, kbTime)], a[kbID(n+1, kbMinutes)])
		next = &s
	}
	return n, prev, next
}

// meetingSteps are the date, time, length and place questions of one
// meeting, with ids and summary labels in that order; where tells which
// meeting the answers are about and its neighbours, so that a meeting is
// never in the past, before the one it follows or clashing with another.
// Ask and Skip are left to the flow.
func meetingSteps(ids [4]string, fields [4]Key, where func(map[string]string) (int, *kbSlot, *kbSlot)) []Step {
	mine := func(a map[string]string) kbSlot { return kbSlotOf(a[ids[0]], a[ids[1]], a[ids[2]]) }
	return []Step{
		{ID: ids[0], Field: fields[0], Show: kbShowDate, ParseAt: func(text string, a map[string]string, now time.Time) (string, *Problem) {
			y, m, d, p := ParseDate(text)
			if p != nil {
				return "", p
			}
			me := mine(a)
			me.date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(kbDateLayout)
			today := now.In(kbZone).Format(kbDateLayout)
			if me.date < today {
				return "", &Problem{Key: KbErrPast, Args: []any{kbNumericDate(today)}}
			}
			n, prev, next := where(a)
			if p := kbCheckSlot(me, now, true, n, prev, next); p != nil {
				return "", p
			}
			return me.date, nil
		}},
		{ID: ids[1], Field: fields[1], Show: kbShowClock, ParseAt: func(text string, a map[string]string, now time.Time) (string, *Problem) {
			h, m, p := ParseClock(text)
			if p != nil {
				return "", p
			}
			me := mine(a)
			me.start = h*60 + m
			n, prev, next := where(a)
			if p := kbCheckSlot(me, now, true, n, prev, next); p != nil {
				return "", p
			}
			return fmt.Sprintf("%02d:%02d", h, m), nil
		}},
		{ID: ids[2], Field: fields[2], Show: kbShowMinutes, Columns: 3,
			// Buttons are not checked when pressed, so only lengths that
			// end before the next meeting on the same day are offered.
			Choices: func(lang string, a map[string]string) []Choice {
				me := mine(a)
				n, prev, next := where(a)
				var cs []Choice
				for _, m := range kbMinuteChoices {
					me.minutes = m
					if kbCheckSlot(me, time.Time{}, false, n, prev, next) == nil {
						cs = append(cs, Choice{strconv.Itoa(m), kbDuration(lang, m)})
					}
				}
				return cs
			},
			ParseAt: func(text string, a map[string]string, now time.Time) (string, *Problem) {
				minutes, p := kbParseMinutes(text)
				if p != nil {
					return "", p
				}
				me := mine(a)
				me.minutes = minutes
				n, prev, next := where(a)
				if p := kbCheckSlot(me, now, false, n, prev, next); p != nil {
					return "", p
				}
				return strconv.Itoa(minutes), nil
			}},
		{ID: ids[3], Field: fields[3], Parse: kbTextParser(kbPlaceMin, kbPlaceMax)},
	}
}

// kbCheckSlot refuses meeting n when it is on a day before the meeting it
// follows or after the one that follows it, or overlaps one of them on the
// same day; with started, also when it starts at or before now. Parts not
// answered yet are not checked.
func kbCheckSlot(me kbSlot, now time.Time, started bool, n int, prev, next *kbSlot) *Problem {
	wib := now.In(kbZone)
	if started && me.date == wib.Format(kbDateLayout) && me.start >= 0 && me.start <= wib.Hour()*60+wib.Minute() {
		return &Problem{Key: KbErrTimePast, Args: []any{wib.Hour(), wib.Minute()}}
	}
	if prev != nil && me.date < prev.date {
		return &Problem{Key: KbErrBeforePrev, Args: []any{n, n - 1, kbNumericDate(prev.date)}}
	}
	if next != nil && me.date > next.date {
		return &Problem{Key: KbErrAfterNext, Args: []any{n, n + 1, kbNumericDate(next.date), n + 1}}
	}
	if prev != nil && me.date == prev.date && me.start >= 0 && prev.start >= 0 && (me.start <= prev.start || me.start < prev.end()) {
		end := max(prev.end(), prev.start) % (24 * 60)
		return &Problem{Key: KbErrClashPrev, Args: []any{n - 1, end / 60, end % 60, n}}
	}
	if next != nil && me.date == next.date && me.start >= 0 && next.start >= 0 && (me.start >= next.start || me.end() > next.start) {
		return &Problem{Key: KbErrClashNext, Args: []any{n + 1, next.start / 60, next.start % 60, n}}
	}
	return nil
}

// kbNumericDate writes a stored date the way it is typed, the same in
// every language: "2026-08-17" as "17-08-2026".
func kbNumericDate(iso string) string {
	t, err := time.Parse(kbDateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("02-01-2006")
}

// kbShowDate shows a stored date with its day: "Senin, 17 Agustus 2026".
func kbShowDate(lang, iso string) string {
	t, err := time.Parse(kbDateLayout, iso)
	if err != nil {
		return iso
	}
	return Weekday(lang, t) + ", " + FormatDate(lang, t, time.UTC)
}

// kbClock writes minutes after midnight as a time of day: "09.00" in
// Indonesian, "09:00" in English, as FormatDateTime does.
func kbClock(lang string, minutes int) string {
	minutes = (minutes%(24*60) + 24*60) % (24 * 60)
	sep := "."
	if lang == "en" {
		sep = ":"
	}
	return fmt.Sprintf("%02d%s%02d", minutes/60, sep, minutes%60)
}

func kbShowClock(lang, v string) string {
	s := kbSlotOf("", v, "")
	if s.start < 0 {
		return v
	}
	return kbClock(lang, s.start) + " WIB"
}

// kbDuration says a length in minutes: "1 jam", "1,5 jam", "45 menit".
func kbDuration(lang string, minutes int) string {
	switch {
	case minutes == 60:
		return T(lang, KbOneHour)
	case minutes >= 60 && minutes%30 == 0:
		return T(lang, KbHours, FormatScore(lang, float64(minutes)/60))
	}
	return T(lang, KbMinutes, minutes)
}

func kbShowMinutes(lang, v string) string {
	n, err := strconv.Atoi(v)
	if err != nil {
		return v
	}
	return kbDuration(lang, n)
}

// kbMeetingText writes meeting n on one line, for HTML: "Senin,
// 17 Agustus 2026, 09.00–11.00 WIB, Aula Disperindag".
func kbMeetingText(lang string, a map[string]string, n int) string {
	return kbSlotText(lang, kbSlotOf(a[kbID(n, kbDate)], a[kbID(n, kbTime)], a[kbID(n, kbMinutes)]), a[kbID(n, kbPlace)])
}

func kbSlotText(lang string, s kbSlot, place string) string {
	return T(lang, KbMeetingLine, kbShowDate(lang, s.date), kbClock(lang, s.start), kbClock(lang, s.end()), Escape(place))
}

// kbMinutesRE matches a length typed as minutes or hours: "90", "90
// menit", "1,5 jam", "2 jam 30 menit", "1h30".
var kbMinutesRE = regexp.MustCompile(`^(?:(\d{1,3})(?:[.,](\d{1,2}))? ?(jam|j|hours?|hrs?|h))? ?(?:(\d{1,3}) ?(menit|mnt|minutes?|mins?|m)?)?$`)

// kbParseMinutes reads a meeting length between 15 and 600 minutes.
func kbParseMinutes(text string) (int, *Problem) {
	bad := &Problem{Key: KbErrMinutes, Args: []any{kbMinutesMin, kbMinutesMax}}
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	g := kbMinutesRE.FindStringSubmatch(s)
	if g == nil || s == "" || (g[2] != "" && g[4] != "") {
		return 0, bad
	}
	total := 0
	if g[3] != "" { // hours, maybe with a decimal fraction: "1,5", "1,25"
		total = dateAtoi(g[1]) * 60
		if g[2] != "" {
			frac := dateAtoi(g[2]) * 60 // in tenths or hundredths of a minute
			div := 10
			if len(g[2]) == 2 {
				div = 100
			}
			if frac%div != 0 {
				return 0, bad // not a whole number of minutes
			}
			total += frac / div
		}
	}
	if g[4] != "" {
		m, _ := strconv.Atoi(g[4])
		total += m
	}
	if total < kbMinutesMin || total > kbMinutesMax {
		return 0, bad
	}
	return total, nil
}

// kbTextParser accepts text of minLen to maxLen characters, white space
// folded to single spaces (a title or a place fits one line).
func kbTextParser(minLen, maxLen int) func(string) (string, *Problem) {
	return func(text string) (string, *Problem) {
		s := strings.Join(strings.Fields(text), " ")
		switch n := utf8.RuneCountInString(s); {
		case n < minLen:
			return "", &Problem{Key: KbErrShort, Args: []any{minLen}}
		case n > maxLen:
			return "", &Problem{Key: ErrTooLong, Args: []any{maxLen}}
		}
		return s, nil
	}
}

// kbParseNote keeps the note as typed, lines and all.
func kbParseNote(text string) (string, *Problem) {
	s := strings.TrimSpace(text)
	if n := utf8.RuneCountInString(s); n > kbNoteMax {
		return "", &Problem{Key: ErrTooLong, Args: []any{kbNoteMax}}
	} else if n == 0 {
		return "", &Problem{Key: KbErrShort, Args: []any{1}}
	}
	return s, nil
}

func kbShowNote(lang, v string) string {
	if v == kbNoNote {
		return T(lang, KbNoNote)
	}
	return v
}

var kbCapacityRE = regexp.MustCompile(`^(\d{1,4}) ?(kursi|orang|peserta|ikm|seats?|people|participants)?$`)

func kbParseCapacity(text string) (string, *Problem) {
	g := kbCapacityRE.FindStringSubmatch(strings.Join(strings.Fields(strings.ToLower(text)), " "))
	if g == nil {
		return "", &Problem{Key: KbErrCapacity, Args: []any{kbCapacityMax}}
	}
	n, _ := strconv.Atoi(g[1])
	if n < 1 || n > kbCapacityMax {
		return "", &Problem{Key: KbErrCapacity, Args: []any{kbCapacityMax}}
	}
	return strconv.Itoa(n), nil
}

func kbShowCapacity(lang, v string) string { return T(lang, KbCapacityShow, v) }

var kbLevels = []ikmbot.Level{ikmbot.LevelPemula, ikmbot.LevelMenengah, ikmbot.LevelMahir}

// kbShowLevel names a level as the readiness check names it to owners
// ("Kelas Pemula"), so staff and owners speak of the same classes.
func kbShowLevel(lang, v string) string {
	b := levelBand(ikmbot.Readiness(), ikmbot.Level(v))
	return pick(lang, b.NameID, b.NameEN)
}

func kbLevelChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, l := range kbLevels {
		cs = append(cs, Choice{string(l), kbShowLevel(lang, string(l))})
	}
	return cs
}

func kbShowStage(lang, v string) string { return T(lang, KbStageLabel, v) }

func kbShowFree(lang, v string) string {
	if v == kbYes {
		return T(lang, KbFreeYesShow)
	}
	return T(lang, KbFreeNoShow)
}

// kbBaseYear is the year the handler prefilled, or the year now in WIB.
func kbBaseYear(a map[string]string, now time.Time) int {
	if y, err := strconv.Atoi(a[AnswerYear]); err == nil && y > 0 {
		return y
	}
	return now.In(kbZone).Year()
}

// kbYearChoices offer this year and the next; none when the handler did
// not say which year it is (the year is then typed).
func kbYearChoices(_ string, a map[string]string) []Choice {
	y, err := strconv.Atoi(a[AnswerYear])
	if err != nil {
		return nil
	}
	return []Choice{{strconv.Itoa(y), strconv.Itoa(y)}, {strconv.Itoa(y + 1), strconv.Itoa(y + 1)}}
}

func kbParseYear(text string, a map[string]string, now time.Time) (string, *Problem) {
	base := kbBaseYear(a, now)
	s := strings.TrimSpace(text)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < base-1 || y > base+2 {
		return "", &Problem{Key: KbErrYear, Args: []any{base - 1, base + 2}}
	}
	return s, nil
}

// ClassFromAnswers builds the class that confirmed NewClass answers
// describe: meeting starts are the typed dates and times in loc, stored in
// UTC. ID, Status, CreatedBy and CreatedAt are left for the caller. It
// returns an EInvalid *ikmbot.Error for answers that do not make a class.
func ClassFromAnswers(answers map[string]string, loc *time.Location) (ikmbot.Class, error) {
	bad := func(format string, args ...any) (ikmbot.Class, error) {
		return ikmbot.Class{}, ikmbot.Errorf(ikmbot.EInvalid, "class from answers: "+format, args...)
	}
	c := ikmbot.Class{Level: ikmbot.Level(answers[kbLevel]), Title: strings.TrimSpace(answers[kbTitle]), Note: answers[kbNote]}
	var err error
	if c.Stage, err = strconv.Atoi(answers[kbStage]); err != nil {
		return bad("stage %q", answers[kbStage])
	}
	if c.Year, err = strconv.Atoi(answers[kbYear]); err != nil {
		return bad("year %q", answers[kbYear])
	}
	if c.Capacity, err = strconv.Atoi(answers[kbCapacity]); err != nil {
		return bad("capacity %q", answers[kbCapacity])
	}
	switch answers[kbFree] {
	case kbYes:
		c.FreeOnDecline = true
	case kbNo:
	default:
		return bad("free on decline %q", answers[kbFree])
	}
	if c.Note == kbNoNote {
		c.Note = ""
	}
	for n := 1; kbMeetingOn(answers, n); n++ {
		m, err := meetingFrom(answers, kbID(n, kbDate), kbID(n, kbTime), kbID(n, kbMinutes), kbID(n, kbPlace), loc)
		if err != nil {
			return bad("meeting %d: %v", n, err)
		}
		c.Meetings = append(c.Meetings, m)
	}
	if err := c.Validate(); err != nil {
		return ikmbot.Class{}, err
	}
	return c, nil
}

// meetingFrom reads one meeting from answers under the given step ids.
func meetingFrom(a map[string]string, date, clock, minutes, place string, loc *time.Location) (ikmbot.Meeting, error) {
	start, err := time.ParseInLocation(kbDateLayout+" "+kbClockLayout, a[date]+" "+a[clock], loc)
	if err != nil {
		return ikmbot.Meeting{}, fmt.Errorf("start %q %q", a[date], a[clock])
	}
	n, err := strconv.Atoi(a[minutes])
	if err != nil || n < 1 || n > 24*60 {
		return ikmbot.Meeting{}, fmt.Errorf("minutes %q", a[minutes])
	}
	p := strings.TrimSpace(a[place])
	if p == "" {
		return ikmbot.Meeting{}, errors.New("no place")
	}
	return ikmbot.Meeting{Start: start.UTC(), Minutes: n, Place: p}, nil
}

// ClassAnswers turns a class back into NewClass answers, to show it and
// to change it through the same questions. Only the first MaxMeetings
// meetings have questions.
func ClassAnswers(c ikmbot.Class, loc *time.Location) map[string]string {
	a := map[string]string{
		kbLevel:    string(c.Level),
		kbStage:    strconv.Itoa(c.Stage),
		kbYear:     strconv.Itoa(c.Year),
		kbTitle:    c.Title,
		kbCapacity: strconv.Itoa(c.Capacity),
		kbFree:     kbNo,
		kbNote:     c.Note,
	}
	if c.FreeOnDecline {
		a[kbFree] = kbYes
	}
	if c.Note == "" {
		a[kbNote] = kbNoNote
	}
	ms := c.Meetings[:min(len(c.Meetings), MaxMeetings)]
	for i, m := range ms {
		n := i + 1
		start := m.Start.In(loc)
		a[kbID(n, kbDate)] = start.Format(kbDateLayout)
		a[kbID(n, kbTime)] = start.Format(kbClockLayout)
		a[kbID(n, kbMinutes)] = strconv.Itoa(m.Minutes)
		a[kbID(n, kbPlace)] = m.Place
		if n < MaxMeetings {
			a[kbID(n, kbMore)] = kbNo
			if n < len(ms) {
				a[kbID(n, kbMore)] = kbYes
			}
		}
	}
	return a
}
