package ikmbot

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// The export-readiness questionnaire: reviewed data from
// shared/domain/readiness.json, embedded so that changing a question is a
// data change with a new version, not a code change.
//
//go:embed data/readiness.json
var readinessJSON []byte

// Level is a training class level.
type Level string

// The programme's class levels, lowest first.
const (
	LevelPemula   Level = "pemula"
	LevelMenengah Level = "menengah"
	LevelMahir    Level = "mahir"
)

// rank orders levels; an unknown level ranks below pemula.
func (l Level) rank() int {
	switch l {
	case LevelPemula:
		return 1
	case LevelMenengah:
		return 2
	case LevelMahir:
		return 3
	}
	return 0
}

// Above reports whether l is a higher class than other.
func (l Level) Above(other Level) bool { return l.rank() > other.rank() }

// Questionnaire is one version of the readiness check.
type Questionnaire struct {
	Version    int         `json:"version"`
	Dimensions []Dimension `json:"dimensions"`
	Questions  []Question  `json:"questions"`
	Levels     []LevelBand `json:"levels"`
	Gates      []Gate      `json:"gates"`
	Flags      []Flag      `json:"flags"`
	// ProfileAnswers says, per question, which options each profile fact
	// allows: one option settles the question, several narrow it.
	ProfileAnswers map[string]map[string][]string `json:"profile_answers"`
	// RecommendationsShown is how many recommendations an owner gets.
	RecommendationsShown int `json:"recommendations_shown"`
}

// Dimension is one area of readiness, scored 0-100 from its questions.
type Dimension struct {
	ID               string   `json:"id"`
	NameID           string   `json:"name_id"`
	NameEN           string   `json:"name_en"`
	Weight           int      `json:"weight"` // weights sum to 100
	QuestionIDs      []string `json:"question_ids"`
	RecommendationID string   `json:"recommendation_id"`
	RecommendationEN string   `json:"recommendation_en"`
}

// Question is a single-choice question.
type Question struct {
	ID        string   `json:"id"`
	Dimension string   `json:"dimension"`
	TextID    string   `json:"text_id"`
	TextEN    string   `json:"text_en"`
	Options   []Option `json:"options"`
}

// Option is one answer, worth 0 (absent) to 4 (proven internationally).
type Option struct {
	ID     string `json:"id"` // a, b, c, ...: shown as the button's letter
	TextID string `json:"text_id"`
	TextEN string `json:"text_en"`
	Points int    `json:"points"`
}

// LevelBand maps a total score to a level: MinScore <= total < MaxScore
// (no upper bound when MaxScore is nil).
type LevelBand struct {
	ID            Level    `json:"id"`
	NameID        string   `json:"name_id"`
	NameEN        string   `json:"name_en"`
	MinScore      float64  `json:"min_score"`
	MaxScore      *float64 `json:"max_score_exclusive"`
	DescriptionID string   `json:"description_id"`
	DescriptionEN string   `json:"description_en"`
}

// Condition is one test on an attempt: a question's points below or at
// least a value, or the total below a value.
type Condition struct {
	Question   string   `json:"question,omitempty"`
	Below      *int     `json:"below,omitempty"`
	AtLeast    *int     `json:"at_least,omitempty"`
	TotalBelow *float64 `json:"total_below,omitempty"`
}

// Gate caps the level when any of its conditions holds: a knock-out
// criterion the score alone would miss (no NIB means pemula).
type Gate struct {
	ID        string      `json:"id"`
	Cap       Level       `json:"cap"`
	Any       []Condition `json:"any"`
	MessageID string      `json:"message_id"`
	MessageEN string      `json:"message_en"`
}

// Flag marks an attempt for staff when all its conditions hold.
type Flag struct {
	ID        string      `json:"id"`
	All       []Condition `json:"all"`
	MessageID string      `json:"message_id"`
	MessageEN string      `json:"message_en"`
}

var readiness Questionnaire

