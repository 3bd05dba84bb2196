package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/ui/render"
)

// Plot view measures, in device-independent pixels where they are lengths.
const (
	hoverRadius = 60  // how far the crosshair reaches for the nearest point
	zoomNotch   = 0.8 // how much one notch of the wheel narrows the view
	wheelNotch  = 25  // the scroll distance of one notch on Fyne's desktop driver
	markRadius  = 7
)

// plotView shows a render.Figure drawn by gonum/plot in the current theme's
// colours, at the widget's size in real pixels (its size times the canvas
// scale). It draws off the UI goroutine, one drawing at a time, and draws
// again when its figure, size, theme, scale or zoom changed meanwhile.
// Under the mouse a crosshair marks the nearest point with its readout,
// drawn over the image without drawing it again; the wheel zooms around
// the pointer, a double click shows all the data again, and a click calls
// onTap with the point the crosshair marks.
type plotView struct {
	widget.BaseWidget
	do      func(func()) // runs a function on the UI goroutine
	minSize fyne.Size
	onTap   func(render.Hit) // nil: clicks do nothing
	// onMove, if set, hears the data point under the mouse whenever it
	// moves over the data area of the drawing shown.
	onMove func(x, y float64)

	fig  render.Figure // what to draw, nil for nothing
	figN int           // counts the figures set
	view *render.View  // the zoom, nil for all the data

	img     *canvas.Image
	shown   plotDrawn // what img shows
	started plotKey   // the drawing last started
	busy    bool      // a drawing is under way

	cross    plotCross
	marks    []plotMark
	rings    []*canvas.Circle
	pointer  fyne.Position
	hovering bool
}

// plotKey is what a drawing depends on: two equal keys give the same
// drawing.
type plotKey struct {
	figN   int
	style  render.Style
	w, h   int
	zoomed bool
	view   render.View
}

// plotDrawn is a drawing with the figure and key it was drawn from.
type plotDrawn struct {
	fig render.Figure // nil: nothing drawn
	key plotKey
	d   render.Drawing
}

// plotMark is a ring around a data point, in a theme colour.
type plotMark struct {
	X, Y  float64
	Color fyne.ThemeColorName
}

// plotCross is the crosshair: two lines through the point under the mouse,
// a ring on it and its readout in a box.
type plotCross struct {
	vert, horiz *canvas.Line
	dot         *canvas.Circle
	box         *canvas.Rectangle
	text        *canvas.Text
	hit         render.Hit
	on          bool
}

// newPlotView returns an empty plot view of at least minSize that hands
// its drawings to the UI goroutine with do (nil: fyne.Do).
func newPlotView(do func(func()), minSize fyne.Size) *plotView {
	if do == nil {
		do = fyne.Do
	}
	v := &plotView{do: do, minSize: minSize, img: canvas.NewImageFromImage(nil)}
	v.img.FillMode = canvas.ImageFillStretch
	v.cross = plotCross{
		vert: canvas.NewLine(color.Transparent), horiz: canvas.NewLine(color.Transparent),
		dot: canvas.NewCircle(color.Transparent), box: canvas.NewRectangle(color.Transparent),
		text: canvas.NewText("", color.Transparent),
	}
	v.cross.box.CornerRadius = 4
	v.cross.box.StrokeWidth = 1
	v.cross.dot.StrokeWidth = 2
	v.cross.vert.StrokeWidth, v.cross.horiz.StrokeWidth = 1, 1
	v.ExtendBaseWidget(v)
	v.showCross(false)
	return v
}

// SetFigure shows figure f (nil: nothing), keeping the zoom.
func (v *plotView) SetFigure(f render.Figure) {
	v.fig = f
	v.figN++
	if f == nil {
		v.shown = plotDrawn{}
		v.img.Image = nil
		v.img.Refresh()
		v.updateCross()
	}
	v.schedule()
}

// Figure returns the figure shown.
func (v *plotView) Figure() render.Figure { return v.fig }

