package render

import (
	"fmt"
	"image"
	"image/color"
	imagedraw "image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Style is the look of a drawn figure: the colours of its background, of
// its text and axes (Foreground) and of its grid lines, and how many image
// pixels stand for one device-independent pixel (Scale; 0 means 1, which
// draws at 96 dpi).
type Style struct {
	Background, Foreground, Grid color.NRGBA
	Scale                        float64
}

// Light is the style of exported figures: black on white at 96 dpi.
var Light = Style{
	Background: color.NRGBA{255, 255, 255, 255},
	Foreground: color.NRGBA{0, 0, 0, 255},
	Grid:       color.NRGBA{0xdd, 0xdd, 0xdd, 255},
	Scale:      1,
}

// dpi returns the resolution the style draws at.
func (st Style) dpi() int {
	if st.Scale <= 0 {
		return 96
	}
	return max(1, int(math.Round(96*st.Scale)))
}

// muted returns a colour halfway between the style's foreground and
// background.
func (st Style) muted() color.NRGBA {
	mix := func(a, b uint8) uint8 { return uint8((int(a) + int(b)) / 2) }
	f, b := st.Foreground, st.Background
	return color.NRGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 255}
}

// OkabeIto holds the seven hues of the colour-blind-safe palette of Okabe
// and Ito (orange, sky blue, bluish green, vermillion, reddish purple, blue,
// yellow), in the order curves take them; the palette's black is the
// style's foreground (see Style.Color).
var OkabeIto = [7]color.NRGBA{
	{0xe6, 0x9f, 0x00, 255}, {0x56, 0xb4, 0xe9, 255}, {0x00, 0x9e, 0x73, 255},
	{0xd5, 0x5e, 0x00, 255}, {0xcc, 0x79, 0xa7, 255}, {0x00, 0x72, 0xb2, 255},
	{0xf0, 0xe4, 0x42, 255},
}

// PaletteSize is how many curves (or runs) get distinct colours.
const PaletteSize = len(OkabeIto) + 1

// Color returns the colour of curve (or run) i: the hues of OkabeIto, then
// the style's foreground, over again after PaletteSize.
func (st Style) Color(i int) color.NRGBA {
	i %= PaletteSize
	if i < 0 {
		i += PaletteSize
	}
	if i == len(OkabeIto) {
		return st.Foreground
	}
	return OkabeIto[i]
}

// Figure is a plot that Draw can draw in any style, at any size, zoomed
// into any part of its data. Loss and Scatter are figures.
type Figure interface {
	// Chart builds the figure's plot and legend in style st.
	Chart(st Style) (*Chart, error)
	// Nearest returns the point of the figure drawn nearest to pixel
	// (px, py) of a drawing whose axes are ax, if one lies within radius
	// pixels and inside the data area.
	Nearest(ax Axes, px, py, radius float64) (Hit, bool)
}

// Chart is a built plot with its legend kept apart: Draw places the legend
// beside or under the data area, never over it.
type Chart struct {
	Plot   *plot.Plot
	Legend []LegendEntry
}

// LegendEntry is one line of a legend: a label after thumbnails drawn in
// the style of the data it stands for.
type LegendEntry struct {
	Label  string
	Thumbs []plot.Thumbnailer
}

// Hit is a point of a figure found by Nearest.
type Hit struct {
	Series, Index int     // which series (0 for a scatter) and which of its points
	X, Y          float64 // its data coordinates
	Text          string  // what it is, for a readout
}

// View is the part of a figure's data a drawing shows.
type View struct {
	XMin, XMax, YMin, YMax float64
}

// Drawing is a figure drawn as an image.
type Drawing struct {
	Image  *image.RGBA
	Axes   Axes            // maps between data and the image's pixels
	Legend image.Rectangle // the legend's box, in image pixels; empty without a legend
}

