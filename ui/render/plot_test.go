package render

import "testing"

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
}
