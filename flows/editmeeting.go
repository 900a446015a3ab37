package flows

import (
	"strconv"
	"strings"
	"time"

	"ikmbot"
)

// Context answers of EditMeeting, prefilled by the handler.
const (
	// AnswerClass is the id of the class whose meeting changes.
	AnswerClass = "_class"
	// AnswerMeeting is the index of the meeting in Class.Meetings, from 0
	// (the meeting users know as "Pertemuan 1").
	AnswerMeeting = "_meeting"
	// kmPrev and kmNext are the meetings before and after, as
	// "2006-01-02 15:04 <minutes>" in WIB (see MeetingNeighbours).
	kmPrev = "_prev"
	kmNext = "_next"
)

// Step ids of EditMeeting.
const (
	kmDate    = "date"
	kmTime    = "time"
	kmMinutes = "minutes"
	kmPlace   = "place"
)

// EditMeeting changes one meeting of a class: its date, start, length and
// place, with the checks of NewClass. The handler opens it on its summary
// with MeetingAnswers and the AnswerClass and AnswerMeeting context, so
// staff change only what moved; MeetingFromAnswers reads the result. With
// MeetingNeighbours in the context too, the meeting also keeps its place
// among the class's other meetings.
var EditMeeting = &Flow{
	Name:    "km",
	Version: 1,
	Summary: true,
	Steps:   editMeetingSteps(),
}

func editMeetingSteps() []Step {
	steps := meetingSteps([4]string{kmDate, kmTime, kmMinutes, kmPlace},
		[4]Key{KmFieldDate, KmFieldTime, KmFieldMinutes, KmFieldPlace}, kmNeighbours)
	for i, k := range []Key{KmAskDate, KmAskTime, KmAskMinutes, KmAskPlace} {
		steps[i].Ask = func(lang string, a map[string]string) string {
			return T(lang, k, kmNumber(a))
		}
	}
	return steps
}

// kmNumber is the meeting's number as users count, from 1.
func kmNumber(a map[string]string) int {
	i, _ := strconv.Atoi(a[AnswerMeeting])
	return i + 1
}

func kmNeighbours(a map[string]string) (int, *kbSlot, *kbSlot) {
	return kmNumber(a), kmSlot(a[kmPrev]), kmSlot(a[kmNext])
}

// kmSlot reads a neighbour as MeetingAnswers wrote it; nil for none.
func kmSlot(v string) *kbSlot {
	f := strings.Fields(v)
	if len(f) != 3 {
		return nil
	}
	s := kbSlotOf(f[0], f[1], f[2])
	return &s
}

// MeetingAnswers are the EditMeeting answers of a meeting as it is: its
// date, start time (in loc), length and place.
func MeetingAnswers(m ikmbot.Meeting, loc *time.Location) map[string]string {
	start := m.Start.In(loc)
	return map[string]string{
		kmDate:    start.Format(kbDateLayout),
		kmTime:    start.Format(kbClockLayout),
		kmMinutes: strconv.Itoa(m.Minutes),
		kmPlace:   m.Place,
	}
}

// MeetingNeighbours is optional EditMeeting context for meeting i (an
// index into c.Meetings): the meetings before and after it, so the changed
// meeting is refused when it would move past either or overlap one on the
// same day, and the meetings keep their order (and their indexes). It is
// empty for an index the class does not have.
func MeetingNeighbours(c ikmbot.Class, i int, loc *time.Location) map[string]string {
	a := map[string]string{}
	slot := func(m ikmbot.Meeting) string {
		return m.Start.In(loc).Format(kbDateLayout+" "+kbClockLayout) + " " + strconv.Itoa(m.Minutes)
	}
	if i > 0 && i < len(c.Meetings) {
		a[kmPrev] = slot(c.Meetings[i-1])
	}
	if i >= 0 && i+1 < len(c.Meetings) {
		a[kmNext] = slot(c.Meetings[i+1])
	}
	return a
}

// MeetingFromAnswers builds the meeting that confirmed EditMeeting answers
// describe, its start in loc stored in UTC. It returns an EInvalid
// *ikmbot.Error for answers that do not make a meeting.
func MeetingFromAnswers(answers map[string]string, loc *time.Location) (ikmbot.Meeting, error) {
	m, err := meetingFrom(answers, kmDate, kmTime, kmMinutes, kmPlace, loc)
	if err != nil {
		return ikmbot.Meeting{}, ikmbot.Errorf(ikmbot.EInvalid, "meeting from answers: %v", err)
	}
	return m, nil
}
