package flows

import (
	"fmt"
	"time"
)

var monthNames = map[string][12]string{
	"id": {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// weekdayNames are the days of the week by time.Weekday, in each language.
var weekdayNames = map[string][7]string{
	"id": {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// Weekday names t's day of the week in lang: "Senin", or "Monday" in
// English.
func Weekday(lang string, t time.Time) string {
	if lang == "en" {
		return weekdayNames["en"][t.Weekday()]
	}
	return weekdayNames["id"][t.Weekday()]
}

// FormatDateTime shows t in loc the way people write dates in lang, with
// the zone's abbreviation: "4 Desember 2026 20.00 WIB" in Indonesian,
// "4 December 2026 20:00 WIB" in English.
func FormatDateTime(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	names, sep := monthNames["id"], "."
	if lang == "en" {
		names, sep = monthNames["en"], ":"
	}
	return fmt.Sprintf("%d %s %d %02d%s%02d %s", t.Day(), names[t.Month()-1], t.Year(), t.Hour(), sep, t.Minute(), t.Format("MST"))
}

// FormatDate shows the day of t in loc: "27 November 2026".
func FormatDate(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	names := monthNames["id"]
	if lang == "en" {
		names = monthNames["en"]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year())
}
