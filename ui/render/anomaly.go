package render

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// ErrorHistogram is a figure of the per-image reconstruction errors of
// several image sets, counted in the same bins (Hist) and drawn as filled
// outlines, each scaled to the fraction of its own set so that sets of
// different sizes compare. Names[k] labels Hist.Counts[k]. A Threshold that
// is not NaN is drawn as a dashed vertical line.
type ErrorHistogram struct {
	Title     string
	Names     []string
	Hist      network.Histogram
	Threshold float64
}

// fractions returns set k's share of images in each bin.
func (f *ErrorHistogram) fractions(k int) []float64 {
	counts := f.Hist.Counts[k]
	total := 0
	for _, c := range counts {
		total += c
	}
	out := make([]float64, len(counts))
	for b, c := range counts {
		if total > 0 {
			out[b] = float64(c) / float64(total)
		}
	}
	return out
}

// Chart implements Figure. It returns an error if Names and Hist.Counts
// differ in length.
func (f *ErrorHistogram) Chart(st Style) (*Chart, error) {
	if len(f.Names) != len(f.Hist.Counts) {
		return nil, fmt.Errorf("render: error histogram of %d sets with %d names", len(f.Hist.Counts), len(f.Names))
	}
	xLabel := "reconstruction error (MSE per image)"
	if f.Hist.Log {
		xLabel += ", log scale"
	}
	p := newPlot(st, f.Title, xLabel, "fraction of images")
	if f.Hist.Log {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	ch := &Chart{Plot: p}
	top := 0.0
	for k, name := range f.Names {
		frac := f.fractions(k)
		pts := make(plotter.XYs, 0, 2*len(frac)+2)
		pts = append(pts, plotter.XY{X: f.Hist.Edge(0), Y: 0})
		for b, v := range frac {
			pts = append(pts, plotter.XY{X: f.Hist.Edge(b), Y: v}, plotter.XY{X: f.Hist.Edge(b + 1), Y: v})
			top = max(top, v)
		}
		pts = append(pts, plotter.XY{X: f.Hist.Edge(len(frac)), Y: 0})
		c := st.Color(k)
		line := &plotter.Line{
			XYs:       pts,
			LineStyle: draw.LineStyle{Color: c, Width: vg.Points(1.4)},
			FillColor: color.NRGBA{c.R, c.G, c.B, 70},
		}
		p.Add(line)
		ch.Legend = append(ch.Legend, LegendEntry{Label: name, Thumbs: []plot.Thumbnailer{line}})
	}
	if !math.IsNaN(f.Threshold) && !math.IsInf(f.Threshold, 0) && (!f.Hist.Log || f.Threshold > 0) {
		line := &plotter.Line{
			XYs:       plotter.XYs{{X: f.Threshold, Y: 0}, {X: f.Threshold, Y: max(top, 1e-9) * 1.05}},
			LineStyle: draw.LineStyle{Color: st.Foreground, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}},
		}
		p.Add(line)
		ch.Legend = append(ch.Legend, LegendEntry{Label: "threshold " + formatValue(f.Threshold), Thumbs: []plot.Thumbnailer{line}})
	}
	p.Y.Min = 0
	return ch, nil
}

// Nearest implements Figure: the top of the bin nearest to the pixel, named
// by its set, its range and the share of the set's images in it.
func (f *ErrorHistogram) Nearest(ax Axes, px, py, radius float64) (Hit, bool) {
	best, bestD, found := Hit{}, radius*radius, false
	for k := range f.Hist.Counts {
		if k >= len(f.Names) {
			break
		}
		for b, v := range f.fractions(k) {
			x := (f.Hist.Edge(b) + f.Hist.Edge(b+1)) / 2
			qx, qy := ax.Pixel(x, v)
			if f.Hist.Log { // Axes knows only logarithmic y axes
				x = math.Sqrt(f.Hist.Edge(b) * f.Hist.Edge(b+1))
				qx = ax.Left + math.Log(x/ax.XMin)/math.Log(ax.XMax/ax.XMin)*(ax.Right-ax.Left)
			}
			if !ax.Inside(qx, qy) {
				continue
			}
			if d := (qx-px)*(qx-px) + (qy-py)*(qy-py); d <= bestD {
				best, bestD, found = Hit{Series: k, Index: b, X: x, Y: v}, d, true
			}
		}
	}
	if found {
		best.Text = fmt.Sprintf("%s · error %s…%s · %.1f%% of images", f.Names[best.Series],
			formatValue(f.Hist.Edge(best.Index)), formatValue(f.Hist.Edge(best.Index+1)), 100*best.Y)
	}
	return best, found
}

