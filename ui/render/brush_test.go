package render

import (
	"image"
	"testing"
)

func TestUpscaleAndHeat(t *testing.T) {
	dst := image.NewGray(image.Rect(0, 0, 20, 20))
	Upscale(dst, []float32{0, 1, 1, 0}, 2, 2)
	if a, b := dst.GrayAt(0, 0).Y, dst.GrayAt(19, 0).Y; a != 0 || b != 255 {
		t.Errorf("corners %d %d, want 0 255", a, b)
	}
	if mid := dst.GrayAt(10, 0).Y; mid < 100 || mid > 155 {
		t.Errorf("middle of the top row %d is not interpolated", mid)
	}
	h := HeatImage([]float32{0, 1}, 2, 1, 3)
	if b := h.Bounds(); b.Dx() != 6 || b.Dy() != 3 {
		t.Fatalf("heat image %v", b)
	}
	if h.RGBAAt(0, 0) != Heat(0) || h.RGBAAt(5, 2) != Heat(1) {
		t.Errorf("heat colours %v %v", h.RGBAAt(0, 0), h.RGBAAt(5, 2))
	}
}
