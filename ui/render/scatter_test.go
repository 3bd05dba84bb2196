package render

import (
	"image/color"
	"math"
	"testing"
)

func TestScatterFrame(t *testing.T) {
	xy := []float64{0, 0, 10, 5, 4, -3, 7, 2}
	labels := []int{0, 3, 3, 9}
	p, err := ScatterPlot("codes", "PC1", "PC2", xy, labels)
	if err != nil {
		t.Fatal(err)
	}
	img, f := PlotImageFrame(p, 480, 360)
	if f.Left <= 0 || f.Right > 480 || f.Top <= 0 || f.Bottom > 360 || f.Left >= f.Right || f.Top >= f.Bottom {
		t.Fatalf("frame %+v", f)
	}
	for i, l := range labels {
		x, y := xy[2*i], xy[2*i+1]
		px, py := f.Pixel(x, y)
		// The point's colour is drawn at its pixel.
		r, g, b, _ := img.At(int(px), int(py)).RGBA()
		want := color.RGBAModel.Convert(DigitColors[l]).(color.RGBA)
		if d := math.Abs(float64(r>>8)-float64(want.R)) + math.Abs(float64(g>>8)-float64(want.G)) + math.Abs(float64(b>>8)-float64(want.B)); d > 30 {
			t.Errorf("point %d at pixel (%.0f,%.0f) has colour %d,%d,%d, want %v", i, px, py, r>>8, g>>8, b>>8, want)
		}
		// Pixel and Data are inverse.
		if bx, by := f.Data(px, py); math.Abs(bx-x) > 1e-9 || math.Abs(by-y) > 1e-9 {
			t.Errorf("Data(Pixel(%v,%v)) = %v,%v", x, y, bx, by)
		}
		if got := f.Nearest(xy, px+2, py-2, 5); got != i {
			t.Errorf("click near point %d found %d", i, got)
		}
	}
	if got := f.Nearest(xy, f.Left+1, f.Top+1, 4); got != -1 {
		t.Errorf("click in an empty corner found point %d", got)
	}
	if _, err := ScatterPlot("", "", "", xy, []int{0, 1, 2, 10}); err == nil {
		t.Error("label 10 accepted")
	}
	if _, err := ScatterPlot("", "", "", xy[:3], labels); err == nil {
		t.Error("odd coordinates accepted")
	}
}
