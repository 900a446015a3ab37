package report

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// dump writes every chart the tests draw to the given directory, so that a
// person can look at them: go test ./report -dump /tmp/charts
var dump = flag.String("dump", "", "directory to write the rendered charts to")

func TestBarChart(t *testing.T) {
	tests := []struct {
		name  string
		bars  []Bar
		total float64
	}{
		{"funnel", []Bar{
			{"Terdaftar", 120}, {"Profil lengkap", 85}, {"Siap ekspor", 31}, {"Sudah ekspor", 7},
		}, 120},
		{"regions without total", []Bar{
			{"Bandar Lampung", 40}, {"Lampung Selatan", 12}, {"Pesisir Barat", 1}, {"Mesuji", 0},
		}, 0},
		{"long labels", []Bar{
			{"Kabupaten dengan nama yang sangat panjang sekali untuk layar ponsel", 3},
			{"Ekonomi kreatif, kerajinan, dan produk olahan\nmakanan", 2},
		}, 5},
		{"one bar", []Bar{{"Semua", 28500}}, 28500},
		{"no bars", nil, 0},
		{"all zeros", []Bar{{"A", 0}, {"B", 0}}, 0},
		{"zero total", []Bar{{"A", 3}}, 0},
		{"share above total", []Bar{{"A", 30}}, 20},
		{"bad values", []Bar{{"NaN", math.NaN()}, {"Inf", math.Inf(1)}, {"negative", -4}}, math.Inf(1)},
		{"many bars", manyBars(15), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := BarChart("Funnel IKM Lampung — Mei", tt.bars, tt.total)
			if err != nil {
				t.Fatalf("BarChart: %v", err)
			}
			checkPNG(t, got)
		})
	}
}

func TestProgressChart(t *testing.T) {
	tests := []struct {
		name          string
		value, target float64
	}{
		{"typical", 20, 28500},
		{"half", 14250, 28500},
		{"reached", 28500, 28500},
		{"over target", 35000, 28500},
		{"zero value", 0, 28500},
		{"zero target", 5, 0},
		{"all zero", 0, 0},
		{"negative and NaN", -3, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ProgressChart("Target ekspor 2026", tt.value, tt.target, "Sudah ekspor", "Target")
			if err != nil {
				t.Fatalf("ProgressChart: %v", err)
			}
			checkPNG(t, got)
		})
	}
}

func TestSeriesChart(t *testing.T) {
	weeks := func(n int, v func(i int) float64) ([]string, []float64) {
		var labels []string
		var values []float64
		for i := range n {
			labels = append(labels, "Mg "+string(rune('0'+i/10))+string(rune('0'+i%10)))
			values = append(values, v(i))
		}
		return labels, values
	}
	tests := []struct {
		name   string
		n      int
		value  func(i int) float64
		labels []string // overrides the generated ones when set
	}{
		{"eight weeks", 8, func(i int) float64 { return float64(i * i % 7) }, nil},
		{"a year of weeks", 52, func(i int) float64 { return float64(i * 37 % 90) }, nil},
		{"one week", 1, func(int) float64 { return 3 }, nil},
		{"no weeks", 0, nil, nil},
		{"all zeros", 10, func(int) float64 { return 0 }, nil},
		{"large counts", 6, func(i int) float64 { return float64(i) * 12345 }, nil},
		{"bad values", 3, func(i int) float64 { return [...]float64{math.NaN(), -1, math.Inf(1)}[i] }, nil},
		{"long labels", 3, func(i int) float64 { return float64(i + 1) }, []string{"1–7 Januari 2026", "8–14 Januari 2026", "15–21 Januari 2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			labels, values := weeks(tt.n, tt.value)
			if tt.labels != nil {
				labels = tt.labels
			}
			got, err := SeriesChart("Pendaftaran per minggu", labels, values)
			if err != nil {
				t.Fatalf("SeriesChart: %v", err)
			}
			checkPNG(t, got)
		})
	}
}

func TestSeriesChartMismatch(t *testing.T) {
	if _, err := SeriesChart("x", []string{"a", "b"}, []float64{1}); err == nil {
		t.Error("SeriesChart with 2 labels and 1 value: got no error, want one")
	}
}

func TestShorten(t *testing.T) {
	sty := textStyle(textSize)
	for _, s := range []string{"Bandar Lampung", "Kabupaten dengan nama yang sangat panjang sekali", "", "Tulang\nBawang"} {
		for _, w := range []vg.Length{0, 20, 100, 1000} {
			got := shorten(sty, s, vg.Length(w))
			if strings.Contains(got, "\n") {
				t.Errorf("shorten(%q, %v) = %q: contains a newline", s, w, got)
			}
			if sty.Width(got) > vg.Length(w) && got != "…" {
				t.Errorf("shorten(%q, %v) = %q: wider than %v", s, w, got, w)
			}
			if got != oneLine(s) && !strings.HasSuffix(got, "…") {
				t.Errorf("shorten(%q, %v) = %q: cut without …", s, w, got)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{formatNumber(0), "0"},
		{formatNumber(28500), "28500"},
		{formatNumber(2.25), "2.2"},
		{formatPercent(0), "0%"},
		{formatPercent(0.07), "<1%"},
		{formatPercent(99.6), "100%"},
		{formatPercent(122.8), "123%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// checkPNG decodes a chart and checks its size and that something was
// drawn on the white background besides.
func checkPNG(t *testing.T, b []byte) {
	t.Helper()
	if *dump != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".png"
		if err := os.WriteFile(filepath.Join(*dump, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	if got, want := img.Bounds().Size(), image.Pt(Width, Height); got != want {
		t.Errorf("size %v, want %v", got, want)
	}
	bg := color.RGBAModel.Convert(img.At(0, 0))
	if bg != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("background %v, want white", bg)
	}
	dark := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r+g+b < 3*0x8000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("%d dark pixels, want at least 100: the chart looks blank", dark)
	}
}

func manyBars(n int) []Bar {
	bars := make([]Bar, n)
	for i := range bars {
		bars[i] = Bar{Label: "Kabupaten " + string(rune('A'+i)), Value: float64((n - i) * 3)}
	}
	return bars
}
