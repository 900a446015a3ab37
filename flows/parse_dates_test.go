package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "2006-01-02", or the problem's key
	}{
		{"17-08-2026", "2026-08-17"},
		{"17/8/2026", "2026-08-17"},
		{"17.8.2026", "2026-08-17"},
		{"17 8 2026", "2026-08-17"},
		{"17 - 08 - 2026", "2026-08-17"},
		{"1-1-2027", "2027-01-01"},
		{"  17/08/2026  ", "2026-08-17"},
		{"17/8/26", "2026-08-17"},
		{"17-08-68", "2068-08-17"},
		{"17-08-69", "1969-08-17"},
		{"2026-08-17", "2026-08-17"},
		{"17 Agustus 2026", "2026-08-17"},
		{"17 AGUSTUS 2026", "2026-08-17"},
		{"17 agu 2026", "2026-08-17"},
		{"17 Agt 2026", "2026-08-17"},
		{"17 Agt. 2026", "2026-08-17"},
		{"17 ags 2026", "2026-08-17"},
		{"17-Agu-2026", "2026-08-17"},
		{"17 agustus 26", "2026-08-17"},
		{"17 August 2026", "2026-08-17"},
		{"Aug 17 2026", "2026-08-17"},
		{"August 17, 2026", "2026-08-17"},
		{"August 17th, 2026", "2026-08-17"},
		{"1st March 2027", "2027-03-01"},
		{"5 Mei 2027", "2027-05-05"},
		{"5 May 2027", "2027-05-05"},
		{"5 Maret 2027", "2027-03-05"},
		{"5 mar 2027", "2027-03-05"},
		{"5 Juni 2027", "2027-06-05"},
		{"5 Juli 2027", "2027-07-05"},
		{"5 okt 2027", "2027-10-05"},
		{"5 Oct 2027", "2027-10-05"},
		{"5 Nop 2027", "2027-11-05"},
		{"5 Nopember 2027", "2027-11-05"},
		{"5 Pebruari 2027", "2027-02-05"},
		{"5 des 2027", "2027-12-05"},
		{"5 Dec 2027", "2027-12-05"},
		{"5 sept 2027", "2027-09-05"},
		{"Senin, 17 Agustus 2026", "2026-08-17"},
		{"senin 17/8/2026", "2026-08-17"},
		{"Hari Senin, 17 Agustus 2026", "2026-08-17"},
		{"Monday, 17 August 2026", "2026-08-17"},
		{"Mon, Aug 17, 2026", "2026-08-17"},
		{"Jumat, 21 Agustus 2026", "2026-08-21"},
		{"tgl 17/8/2026", "2026-08-17"},
		{"tanggal 17 Agustus 2026", "2026-08-17"},
		{"29-02-2028", "2028-02-29"},

		{"31-02-2026", string(DateNotExist)},
		{"29-02-2026", string(DateNotExist)},
		{"00/01/2026", string(DateNotExist)},
		{"31 April 2026", string(DateNotExist)},
		{"17/13/2026", string(DateNotExist)},
		{"17/00/2026", string(DateNotExist)},
		{"8/17/2026", string(DateNotExist)},
		{"32 Agustus 2026", string(DateNotExist)},
		{"Selasa, 17 Agustus 2026", string(DateWeekday)},

		{"", string(DateFormat)},
		{"besok", string(DateFormat)},
		{"17 Agustus", string(DateFormat)},
		{"17/8", string(DateFormat)},
		{"17/8/202", string(DateFormat)},
		{"17/8/20266", string(DateFormat)},
		{"17 Ju 2026", string(DateFormat)},
		{"17 bulan 2026", string(DateFormat)},
		{"Agustus 2026", string(DateFormat)},
		{"117-08-2026", string(DateFormat)},
		{"2026-08-177", string(DateFormat)},
		{"17.08.2026 09.00", string(DateFormat)},
		{"17 Agustus 2026 jam 9", string(DateFormat)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			y, m, d, p := ParseDate(tt.in)
			got := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
			if p != nil {
				got = string(p.Key)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateProblems(t *testing.T) {
	_, _, _, p := ParseDate("31-02-2026")
	if p == nil || len(p.Args) != 1 || p.Args[0] != "31-02-2026" {
		t.Fatalf("problem = %+v, want DateNotExist naming the date", p)
	}
	_, _, _, p = ParseDate(" Selasa, 17 Agustus 2026 ")
	if p == nil || p.Key != DateWeekday || len(p.Args) != 1 || p.Args[0] != "Selasa, 17 Agustus 2026" {
		t.Errorf("problem = %+v, want DateWeekday naming the date", p)
	}
	if _, _, _, p := ParseDate("nanti"); p == nil || len(p.Args) != 0 || p.Key != DateFormat {
		t.Errorf("problem = %+v, want DateFormat", p)
	}
	// The hint names an example in the format asked for.
	if got := T("id", DateFormat); !strings.Contains(got, "17-08-2026") || !strings.Contains(T("en", DateFormat), "17 August 2026") {
		t.Errorf("DateFormat gives no example: %q", got)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want string // "15:04", or the problem's key
	}{
		{"9", "09:00"},
		{"09", "09:00"},
		{"09:00", "09:00"},
		{"9:00", "09:00"},
		{"9.30", "09:30"},
		{"09.30", "09:30"},
		{"9:30 WIB", "09:30"},
		{"9.30wib", "09:30"},
		{"14.00", "14:00"},
		{"0:00", "00:00"},
		{"23.59", "23:59"},
		{"  13.30  ", "13:30"},
		{"jam 9", "09:00"},
		{"Jam 9.30 WIB", "09:30"},
		{"pukul 13.30", "13:30"},
		{"pkl. 8", "08:00"},
		{"0930", "09:30"},
		{"930", "09:30"},
		{"1400", "14:00"},
		{"jam 9 pagi", "09:00"},
		{"10 pagi", "10:00"},
		{"jam 1 siang", "13:00"},
		{"12 siang", "12:00"},
		{"11 siang", "11:00"},
		{"14.00 siang", "14:00"},
		{"jam 3 sore", "15:00"},
		{"16.30 sore", "16:30"},
		{"jam 7 malam", "19:00"},
		{"19.00 malam", "19:00"},
		{"12 malam", "00:00"},
		{"9am", "09:00"},
		{"9 AM", "09:00"},
		{"12 am", "00:00"},
		{"12pm", "12:00"},
		{"2 pm", "14:00"},
		{"2:30 p.m.", "14:30"},
		{"at 10", "10:00"},

		{"24:00", string(ClockNotExist)},
		{"24", string(ClockNotExist)},
		{"25.00", string(ClockNotExist)},
		{"9:60", string(ClockNotExist)},
		{"09.75", string(ClockNotExist)},
		{"2460", string(ClockNotExist)},
		{"15 pagi", string(ClockNotExist)},
		{"8 siang", string(ClockNotExist)},
		{"10 sore", string(ClockNotExist)},
		{"13 pm", string(ClockNotExist)},
		{"0 am", string(ClockNotExist)},

		{"", string(ClockFormat)},
		{"sembilan", string(ClockFormat)},
		{"9.5", string(ClockFormat)},
		{"9:3", string(ClockFormat)},
		{"09.00-11.00", string(ClockFormat)},
		{"9 WITA", string(ClockFormat)},
		{"12345", string(ClockFormat)},
		{"-9", string(ClockFormat)},
		{"jam", string(ClockFormat)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, m, p := ParseClock(tt.in)
			got := fmt.Sprintf("%02d:%02d", h, m)
			if p != nil {
				got = string(p.Key)
			}
			if got != tt.want {
				t.Errorf("ParseClock(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseClockProblemNamesTheTime(t *testing.T) {
	_, _, p := ParseClock("24:00")
	if p == nil || len(p.Args) != 1 || p.Args[0] != "24:00" {
		t.Fatalf("problem = %+v, want ClockNotExist naming the time", p)
	}
	if got := T("id", ClockNotExist, p.Args...); got != "Jam 24:00 tidak ada. Tulis antara 00.00 dan 23.59, misalnya 09.00 atau 13.30." {
		t.Errorf("hint = %q", got)
	}
}

// TestParseDateAgreesWithTime checks every day of two years, written the
// common ways, against the time package.
func TestParseDateAgreesWithTime(t *testing.T) {
	for d := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2029; d = d.AddDate(0, 0, 1) {
		for _, layout := range []string{"02-01-2006", "2/1/06", "2.1.2006", "2 January 2006", "Jan 2 2006", "Monday, 2 January 2006"} {
			in := d.Format(layout)
			y, m, day, p := ParseDate(in)
			if p != nil || y != d.Year() || m != d.Month() || day != d.Day() {
				t.Fatalf("ParseDate(%q) = %d-%d-%d %+v, want %s", in, y, m, day, p, d.Format("2006-01-02"))
			}
		}
		in := d.Format("2 ") + monthNames["id"][d.Month()-1] + d.Format(" 2006")
		if y, m, day, p := ParseDate(in); p != nil || y != d.Year() || m != d.Month() || day != d.Day() {
			t.Fatalf("ParseDate(%q) = %d-%d-%d %+v", in, y, m, day, p)
		}
	}
}
