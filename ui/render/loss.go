package render

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Look is how a loss curve is drawn.
type Look int

// The looks of loss curves.
const (
	Solid  Look = iota // a solid line with filled dots: validation loss
	Dashed             // a dashed line with rings: training loss per epoch
	Faint              // a thin translucent line without dots: the running training loss
)

// Series is one curve of a loss plot.
type Series struct {
	Name string // its legend entry
	// Run is the run the curve belongs to; Line says what its look stands
	// for ("train", "validation"). Readouts name a point by both, and a
	// legend of many runs names each run once and each Line once.
	Run, Line string
	X, Y      []float64
	Color     color.Color // nil: the style's palette, by curve for one run, by run for several
	Look      Look
}

// readout names the series in a readout: its run and line, or its name.
func (s *Series) readout() string {
	switch {
	case s.Run != "" && s.Line != "":
		return s.Run + " " + s.Line
	case s.Line != "":
		return s.Line
	}
	return s.Name
}

// CollapseRuns is the most runs a loss plot's legend lists curve by curve;
// with more it lists each run once, by its colour, and each line style
// once.
const CollapseRuns = 4

// Loss is a figure of loss curves against epochs, on a logarithmic loss
// axis with LogY (where values not above zero are left out; with none left
// the axis stays linear). The epoch axis has whole-epoch ticks and shows at
// least XSpan[0]…XSpan[1] unless XSpan is zero.
type Loss struct {
	Title  string
	Series []Series
	LogY   bool
	XSpan  [2]float64
}

// LossPlot returns the figure of the loss curves series, titled title; it
// returns an error if a series has not as many x values as y values.
func LossPlot(title string, series []Series, logY bool) (*Loss, error) {
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("render: loss curve %q has %d epochs and %d values", s.Name, len(s.X), len(s.Y))
		}
	}
	return &Loss{Title: title, Series: series, LogY: logY}, nil
}

// runs returns the distinct runs of the series, in order, and the index of
// each series' run among them (-1 for a series without a run).
func (f *Loss) runs() (names []string, of []int) {
	of = make([]int, len(f.Series))
	for i, s := range f.Series {
		of[i] = -1
		if s.Run == "" {
			continue
		}
		j := 0
		for j < len(names) && names[j] != s.Run {
			j++
		}
		if j == len(names) {
			names = append(names, s.Run)
		}
		of[i] = j
	}
	return names, of
}

// colors returns the colour of each series in style st.
func (f *Loss) colors(st Style) []color.Color {
	names, of := f.runs()
	out := make([]color.Color, len(f.Series))
	for i, s := range f.Series {
		switch {
		case s.Color != nil:
			out[i] = s.Color
		case len(names) > 1 && of[i] >= 0:
			out[i] = st.Color(of[i])
		default:
			out[i] = st.Color(i)
		}
	}
	return out
}

// valid returns the points of series s that the figure draws.
func (f *Loss) valid(s *Series) plotter.XYs {
	pts := make(plotter.XYs, 0, len(s.X))
	for j, x := range s.X {
		y := s.Y[j]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) || (f.LogY && y <= 0) {
			continue
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
	}
	return pts
}

// Chart implements Figure: it builds the plot of the curves in style st,
// the faint ones first so the others are drawn over them.
func (f *Loss) Chart(st Style) (*Chart, error) {
	p := newPlot(st, f.Title, "epoch", "loss")
	p.X.Tick.Marker = epochTicks{}
	if f.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	colors := f.colors(st)
	ch := &Chart{Plot: p}
	drawn := false
	thumbs := make([][]plot.Thumbnailer, len(f.Series))
	for _, faint := range []bool{true, false} {
		for i := range f.Series {
			s := &f.Series[i]
			if (s.Look == Faint) != faint {
				continue
			}
			pts := f.valid(s)
			line, points := styled(s.Look, colors[i])
			thumbs[i] = []plot.Thumbnailer{line}
			if points != nil {
				thumbs[i] = append(thumbs[i], points)
			}
			if len(pts) == 0 {
				continue
			}
			drawn = true
			line.XYs = pts
			p.Add(line)
			if points != nil {
				points.XYs = pts
				p.Add(points)
			}
		}
	}
	if f.LogY && !drawn { // gonum cannot draw an empty logarithmic axis
		p.Y.Scale, p.Y.Tick.Marker = plot.LinearScale{}, plot.DefaultTicks{}
	}
	if f.XSpan != [2]float64{} {
		p.X.Min, p.X.Max = min(p.X.Min, f.XSpan[0]), max(p.X.Max, f.XSpan[1])
	}
	ch.Legend = f.legend(st, colors, thumbs)
	return ch, nil
}

