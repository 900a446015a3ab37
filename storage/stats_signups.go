package storage

import (
	"time"

	"ikmbot"
)

// signedUpScore is an owner's score in signedUpKey: when their profile was
// created, or now for a profile that does not say (none the bot writes).
func signedUpScore(p ikmbot.Profile, now time.Time) float64 {
	at := p.CreatedAt
	if at.IsZero() {
		at = now
	}
	return float64(at.UnixMilli())
}
