package flows

import (
	"fmt"
	"testing"
	"time"
)

// Seeds of the fuzzers: the inputs of TestParseDate and TestParseClock,
// and a few more shapes people type.
var (
	fuzzDateSeeds = []string{
		"17-08-2026", "17/8/2026", "17.8.2026", "17 8 2026", "17 - 08 - 2026", "1-1-2027", "  17/08/2026  ",
		"17/8/26", "17-08-68", "17-08-69", "2026-08-17", "17 Agustus 2026", "17 AGUSTUS 2026", "17 agu 2026",
		"17 Agt 2026", "17 Agt. 2026", "17 ags 2026", "17-Agu-2026", "17 agustus 26", "17 August 2026",
		"Aug 17 2026", "August 17, 2026", "August 17th, 2026", "1st March 2027", "5 Mei 2027", "5 May 2027",
		"5 Maret 2027", "5 mar 2027", "5 Juni 2027", "5 Juli 2027", "5 okt 2027", "5 Oct 2027", "5 Nop 2027",
		"5 Nopember 2027", "5 Pebruari 2027", "5 des 2027", "5 Dec 2027", "5 sept 2027",
		"Senin, 17 Agustus 2026", "senin 17/8/2026", "Hari Senin, 17 Agustus 2026", "Monday, 17 August 2026",
		"Mon, Aug 17, 2026", "Jumat, 21 Agustus 2026", "tgl 17/8/2026", "tanggal 17 Agustus 2026", "29-02-2028",
		"31-02-2026", "29-02-2026", "00/01/2026", "31 April 2026", "17/13/2026", "17/00/2026", "8/17/2026",
		"32 Agustus 2026", "Selasa, 17 Agustus 2026",
		"", "besok", "17 Agustus", "17/8", "17/8/202", "17/8/20266", "17 Ju 2026", "17 bulan 2026",
		"Agustus 2026", "117-08-2026", "2026-08-177", "17.08.2026 09.00", "17 Agustus 2026 jam 9",
		"17-08-0000", "01-01-0001", "31-12-9999", "0000-01-01", "17-08-1899", "tgl. hari kamis, 1 jan 70.",
	}
	fuzzClockSeeds = []string{
		"9", "09", "09:00", "9:00", "9.30", "09.30", "9:30 WIB", "9.30wib", "14.00", "0:00", "23.59",
		"  13.30  ", "jam 9", "Jam 9.30 WIB", "pukul 13.30", "pkl. 8", "0930", "930", "1400", "jam 9 pagi",
		"10 pagi", "jam 1 siang", "12 siang", "11 siang", "14.00 siang", "jam 3 sore", "16.30 sore",
		"jam 7 malam", "19.00 malam", "12 malam", "9am", "9 AM", "12 am", "12pm", "2 pm", "2:30 p.m.", "at 10",
		"24:00", "24", "25.00", "9:60", "09.75", "2460", "15 pagi", "8 siang", "10 sore", "13 pm", "0 am",
		"", "sembilan", "9.5", "9:3", "09.00-11.00", "9 WITA", "12345", "-9", "jam", "pukul 0 malam wib.",
	}
)

// FuzzParseDate checks that ParseDate never panics and that every date it
// accepts is a real day of a plausible year, read back the same when
// written the ways the bot writes dates (dd-mm-yyyy, ISO, "17 Agustus
// 2026").
func FuzzParseDate(f *testing.F) {
	for _, s := range fuzzDateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		y, m, d, p := ParseDate(in)
		if p != nil {
			if y != 0 || m != 0 || d != 0 {
				t.Errorf("ParseDate(%q) = %d-%d-%d with problem %v, want zeros", in, y, m, d, p.Key)
			}
			return
		}
		if y < dateMinYear || y > dateMaxYear {
			t.Errorf("ParseDate(%q) year %d, outside %d–%d", in, y, dateMinYear, dateMaxYear)
		}
		tm := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if tm.Year() != y || tm.Month() != m || tm.Day() != d {
			t.Errorf("ParseDate(%q) = %d-%d-%d, not a calendar day (it is %s)", in, y, m, d, tm.Format("2006-01-02"))
		}
		// As the bot asks for dates, as it stores them, and as it shows them.
		for _, again := range []string{fmt.Sprintf("%02d-%02d-%04d", d, m, y), tm.Format("2006-01-02"),
			FormatDate("id", tm, time.UTC), FormatDate("en", tm, time.UTC)} {
			y2, m2, d2, p2 := ParseDate(again)
			if p2 != nil || y2 != y || m2 != m || d2 != d {
				t.Errorf("ParseDate(%q) = %d-%d-%d, but ParseDate(%q) = %d-%d-%d %v", in, y, m, d, again, y2, m2, d2, p2)
			}
		}
	})
}

// FuzzParseClock checks that ParseClock never panics and that every time it
// accepts is on the clock and reads back the same as the bot writes it.
func FuzzParseClock(f *testing.F) {
	for _, s := range fuzzClockSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, m, p := ParseClock(in)
		if p != nil {
			if h != 0 || m != 0 {
				t.Errorf("ParseClock(%q) = %d:%d with problem %v, want zeros", in, h, m, p.Key)
			}
			return
		}
		if h < 0 || h >= 24 || m < 0 || m >= 60 {
			t.Errorf("ParseClock(%q) = %d:%d, not on the clock", in, h, m)
		}
		again := fmt.Sprintf("%02d.%02d", h, m)
		h2, m2, p2 := ParseClock(again)
		if p2 != nil || h2 != h || m2 != m {
			t.Errorf("ParseClock(%q) = %d:%d, but ParseClock(%q) = %d:%d %v", in, h, m, again, h2, m2, p2)
		}
	})
}

// TestParseDateYearRange pins what FuzzParseDate found: four-digit years
// no one means (year 1, 0026) were taken as dates.
func TestParseDateYearRange(t *testing.T) {
	for in, want := range map[string]string{
		"01-01-0001":      string(DateFormat),
		"17-08-0026":      string(DateFormat),
		"0026-08-17":      string(DateFormat),
		"17 Agustus 0026": string(DateFormat),
		"17-08-2206":      string(DateFormat),
		"31-12-1899":      string(DateFormat),
		"01-01-1900":      "1900-01-01",
		"31-12-2199":      "2199-12-31",
		"2199-12-31":      "2199-12-31",
		"17-08-68":        "2068-08-17",
	} {
		y, m, d, p := ParseDate(in)
		got := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		if p != nil {
			got = string(p.Key)
		}
		if got != want {
			t.Errorf("ParseDate(%q) = %s, want %s", in, got, want)
		}
	}
}
