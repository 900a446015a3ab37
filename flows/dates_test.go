package flows

import (
	"testing"
	"time"
)

func TestFormatDateTime(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, 12, 4, 13, 5, 0, 0, time.UTC)
	if got, want := FormatDateTime("id", at, wib), "4 Desember 2026 20.05 WIB"; got != want {
		t.Errorf("id: got %q, want %q", got, want)
	}
	if got, want := FormatDateTime("en", at, wib), "4 December 2026 20:05 WIB"; got != want {
		t.Errorf("en: got %q, want %q", got, want)
	}
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := FormatDateTime("id", at, jakarta), "4 Desember 2026 20.05 WIB"; got != want {
		t.Errorf("Asia/Jakarta: got %q, want %q", got, want)
	}
}

func TestFormatDate(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, 12, 31, 18, 30, 0, 0, time.UTC) // already 1 January in WIB
	if got, want := FormatDate("id", at, wib), "1 Januari 2027"; got != want {
		t.Errorf("id: got %q, want %q", got, want)
	}
	if got, want := FormatDate("en", at, wib), "1 January 2027"; got != want {
		t.Errorf("en: got %q, want %q", got, want)
	}
}
