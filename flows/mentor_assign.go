package flows

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"ikmbot"
)

// Step ids of MentorAssign, which are also the keys of its answers.
const (
	maRegion = "region"
	maSector = "sector"
	maScope  = "scope"
	maMentor = "mentor"
)

// AnswerMentors is MentorAssign's context: the mentors to offer, as
// MentorAssignContext writes them.
const AnswerMentors = "_mentors"

// maAll is the answer that does not narrow the owners.
const maAll = "-"

// Answers of the scope step: only owners without a mentor, or every
// matching owner, taking those with another mentor from them.
const (
	maScopeNew = "n"
	maScopeAll = "r"
)

// maNameMax is how many bytes of a mentor's name their choice's value
// carries (for the summary, whose Show sees only the value): with the
// flow's name, the nonce, the step id and the longest Telegram id the
// callback data stays under Telegram's 64 bytes.
const maNameMax = 24

// MentorAssign is staff assigning many owners to one mentor: the owners'
// kabupaten/kota and sector (one, or all of each), whether owners who
// already have a mentor are taken too, then the mentor (one of the
// AnswerMentors the handler prefilled with MentorAssignContext) and a
// summary. MentorAssignFrom reads the confirmed answers; the handler then
// shows how many owners match (MentorAssignPreview) before assigning.
var MentorAssign = &Flow{
	Name:    "ma",
	Version: 1,
	Summary: true,
	Steps: []Step{
		{ID: maRegion, Ask: fixed(MsAskRegion), Choices: maRegionChoices, Columns: 3, Field: MsFieldRegion, Show: maShowRegion},
		{ID: maSector, Ask: fixed(MsAskSector), Choices: maSectorChoices, Columns: 2, Field: MsFieldSector, Show: maShowSector},
		{ID: maScope, Ask: fixed(MsAskScope), Choices: maScopeChoices, Field: MsFieldScope, Show: maShowScope},
		{ID: maMentor, Ask: fixed(MsAskMentor), Choices: maMentorChoices, Columns: 2, Field: MsFieldMentor, Show: maShowMentor},
	},
}

// MentorOption is a mentor as staff choose among them: their id, their
// Telegram name ("" for one who never wrote to the bot) and how many
// owners they mentor now.
type MentorOption struct {
	ID      int64  `json:"id"`
	Name    string `json:"name,omitempty"`
	Mentees int64  `json:"n"`
}

// MentorAssignContext is what the handler prefills to open MentorAssign:
// the mentors to offer, shown in the order given.
func MentorAssignContext(mentors []MentorOption) map[string]string {
	raw, _ := json.Marshal(mentors) // plain values: cannot fail
	return map[string]string{AnswerMentors: string(raw)}
}

// MentorAssignment is what staff chose: the owners of Region and Sector
// ("" for all), those with another mentor too when Reassign, to MentorID.
type MentorAssignment struct {
	Region, Sector string
	Reassign       bool
	MentorID       int64
}

// MentorAssignFrom reads confirmed MentorAssign answers; ok is false when
// the mentor answer cannot be read.
func MentorAssignFrom(answers map[string]string) (a MentorAssignment, ok bool) {
	one := func(id string) string {
		if v := answers[id]; v != maAll {
			return v
		}
		return ""
	}
	a.Region, a.Sector, a.Reassign = one(maRegion), one(maSector), answers[maScope] == maScopeAll
	id, _ := maMentorValue(answers[maMentor])
	a.MentorID = id
	return a, id != 0
}

// MentorName is how staff and owners see a mentor: their Telegram name,
// or a number for one who never wrote to the bot. Not escaped.
func MentorName(lang, name string, id int64) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return T(lang, MsUnnamed, id)
}

// MentorChoiceLabel labels a mentor's button: "Rina (12 binaan)".
func MentorChoiceLabel(lang string, m MentorOption) string {
	return T(lang, MsMentorChoice, MentorName(lang, m.Name, m.ID), m.Mentees)
}

func maMentors(a map[string]string) []MentorOption {
	var ms []MentorOption
	if json.Unmarshal([]byte(a[AnswerMentors]), &ms) != nil {
		return nil
	}
	return ms
}

// maMentorChoices offer the context's mentors. A choice's value is the
// mentor's id and the start of their name ("12345~Rina"), so the summary
// can name them.
func maMentorChoices(lang string, a map[string]string) []Choice {
	var cs []Choice
	for _, m := range maMentors(a) {
		v := strconv.FormatInt(m.ID, 10)
		if name := maValueName(m.Name); name != "" {
			v += "~" + name
		}
		cs = append(cs, Choice{v, MentorChoiceLabel(lang, m)})
	}
	return cs
}

// maValueName shortens a name for a choice's value: no ':' (the callback
// separator) or '~', at most maNameMax bytes, whole characters.
func maValueName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r == ':' || r == '~' {
			return ' '
		}
		return r
	}, strings.TrimSpace(name))
	for len(name) > maNameMax {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}

// maMentorValue splits a mentor choice's value into the id and the name.
func maMentorValue(v string) (int64, string) {
	idPart, name, _ := strings.Cut(v, "~")
	id, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || id <= 0 {
		return 0, ""
	}
	return id, name
}

