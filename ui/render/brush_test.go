package render

import (
	"image"
	"testing"
)

func TestStroke(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	changed := Stroke(img, 5, 10, 35, 10, 3.25, false)
	for _, tc := range []struct {
		x, y int
		want uint8
	}{
		{20, 10, 255}, // on the segment
		{5, 10, 255},  // at its start
		{20, 12, 255}, // within the radius
		{20, 15, 0},   // beyond it
		{0, 10, 0},    // before the round cap
		{39, 10, 0},   // after the other cap
	} {
		if got := img.GrayAt(tc.x, tc.y).Y; got != tc.want {
			t.Errorf("after painting, pixel (%d,%d) = %d, want %d", tc.x, tc.y, got, tc.want)
		}
	}
	if !image.Pt(20, 10).In(changed) || changed.Min.X > 1 || changed.Max.X < 38 {
		t.Errorf("changed rectangle %v", changed)
	}
	if edge := img.GrayAt(20, 13).Y; edge == 0 || edge == 255 {
		t.Errorf("edge pixel %d is not anti-aliased", edge)
	}
	Stroke(img, 20, 10, 20, 10, 2, true) // an eraser dot
	if got := img.GrayAt(20, 10).Y; got != 0 {
		t.Errorf("erased pixel = %d", got)
	}
	if got := img.GrayAt(10, 10).Y; got != 255 {
		t.Errorf("the eraser reached (10,10): %d", got)
	}
	// Strokes off the image are clipped, not a panic.
	if r := Stroke(img, -50, -50, -40, -40, 3, false); !r.Empty() {
		t.Errorf("off-image stroke changed %v", r)
	}
}

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
