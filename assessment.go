package ikmbot

import "time"

// Assessment is one attempt at the readiness check: when, the answers given
// (option id by question id) and their scored Result, which names the
// questionnaire version. Every attempt is kept, so staff see progress over
// time and an old result stays explainable.
type Assessment struct {
	UserID  int64             `json:"user_id"`
	At      time.Time         `json:"at"`
	Answers map[string]string `json:"answers"`
	Result  Result            `json:"result"`
	// Region is the owner's kabupaten/kota at the time, for the counts by
	// region.
	Region string `json:"region"`
}
