package render

import (
	"fmt"
	"image"
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DigitColors gives each digit class 0…9 its colour in scatter plots (the
// ten colours of matplotlib's tab10, of which Colors is the start).
var DigitColors = [10]color.Color{
	color.RGBA{31, 119, 180, 255}, color.RGBA{255, 127, 14, 255}, color.RGBA{44, 160, 44, 255},
	color.RGBA{214, 39, 40, 255}, color.RGBA{148, 103, 189, 255}, color.RGBA{140, 86, 75, 255},
	color.RGBA{227, 119, 194, 255}, color.RGBA{127, 127, 127, 255}, color.RGBA{188, 189, 34, 255},
	color.RGBA{23, 190, 207, 255},
}

// ScatterPlot builds a scatter plot of points given as x,y pairs in xy,
// point i coloured by its class labels[i] (0…9, see DigitColors), with a
// legend of the classes present. The x range is widened on the right so the
// legend does not cover points. It returns an error if len(xy) is not twice
// len(labels) or a label is outside 0…9.
func ScatterPlot(title, xLabel, yLabel string, xy []float64, labels []int) (*plot.Plot, error) {
	if len(xy) != 2*len(labels) {
		return nil, fmt.Errorf("render: scatter of %d labels needs %d coordinates, got %d", len(labels), 2*len(labels), len(xy))
	}
	var classes [10]plotter.XYs
	for i, l := range labels {
		if l < 0 || l > 9 {
			return nil, fmt.Errorf("render: scatter: label %d of point %d is not a digit", l, i)
		}
		classes[l] = append(classes[l], plotter.XY{X: xy[2*i], Y: xy[2*i+1]})
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	for l, pts := range classes {
		if len(pts) == 0 {
			continue
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("render: scatter of digit %d: %w", l, err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: DigitColors[l], Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
		p.Add(s)
		p.Legend.Add(strconv.Itoa(l), s)
	}
	if len(labels) > 0 {
		p.X.Max += 0.18 * (p.X.Max - p.X.Min) // room for the legend
	}
	return p, nil
}

// Frame maps between the data coordinates of a plot with linear axes and
// the pixels of its image: the data area spans pixels Left…Right and
// Top…Bottom (y grows downwards) and shows X.Min…X.Max and Y.Min…Y.Max.
type Frame struct {
	Left, Right, Top, Bottom float64
	XMin, XMax, YMin, YMax   float64
}

// Pixel returns the pixel position of the data point (x, y).
func (f Frame) Pixel(x, y float64) (px, py float64) {
	px = f.Left + (x-f.XMin)/(f.XMax-f.XMin)*(f.Right-f.Left)
	py = f.Bottom - (y-f.YMin)/(f.YMax-f.YMin)*(f.Bottom-f.Top)
	return px, py
}

// Data returns the data coordinates of the pixel position (px, py).
func (f Frame) Data(px, py float64) (x, y float64) {
	x = f.XMin + (px-f.Left)/(f.Right-f.Left)*(f.XMax-f.XMin)
	y = f.YMin + (f.Bottom-py)/(f.Bottom-f.Top)*(f.YMax-f.YMin)
	return x, y
}

// Nearest returns the index of the point of xy (x,y pairs in data
// coordinates) whose pixel position is nearest to (px, py), or -1 when none
// lies within radius pixels.
func (f Frame) Nearest(xy []float64, px, py, radius float64) int {
	best, bestD := -1, radius*radius
	for i := 0; i+1 < len(xy); i += 2 {
		qx, qy := f.Pixel(xy[i], xy[i+1])
		if d := (qx-px)*(qx-px) + (qy-py)*(qy-py); d <= bestD {
			best, bestD = i/2, d
		}
	}
	return best
}

// PlotImageFrame renders p as an image of w×h pixels (at 96 dpi), as
// PlotImage does, and returns the frame of its data area. The axes must be
// linear.
func PlotImageFrame(p *plot.Plot, w, h int) (image.Image, Frame) {
	c := canvas(p, w, h) // Draw settles the axis ranges
	dc := p.DataCanvas(draw.New(c))
	tx, ty := p.Transforms(&dc)
	px := func(l vg.Length) float64 { return float64(l) * 96 / 72 }
	f := Frame{
		Left: px(tx(p.X.Min)), Right: px(tx(p.X.Max)),
		Top: float64(h) - px(ty(p.Y.Max)), Bottom: float64(h) - px(ty(p.Y.Min)),
		XMin: p.X.Min, XMax: p.X.Max, YMin: p.Y.Min, YMax: p.Y.Max,
	}
	return c.Image(), f
}
