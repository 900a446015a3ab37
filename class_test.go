package ikmbot

import (
	"testing"
	"time"
)

func TestTermOfClass(t *testing.T) {
	for _, tc := range []struct {
		id, term string
		ok       bool
	}{
		{"2026-1-7", "2026-1", true},
		{ClassID(2027, 2, 120), "2027-2", true},
		{"2026-3-1", "", false},
		{"2026-1", "", false},
		{"2026-1-x", "", false},
		{"2026--1-1", "", false},
		{"-2026-1-1", "", false},
		{"", "", false},
	} {
		term, ok := TermOfClass(tc.id)
		if term != tc.term || ok != tc.ok {
			t.Errorf("TermOfClass(%q) = %q, %v; want %q, %v", tc.id, term, ok, tc.term, tc.ok)
		}
	}
}

func TestClassValidate(t *testing.T) {
	start := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	good := Class{ID: "2026-1-1", Level: LevelPemula, Stage: 1, Year: 2026, Title: "Dasar ekspor", Capacity: 20,
		Meetings: []Meeting{{Start: start, Minutes: 120, Place: "Aula"}, {Start: start.Add(48 * time.Hour), Minutes: 90, Place: "Zoom"}}}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid class: %v", err)
	}
	if got, want := good.Ends(), start.Add(48*time.Hour+90*time.Minute); !got.Equal(want) {
		t.Errorf("Ends = %v, want %v", got, want)
	}
	if got := good.Term(); got != "2026-1" {
		t.Errorf("Term = %q", got)
	}
	for name, mutate := range map[string]func(*Class){
		"level":       func(c *Class) { c.Level = "expert" },
		"stage":       func(c *Class) { c.Stage = 3 },
		"year":        func(c *Class) { c.Year = 26 },
		"title":       func(c *Class) { c.Title = "  " },
		"capacity":    func(c *Class) { c.Capacity = 0 },
		"no meetings": func(c *Class) { c.Meetings = nil },
		"no place":    func(c *Class) { c.Meetings = []Meeting{{Start: start, Minutes: 60}} },
		"no length":   func(c *Class) { c.Meetings = []Meeting{{Start: start, Place: "Aula"}} },
		"order": func(c *Class) {
			c.Meetings = []Meeting{{Start: start, Minutes: 60, Place: "A"}, {Start: start.Add(-time.Hour), Minutes: 60, Place: "B"}}
		},
	} {
		c := good
		c.Meetings = append([]Meeting(nil), good.Meetings...)
		mutate(&c)
		if err := c.Validate(); ErrorCode(err) != EInvalid {
			t.Errorf("%s: Validate = %v, want an EInvalid error", name, err)
		}
	}
}

func TestDueKey(t *testing.T) {
	if got := (Due{Kind: "class", ID: "2026-1-7:0:7d"}).Key(); got != "class|2026-1-7:0:7d" {
		t.Errorf("Key = %q", got)
	}
}
