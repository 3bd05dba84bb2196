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
// ten colours of matplotlib's tab10).
var DigitColors = [10]color.Color{
	color.RGBA{31, 119, 180, 255}, color.RGBA{255, 127, 14, 255}, color.RGBA{44, 160, 44, 255},
	color.RGBA{214, 39, 40, 255}, color.RGBA{148, 103, 189, 255}, color.RGBA{140, 86, 75, 255},
	color.RGBA{227, 119, 194, 255}, color.RGBA{127, 127, 127, 255}, color.RGBA{188, 189, 34, 255},
	color.RGBA{23, 190, 207, 255},
}

// Scatter is a figure of points given as x,y pairs in XY, point i coloured
// by its class Labels[i] (0…9, see DigitColors), with a legend of the
// classes present. ScatterPlot makes one.
type Scatter struct {
	Title, XLabel, YLabel string
	XY                    []float64
	Labels                []int
	// Names, when it holds ten names, names the classes in the legend
	// ("Trouser"); else the legend shows the class numbers.
	Names []string
}

// ScatterPlot returns the scatter figure of the points xy coloured by
// labels. It returns an error if len(xy) is not twice len(labels) or a
// label is outside 0…9.
func ScatterPlot(title, xLabel, yLabel string, xy []float64, labels []int) (*Scatter, error) {
	if len(xy) != 2*len(labels) {
		return nil, fmt.Errorf("render: scatter of %d labels needs %d coordinates, got %d", len(labels), 2*len(labels), len(xy))
	}
	for i, l := range labels {
		if l < 0 || l > 9 {
			return nil, fmt.Errorf("render: scatter: label %d of point %d is not a digit", l, i)
		}
	}
	return &Scatter{Title: title, XLabel: xLabel, YLabel: yLabel, XY: xy, Labels: labels}, nil
}

// Chart implements Figure. It panics if a label is outside 0…9, which
// ScatterPlot does not let through.
func (s *Scatter) Chart(st Style) (*Chart, error) {
	var classes [10]plotter.XYs
	for i, l := range s.Labels {
		classes[l] = append(classes[l], plotter.XY{X: s.XY[2*i], Y: s.XY[2*i+1]})
	}
	p := newPlot(st, s.Title, s.XLabel, s.YLabel)
	ch := &Chart{Plot: p}
	for l, pts := range classes {
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("render: scatter of digit %d: %w", l, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: DigitColors[l], Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		name := strconv.Itoa(l)
		if len(s.Names) == len(classes) {
			name = s.Names[l]
		}
		ch.Legend = append(ch.Legend, LegendEntry{Label: name, Thumbs: []plot.Thumbnailer{sc}})
	}
	return ch, nil
}

// Nearest implements Figure: the readout names the point's index and
// class and gives its coordinates.
func (s *Scatter) Nearest(ax Axes, px, py, radius float64) (Hit, bool) {
	if !ax.Inside(px, py) {
		return Hit{}, false
	}
	i := ax.Frame().Nearest(s.XY, px, py, radius)
	if i < 0 {
		return Hit{}, false
	}
	x, y := s.XY[2*i], s.XY[2*i+1]
	return Hit{Index: i, X: x, Y: y, Text: fmt.Sprintf("test #%d, a %d, at (%s, %s)", i, s.Labels[i], formatValue(x), formatValue(y))}, true
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

// PlotImageFrame draws f in the Light style as an image of w×h pixels, as
// PlotImage does, and returns the frame of its data area (zero when f
// cannot be built). The axes must be linear.
func PlotImageFrame(f Figure, w, h int) (image.Image, Frame) {
	d, err := Draw(f, Light, w, h, nil)
	if err != nil {
		return PlotImage(f, w, h), Frame{}
	}
	return d.Image, d.Axes.Frame()
}
