package ikmbot

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// answersFor builds answers whose points per dimension sum to sums (missing
// dimensions sum to 0), trying every combination of its questions' options;
// questions in fixed keep the points given there.
func answersFor(t *testing.T, q *Questionnaire, sums map[string]int, fixed map[string]int) map[string]string {
	t.Helper()
	answers := map[string]string{}
	for _, d := range q.Dimensions {
		var pick func(i, left int) bool
		pick = func(i, left int) bool {
			if i == len(d.QuestionIDs) {
				return left == 0
			}
			qu, _ := q.Question(d.QuestionIDs[i])
			for _, o := range qu.Options {
				if p, ok := fixed[qu.ID]; ok && o.Points != p {
					continue
				}
				if o.Points <= left && pick(i+1, left-o.Points) {
					answers[qu.ID] = o.ID
					return true
				}
			}
			return false
		}
		if !pick(0, sums[d.ID]) {
			t.Fatalf("no answers give dimension %s %d points", d.ID, sums[d.ID])
		}
	}
	return answers
}

// withPoints sets one question's answer to the option worth points.
func withPoints(t *testing.T, q *Questionnaire, answers map[string]string, qid string, points int) map[string]string {
	t.Helper()
	qu, _ := q.Question(qid)
	out := map[string]string{}
	for k, v := range answers {
		out[k] = v
	}
	for _, o := range qu.Options {
		if o.Points == points {
			out[qid] = o.ID
			return out
		}
	}
	t.Fatalf("question %s has no option worth %d", qid, points)
	return nil
}

func TestReadinessWorkedExamples(t *testing.T) {
	q := Readiness()
	var data struct {
		WorkedExamples []struct {
			Label         string         `json:"label"`
			Answers       map[string]int `json:"answers"`
			ExpectedTotal float64        `json:"expected_total"`
			ExpectedLevel Level          `json:"expected_level"`
		} `json:"worked_examples"`
	}
	if err := json.Unmarshal(readinessJSON, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.WorkedExamples) == 0 {
		t.Fatal("no worked examples in readiness.json")
	}
	for _, ex := range data.WorkedExamples {
		t.Run(ex.Label, func(t *testing.T) {
			answers := map[string]string{}
			for qid, pts := range ex.Answers {
				answers = withPoints(t, q, answers, qid, pts)
			}
			r, err := q.Score(answers)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != ex.ExpectedTotal || r.Level != ex.ExpectedLevel {
				t.Errorf("total %v level %s, want %v %s", r.Total, r.Level, ex.ExpectedTotal, ex.ExpectedLevel)
			}
		})
	}
}

// passGates are answers (points) that let any level through the gates: NIB
// with the right KBLI, indirect export, a basic product certificate.
var passGates = map[string]int{"q01": 3, "q15": 3, "q03": 2}

// TestReadinessLevelBoundaries scores answers at and around every band
// boundary. Totals move in steps of 1.25 (weight 10) and 1.875 (weight 15)
// per point, so the sums below hit 45 and 70 exactly and the nearest totals
// under them.
func TestReadinessLevelBoundaries(t *testing.T) {
	q := Readiness()
	heavy := []string{"legalitas", "produk_mutu", "kapasitas", "pasar_pemasaran"}         // weight 15
	light := []string{"kemasan", "pengetahuan_ekspor", "keuangan", "komitmen_pengalaman"} // weight 10
	sums := func(h, l [4]int) map[string]int {
		m := map[string]int{}
		for i, id := range heavy {
			m[id] = h[i]
		}
		for i, id := range light {
			m[id] = l[i]
		}
		return m
	}
	// total x 8 = 15 x (heavy points) + 10 x (light points)
	tests := []struct {
		name  string
		h, l  [4]int // points per dimension, each 0-8
		fixed map[string]int
		total float64
		level Level
	}{
		{"low", [4]int{3, 2, 0, 0}, [4]int{0, 0, 0, 3}, nil, 13.13, LevelPemula},                 // 105 / 8
		{"just under 45", [4]int{4, 5, 4, 4}, [4]int{3, 3, 1, 3}, passGates, 44.38, LevelPemula}, // 355 / 8
		{"exactly 45", [4]int{4, 4, 4, 4}, [4]int{3, 3, 3, 3}, passGates, 45, LevelMenengah},     // 360 / 8
		{"just under 70", [4]int{7, 6, 6, 6}, [4]int{5, 5, 4, 4}, passGates, 69.38, LevelMenengah},
		{"exactly 70", [4]int{6, 6, 6, 6}, [4]int{5, 5, 5, 5}, passGates, 70, LevelMahir},
		{"everything", [4]int{8, 8, 8, 8}, [4]int{8, 8, 8, 8}, nil, 100, LevelMahir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := answersFor(t, q, sums(tt.h, tt.l), tt.fixed)
			r, err := q.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != tt.total || r.ScoreLevel != tt.level || r.Level != tt.level || len(r.Gates) != 0 {
				t.Errorf("total %v level %s (by score %s, gates %v), want %v %s", r.Total, r.Level, r.ScoreLevel, r.Gates, tt.total, tt.level)
			}
		})
	}
}

