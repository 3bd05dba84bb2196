package render

import (
	"fmt"
	"image"
	"image/draw"
	"math"

	"autoencoder-studio/network/sweep"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// SweepPlot is a figure of one measure of a sweep's runs (the final
// validation MSE, the parameter count, the seconds per epoch) against the
// value swept, one point per run joined by a line. Every run's value is a
// tick on the x axis. A categorical axis (loss, optimizer) puts the runs at
// 0, 1, 2…; with LogX the numeric values are placed by their logarithm.
// Runs whose Y is not finite (not finished yet) are left out; with LogY so
// are those not above zero.
type SweepPlot struct {
	Title, XLabel, YLabel string
	// Setting names the swept setting in readouts ("code=8 · …").
	Setting string
	// Labels holds each run's value as given, X the numbers (read only
	// for a numeric axis), Y the measure: one each per run.
	Labels      []string
	X, Y        []float64
	LogX, LogY  bool
	Categorical bool
	YFormat     func(float64) string // readout of a measure; nil: four digits
}

// pos returns where run i stands on the (linear) x axis of the plot.
func (f *SweepPlot) pos(i int) float64 {
	switch {
	case f.Categorical:
		return float64(i)
	case f.LogX:
		return math.Log10(f.X[i])
	}
	return f.X[i]
}

// shown reports whether run i is drawn.
func (f *SweepPlot) shown(i int, logY bool) bool {
	y := f.Y[i]
	x := f.pos(i)
	return !math.IsNaN(y) && !math.IsInf(y, 0) && !(logY && y <= 0) && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// Chart implements Figure.
func (f *SweepPlot) Chart(st Style) (*Chart, error) {
	p := newPlot(st, f.Title, f.XLabel, f.YLabel)
	logY := f.LogY
	if logY {
		drawn := false
		for i := range f.Y {
			drawn = drawn || f.shown(i, true)
		}
		logY = drawn // gonum cannot draw an empty logarithmic axis
	}
	if logY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	var ticks []plot.Tick
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, l := range f.Labels {
		x := f.pos(i)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: l})
		lo, hi = min(lo, x), max(hi, x)
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if lo <= hi {
		pad := max((hi-lo)*0.08, 0.5*boolTo(f.Categorical || lo == hi))
		p.X.Min, p.X.Max = lo-pad, hi+pad
	}
	var pts plotter.XYs
	for i := range f.Y {
		if f.shown(i, logY) {
			pts = append(pts, plotter.XY{X: f.pos(i), Y: f.Y[i]})
		}
	}
	ch := &Chart{Plot: p}
	if same(pts) && pts[0].Y > 0 { // gonum would centre a range of ±1 on one value
		p.Y.Min, p.Y.Max = pts[0].Y*0.8, pts[0].Y*1.2
	}
	if len(pts) > 0 {
		line, points := styled(Solid, st.Color(5))
		line.XYs, points.XYs = pts, pts
		if !f.Categorical {
			p.Add(line)
		}
		p.Add(points)
	}
	return ch, nil
}

// same reports whether pts holds at least one point and all have the same
// y.
func same(pts plotter.XYs) bool {
	for _, pt := range pts {
		if pt.Y != pts[0].Y {
			return false
		}
	}
	return len(pts) > 0
}

// boolTo returns 1 for true, 0 for false.
func boolTo(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Nearest implements Figure: the readout names the run's value and its
// measure.
func (f *SweepPlot) Nearest(ax Axes, px, py, radius float64) (Hit, bool) {
	best, bestD, found := Hit{}, radius*radius, false
	for i := range f.Y {
		if !f.shown(i, ax.LogY) {
			continue
		}
		qx, qy := ax.Pixel(f.pos(i), f.Y[i])
		if !ax.Inside(qx, qy) {
			continue
		}
		if d := (qx-px)*(qx-px) + (qy-py)*(qy-py); d <= bestD {
			best, bestD, found = Hit{Index: i, X: f.pos(i), Y: f.Y[i]}, d, true
		}
	}
	if found {
		format := f.YFormat
		if format == nil {
			format = formatValue
		}
		best.Text = fmt.Sprintf("%s=%s · %s %s", f.Setting, f.Labels[best.Index], f.YLabel, format(best.Y))
	}
	return best, found
}

// DigitRow is one row of a sweep's reconstruction grid: a label ("code=8",
// "original") and N pictures of Width×Height values one after another in
// Pix (nil Pix: a row still to come, drawn empty).
type DigitRow struct {
	Label         string
	Pix           []float32
	N             int
	Width, Height int
}

// DigitRows draws the rows of a sweep's reconstruction grid as a contact
// sheet (see Sheet): the label, then the pictures at twice their size.
func DigitRows(rows []DigitRow) *image.RGBA {
	sheet := make([]SheetRow, len(rows))
	for i, r := range rows {
		sheet[i].Label = r.Label
		tiles := make([]Tile, r.N)
		if r.Pix != nil {
			tiles = Tiles(r.Pix, r.N, r.Width, r.Height)
		} else {
			for k := range tiles {
				tiles[k] = Tile{Width: r.Width, Height: r.Height}
			}
		}
		sheet[i].Images = []image.Image{Grid([][]Tile{tiles}, 2, 2)}
	}
	return Sheet(sheet)
}

// Sweep figure layout, in pixels.
const (
	SweepWidth      = 900 // width of the main plot
	sweepMainHeight = 380
	sweepSideHeight = 280
)

// SweepImage draws a sweep as one picture on a white page: main (the final
// validation MSE) across the top, the two side figures (parameter count,
// seconds per epoch) side by side under it, and the digit grid under them.
// A figure that cannot be built is left white.
func SweepImage(main, left, right Figure, digits image.Image) *image.RGBA {
	w := SweepWidth
	if digits != nil {
		w = max(w, digits.Bounds().Dx())
	}
	h := sweepMainHeight + sweepSideHeight
	if digits != nil {
		h += digits.Bounds().Dy()
	}
	page := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(page, page.Bounds(), image.White, image.Point{}, draw.Src)
	put := func(img image.Image, x, y int) {
		b := img.Bounds()
		draw.Draw(page, image.Rect(x, y, x+b.Dx(), y+b.Dy()), img, b.Min, draw.Src)
	}
	put(PlotImage(main, SweepWidth, sweepMainHeight), 0, 0)
	put(PlotImage(left, SweepWidth/2, sweepSideHeight), 0, sweepMainHeight)
	put(PlotImage(right, SweepWidth/2, sweepSideHeight), SweepWidth/2, sweepMainHeight)
	if digits != nil {
		put(digits, 0, sweepMainHeight+sweepSideHeight)
	}
	return page
}

// SweepFigures returns the three figures of a sweep of setting st: the
// final validation MSE, the parameter count (on a logarithmic axis) and the
// seconds per epoch, each against the values of results, in order. A
// result still to come has NaN measures (see sweep.Summarize) and zero
// parameters, and is left out until it comes.
func SweepFigures(title string, st sweep.Setting, results []sweep.Result) (mse, params, secs *SweepPlot) {
	n := len(results)
	labels, x := make([]string, n), make([]float64, n)
	ys := [3][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	for i, r := range results {
		labels[i], x[i] = r.Value, r.X
		ys[0][i], ys[2][i] = r.ValMSE, r.SecondsPerEpoch
		ys[1][i] = math.NaN()
		if r.Params > 0 {
			ys[1][i] = float64(r.Params)
		}
	}
	cat := !st.Numeric
	logX := !cat && sweep.LogScale(x)
	mk := func(t, y string, v []float64, logY bool) *SweepPlot {
		return &SweepPlot{Title: t, XLabel: st.Title, YLabel: y, Setting: st.Name, Labels: labels, X: x, Y: v,
			Categorical: cat, LogX: logX, LogY: logY}
	}
	mse = mk(title, "final validation MSE", ys[0], false)
	params = mk("parameters", "parameters", ys[1], true)
	params.YFormat = func(v float64) string { return fmt.Sprintf("%.0f", v) }
	secs = mk("training time", "seconds per epoch", ys[2], false)
	return mse, params, secs
}
