package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"autoencoder-studio/network"
)

// dark is a style in the colours of Fyne's dark theme.
var dark = Style{
	Background: color.NRGBA{0x17, 0x17, 0x18, 255}, Foreground: color.NRGBA{0xf3, 0xf3, 0xf3, 255},
	Grid: color.NRGBA{0x39, 0x39, 0x3a, 255}, Scale: 1,
}

// runsFigure returns a log-scale figure of n runs of 15 epochs, run r's
// losses 10% above run r-1's.
func runsFigure(n int) *Loss {
	var s []Series
	for r := range n {
		var h []network.Epoch
		for e := 1; e <= 15; e++ {
			k := (1 + 0.1*float64(r)) / float64(e)
			h = append(h, network.Epoch{Epoch: e, TrainLoss: 0.09 * k, ValLoss: 0.08 * k})
		}
		s = append(s, HistorySeries(fmt.Sprintf("run #%d", r+1), h, nil)...)
	}
	return &Loss{Title: "Loss per epoch", Series: s, LogY: true, XSpan: [2]float64{1, 1}}
}

func TestLossPlotLogWithoutData(t *testing.T) {
	for _, series := range [][]Series{nil, {{Name: "empty"}}, {{Name: "zero", X: []float64{1}, Y: []float64{0}}}} {
		p, err := LossPlot("", series, true)
		if err != nil {
			t.Fatal(err)
		}
		if img := PlotImage(p, 200, 100); img.Bounds().Dx() != 200 { // must not panic
			t.Errorf("image %v", img.Bounds())
		}
	}
	if _, err := LossPlot("", []Series{{Name: "bad", X: []float64{1, 2}, Y: []float64{1}}}, false); err == nil {
		t.Error("a curve of 2 epochs and 1 value accepted")
	}
}

// TestLossPlotLogAllEqual draws log-scale curves whose values are all
// equal, which gonum alone widens below zero and panics on.
func TestLossPlotLogAllEqual(t *testing.T) {
	for _, n := range []int{1, 3} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range n {
			x[i], y[i] = float64(i+1), 0.05
		}
		f := &Loss{Series: []Series{{Name: "flat", X: x, Y: y}}, LogY: true}
		d, err := Draw(f, Light, 300, 200, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a := d.Axes; !a.LogY || a.YMin >= 0.05 || a.YMax <= 0.05 || a.YMin <= 0 {
			t.Errorf("%d equal values: y axis %v…%v (log %v), want around 0.05", n, a.YMin, a.YMax, a.LogY)
		}
	}
}

// TestPaletteDistinct checks that up to PaletteSize runs get colours that
// differ clearly from each other and from the background, in a light and a
// dark style, and that one run's training and validation curves differ in
// hue.
func TestPaletteDistinct(t *testing.T) {
	dist := func(a, b color.NRGBA) float64 {
		dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
		return math.Sqrt(dr*dr + dg*dg + db*db)
	}
	for name, st := range map[string]Style{"light": Light, "dark": dark} {
		cs := (&Loss{Series: runsFigure(PaletteSize).Series}).colors(st)
		var runColors []color.NRGBA
		for i := 0; i < len(cs); i += 2 {
			if cs[i] != cs[i+1] {
				t.Errorf("%s: run %d has two colours", name, i/2)
			}
			runColors = append(runColors, color.NRGBAModel.Convert(cs[i]).(color.NRGBA))
		}
		for i, a := range runColors {
			if d := dist(a, st.Background); d < 80 {
				t.Errorf("%s: run %d's colour %v is %.0f from the background", name, i, a, d)
			}
			for j, b := range runColors[:i] {
				if d := dist(a, b); d < 60 {
					t.Errorf("%s: runs %d and %d have colours %v and %v only %.0f apart", name, j, i, b, a, d)
				}
			}
		}
		if st.Color(PaletteSize) != st.Color(0) {
			t.Errorf("%s: the palette does not repeat after %d colours", name, PaletteSize)
		}
	}
	one := &Loss{Series: HistorySeries("", []network.Epoch{{Epoch: 1, TrainLoss: 1, ValLoss: 1}}, nil)}
	if cs := one.colors(Light); cs[0] == cs[1] {
		t.Errorf("one run's training and validation curves share colour %v", cs[0])
	}
}

// labels returns the labelled ticks' values and labels.
func labels(ticks []plot.Tick) (vals []float64, texts []string) {
	for _, tk := range ticks {
		if !tk.IsMinor() {
			vals, texts = append(vals, tk.Value), append(texts, tk.Label)
		}
	}
	return vals, texts
}

