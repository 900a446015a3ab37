package ikmbot

// QuietHours are the hours of the day, in the bot's zone, when bulk
// messages should not wake owners: from Start:00 to End:00, across
// midnight when Start is after End (21-7). Equal hours mean none.
type QuietHours struct{ Start, End int }

// Contains reports whether hour (0-23) is quiet.
func (q QuietHours) Contains(hour int) bool {
	switch {
	case q.Start == q.End:
		return false
	case q.Start < q.End:
		return hour >= q.Start && hour < q.End
	default: // across midnight
		return hour >= q.Start || hour < q.End
	}
}
