package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// variantTheme is Fyne's default theme fixed to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// setVariant makes the test app use the default theme in variant v.
func setVariant(v fyne.ThemeVariant) {
	fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), v})
}

// plotRig is a plot view alone in a test window, driven by an event loop
// that counts the drawings handed back to it.
type plotRig struct {
	v     *plotView
	w     fyne.Window
	loop  *eventLoop
	posts atomic.Int32
}

// newPlotRig shows fig in a plot view of size in a test window, in the
// dark theme, and waits for its first drawing.
func newPlotRig(t *testing.T, fig render.Figure, size fyne.Size) *plotRig {
	t.Helper()
	test.NewTempApp(t)
	setVariant(theme.VariantDark)
	r := &plotRig{loop: &eventLoop{}}
	r.v = newPlotView(func(f func()) { r.posts.Add(1); r.loop.do(f) }, fyne.NewSize(100, 80))
	r.w = test.NewTempWindow(t, r.v)
	r.w.SetPadded(false)
	r.w.Resize(size)
	r.v.SetFigure(fig)
	r.waitDrawn(t, "the first drawing", func(render.Drawing) bool { return true })
	return r
}

// waitDrawn runs the loop until the view shows a drawing of its figure for
// which ok holds, and no drawing is under way.
func (r *plotRig) waitDrawn(t *testing.T, what string, ok func(render.Drawing) bool) render.Drawing {
	t.Helper()
	var d render.Drawing
	r.loop.until(t, what, 10*time.Second, func() bool {
		var drawn bool
		d, drawn = r.v.drawing()
		return drawn && !r.v.busy && ok(d)
	})
	return d
}

// twoRuns is the figure of runs a and b over 4 epochs; b's validation loss
// at epoch 2 is 0.05.
func twoRuns(logY bool) *render.Loss {
	a := []network.Epoch{{Epoch: 1, TrainLoss: 0.2, ValLoss: 0.18}, {Epoch: 2, TrainLoss: 0.1, ValLoss: 0.09},
		{Epoch: 3, TrainLoss: 0.06, ValLoss: 0.055}, {Epoch: 4, TrainLoss: 0.04, ValLoss: 0.038}}
	b := []network.Epoch{{Epoch: 1, TrainLoss: 0.15, ValLoss: 0.12}, {Epoch: 2, TrainLoss: 0.07, ValLoss: 0.05},
		{Epoch: 3, TrainLoss: 0.03, ValLoss: 0.025}, {Epoch: 4, TrainLoss: 0.012, ValLoss: 0.011}}
	return compareFigure([]curveRun{{"a", a}, {"b", b}}, logY)
}

func TestPlotViewHoverReadout(t *testing.T) {
	r := newPlotRig(t, twoRuns(true), fyne.NewSize(640, 360))
	at, in := r.v.dataPosition(2, 0.05)
	if !in {
		t.Fatalf("b's validation loss at epoch 2 is drawn outside the data area, at %v", at)
	}
	img, started, posts := r.v.img.Image, r.v.started, r.posts.Load()
	test.MoveMouse(r.w.Canvas(), at.AddXY(3, -2))
	c := r.v.cross
	if want := "b validation · epoch 2 · loss 0.05"; !c.on || c.text.Text != want || !c.text.Visible() {
		t.Fatalf("readout %q (shown %v), want %q", c.text.Text, c.on, want)
	}
	if math.Abs(float64(c.vert.Position1.X-at.X)) > 0.5 || math.Abs(float64(c.horiz.Position1.Y-at.Y)) > 0.5 || !c.vert.Visible() {
		t.Errorf("crosshair through (%v, %v), want %v", c.vert.Position1.X, c.horiz.Position1.Y, at)
	}
	if b := c.box.Position().Add(c.box.Size()); c.box.Position().X < 0 || c.box.Position().Y < 0 || b.X > 640 || b.Y > 360 {
		t.Errorf("readout box %v+%v leaves the plot", c.box.Position(), c.box.Size())
	}
	// Another point: epoch 3 of a's training loss.
	at3, _ := r.v.dataPosition(3, 0.06)
	test.MoveMouse(r.w.Canvas(), at3)
	if want := "a train · epoch 3 · loss 0.06"; r.v.cross.text.Text != want {
		t.Errorf("readout %q, want %q", r.v.cross.text.Text, want)
	}
	r.loop.drain()
	if r.v.img.Image != img || r.v.started != started || r.posts.Load() != posts {
		t.Error("moving the mouse drew the plot again")
	}
	r.v.MouseOut()
	if r.v.cross.on || r.v.cross.text.Visible() || r.v.cross.vert.Visible() {
		t.Error("the crosshair stays after the mouse left")
	}
}