// ResetZoom shows all the data again.
func (v *plotView) ResetZoom() {
	if v.view != nil {
		v.view = nil
		v.schedule()
	}
}

// SetMarks rings the data points of marks.
func (v *plotView) SetMarks(marks []plotMark) {
	v.marks = marks
	for len(v.rings) < len(marks) {
		r := canvas.NewCircle(color.Transparent)
		r.StrokeWidth = 2.5
		v.rings = append(v.rings, r)
	}
	v.Refresh()
}

// drawing returns the drawing shown, if it is of the figure set.
func (v *plotView) drawing() (render.Drawing, bool) {
	return v.shown.d, v.shown.fig != nil && v.shown.key.figN == v.figN
}

// scale returns the scale of the canvas the view is on (1 off a canvas).
func (v *plotView) scale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Scale() > 0 {
		return c.Scale()
	}
	return 1
}

// style returns the style of a drawing in the view's theme at scale.
func (v *plotView) style(scale float32) render.Style {
	c := func(n fyne.ThemeColorName) color.NRGBA {
		return color.NRGBAModel.Convert(theme.ColorForWidget(n, v)).(color.NRGBA)
	}
	return render.Style{
		Background: c(theme.ColorNameBackground), Foreground: c(theme.ColorNameForeground),
		Grid: c(theme.ColorNameInputBorder), Scale: float64(scale),
	}
}

// key returns what a drawing of the view as it is now depends on; false
// when there is nothing to draw.
func (v *plotView) key() (plotKey, bool) {
	size, s := v.Size(), v.scale()
	k := plotKey{figN: v.figN, style: v.style(s),
		w: int(math.Round(float64(size.Width * s))), h: int(math.Round(float64(size.Height * s)))}
	if v.view != nil {
		k.zoomed, k.view = true, *v.view
	}
	return k, v.fig != nil && k.w > 0 && k.h > 0
}

// schedule starts a drawing of the view on another goroutine unless one is
// under way (its end schedules again) or the last one started is of the
// view as it is now. A drawing that ends after the figure changed is shown
// all the same until the next: a figure that changes faster than it is
// drawn (a run in training) still moves.
func (v *plotView) schedule() {
	k, ok := v.key()
	if v.busy || !ok || k == v.started {
		return
	}
	v.busy, v.started = true, k
	fig, view := v.fig, v.view
	if view != nil {
		c := *view
		view = &c
	}
	go func() {
		d, err := render.Draw(fig, k.style, k.w, k.h, view)
		v.do(func() {
			v.busy = false
			if err == nil && v.fig != nil {
				v.shown = plotDrawn{fig: fig, key: k, d: d}
				v.img.Image = d.Image
				v.img.Refresh()
				v.updateCross()
			}
			v.schedule()
		})
	}()
}

// toPixels returns the image pixel of widget position pos, and how many
// pixels one device-independent pixel is, for the drawing shown.
func (v *plotView) toPixels(pos fyne.Position) (px, py, per float64) {
	b, size := v.shown.d.Image.Bounds(), v.Size()
	if size.Width <= 0 || size.Height <= 0 {
		return 0, 0, 0
	}
	sx, sy := float64(b.Dx())/float64(size.Width), float64(b.Dy())/float64(size.Height)
	return float64(pos.X) * sx, float64(pos.Y) * sy, sx
}

// toPosition returns the widget position of image pixel (px, py) of the
// drawing shown.
func (v *plotView) toPosition(px, py float64) fyne.Position {
	b, size := v.shown.d.Image.Bounds(), v.Size()
	return fyne.NewPos(float32(px)*size.Width/float32(b.Dx()), float32(py)*size.Height/float32(b.Dy()))
}

// hitAt returns the point of the drawn figure nearest to widget position
// pos, within radius device-independent pixels.
func (v *plotView) hitAt(pos fyne.Position, radius float32) (render.Hit, bool) {
	if v.shown.fig == nil {
		return render.Hit{}, false
	}
	px, py, per := v.toPixels(pos)
	if per <= 0 {
		return render.Hit{}, false
	}
	return v.shown.fig.Nearest(v.shown.d.Axes, px, py, float64(radius)*per)
}

