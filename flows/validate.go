package flows

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"ikmbot"
)

// ParsePhone accepts an Indonesian phone number as people type it (0812...,
// +62 812-..., 62812..., 812...) and returns it as +62 followed by digits
// (ikmbot.NormalizePhone).
func ParsePhone(text string) (string, *Problem) {
	phone, ok := ikmbot.NormalizePhone(text)
	if !ok {
		return "", &Problem{Key: ErrPhone}
	}
	return phone, nil
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