func TestPlotViewZoom(t *testing.T) {
	r := newPlotRig(t, twoRuns(true), fyne.NewSize(640, 360))
	full, _ := r.v.drawing()
	pointer := fyne.NewPos(250, 150)
	px, py, _ := r.v.toPixels(pointer)
	x0, y0 := full.Axes.Data(px, py)
	frac := func(v render.View) (fx, fy float64) {
		return (x0 - v.XMin) / (v.XMax - v.XMin), math.Log(y0/v.YMin) / math.Log(v.YMax/v.YMin)
	}
	fx0, fy0 := frac(full.Axes.View)

	test.MoveMouse(r.w.Canvas(), pointer)
	test.Scroll(r.w.Canvas(), pointer, 0, wheelNotch) // one notch up
	in := r.waitDrawn(t, "the zoomed drawing", func(d render.Drawing) bool { return d.Axes.View != full.Axes.View })
	v := in.Axes.View
	if got, want := v.XMax-v.XMin, zoomNotch*(full.Axes.XMax-full.Axes.XMin); math.Abs(got-want) > 1e-9 {
		t.Errorf("zoomed x range %v…%v is %v wide, want %v", v.XMin, v.XMax, got, want)
	}
	if got, want := math.Log(v.YMax/v.YMin), zoomNotch*math.Log(full.Axes.YMax/full.Axes.YMin); math.Abs(got-want) > 1e-9 {
		t.Errorf("zoomed y range %v…%v spans %v in log, want %v", v.YMin, v.YMax, got, want)
	}
	if fx, fy := frac(v); math.Abs(fx-fx0) > 1e-9 || math.Abs(fy-fy0) > 1e-9 {
		t.Errorf("the pointer's data point moved within the view: from %.4f, %.4f to %.4f, %.4f", fx0, fy0, fx, fy)
	}

	// A notch down zooms out again; with a position from the driver.
	r.v.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pointer}, Scrolled: fyne.Delta{DY: -wheelNotch}})
	out := r.waitDrawn(t, "the zoomed-out drawing", func(d render.Drawing) bool { return d.Axes.View != v })
	if w := out.Axes.XMax - out.Axes.XMin; w <= v.XMax-v.XMin {
		t.Errorf("zooming out left the x range %v wide", w)
	}

	// A double click shows all the data.
	test.DoubleTap(r.v)
	if r.v.view != nil {
		t.Fatal("a double click kept the zoom")
	}
	back := r.waitDrawn(t, "the full drawing", func(d render.Drawing) bool { return d.Axes.View == full.Axes.View })
	if back.Axes.View != full.Axes.View {
		t.Errorf("after a double click the view is %+v, want %+v", back.Axes.View, full.Axes.View)
	}
}

// TestPlotViewFollowsTheme checks that the drawing's background is the
// theme's, in the dark and the light variant, and that switching the
// theme draws the plot again.
func TestPlotViewFollowsTheme(t *testing.T) {
	r := newPlotRig(t, twoRuns(false), fyne.NewSize(500, 300))
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		setVariant(variant)
		want := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameBackground, variant)).(color.NRGBA)
		d := r.waitDrawn(t, "a drawing in the new theme", func(d render.Drawing) bool {
			return color.NRGBAModel.Convert(d.Image.At(2, 2)) == want
		})
		for _, pt := range []image.Point{{2, 2}, {497, 150}, {250, 297}} {
			if got := color.NRGBAModel.Convert(d.Image.At(pt.X, pt.Y)); got != want {
				t.Errorf("variant %v: pixel %v is %v, want the background %v", variant, pt, got, want)
			}
		}
		fg := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameForeground, variant))
		if r.v.cross.text.Color != theme.DefaultTheme().Color(theme.ColorNameForeground, variant) {
			t.Errorf("variant %v: readout in %v, want %v", variant, r.v.cross.text.Color, fg)
		}
	}
}