// styled returns the line and the dots of a curve of look k in colour c
// (the dots of a Faint curve are never drawn, but make its thumbnail).
func styled(k Look, c color.Color) (*plotter.Line, *plotter.Scatter) {
	line := &plotter.Line{LineStyle: draw.LineStyle{Color: c, Width: vg.Points(1.6)}}
	points := &plotter.Scatter{GlyphStyle: draw.GlyphStyle{Color: c, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}}
	switch k {
	case Dashed:
		line.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		points.Shape, points.Radius = draw.RingGlyph{}, vg.Points(2.6)
	case Faint:
		r, g, b, _ := c.RGBA()
		line.Color = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 180}
		line.Width = vg.Points(1)
		return line, nil
	}
	return line, points
}

// legend returns the legend entries: one per curve, or with more than
// CollapseRuns runs one per run and one per line style.
func (f *Loss) legend(st Style, colors []color.Color, thumbs [][]plot.Thumbnailer) []LegendEntry {
	names, of := f.runs()
	var out []LegendEntry
	if len(names) <= CollapseRuns {
		for i, s := range f.Series {
			out = append(out, LegendEntry{Label: s.Name, Thumbs: thumbs[i]})
		}
		return out
	}
	for j, name := range names {
		for i := range f.Series {
			if of[i] == j {
				line, _ := styled(Solid, colors[i])
				out = append(out, LegendEntry{Label: name, Thumbs: []plot.Thumbnailer{line}})
				break
			}
		}
	}
	seen := map[string]bool{}
	for i, s := range f.Series {
		if of[i] >= 0 && s.Line != "" && !seen[s.Line] {
			seen[s.Line] = true
			line, points := styled(s.Look, st.muted())
			e := LegendEntry{Label: s.Line + " (all runs)", Thumbs: []plot.Thumbnailer{line}}
			if points != nil {
				e.Thumbs = append(e.Thumbs, points)
			}
			out = append(out, e)
		}
	}
	for i, s := range f.Series {
		if of[i] < 0 {
			out = append(out, LegendEntry{Label: s.Name, Thumbs: thumbs[i]})
		}
	}
	return out
}

// Nearest implements Figure: the readout names the curve's run and line,
// the epoch and the loss.
func (f *Loss) Nearest(ax Axes, px, py, radius float64) (Hit, bool) {
	best, bestD, found := Hit{}, radius*radius, false
	for i := range f.Series {
		s := &f.Series[i]
		for j, x := range s.X {
			y := s.Y[j]
			if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(y, 0) || (ax.LogY && y <= 0) {
				continue
			}
			qx, qy := ax.Pixel(x, y)
			if !ax.Inside(qx, qy) {
				continue
			}
			if d := (qx-px)*(qx-px) + (qy-py)*(qy-py); d <= bestD {
				best, bestD, found = Hit{Series: i, Index: j, X: x, Y: y}, d, true
			}
		}
	}
	if found {
		s := &f.Series[best.Series]
		best.Text = s.readout() + " · epoch " + formatEpoch(best.X) + " · loss " + formatValue(best.Y)
	}
	return best, found
}

// formatEpoch formats an epoch: whole ones as integers, points within
// epochs to two decimals.
func formatEpoch(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}