// dataPosition returns where data point (x, y) is drawn in the widget, and
// whether it lies in the data area of the drawing shown.
func (v *plotView) dataPosition(x, y float64) (fyne.Position, bool) {
	if v.shown.fig == nil {
		return fyne.Position{}, false
	}
	ax := v.shown.d.Axes
	px, py := ax.Pixel(x, y)
	if math.IsNaN(px) || math.IsNaN(py) {
		return fyne.Position{}, false
	}
	return v.toPosition(px, py), ax.Inside(px, py)
}

// CreateRenderer implements fyne.Widget.
func (v *plotView) CreateRenderer() fyne.WidgetRenderer {
	v.restyle()
	return &plotRenderer{v: v}
}

// MinSize implements fyne.CanvasObject.
func (v *plotView) MinSize() fyne.Size { return v.minSize }

// Cursor implements desktop.Cursorable.
func (v *plotView) Cursor() desktop.Cursor { return desktop.CrosshairCursor }

// MouseIn implements desktop.Hoverable.
func (v *plotView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved implements desktop.Hoverable: the crosshair follows the point
// nearest to the mouse.
func (v *plotView) MouseMoved(ev *desktop.MouseEvent) {
	v.pointer, v.hovering = ev.Position, true
	v.updateCross()
	if x, y, ok := v.dataAt(ev.Position); ok && v.onMove != nil {
		v.onMove(x, y)
	}
}

// dataAt returns the data point drawn at widget position pos, and whether
// pos lies in the data area of the drawing shown.
func (v *plotView) dataAt(pos fyne.Position) (x, y float64, ok bool) {
	if v.shown.fig == nil {
		return 0, 0, false
	}
	px, py, per := v.toPixels(pos)
	ax := v.shown.d.Axes
	if per <= 0 || !ax.Inside(px, py) {
		return 0, 0, false
	}
	x, y = ax.Data(px, py)
	return x, y, true
}

// MouseOut implements desktop.Hoverable.
func (v *plotView) MouseOut() {
	v.hovering = false
	v.updateCross()
}

// Scrolled implements fyne.Scrollable: the wheel zooms in (up) or out
// (down) around the pointer.
func (v *plotView) Scrolled(ev *fyne.ScrollEvent) {
	if v.shown.fig == nil || ev.Scrolled.DY == 0 {
		return
	}
	pos := ev.Position
	if pos.IsZero() && v.hovering { // fyne/test scrolls without a position
		pos = v.pointer
	}
	ax := v.shown.d.Axes
	if v.view != nil { // zooming on from a view still being drawn
		ax.View = *v.view
	}
	px, py, _ := v.toPixels(pos)
	z := ax.Zoom(px, py, math.Pow(zoomNotch, float64(ev.Scrolled.DY)/wheelNotch))
	v.view = &z
	v.schedule()
}

// DoubleTapped implements fyne.DoubleTappable: it shows all the data.
func (v *plotView) DoubleTapped(*fyne.PointEvent) { v.ResetZoom() }

// Tapped implements fyne.Tappable: a click hands onTap the point the
// crosshair marks there, once the figure set is drawn (its points are the
// ones onTap knows).
func (v *plotView) Tapped(ev *fyne.PointEvent) {
	if _, current := v.drawing(); v.onTap == nil || !current {
		return
	}
	if h, ok := v.hitAt(ev.Position, hoverRadius); ok {
		v.onTap(h)
	}
}

// updateCross moves the crosshair to the point nearest to the mouse, or
// hides it.
func (v *plotView) updateCross() {
	c := &v.cross
	c.on = false
	if v.hovering {
		c.hit, c.on = v.hitAt(v.pointer, hoverRadius)
	}
	c.text.Text = ""
	if c.on {
		c.text.Text = c.hit.Text
	}
	v.layoutOverlay()
	v.showCross(c.on)
}

// showCross shows or hides the crosshair.
func (v *plotView) showCross(on bool) {
	for _, o := range []fyne.CanvasObject{v.cross.vert, v.cross.horiz, v.cross.dot, v.cross.box, v.cross.text} {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
		o.Refresh()
	}
}

// restyle gives the overlay the theme's colours.
func (v *plotView) restyle() {
	c := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, v) }
	fg := color.NRGBAModel.Convert(c(theme.ColorNameForeground)).(color.NRGBA)
	line := color.NRGBA{fg.R, fg.G, fg.B, 0x90}
	v.cross.vert.StrokeColor, v.cross.horiz.StrokeColor = line, line
	v.cross.dot.StrokeColor = fg
	v.cross.box.FillColor, v.cross.box.StrokeColor = c(theme.ColorNameOverlayBackground), c(theme.ColorNameInputBorder)
	v.cross.text.Color = fg
	v.cross.text.TextSize = theme.SizeForWidget(theme.SizeNameText, v)
	for i, r := range v.rings {
		if i < len(v.marks) {
			r.StrokeColor = c(v.marks[i].Color)
		}
	}
}

