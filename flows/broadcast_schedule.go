package flows

import (
	"fmt"
	"time"
)

// BroadcastSchedule asks staff when a composed broadcast goes out: a day
// and a time (WIB), typed as people write them and never in the past. The
// handler prefills AnswerBroadcast with the draft's id; ScheduledAt reads
// the result.
var BroadcastSchedule = &Flow{
	Name:    "sj",
	Version: 1,
	Steps: []Step{
		{ID: sjDate, Ask: fixed(SjAskDate), ParseAt: func(text string, _ map[string]string, now time.Time) (string, *Problem) {
			y, m, d, p := ParseDate(text)
			if p != nil {
				return "", p
			}
			day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(kbDateLayout)
			if today := now.In(kbZone).Format(kbDateLayout); day < today {
				return "", &Problem{Key: KbErrPast, Args: []any{kbNumericDate(today)}}
			}
			return day, nil
		}},
		{ID: sjTime, Ask: fixed(SjAskTime), ParseAt: func(text string, a map[string]string, now time.Time) (string, *Problem) {
			h, m, p := ParseClock(text)
			if p != nil {
				return "", p
			}
			slot := kbSlot{date: a[sjDate], start: h*60 + m}
			if p := kbCheckSlot(slot, now, true, 1, nil, nil); p != nil {
				return "", p
			}
			return fmt.Sprintf("%02d:%02d", h, m), nil
		}},
	},
}

// AnswerBroadcast, in BroadcastSchedule's context, is the draft's id.
const AnswerBroadcast = "_broadcast"

const (
	sjDate = "date"
	sjTime = "time"
)

// ScheduledAt reads BroadcastSchedule's answers: the draft's id and when
// it goes out, in loc.
func ScheduledAt(answers map[string]string, loc *time.Location) (id string, at time.Time, err error) {
	at, err = time.ParseInLocation(kbDateLayout+" 15:04", answers[sjDate]+" "+answers[sjTime], loc)
	return answers[AnswerBroadcast], at, err
}