func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi   float64
		min, max int    // labelled ticks
		has      string // labels that must be there, comma-separated
	}{
		{0.01, 0.09, 3, 10, "0.01,0.02,0.05"}, // the Compare plot that labelled only 0.01
		{0.055, 0.09, 3, 10, "0.06,0.07,0.08,0.09"},
		{0.0057, 0.099, 3, 10, "0.01,0.02,0.05"},
		{0.002, 0.5, 3, 10, "0.01,0.1"},
		{1e-4, 1, 5, 5, "0.0001,0.001,0.01,0.1,1"},
		{1e-12, 10, 3, 11, ""},
		{0.0412, 0.0414, 2, 12, ""}, // narrower than a digit: linear ticks
	} {
		ticks := logTicks{}.Ticks(tc.lo, tc.hi)
		vals, texts := labels(ticks)
		if len(vals) < tc.min || len(vals) > tc.max {
			t.Errorf("%g…%g: %d labelled ticks %v, want %d…%d", tc.lo, tc.hi, len(vals), texts, tc.min, tc.max)
		}
		for i, v := range vals {
			if v < tc.lo*(1-1e-9) || v > tc.hi*(1+1e-9) || (i > 0 && v <= vals[i-1]) {
				t.Errorf("%g…%g: ticks %v out of range or order", tc.lo, tc.hi, vals)
				break
			}
		}
		for _, want := range strings.Split(tc.has, ",") {
			if want != "" && !strings.Contains(","+strings.Join(texts, ",")+",", ","+want+",") {
				t.Errorf("%g…%g: labels %v lack %s", tc.lo, tc.hi, texts, want)
			}
		}
	}
	if ticks := (logTicks{}).Ticks(0, 1); ticks != nil {
		t.Errorf("a log axis from 0 got ticks %v", ticks)
	}
}

func TestEpochTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{1, 15, "2,4,6,8,10,12,14"}, // the Compare plot that labelled 2, 8, 14
		{0, 2, "0,1,2"},
		{1, 2, "1,2"}, // two epochs of Compare
		{0, 8, "0,1,2,3,4,5,6,7,8"},
		{1, 40, "5,10,15,20,25,30,35,40"},
		{0, 300, "0,50,100,150,200,250,300"},
		{-0.4, 9.6, "0,2,4,6,8"},
	} {
		_, texts := labels(epochTicks{}.Ticks(tc.lo, tc.hi))
		if got := strings.Join(texts, ","); got != tc.want {
			t.Errorf("epochs %g…%g labelled %s, want %s", tc.lo, tc.hi, got, tc.want)
		}
	}
	// Minor ticks fall on whole epochs between the labelled ones.
	for _, tk := range (epochTicks{}).Ticks(1, 15) {
		if tk.Value != math.Trunc(tk.Value) {
			t.Errorf("tick at epoch %v", tk.Value)
		}
	}
	// Zoomed into an epoch, ticks may fall within it.
	if vals, _ := labels(epochTicks{}.Ticks(1.2, 2.6)); len(vals) < 2 {
		t.Errorf("zoomed epoch axis labelled %v", vals)
	}
}

// inside reports whether r lies within b.
func inside(r, b image.Rectangle) bool { return r.In(b) && !r.Empty() }

// hasColor reports whether some pixel of img within r is within 40 of c.
func hasColor(img *image.RGBA, r image.Rectangle, c color.Color) bool {
	want := color.NRGBAModel.Convert(c).(color.NRGBA)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			d := math.Abs(float64(got.R)-float64(want.R)) + math.Abs(float64(got.G)-float64(want.G)) + math.Abs(float64(got.B)-float64(want.B))
			if d < 40 {
				return true
			}
		}
	}
	return false
}