// TestReadinessEveryDimension gives full points in one dimension and none
// elsewhere: that dimension scores 100, the total is its weight, and it is
// never recommended.
func TestReadinessEveryDimension(t *testing.T) {
	q := Readiness()
	for _, d := range q.Dimensions {
		t.Run(d.ID, func(t *testing.T) {
			a := answersFor(t, q, map[string]int{d.ID: maxPoints * len(d.QuestionIDs)}, nil)
			r, err := q.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]float64{}
			for _, o := range q.Dimensions {
				want[o.ID] = 0
			}
			want[d.ID] = 100
			if diff := cmp.Diff(want, r.Dimensions); diff != "" {
				t.Errorf("dimension scores (-want +got):\n%s", diff)
			}
			if r.Total != float64(d.Weight) {
				t.Errorf("total %v, want the weight %d", r.Total, d.Weight)
			}
			for _, id := range r.Recommendations {
				if id == d.ID {
					t.Errorf("recommends %s, which scored 100", id)
				}
			}
			if len(r.Recommendations) != q.RecommendationsShown {
				t.Errorf("recommendations %v, want %d", r.Recommendations, q.RecommendationsShown)
			}
		})
	}
}

func TestReadinessGates(t *testing.T) {
	q := Readiness()
	all := map[string]int{}
	for _, d := range q.Dimensions {
		all[d.ID] = maxPoints * len(d.QuestionIDs)
	}
	top := answersFor(t, q, all, nil)
	tests := []struct {
		name    string
		qid     string
		points  int
		level   Level
		gates   []string
		butuhNI bool
	}{
		{"all at the top", "q16", 4, LevelMahir, nil, false},
		{"NIB in process", "q01", 1, LevelPemula, []string{"gate_nib"}, true},
		{"NIB with the wrong KBLI", "q01", 2, LevelPemula, []string{"gate_nib"}, true},
		{"NIB with the right KBLI", "q01", 3, LevelMahir, nil, false},
		{"samples only, no export", "q15", 2, LevelMenengah, []string{"gate_mahir"}, false},
		{"indirect export", "q15", 3, LevelMahir, nil, false},
		{"certificate in process", "q03", 1, LevelMenengah, []string{"gate_mahir"}, false},
		{"basic certificate", "q03", 2, LevelMahir, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := q.Score(withPoints(t, q, top, tt.qid, tt.points))
			if err != nil {
				t.Fatal(err)
			}
			if r.Level != tt.level || !cmp.Equal(r.Gates, tt.gates) {
				t.Errorf("level %s gates %v, want %s %v (total %v)", r.Level, r.Gates, tt.level, tt.gates, r.Total)
			}
			if got := contains(r.Flags, "butuh_nib"); got != tt.butuhNI {
				t.Errorf("flags %v: butuh_nib %v, want %v", r.Flags, got, tt.butuhNI)
			}
		})
	}
}

// TestReadinessGateOnlyWhenItLowers: a pemula by score is not told a gate
// held them back.
func TestReadinessGateOnlyWhenItLowers(t *testing.T) {
	q := Readiness()
	r, err := q.Score(answersFor(t, q, map[string]int{"kapasitas": 8}, nil))
	if err != nil {
		t.Fatal(err)
	}
	if r.Level != LevelPemula || len(r.Gates) != 0 {
		t.Errorf("level %s gates %v, want pemula with no gate", r.Level, r.Gates)
	}
}

