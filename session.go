package ikmbot

import "time"

// Session is one chat's conversation state: which flow it is in, at which
// step, and the answers given so far. It lives here, not in flows, so that
// storage can persist it without importing flows.
type Session struct {
	Flow    string            `json:"flow"`              // flow name; empty when no flow is running
	Version int               `json:"version"`           // flow version the state was written by
	Step    string            `json:"step"`              // current step id
	Answers map[string]string `json:"answers,omitempty"` // answers by step id
	History []string          `json:"history,omitempty"` // steps passed, for the back button
	Editing bool              `json:"editing,omitempty"` // a summary edit: return to the summary after the step
	// Nonce changes whenever a flow starts, so buttons of an earlier run of
	// the same flow are recognised as stale.
	Nonce     string    `json:"nonce,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Active reports whether a flow is running.
func (s Session) Active() bool { return s.Flow != "" }