// Draw draws f in style st as an image of w×h pixels showing view of its
// data (nil: all of it). The legend goes to the right of the data area when
// it fits there in at most 30% of the width, else under it, in as many
// columns as fit. It returns f's error when the figure cannot be built; w
// and h below 1 count as 1.
func Draw(f Figure, st Style, w, h int, view *View) (Drawing, error) {
	w, h = max(w, 1), max(h, 1)
	ch, err := f.Chart(st)
	if err != nil {
		return Drawing{}, err
	}
	p := ch.Plot
	applyView(p, view)
	settleRange(&p.X)
	settleRange(&p.Y)
	dpi := st.dpi()
	length := func(px int) vg.Length { return vg.Length(px) * vg.Inch / vg.Length(dpi) }
	c := vgimg.NewWith(vgimg.UseWH(length(w), length(h)), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(st.Background))
	dc := draw.New(c)
	area, box := drawLegend(dc, ch.Legend, st, titleHeight(p))
	p.Draw(area)
	img, ok := c.Image().(*image.RGBA)
	if !ok { // vgimg draws on an RGBA image; copy should that change
		img = image.NewRGBA(c.Image().Bounds())
		imagedraw.Draw(img, img.Bounds(), c.Image(), image.Point{}, imagedraw.Src)
	}
	d := Drawing{Image: img, Axes: axesOf(p, area, dpi, h)}
	if box.Size().X > 0 {
		d.Legend = pixelRect(box, dpi, h)
	}
	return d, nil
}

// PlotImage draws f in the Light style as an image of w×h pixels; a figure
// that cannot be built gives a white image.
func PlotImage(f Figure, w, h int) image.Image {
	d, err := Draw(f, Light, w, h, nil)
	if err != nil {
		img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
		for i := range img.Pix {
			img.Pix[i] = 255
		}
		return img
	}
	return d.Image
}

// WritePNG draws f in the Light style as a PNG of w×h pixels to out.
func WritePNG(out io.Writer, f Figure, w, h int) error {
	d, err := Draw(f, Light, w, h, nil)
	if err != nil {
		return fmt.Errorf("render plot: %w", err)
	}
	if err := png.Encode(out, d.Image); err != nil {
		return fmt.Errorf("render plot: %w", err)
	}
	return nil
}

// fontVariant is the Liberation face figures are written in: sans serif,
// like the app's text.
const fontVariant = "Sans"

// newPlot returns an empty plot in style st, with its grid.
func newPlot(st Style, title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = st.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = st.Foreground
	p.Title.TextStyle.Font.Variant = fontVariant
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = st.Foreground
		a.Label.TextStyle.Color = st.Foreground
		a.Label.TextStyle.Font.Variant = fontVariant
		a.Tick.Color = st.Foreground
		a.Tick.Label.Color = st.Foreground
		a.Tick.Label.Font.Variant = fontVariant
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = st.Grid, st.Grid
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.5), vg.Points(0.5)
	p.Add(g)
	return p
}

// applyView makes p show view, when there is one. A view that a
// logarithmic axis cannot show (not above zero) leaves that axis alone.
func applyView(p *plot.Plot, view *View) {
	if view == nil {
		return
	}
	if view.XMin < view.XMax && (!isLog(&p.X) || view.XMin > 0) {
		p.X.Min, p.X.Max = view.XMin, view.XMax
	}
	if view.YMin < view.YMax && (!isLog(&p.Y) || view.YMin > 0) {
		p.Y.Min, p.Y.Max = view.YMin, view.YMax
	}
}

// settleRange gives axis a a range it can draw: gonum widens an empty one
// by ±1, which takes a logarithmic axis below zero and panics, so such an
// axis is widened by a factor of 2 each way instead.
func settleRange(a *plot.Axis) {
	if !isLog(a) {
		return
	}
	if math.IsInf(a.Min, 0) || math.IsInf(a.Max, 0) || math.IsNaN(a.Min) || math.IsNaN(a.Max) || a.Max <= 0 {
		a.Min, a.Max = 0.1, 1
		return
	}
	if a.Min <= 0 {
		a.Min = a.Max / 10
	}
	if a.Min == a.Max {
		a.Min, a.Max = a.Min/2, a.Max*2
	}
}

func isLog(a *plot.Axis) bool {
	_, ok := a.Scale.(plot.LogScale)
	return ok
}

// titleHeight returns how far p's title takes the top of its data area
// down.
func titleHeight(p *plot.Plot) vg.Length {
	if p.Title.Text == "" {
		return 0
	}
	return p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y + p.Title.Padding
}

