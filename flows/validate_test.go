package flows

import "testing"

func TestParsePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"081234567890", "+6281234567890", true},
		{"0812-3456-7890", "+6281234567890", true},
		{"0812 3456 7890", "+6281234567890", true},
		{"+62 812 3456 7890", "+6281234567890", true},
		{"6281234567890", "+6281234567890", true},
		{"81234567890", "+6281234567890", true},
		{"(0721) 123456", "+62721123456", true},
		{"0812345", "", false},               // too short
		{"08123456789012345", "", false},     // too long
		{"+1 415 555 0100", "", false},       // not Indonesian
		{"0812abc4567", "", false},           // letters
		{"", "", false},                      // nothing
		{"00812345678", "", false},           // subscriber part starts with 0
		{"nomor saya 0812345678", "", false}, // words around it
	}
	for _, tt := range tests {
		got, problem := ParsePhone(tt.in)
		if (problem == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q, ok=%v", tt.in, got, problem, tt.want, tt.ok)
		}
		if problem != nil && problem.Key != ErrPhone {
			t.Errorf("ParsePhone(%q) problem = %q, want %q", tt.in, problem.Key, ErrPhone)
		}
	}
}

func TestParseNIBAnswer(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"1234567890123", "1234567890123", true},
		{"1234 5678 90123", "1234567890123", true},
		{"1234-5678-90123", "1234567890123", true},
		{"Belum punya", noNIB, true},
		{"belum", noNIB, true},
		{"123456789012", "", false},
		{"12345678901234", "", false},
		{"12345678901a3", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, problem := parseNIBAnswer(tt.in)
		if (problem == nil) != tt.ok || got != tt.want {
			t.Errorf("parseNIBAnswer(%q) = %q, %v; want %q, ok=%v", tt.in, got, problem, tt.want, tt.ok)
		}
	}
}

func TestWordsAndCapacity(t *testing.T) {
	name := wordsParser(20, ErrName)
	tests := []struct {
		parse   func(string) (string, *Problem)
		in      string
		want    string
		problem Key
	}{
		{name, "  Siti   Rahayu ", "Siti Rahayu", ""},
		{name, "S", "", ErrName},
		{name, "12345", "", ErrName},
		{name, "😀😀😀", "", ErrName},
		{name, "Siti Rahayu Binti Abdullah", "", ErrTooLong},
		{name, "Ñá", "Ñá", ""},
		{ParseCapacity, "500 kg", "500 kg", ""},
		{ParseCapacity, "banyak", "", ErrCapacity},
		{ParseCapacity, "  2.000   bungkus ", "2.000 bungkus", ""},
	}
	for _, tt := range tests {
		got, problem := tt.parse(tt.in)
		var key Key
		if problem != nil {
			key = problem.Key
		}
		if got != tt.want || key != tt.problem {
			t.Errorf("parse(%q) = %q, %q; want %q, %q", tt.in, got, key, tt.want, tt.problem)
		}
	}
}
