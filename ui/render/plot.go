package render

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Series is one curve of a loss plot.
type Series struct {
	Name  string
	X, Y  []float64
	Color color.Color
	Dash  bool
}

// Colors is the palette curves take in turn.
var Colors = []color.Color{
	color.RGBA{31, 119, 180, 255}, color.RGBA{255, 127, 14, 255}, color.RGBA{44, 160, 44, 255},
	color.RGBA{214, 39, 40, 255}, color.RGBA{148, 103, 189, 255}, color.RGBA{140, 86, 75, 255},
	color.RGBA{227, 119, 194, 255}, color.RGBA{127, 127, 127, 255},
}

// LossPlot builds a plot of loss curves against epochs. With logY the loss
// axis is logarithmic (non-positive values are left out); when no value is
// left to draw, the axis stays linear, as gonum/plot cannot draw an empty
// logarithmic axis.
func LossPlot(title string, series []Series, logY bool) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "epoch"
	p.Y.Label.Text = "loss"
	p.Legend.Top = true
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	drawn := false
	for i, s := range series {
		pts := make(plotter.XYs, 0, len(s.X))
		for j, x := range s.X {
			y := s.Y[j]
			if math.IsNaN(y) || math.IsInf(y, 0) || (logY && y <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
		if len(pts) == 0 {
			continue
		}
		drawn = true
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("plot %s: %w", s.Name, err)
		}
		c := s.Color
		if c == nil {
			c = Colors[i%len(Colors)]
		}
		line.Color, points.Color = c, c
		line.Width = vg.Points(1.5)
		points.Shape = draw.CircleGlyph{}
		points.Radius = vg.Points(2)
		if s.Dash {
			line.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		p.Add(line, points)
		p.Legend.Add(s.Name, line, points)
	}
	if logY && !drawn {
		p.Y.Scale, p.Y.Tick.Marker = plot.LinearScale{}, plot.DefaultTicks{}
	}
	p.Add(plotter.NewGrid())
	return p, nil
}

// PlotImage renders p as an image of w×h pixels (at 96 dpi).
func PlotImage(p *plot.Plot, w, h int) image.Image {
	return canvas(p, w, h).Image()
}

func canvas(p *plot.Plot, w, h int) *vgimg.Canvas {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96), vgimg.UseDPI(96))
	p.Draw(draw.New(c))
	return c
}

// WritePNG renders p as a PNG of w×h pixels (at 96 dpi) to out.
func WritePNG(out io.Writer, p *plot.Plot, w, h int) error {
	if _, err := (vgimg.PngCanvas{Canvas: canvas(p, w, h)}).WriteTo(out); err != nil {
		return fmt.Errorf("render plot: %w", err)
	}
	return nil
}