// axesOf returns the axes of p drawn in area, on an image h pixels high at
// dpi.
func axesOf(p *plot.Plot, area draw.Canvas, dpi, h int) Axes {
	dc := p.DataCanvas(area)
	tx, ty := p.Transforms(&dc)
	px := func(l vg.Length) float64 { return float64(l) * float64(dpi) / 72 }
	return Axes{
		Left: px(tx(p.X.Min)), Right: px(tx(p.X.Max)),
		Top: float64(h) - px(ty(p.Y.Max)), Bottom: float64(h) - px(ty(p.Y.Min)),
		View: View{p.X.Min, p.X.Max, p.Y.Min, p.Y.Max},
		LogY: isLog(&p.Y),
	}
}

// pixelRect returns rectangle r of a canvas as pixels of an image h pixels
// high at dpi, rounded outwards.
func pixelRect(r vg.Rectangle, dpi, h int) image.Rectangle {
	px := func(l vg.Length) float64 { return float64(l) * float64(dpi) / 72 }
	return image.Rect(int(math.Floor(px(r.Min.X))), h-int(math.Ceil(px(r.Max.Y))),
		int(math.Ceil(px(r.Max.X))), h-int(math.Floor(px(r.Min.Y))))
}

// Axes maps between the data coordinates of a drawing and the pixels of its
// image: the data area spans pixels Left…Right and Top…Bottom (y grows
// downwards) and shows View; with LogY the y axis is logarithmic.
type Axes struct {
	Left, Right, Top, Bottom float64
	View
	LogY bool
}

// norm returns where y lies between the y range, 0 at YMin and 1 at YMax.
func (a Axes) norm(y float64) float64 {
	if a.LogY {
		return math.Log(y/a.YMin) / math.Log(a.YMax/a.YMin)
	}
	return (y - a.YMin) / (a.YMax - a.YMin)
}

// Pixel returns the pixel position of the data point (x, y).
func (a Axes) Pixel(x, y float64) (px, py float64) {
	px = a.Left + (x-a.XMin)/(a.XMax-a.XMin)*(a.Right-a.Left)
	py = a.Bottom - a.norm(y)*(a.Bottom-a.Top)
	return px, py
}

// Data returns the data coordinates of the pixel position (px, py).
func (a Axes) Data(px, py float64) (x, y float64) {
	x = a.XMin + (px-a.Left)/(a.Right-a.Left)*(a.XMax-a.XMin)
	t := (a.Bottom - py) / (a.Bottom - a.Top)
	if a.LogY {
		return x, a.YMin * math.Pow(a.YMax/a.YMin, t)
	}
	return x, a.YMin + t*(a.YMax-a.YMin)
}

// Inside reports whether pixel (px, py) lies in the data area.
func (a Axes) Inside(px, py float64) bool {
	return px >= a.Left && px <= a.Right && py >= a.Top && py <= a.Bottom
}

// Zoom returns the range that shows the data around pixel (px, py),
// clamped to the data area, factor times as wide and high, with the data
// point under that pixel staying under it: a factor below 1 zooms in. A
// zoom that would leave a range narrower than a millionth of its values
// returns the range unchanged.
func (a Axes) Zoom(px, py, factor float64) View {
	px, py = min(max(px, a.Left), a.Right), min(max(py, a.Top), a.Bottom)
	x0, y0 := a.Data(px, py)
	around := func(lo, hi, c float64) (float64, float64) { return c - (c-lo)*factor, c + (hi-c)*factor }
	r := a.View
	r.XMin, r.XMax = around(a.XMin, a.XMax, x0)
	if a.LogY {
		lo, hi := around(math.Log(a.YMin), math.Log(a.YMax), math.Log(y0))
		r.YMin, r.YMax = math.Exp(lo), math.Exp(hi)
	} else {
		r.YMin, r.YMax = around(a.YMin, a.YMax, y0)
	}
	tiny := func(lo, hi float64) bool { return hi-lo <= 1e-6*max(math.Abs(lo), math.Abs(hi), 1e-300) }
	if tiny(r.XMin, r.XMax) || tiny(r.YMin, r.YMax) {
		return a.View
	}
	return r
}

// Frame returns the axes as a Frame; the y axis must be linear.
func (a Axes) Frame() Frame {
	return Frame{Left: a.Left, Right: a.Right, Top: a.Top, Bottom: a.Bottom,
		XMin: a.XMin, XMax: a.XMax, YMin: a.YMin, YMax: a.YMax}
}

// formatValue formats a data value for a readout, to four significant
// digits.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