// TestPlotViewRealPixels checks that the view draws at its size times the
// canvas scale, and that resizes while a drawing is under way make one
// more drawing, of the last size.
func TestPlotViewRealPixels(t *testing.T) {
	r := newPlotRig(t, twoRuns(false), fyne.NewSize(400, 300))
	if b := r.v.img.Image.Bounds(); b.Dx() != 400 || b.Dy() != 300 {
		t.Fatalf("drawn at %v for 400×300", b)
	}
	r.w.Canvas().(interface{ SetScale(float32) }).SetScale(2)
	r.v.Refresh() // what the driver does when the scale changes
	r.waitDrawn(t, "the drawing at scale 2", func(d render.Drawing) bool { return d.Image.Bounds().Dx() == 800 })
	if b := r.v.img.Image.Bounds(); b.Dy() != 600 {
		t.Errorf("drawn at %v for 400×300 at scale 2", b)
	}
	posts := r.posts.Load()
	for w := float32(300); w <= 500; w += 20 {
		r.w.Resize(fyne.NewSize(w, 250))
	}
	d := r.waitDrawn(t, "the resized drawing", func(d render.Drawing) bool { return d.Image.Bounds().Dx() == 1000 })
	if b := d.Image.Bounds(); b.Dy() != 500 {
		t.Errorf("drawn at %v for 500×250 at scale 2", b)
	}
	if n := r.posts.Load() - posts; n != 2 {
		t.Errorf("11 resizes made %d drawings, want 2 (the one under way and the last size)", n)
	}
}

// TestPlotViewLegendFits checks that the legend of many runs in a narrow
// view lies inside the drawing, under the data area.
func TestPlotViewLegendFits(t *testing.T) {
	var runs []curveRun
	for i := range 8 {
		runs = append(runs, curveRun{Name: "vanilla #" + string(rune('1'+i)), History: []network.Epoch{
			{Epoch: 1, TrainLoss: 0.1 + 0.01*float64(i), ValLoss: 0.09}, {Epoch: 2, TrainLoss: 0.05, ValLoss: 0.045}}})
	}
	r := newPlotRig(t, compareFigure(runs, true), fyne.NewSize(420, 420))
	d, _ := r.v.drawing()
	if !d.Legend.In(d.Image.Bounds()) || d.Legend.Empty() || float64(d.Legend.Min.Y) < d.Axes.Bottom {
		t.Errorf("legend %v in image %v with the data area down to %v", d.Legend, d.Image.Bounds(), d.Axes.Bottom)
	}
}

// TestPlotViewGolden draws a comparison of two runs in the light theme with
// the crosshair on a point.
func TestPlotViewGolden(t *testing.T) {
	r := newPlotRig(t, twoRuns(true), fyne.NewSize(640, 320))
	setVariant(theme.VariantLight)
	r.waitDrawn(t, "the light drawing", func(d render.Drawing) bool { return d.Image.At(1, 1) == color.RGBA{255, 255, 255, 255} })
	at, _ := r.v.dataPosition(3, 0.025)
	test.MoveMouse(r.w.Canvas(), at)
	test.AssertImageMatches(t, "plot_compare.png", r.w.Canvas().Capture())
}

// TestPlotExportsStayLight checks that the PNG exports of loss curves are
// light in the dark theme.
func TestPlotExportsStayLight(t *testing.T) {
	test.NewTempApp(t)
	setVariant(theme.VariantDark)
	run := &Run{Name: "a", History: []network.Epoch{{Epoch: 1, TrainLoss: 0.1, ValLoss: 0.09}, {Epoch: 2, TrainLoss: 0.05, ValLoss: 0.04}}}
	var loss, curves bytes.Buffer
	if err := writeLossPNG(&loss, run); err != nil {
		t.Fatal(err)
	}
	if err := writeCurvesPNG(&curves, []curveRun{{run.Name, run.History}}, true, 600, 300); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*bytes.Buffer{"loss plot": &loss, "compare curves": &curves} {
		img, err := png.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := color.NRGBAModel.Convert(img.At(2, 2)); got != (color.NRGBA{255, 255, 255, 255}) {
			t.Errorf("%s export: background %v, want white", name, got)
		}
	}
}
