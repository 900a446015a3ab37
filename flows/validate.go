package flows

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParsePhone accepts an Indonesian phone number as people type it (0812...,
// +62 812-..., 62812..., 812...) and returns it as +62 followed by digits.
func ParsePhone(text string) (string, *Problem) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '+':
			return r
		case r == ' ', r == '-', r == '.', r == '(', r == ')':
			return -1
		}
		return 'x' // anything else makes the number invalid below
	}, strings.TrimSpace(text))
	rest := digits
	switch {
	case strings.HasPrefix(rest, "+62"):
		rest = rest[3:]
	case strings.HasPrefix(rest, "62"):
		rest = rest[2:]
	case strings.HasPrefix(rest, "0"):
		rest = rest[1:]
	}
	// What remains is the subscriber number: 8 to 12 digits, never starting
	// with 0 (mobile numbers start with 8, Lampung landlines with 7).
	if len(rest) < 8 || len(rest) > 12 || rest[0] == '0' || strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "", &Problem{Key: ErrPhone}
	}
	return "+62" + rest, nil
}

// ParseNIB accepts a 13-digit NIB, with spaces, dots or dashes people type
// between groups.
func ParseNIB(text string) (string, *Problem) {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, strings.TrimSpace(text))
	if len(digits) != 13 || strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "", &Problem{Key: ErrNIB}
	}
	return digits, nil
}

// wordsParser accepts free text with at least two letters and at most max
// characters, with white space folded; bad is the hint for too few letters.
func wordsParser(maxLen int, bad Key) func(string) (string, *Problem) {
	return func(text string) (string, *Problem) {
		s := strings.Join(strings.Fields(text), " ")
		if utf8.RuneCountInString(s) > maxLen {
			return "", &Problem{Key: ErrTooLong, Args: []any{maxLen}}
		}
		letters := 0
		for _, r := range s {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 2 {
			return "", &Problem{Key: bad}
		}
		return s, nil
	}
}

// ParseCapacity accepts a production capacity: text with a number in it.
func ParseCapacity(text string) (string, *Problem) {
	s := strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(s) > 100 {
		return "", &Problem{Key: ErrTooLong, Args: []any{100}}
	}
	if strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return "", &Problem{Key: ErrCapacity}
	}
	return s, nil
}
