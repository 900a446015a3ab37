// Package report draws the statistics charts that staff get from
// /statistik as PNG images sized and styled for a phone screen: a bar
// chart (funnel or breakdown), a progress-to-target bar and counts over
// time. It also writes the tables staff get from /ekspor: an .xlsx
// workbook streamed sheet by sheet, or one table as CSV (workbook.go).
//
// It has no user-facing text of its own: titles, labels and column
// headers arrive already translated from the message catalog, and the
// package only writes numbers, percentages and dates. It imports the
// standard library, gonum.org/v1/plot and github.com/xuri/excelize/v2
// only; it must not import storage, flows, handlers or the Telegram library.
package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Width and Height are the size in pixels of every chart. A 4:3 picture
// fills the width of a phone held upright without being cropped in the chat.
const (
	Width  = 800
	Height = 600
)

// dpi doubles the pixels per point so that the layout is done on a
// 400x300 pt page: a 14 pt font is then 28 px tall, about 14 px once the
// phone shrinks the picture to the width of the chat.
const dpi = 144

var (
	pageW = vg.Length(Width) * vg.Inch / dpi
	pageH = vg.Length(Height) * vg.Inch / dpi
)

const (
	titleSize = 18 // pt
	textSize  = 14 // pt; nothing on a chart is smaller
	bigSize   = 28 // pt; the percentage of the progress chart
	margin    = 8  // pt around the page
)