// TestLegendOutsideDataArea draws figures of few and many runs at wide,
// narrow and tall sizes: the legend lies inside the image, clear of the
// data area, and shows every run's colour.
func TestLegendOutsideDataArea(t *testing.T) {
	for _, tc := range []struct {
		runs, w, h int
		right      bool // beside the data area, else under it
	}{
		{2, 760, 380, true}, {8, 760, 380, true}, {2, 420, 300, false}, {8, 420, 600, false}, {4, 1200, 300, true},
	} {
		name := fmt.Sprintf("%d runs at %d×%d", tc.runs, tc.w, tc.h)
		d, err := Draw(runsFigure(tc.runs), dark, tc.w, tc.h, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, bounds := d.Axes, d.Image.Bounds()
		data := image.Rect(int(a.Left), int(a.Top), int(a.Right), int(a.Bottom))
		if !inside(d.Legend, bounds) || d.Legend.Overlaps(data) {
			t.Errorf("%s: legend %v, image %v, data area %v", name, d.Legend, bounds, data)
			continue
		}
		if right := d.Legend.Min.X >= data.Max.X; right != tc.right {
			t.Errorf("%s: legend %v beside the data area %v: %v, want %v", name, d.Legend, data, right, tc.right)
		}
		for r := range tc.runs {
			if !hasColor(d.Image, d.Legend, dark.Color(r)) {
				t.Errorf("%s: the legend lacks run %d's colour", name, r)
			}
		}
	}
}

// TestLegendCollapses checks that a legend of CollapseRuns runs lists each
// curve and one of more runs each run once, then the two line styles.
func TestLegendCollapses(t *testing.T) {
	for _, tc := range []struct {
		runs int
		want []string
	}{
		{CollapseRuns, []string{"run #1 train", "run #1 validation", "run #2 train", "run #2 validation",
			"run #3 train", "run #3 validation", "run #4 train", "run #4 validation"}},
		{CollapseRuns + 1, []string{"run #1", "run #2", "run #3", "run #4", "run #5", "train (all runs)", "validation (all runs)"}},
	} {
		ch, err := runsFigure(tc.runs).Chart(Light)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range ch.Legend {
			got = append(got, e.Label)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%d runs: legend %q, want %q", tc.runs, got, tc.want)
		}
	}
	if got := shorten(strings.Repeat("x", 40), legendLabel); len([]rune(got)) != legendLabel || !strings.HasSuffix(got, "…") {
		t.Errorf("long label shortened to %q", got)
	}
}

// TestDrawStyle checks the drawing's background in each style and that a
// scale of 2 draws the same figure twice as large, not smaller text.
func TestDrawStyle(t *testing.T) {
	for name, st := range map[string]Style{"light": Light, "dark": dark} {
		d, err := Draw(runsFigure(2), st, 400, 300, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range []image.Point{{1, 1}, {398, 298}} {
			if got := color.NRGBAModel.Convert(d.Image.At(pt.X, pt.Y)); got != st.Background {
				t.Errorf("%s: pixel %v is %v, want the background %v", name, pt, got, st.Background)
			}
		}
	}
	one, err := Draw(runsFigure(2), Light, 500, 300, nil)
	if err != nil {
		t.Fatal(err)
	}
	hi := Light
	hi.Scale = 2
	two, err := Draw(runsFigure(2), hi, 1000, 600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := two.Image.Bounds(); b.Dx() != 1000 || b.Dy() != 600 {
		t.Fatalf("scale 2 image %v", b)
	}
	if w1, w2 := one.Legend.Dx(), two.Legend.Dx(); math.Abs(float64(w2-2*w1)) > 3 {
		t.Errorf("legend %d px wide at scale 1, %d at scale 2", w1, w2)
	}
	if l1, l2 := one.Axes.Left, two.Axes.Left; math.Abs(l2-2*l1) > 3 {
		t.Errorf("data area starts at %.1f px at scale 1, %.1f at scale 2", l1, l2)
	}
}

func TestAxesMapAndZoom(t *testing.T) {
	for _, logY := range []bool{false, true} {
		a := Axes{Left: 50, Right: 450, Top: 20, Bottom: 320, View: View{1, 11, 0.01, 1}, LogY: logY}
		for _, p := range [][2]float64{{1, 0.01}, {6, 0.1}, {11, 1}, {3.5, 0.37}} {
			px, py := a.Pixel(p[0], p[1])
			if x, y := a.Data(px, py); math.Abs(x-p[0]) > 1e-9 || math.Abs(y-p[1]) > 1e-9 {
				t.Errorf("log %v: Data(Pixel(%v)) = %v, %v", logY, p, x, y)
			}
		}
		if px, py := a.Pixel(1, 0.01); px != 50 || py != 320 {
			t.Errorf("log %v: the lower left corner is at %v, %v", logY, px, py)
		}
		px, py := 150.0, 100.0
		x0, y0 := a.Data(px, py)
		z := a.Zoom(px, py, 0.5)
		if got, want := z.XMax-z.XMin, 5.0; math.Abs(got-want) > 1e-9 {
			t.Errorf("log %v: zoomed x range %v wide, want %v", logY, got, want)
		}
		b := a
		b.View = z
		if x, y := b.Data(px, py); math.Abs(x-x0) > 1e-9 || math.Abs(y-y0) > 1e-9*y0 {
			t.Errorf("log %v: the pointer moved from %v, %v to %v, %v", logY, x0, y0, x, y)
		}
		if a.Zoom(px, py, 1e-12) != a.View {
			t.Errorf("log %v: a zoom to nothing changed the view", logY)
		}
	}
}

func TestLossNearest(t *testing.T) {
	f := runsFigure(2)
	d, err := Draw(f, Light, 700, 400, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := f.Series[3] // run #2 validation
	px, py := d.Axes.Pixel(s.X[4], s.Y[4])
	h, ok := f.Nearest(d.Axes, px+2, py-1, 10)
	want := "run #2 validation · epoch 5 · loss " + strconv.FormatFloat(s.Y[4], 'g', 4, 64)
	if !ok || h.Series != 3 || h.Index != 4 || h.Text != want {
		t.Errorf("nearest %+v, %v; want %q", h, ok, want)
	}
	if _, ok := f.Nearest(d.Axes, d.Axes.Right+40, d.Axes.Top, 10); ok {
		t.Error("a point found outside the data area")
	}
	if got := formatEpoch(2.25); got != "2.25" {
		t.Errorf("epoch 2.25 reads %s", got)
	}
}