func maShowMentor(lang, v string) string {
	id, name := maMentorValue(v)
	return MentorName(lang, name, id)
}

func maRegionChoices(lang string, a map[string]string) []Choice {
	return append(regionChoices(lang, a), Choice{maAll, T(lang, MsAllRegions)})
}

func maShowRegion(lang, v string) string {
	if v == maAll || v == "" {
		return T(lang, MsAllRegions)
	}
	return showRegion(lang, v)
}

func maSectorChoices(lang string, a map[string]string) []Choice {
	return append(sectorChoices(lang, a), Choice{maAll, T(lang, MsAllSectors)})
}

func maShowSector(lang, v string) string {
	switch v {
	case maAll, "":
		return T(lang, MsAllSectors)
	case ikmbot.SectorOther:
		return T(lang, SuSectorOther)
	}
	if s, ok := ikmbot.SectorByCode(v); ok {
		return s.Short(lang)
	}
	return v
}

func maScopeChoices(lang string, _ map[string]string) []Choice {
	return []Choice{{maScopeNew, T(lang, MsScopeNew)}, {maScopeAll, T(lang, MsScopeAll)}}
}

func maShowScope(lang, v string) string {
	if v == maScopeAll {
		return T(lang, MsScopeAll)
	}
	return T(lang, MsScopeNew)
}

// MentorAssignTarget describes the owners of an assignment on one line of
// HTML: "Metro · Kopi · belum punya pendamping".
func MentorAssignTarget(lang string, a MentorAssignment) string {
	scope := MsTargetNew
	if a.Reassign {
		scope = MsTargetAll
	}
	return Escape(maShowRegion(lang, a.Region)) + " · " + Escape(maShowSector(lang, a.Sector)) + " · " + T(lang, scope)
}

// MentorAssignPreview is what staff see before assigning: the mentor (not
// escaped), the owners, how many would be assigned (count), how many of
// them move from another mentor, and how many the mentor has already.
// When count is 0 it asks staff to choose again.
func MentorAssignPreview(lang string, a MentorAssignment, mentor string, count, moved, already int64) string {
	lines := []string{
		T(lang, MsPreview),
		T(lang, MsPreviewMentor, Escape(mentor)),
		T(lang, MsPreviewTarget, MentorAssignTarget(lang, a)),
		"",
	}
	if count == 0 {
		lines = append(lines, T(lang, MsPreviewNobody))
	} else {
		lines = append(lines, T(lang, MsPreviewCount, count))
		if moved > 0 {
			lines = append(lines, T(lang, MsPreviewMoved, moved))
		}
	}
	if already > 0 {
		lines = append(lines, T(lang, MsPreviewAlready, already, Escape(mentor)))
	}
	return strings.Join(lines, "\n")
}

// MentorAssignReport tells staff what an assignment did: how many owners
// mentor (not escaped) got, how many of them moved from another mentor,
// and how many were theirs already.
func MentorAssignReport(lang, mentor string, assigned, moved, already int64) string {
	if assigned == 0 {
		return T(lang, MsDoneNone, Escape(mentor))
	}
	lines := []string{T(lang, MsDone, assigned, Escape(mentor))}
	if moved > 0 {
		lines = append(lines, T(lang, MsDoneMoved, moved))
	}
	if already > 0 {
		lines = append(lines, T(lang, MsPreviewAlready, already, Escape(mentor)))
	}
	lines = append(lines, T(lang, MsDoneTold))
	return strings.Join(lines, "\n")
}

// MentorRow is one mentor on staff's overview.
type MentorRow struct {
	ID               int64
	Name             string // "" for one who never wrote to the bot
	Mentees, Overdue int64
}

// SortMentors puts mentors in the order staff see them: by name, those
// who never wrote to the bot (no name) last, by id among equals.
func SortMentors(rows []MentorRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := strings.ToLower(rows[i].Name), strings.ToLower(rows[j].Name)
		if (a == "") != (b == "") {
			return b == ""
		}
		if a != b {
			return a < b
		}
		return rows[i].ID < rows[j].ID
	})
}

// MentorOverview is staff's /binaan: the follow-up cadence, one line per
// mentor (in the order given, see SortMentors) with their owners and how
// many are overdue, and how many owners have no mentor.
func MentorOverview(lang string, cadenceDays int, mentors []MentorRow, unassigned int64) string {
	lines := []string{T(lang, MsTitle, cadenceDays), ""}
	if len(mentors) == 0 {
		lines = append(lines, T(lang, MsNoMentors))
	}
	for _, m := range mentors {
		name := Escape(MentorName(lang, m.Name, m.ID))
		if m.Name == "" {
			name += T(lang, MsNeverWrote)
		}
		if m.Overdue > 0 {
			lines = append(lines, T(lang, MsLineOverdue, name, m.Mentees, m.Overdue))
		} else {
			lines = append(lines, T(lang, MsLine, name, m.Mentees))
		}
	}
	lines = append(lines, "", T(lang, MsUnassigned, unassigned))
	return strings.Join(lines, "\n")
}