// High-contrast colours: black text on white, dark blue bars.
var (
	ink   = color.Black
	bar   = color.RGBA{R: 0x1f, G: 0x4e, B: 0x9a, A: 0xff}
	track = color.RGBA{R: 0xd0, G: 0xd0, B: 0xd0, A: 0xff}
	mark  = color.RGBA{R: 0xb0, G: 0x10, B: 0x10, A: 0xff}
	grid  = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Bar is one bar: its label and value.
type Bar struct {
	Label string
	Value float64
}

// BarChart draws horizontal bars, top to bottom in the given order, each
// labelled with its value and, when total > 0, its share of total as a
// percentage, as an 800x600 PNG. Up to about 10 bars read well. Negative,
// NaN and infinite values are drawn as 0; no bars draw a lone "0".
func BarChart(title string, bars []Bar, total float64) ([]byte, error) {
	if len(bars) == 0 {
		return render(emptyPlot(title))
	}
	p := newPlot(title)
	p.HideX()
	total = clean(total)

	n := len(bars)
	values := make(plotter.Values, n)
	names := make([]string, n)
	xys := make(plotter.XYs, n)
	texts := make([]string, n)
	maxName := 0.4 * pageW
	for i, b := range bars {
		j := n - 1 - i // the plot counts from the bottom, the caller from the top
		v := clean(b.Value)
		values[j] = v
		names[j] = shorten(p.Y.Tick.Label, b.Label, maxName)
		xys[j] = plotter.XY{X: v, Y: float64(j)}
		texts[j] = formatNumber(v)
		if total > 0 {
			texts[j] += " (" + formatPercent(v/total*100) + ")"
		}
	}

	bc, err := plotter.NewBarChart(values, min(48, 0.6*(pageH-60)/vg.Length(n)))
	if err != nil {
		return nil, fmt.Errorf("bar chart: %w", err)
	}
	bc.Horizontal = true
	bc.Color = bar
	bc.LineStyle.Width = 0
	p.Add(bc)

	labels, err := newLabels(xys, texts, textSize, draw.XLeft, draw.YCenter)
	if err != nil {
		return nil, fmt.Errorf("bar chart: %w", err)
	}
	labels.Offset = vg.Point{X: 4, Y: 3} // YCenter sits low: line up with the names
	p.Add(labels)

	p.NominalY(names...)
	p.X.Min = 0
	if p.X.Max <= 0 {
		p.X.Max = 1 // all zero: keep 0 at the left instead of the middle
	}
	return render(p)
}

// ProgressChart draws one bar of value toward target (e.g. 20 exporting
// of 28500) with the target marked, the percentage written large above the
// bar and "valueLabel: value" and "targetLabel: target" below it, as an
// 800x600 PNG. A value above target fills the bar and the real percentage
// is written; a target of 0 or less counts as 0%.
func ProgressChart(title string, value, target float64, valueLabel, targetLabel string) ([]byte, error) {
	p := newPlot(title)
	p.HideAxes()
	value, target = clean(value), clean(target)

	pct, frac := 0.0, 0.0
	if target > 0 {
		pct = value / target * 100
		frac = min(value/target, 1)
	}

	const barWidth = 56 // pt
	back, err := plotter.NewBarChart(plotter.Values{1}, barWidth)
	if err != nil {
		return nil, fmt.Errorf("progress chart: %w", err)
	}
	back.Horizontal, back.Color, back.LineStyle.Width = true, track, 0
	fill, err := plotter.NewBarChart(plotter.Values{frac}, barWidth)
	if err != nil {
		return nil, fmt.Errorf("progress chart: %w", err)
	}
	fill.Horizontal, fill.Color, fill.LineStyle.Width = true, bar, 0

	marker, err := plotter.NewLine(plotter.XYs{{X: 1, Y: -0.4}, {X: 1, Y: 0.4}})
	if err != nil {
		return nil, fmt.Errorf("progress chart: %w", err)
	}
	marker.LineStyle = draw.LineStyle{Color: mark, Width: vg.Points(4)}

	big, err := newLabels(plotter.XYs{{X: 0.5, Y: 0.45}}, []string{formatPercent(pct)}, bigSize, draw.XCenter, draw.YBottom)
	if err != nil {
		return nil, fmt.Errorf("progress chart: %w", err)
	}
	half := 0.48 * pageW
	style := textStyle(textSize)
	captions, err := newLabels(
		plotter.XYs{{X: 0, Y: -0.45}, {X: 1, Y: -0.45}},
		[]string{
			shorten(style, valueLabel+": "+formatNumber(value), half),
			shorten(style, targetLabel+": "+formatNumber(target), half),
		},
		textSize, draw.XLeft, draw.YTop)
	if err != nil {
		return nil, fmt.Errorf("progress chart: %w", err)
	}
	captions.TextStyle[1].XAlign = draw.XRight

	p.Add(back, fill, marker, big, captions)
	p.X.Min, p.X.Max = 0, 1.01 // room for the right half of the target mark
	p.Y.Min, p.Y.Max = -1, 1
	return render(p)
}

// SeriesChart draws counts per period (e.g. sign-ups per week) as vertical
// bars with the period labels under them, as an 800x600 PNG. When the
// labels do not all fit only every n-th one is written, always including
// the latest period; with at most 12 periods each bar also has its count
// written on top. labels and values must have the same length; none draws
// a lone "0".
func SeriesChart(title string, labels []string, values []float64) ([]byte, error) {
	if len(labels) != len(values) {
		return nil, fmt.Errorf("series chart: %d labels for %d values", len(labels), len(values))
	}
	if len(values) == 0 {
		return render(emptyPlot(title))
	}
	p := newPlot(title)
	n := len(values)

	vs := make(plotter.Values, n)
	top := 0.0
	for i, v := range values {
		vs[i] = clean(v)
		top = max(top, vs[i])
	}

	// Write every step-th label, counted back from the latest period.
	names := make([]string, n)
	widest := vg.Length(0)
	for i, l := range labels {
		names[i] = shorten(p.X.Tick.Label, l, 0.25*pageW)
		widest = max(widest, p.X.Tick.Label.Width(names[i]))
	}
	plotW := pageW - 2*margin - 40 // less the y axis
	fit := max(1, int(plotW/(widest+12)))
	step := (n + fit - 1) / fit
	for i := range names {
		if (n-1-i)%step != 0 {
			names[i] = ""
		}
	}

	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal.Color = grid
	p.Add(g)

	bc, err := plotter.NewBarChart(vs, min(40, 0.7*plotW/vg.Length(n)))
	if err != nil {
		return nil, fmt.Errorf("series chart: %w", err)
	}
	bc.Color = bar
	bc.LineStyle.Width = 0
	p.Add(bc)

	if n <= 12 {
		xys := make(plotter.XYs, n)
		texts := make([]string, n)
		for i, v := range vs {
			xys[i] = plotter.XY{X: float64(i), Y: v}
			texts[i] = formatNumber(v)
		}
		counts, err := newLabels(xys, texts, textSize, draw.XCenter, draw.YBottom)
		if err != nil {
			return nil, fmt.Errorf("series chart: %w", err)
		}
		counts.Offset = vg.Point{Y: 2}
		p.Add(counts)
	}

	p.NominalX(names...)
	p.Y.Min, p.Y.Max = 0, max(top, 1)
	p.Y.Tick.Marker = countTicks
	return render(p)
}

// countTicks marks whole numbers only, at most about five of them, since
// half a sign-up makes no sense.
var countTicks = plot.TickerFunc(func(_, hi float64) []plot.Tick {
	step := 1.0
	for i := 0; hi/step > 5; i++ {
		step *= [...]float64{2, 2.5, 2}[i%3] // 1, 2, 5, 10, 20, 50, ...
	}
	var ticks []plot.Tick
	for v := 0.0; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: formatNumber(v)})
	}
	return ticks
})