func init() {
	if err := json.Unmarshal(readinessJSON, &readiness); err != nil {
		panic(fmt.Sprintf("embedded readiness.json: %v", err))
	}
	if err := readiness.check(); err != nil {
		panic(fmt.Sprintf("embedded readiness.json: %v", err))
	}
}

// Readiness returns the current questionnaire.
func Readiness() *Questionnaire { return &readiness }

// Question finds a question by id.
func (q *Questionnaire) Question(id string) (Question, bool) {
	for _, qu := range q.Questions {
		if qu.ID == id {
			return qu, true
		}
	}
	return Question{}, false
}

// Option finds an option of the question by id.
func (qu Question) Option(id string) (Option, bool) {
	for _, o := range qu.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// check makes sure the data is consistent, so scoring never meets a
// dangling id.
func (q *Questionnaire) check() error {
	weights := 0
	seen := map[string]bool{}
	for _, d := range q.Dimensions {
		weights += d.Weight
		if len(d.QuestionIDs) == 0 {
			return fmt.Errorf("dimension %s has no questions", d.ID)
		}
		for _, id := range d.QuestionIDs {
			qu, ok := q.Question(id)
			if !ok || qu.Dimension != d.ID {
				return fmt.Errorf("dimension %s lists question %s, which is not its own", d.ID, id)
			}
			seen[id] = true
		}
	}
	if weights != 100 {
		return fmt.Errorf("dimension weights sum to %d, want 100", weights)
	}
	for _, qu := range q.Questions {
		if !seen[qu.ID] {
			return fmt.Errorf("question %s belongs to no dimension", qu.ID)
		}
		// Ids travel in callback data (flow:action:nonce:question:option,
		// at most 64 bytes) and are shown as letters.
		if !shortID(qu.ID, 8) {
			return fmt.Errorf("question id %q must be 1-8 characters of a-z and 0-9", qu.ID)
		}
		options := map[string]bool{}
		for _, o := range qu.Options {
			if o.Points < 0 || o.Points > maxPoints {
				return fmt.Errorf("question %s option %s: %d points", qu.ID, o.ID, o.Points)
			}
			if !shortID(o.ID, 2) || options[o.ID] {
				return fmt.Errorf("question %s: option id %q must be unique, 1-2 characters of a-z and 0-9", qu.ID, o.ID)
			}
			options[o.ID] = true
		}
	}
	// The bands must give every total from 0 to 100 exactly one known level.
	for total := 0.0; total <= 100; total += 0.01 {
		n := 0
		for _, b := range q.Levels {
			if round2(total) >= b.MinScore && (b.MaxScore == nil || round2(total) < *b.MaxScore) {
				n++
				if b.ID.rank() == 0 {
					return fmt.Errorf("band of unknown level %q", b.ID)
				}
			}
		}
		if n != 1 {
			return fmt.Errorf("a total of %.2f falls in %d bands", round2(total), n)
		}
	}
	for _, g := range q.Gates {
		if err := q.checkConditions(g.Any); err != nil || g.Cap.rank() == 0 {
			return fmt.Errorf("gate %s: cap %q, %v", g.ID, g.Cap, err)
		}
	}
	for _, f := range q.Flags {
		if err := q.checkConditions(f.All); err != nil {
			return fmt.Errorf("flag %s: %w", f.ID, err)
		}
	}
	for qid, facts := range q.ProfileAnswers {
		qu, ok := q.Question(qid)
		if !ok {
			return fmt.Errorf("profile answers for unknown question %s", qid)
		}
		for fact, opts := range facts {
			for _, o := range opts {
				if _, ok := qu.Option(o); !ok {
					return fmt.Errorf("profile answer %s/%s: no option %s", qid, fact, o)
				}
			}
		}
	}
	return nil
}

func (q *Questionnaire) checkConditions(cs []Condition) error {
	if len(cs) == 0 {
		return fmt.Errorf("no conditions")
	}
	for _, c := range cs {
		if c.TotalBelow != nil {
			continue
		}
		if _, ok := q.Question(c.Question); !ok || (c.Below == nil) == (c.AtLeast == nil) {
			return fmt.Errorf("bad condition %+v", c)
		}
	}
	return nil
}

// maxPoints is what the best option of a question is worth.
const maxPoints = 4

// Result is a scored attempt. It names the questionnaire version, so an old
// result stays explainable after the questions change.
type Result struct {
	Version         int                `json:"version"`
	Total           float64            `json:"total"` // 0-100, two decimals
	Level           Level              `json:"level"`
	ScoreLevel      Level              `json:"score_level"` // the level before gates
	Dimensions      map[string]float64 `json:"dimensions"`  // 0-100 by dimension id
	Gates           []string           `json:"gates,omitempty"`
	Flags           []string           `json:"flags,omitempty"`
	Recommendations []string           `json:"recommendations,omitempty"` // dimension ids, most to gain first
}

// Score scores complete answers (option id by question id). It is a pure
// function of the questionnaire and the answers.
func (q *Questionnaire) Score(answers map[string]string) (Result, error) {
	points := map[string]int{}
	for _, qu := range q.Questions {
		o, ok := qu.Option(answers[qu.ID])
		if !ok {
			return Result{}, Errorf(EInvalid, "score readiness: question %s answered %q", qu.ID, answers[qu.ID])
		}
		points[qu.ID] = o.Points
	}
	r := Result{Version: q.Version, Dimensions: map[string]float64{}}
	total := 0.0
	for _, d := range q.Dimensions {
		sum := 0
		for _, id := range d.QuestionIDs {
			sum += points[id]
		}
		score := float64(sum) / float64(maxPoints*len(d.QuestionIDs)) * 100
		r.Dimensions[d.ID] = round2(score)
		total += float64(d.Weight) * score / 100
	}
	// Rounded before comparing with the bands, so the score shown is the
	// score that decided.
	r.Total = round2(total)
	for _, b := range q.Levels {
		if r.Total >= b.MinScore && (b.MaxScore == nil || r.Total < *b.MaxScore) {
			r.ScoreLevel = b.ID
		}
	}
	r.Level = r.ScoreLevel
	for _, g := range q.Gates {
		if anyHolds(g.Any, points, r.Total) && r.Level.Above(g.Cap) {
			r.Level = g.Cap
			r.Gates = append(r.Gates, g.ID)
		}
	}
	for _, f := range q.Flags {
		if allHold(f.All, points, r.Total) {
			r.Flags = append(r.Flags, f.ID)
		}
	}
	r.Recommendations = q.recommend(r.Dimensions)
	return r, nil
}

// recommend picks the dimensions with the most to gain, weight x (100 -
// score), among those not yet at 100.
func (q *Questionnaire) recommend(scores map[string]float64) []string {
	type gain struct {
		id   string
		gain float64
	}
	var gains []gain
	for _, d := range q.Dimensions {
		if s := scores[d.ID]; s < 100 {
			gains = append(gains, gain{d.ID, float64(d.Weight) * (100 - s)})
		}
	}
	sort.SliceStable(gains, func(i, j int) bool { return gains[i].gain > gains[j].gain })
	var ids []string
	for _, g := range gains[:min(len(gains), q.RecommendationsShown)] {
		ids = append(ids, g.id)
	}
	return ids
}

func (c Condition) holds(points map[string]int, total float64) bool {
	switch {
	case c.TotalBelow != nil:
		return total < *c.TotalBelow
	case c.Below != nil:
		return points[c.Question] < *c.Below
	case c.AtLeast != nil:
		return points[c.Question] >= *c.AtLeast
	}
	return false
}

func anyHolds(cs []Condition, points map[string]int, total float64) bool {
	for _, c := range cs {
		if c.holds(points, total) {
			return true
		}
	}
	return false
}

func allHold(cs []Condition, points map[string]int, total float64) bool {
	for _, c := range cs {
		if !c.holds(points, total) {
			return false
		}
	}
	return true
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// shortID reports whether id is 1 to max characters of a-z and 0-9.
func shortID(id string, max int) bool {
	if len(id) == 0 || len(id) > max {
		return false
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