// layoutOverlay places the crosshair and the rings on the drawing shown.
func (v *plotView) layoutOverlay() {
	for i, r := range v.rings {
		r.Hide()
		if i < len(v.marks) {
			if pos, in := v.dataPosition(v.marks[i].X, v.marks[i].Y); in {
				r.Move(pos.SubtractXY(markRadius, markRadius))
				r.Resize(fyne.NewSquareSize(2 * markRadius))
				r.Show()
			}
		}
		r.Refresh()
	}
	c := &v.cross
	if !c.on {
		return
	}
	ax := v.shown.d.Axes
	at, _ := v.dataPosition(c.hit.X, c.hit.Y)
	topLeft, bottomRight := v.toPosition(ax.Left, ax.Top), v.toPosition(ax.Right, ax.Bottom)
	c.vert.Position1, c.vert.Position2 = fyne.NewPos(at.X, topLeft.Y), fyne.NewPos(at.X, bottomRight.Y)
	c.horiz.Position1, c.horiz.Position2 = fyne.NewPos(topLeft.X, at.Y), fyne.NewPos(bottomRight.X, at.Y)
	c.dot.Move(at.SubtractXY(4, 4))
	c.dot.Resize(fyne.NewSquareSize(8))
	pad := theme.Padding()
	ts := fyne.MeasureText(c.text.Text, c.text.TextSize, c.text.TextStyle)
	box := ts.AddWidthHeight(2*pad, pad)
	pos := at.Add(fyne.NewPos(12, -12-box.Height))
	if size := v.Size(); pos.X+box.Width > size.Width {
		pos.X = at.X - 12 - box.Width
	}
	if pos.Y < 0 {
		pos.Y = at.Y + 12
	}
	pos.X = max(pos.X, 0)
	c.box.Move(pos)
	c.box.Resize(box)
	c.text.Move(pos.AddXY(pad, pad/2))
	c.text.Resize(ts)
}

type plotRenderer struct{ v *plotView }

func (r *plotRenderer) Layout(size fyne.Size) {
	r.v.img.Move(fyne.Position{})
	r.v.img.Resize(size)
	r.v.layoutOverlay()
	r.v.schedule()
}

func (r *plotRenderer) MinSize() fyne.Size { return r.v.minSize }

// Refresh follows the theme and the canvas scale: a change of either
// draws the figure again.
func (r *plotRenderer) Refresh() {
	r.v.restyle()
	r.v.layoutOverlay()
	r.v.schedule()
	r.v.img.Refresh()
	r.v.showCross(r.v.cross.on)
}

func (r *plotRenderer) Objects() []fyne.CanvasObject {
	c := r.v.cross
	objs := []fyne.CanvasObject{r.v.img}
	for _, ring := range r.v.rings {
		objs = append(objs, ring)
	}
	return append(objs, c.vert, c.horiz, c.dot, c.box, c.text)
}

func (r *plotRenderer) Destroy() {}