// newPlot returns a plot with the large sans-serif fonts every chart uses.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = oneLine(title)
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = 8
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = font.From(sans, textSize)
		a.Tick.Label.Color = ink
		a.Label.TextStyle.Font = font.From(sans, textSize)
		a.LineStyle.Width = vg.Points(1)
	}
	// The title must fit on the page too.
	p.Title.Text = shorten(p.Title.TextStyle, p.Title.Text, pageW-2*margin)
	return p
}

// emptyPlot is the chart for no data at all: the title and a large 0.
func emptyPlot(title string) *plot.Plot {
	p := newPlot(title)
	p.HideAxes()
	zero, err := newLabels(plotter.XYs{{}}, []string{"0"}, bigSize*2, draw.XCenter, draw.YCenter)
	if err == nil { // cannot fail: one finite point, one label
		p.Add(zero)
	}
	return p
}

func textStyle(size vg.Length) text.Style {
	return text.Style{Color: ink, Font: font.From(sans, size), Handler: plot.DefaultTextHandler}
}

func newLabels(xys plotter.XYs, texts []string, size vg.Length, x text.XAlignment, y text.YAlignment) (*plotter.Labels, error) {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i] = textStyle(size)
		l.TextStyle[i].XAlign = x
		l.TextStyle[i].YAlign = y
	}
	return l, nil
}

// render draws p on an 800x600 page with a margin and encodes it as PNG.
func render(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(pageW, pageH), vgimg.UseDPI(dpi))
	p.Draw(draw.Crop(draw.New(c), margin, -margin, margin, -margin))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// clean turns what cannot be drawn (negative, NaN, infinite) into 0.
func clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// oneLine keeps a label on one line: the text handler would split it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// shorten cuts s to fit in width, ending it with "…" when cut.
func shorten(sty text.Style, s string, width vg.Length) string {
	s = oneLine(s)
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := strings.TrimSpace(string(r)) + "…"; sty.Width(t) <= width {
			return t
		}
	}
	return "…"
}

// formatNumber writes counts without decimals and anything else with one,
// and no thousands separator, which differs between Indonesian and English.
func formatNumber(v float64) string {
	if v == math.Trunc(v) && v < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// formatPercent writes a whole percentage; a share that is not 0 is never
// written as 0%.
func formatPercent(p float64) string {
	if p > 0 && p < 1 {
		return "<1%"
	}
	return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "%"
}