func TestReadinessFlags(t *testing.T) {
	q := Readiness()
	tests := []struct {
		name  string
		sums  map[string]int
		fixed map[string]int
		want  []string
	}{
		// 15 x 8 / 8 + 10 x 8 / 8 + 10 / 8 x 1 = 26.25: not pra-pemula
		{"just over 25", map[string]int{"legalitas": 8, "kemasan": 8, "keuangan": 1}, nil, nil},
		// 15 x 8 / 8 + 10 x 7 / 8 = 23.75
		{"under 25", map[string]int{"legalitas": 8, "kemasan": 7}, nil, []string{"pra_pemula"}},
		{"no NIB", map[string]int{"kemasan": 8}, nil, []string{"pra_pemula", "butuh_nib"}},
		{"LPEI candidate", map[string]int{"legalitas": 8, "komitmen_pengalaman": 3, "keuangan": 2}, map[string]int{"q15": 3, "q13": 2},
			[]string{"pra_pemula", "calon_lpei"}},
		{"LPEI needs bookkeeping", map[string]int{"legalitas": 8, "komitmen_pengalaman": 3, "keuangan": 1}, map[string]int{"q15": 3, "q13": 1},
			[]string{"pra_pemula"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := q.Score(answersFor(t, q, tt.sums, tt.fixed))
			if err != nil {
				t.Fatal(err)
			}
			if !cmp.Equal(r.Flags, tt.want) {
				t.Errorf("flags %v, want %v (total %v)", r.Flags, tt.want, r.Total)
			}
		})
	}
}

func TestReadinessRecommendationsByGain(t *testing.T) {
	q := Readiness()
	// legalitas 0/15 gains 1500; kemasan 0/10 gains 1000; produk_mutu 4/8
	// gains 750; everything else full.
	sums := map[string]int{"produk_mutu": 4}
	for _, d := range q.Dimensions {
		if _, set := sums[d.ID]; !set && d.ID != "legalitas" && d.ID != "kemasan" {
			sums[d.ID] = 8
		}
	}
	r, err := q.Score(answersFor(t, q, sums, nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"legalitas", "kemasan", "produk_mutu"}; !cmp.Equal(r.Recommendations, want) {
		t.Errorf("recommendations %v, want %v", r.Recommendations, want)
	}
}

func TestReadinessRefusesIncompleteAnswers(t *testing.T) {
	q := Readiness()
	a := answersFor(t, q, nil, nil)
	delete(a, "q07")
	if _, err := q.Score(a); ErrorCode(err) != EInvalid {
		t.Errorf("missing answer: err = %v, want EInvalid", err)
	}
	a["q07"] = "z"
	if _, err := q.Score(a); ErrorCode(err) != EInvalid {
		t.Errorf("unknown option: err = %v, want EInvalid", err)
	}
}

func TestReadinessDataChecked(t *testing.T) {
	var q Questionnaire
	if err := json.Unmarshal(readinessJSON, &q); err != nil {
		t.Fatal(err)
	}
	if err := q.check(); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	broken := q
	broken.Dimensions = append([]Dimension(nil), q.Dimensions...)
	broken.Dimensions[0].Weight++
	if broken.check() == nil {
		t.Error("weights summing to 101 passed the check")
	}
	broken = q
	broken.Gates = []Gate{{ID: "g", Cap: "expert", Any: q.Gates[0].Any}}
	if broken.check() == nil {
		t.Error("a gate capping at an unknown level passed the check")
	}
	broken = q
	broken.Levels = append([]LevelBand(nil), q.Levels...)
	gap := 50.0
	broken.Levels[1].MaxScore = &gap // 50 to 70 now falls in no band
	if broken.check() == nil {
		t.Error("bands with a gap passed the check")
	}
	broken = q
	broken.Questions = append([]Question(nil), q.Questions...)
	broken.Questions[0].Options = append([]Option(nil), q.Questions[0].Options...)
	broken.Questions[0].Options[1].ID = broken.Questions[0].Options[0].ID
	if broken.check() == nil {
		t.Error("two options with one id passed the check")
	}
	broken.Questions[0].Options[1].ID = "b:c"
	if broken.check() == nil {
		t.Error("an option id with a colon passed the check")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