// ROCCurve is a figure of a receiver operating characteristic (see
// network.ROC) with its area AUC in the legend and the chance diagonal.
// When Marked, the point (MarkFPR, MarkTPR), the rates at a chosen
// threshold, is drawn as a dot.
type ROCCurve struct {
	Title            string
	Points           []network.ROCPoint
	AUC              float64
	Marked           bool
	MarkFPR, MarkTPR float64
}

// Chart implements Figure.
func (f *ROCCurve) Chart(st Style) (*Chart, error) {
	p := newPlot(st, f.Title, "false-positive rate (normal images flagged)", "true-positive rate (anomalies flagged)")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	ch := &Chart{Plot: p}
	chance := &plotter.Line{
		XYs:       plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}},
		LineStyle: draw.LineStyle{Color: st.muted(), Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}},
	}
	p.Add(chance)
	pts := make(plotter.XYs, len(f.Points))
	for i, q := range f.Points {
		pts[i] = plotter.XY{X: q.FPR, Y: q.TPR}
	}
	curve := &plotter.Line{XYs: pts, LineStyle: draw.LineStyle{Color: st.Color(5), Width: vg.Points(1.8)}}
	if len(pts) > 0 {
		p.Add(curve)
	}
	ch.Legend = append(ch.Legend,
		LegendEntry{Label: "ROC, AUC " + strconvAUC(f.AUC), Thumbs: []plot.Thumbnailer{curve}},
		LegendEntry{Label: "chance, AUC 0.5", Thumbs: []plot.Thumbnailer{chance}})
	if f.Marked {
		dot := &plotter.Scatter{
			XYs:        plotter.XYs{{X: f.MarkFPR, Y: f.MarkTPR}},
			GlyphStyle: draw.GlyphStyle{Color: st.Color(3), Radius: vg.Points(4), Shape: draw.CircleGlyph{}},
		}
		p.Add(dot)
		ch.Legend = append(ch.Legend, LegendEntry{
			Label:  fmt.Sprintf("threshold: FPR %.1f%%, TPR %.1f%%", 100*f.MarkFPR, 100*f.MarkTPR),
			Thumbs: []plot.Thumbnailer{dot},
		})
	}
	return ch, nil
}

// strconvAUC formats an area to three decimals, or "n/a".
func strconvAUC(a float64) string {
	if math.IsNaN(a) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", a)
}

// Nearest implements Figure: the curve's point nearest to the pixel, with
// its threshold and rates.
func (f *ROCCurve) Nearest(ax Axes, px, py, radius float64) (Hit, bool) {
	best, bestD, found := Hit{}, radius*radius, false
	for i, q := range f.Points {
		qx, qy := ax.Pixel(q.FPR, q.TPR)
		if !ax.Inside(qx, qy) {
			continue
		}
		if d := (qx-px)*(qx-px) + (qy-py)*(qy-py); d <= bestD {
			best, bestD, found = Hit{Index: i, X: q.FPR, Y: q.TPR}, d, true
		}
	}
	if found {
		best.Text = fmt.Sprintf("threshold %s · FPR %.1f%% · TPR %.1f%%", formatValue(f.Points[best.Index].Threshold), 100*best.X, 100*best.Y)
	}
	return best, found
}

// ScoredSet is an image set with a score per image, for ExtremeSheet.
type ScoredSet struct {
	Set    *dataset.Set
	Scores []float64
}

// ExtremeSheet draws the k highest- and lowest-scoring images of each set
// (the most and least anomalous, when the scores are reconstruction
// errors) three times their size: each set under a row naming it, each
// image captioned with its class (see dataset.ClassName).
func ExtremeSheet(k int, sets ...ScoredSet) *image.RGBA {
	var rows []SheetRow
	for _, s := range sets {
		rows = append(rows, SheetRow{Label: sheetLabel(s.Set.Name)})
		ranked := network.Ranked(s.Scores)
		n := min(k, len(ranked))
		for _, part := range []struct {
			what string
			idx  []int
		}{{"most anomalous", ranked[:n]}, {"least anomalous", ranked[len(ranked)-n:]}} {
			row := SheetRow{Label: part.what}
			for _, i := range part.idx {
				row.Images = append(row.Images, Grid([][]Tile{{{Pix: s.Set.Image(i), Width: s.Set.Width, Height: s.Set.Height}}}, 3, 0))
				row.Captions = append(row.Captions, dataset.ClassName(s.Set.Name, s.Set.Label(i)))
			}
			rows = append(rows, row)
		}
	}
	return Sheet(rows)
}
