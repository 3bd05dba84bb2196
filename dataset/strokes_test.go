package dataset

import (
	"image"
	"math"
	"testing"
)

func TestPaintStroke(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	changed := PaintStroke(img, 5, 10, 35, 10, 3.25, false)
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
	PaintStroke(img, 20, 10, 20, 10, 2, true) // an eraser dot
	if got := img.GrayAt(20, 10).Y; got != 0 {
		t.Errorf("erased pixel = %d", got)
	}
	if got := img.GrayAt(10, 10).Y; got != 255 {
		t.Errorf("the eraser reached (10,10): %d", got)
	}
	// Strokes off the image are clipped, not a panic.
	if r := PaintStroke(img, -50, -50, -40, -40, 3, false); !r.Empty() {
		t.Errorf("off-image stroke changed %v", r)
	}
}

// sevenStrokes is a 7 drawn with a brush of radius 11 on a 280-pixel page,
// scaled by k about the point (40, 40).
func sevenStrokes(k float64) []Stroke {
	at := func(x, y float64) Point { return Point{40 + (x-40)*k, 40 + (y-40)*k} }
	var bar, leg []Point
	for i := 0; i <= 16; i++ {
		f := float64(i) / 16
		bar = append(bar, at(60+f*160, 60))
		leg = append(leg, at(220-f*100, 60+f*180))
	}
	return []Stroke{{Points: bar, Radius: 11}, {Points: leg, Radius: 11}}
}

// rasterOf paints strokes as the pad shows them, without scaling.
func rasterOf(strokes []Stroke, side int) *image.Gray {
	page := image.NewGray(image.Rect(0, 0, side, side))
	for _, s := range strokes {
		for i := range s.Points {
			a, b := s.Points[max(i-1, 0)], s.Points[i]
			PaintStroke(page, a.X, a.Y, b.X, b.Y, s.Radius, s.Erase)
		}
	}
	return page
}

func meanSq(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i] - b[i])
		s += d * d
	}
	return s / float64(len(a))
}

// TestPreprocessStrokesSmallAndLarge draws the same 7 filling the page and
// at a third of its size: their preprocessed images are close, while
// preprocessing the pad's pixels thickens the small one's strokes.
func TestPreprocessStrokesSmallAndLarge(t *testing.T) {
	const side = 280
	large, err := PreprocessStrokes(sevenStrokes(1), side)
	if err != nil {
		t.Fatal(err)
	}
	small, err := PreprocessStrokes(sevenStrokes(1.0/3), side)
	if err != nil {
		t.Fatal(err)
	}
	rawLarge, _ := PreprocessDigit(rasterOf(sevenStrokes(1), side))
	rawSmall, _ := PreprocessDigit(rasterOf(sevenStrokes(1.0/3), side))
	scaled, raw := meanSq(small, large), meanSq(rawSmall, rawLarge)
	t.Logf("mean squared difference small vs large: %.4f scaled brush, %.4f pad pixels", scaled, raw)
	if scaled > 0.01 {
		t.Errorf("small and large drawings differ by %.4f after preprocessing, want ≤ 0.01", scaled)
	}
	if raw < 3*scaled {
		t.Errorf("the unscaled small drawing (%.4f) is not clearly worse than the scaled one (%.4f): the test no longer shows the effect", raw, scaled)
	}
	ink := func(p []float32) (s float64) {
		for _, v := range p {
			s += float64(v)
		}
		return s
	}
	if a, b := ink(small), ink(large); math.Abs(a-b) > 0.15*b {
		t.Errorf("ink of the small 7 %.1f, of the large %.1f: the strokes' width differs", a, b)
	}
}

func TestPreprocessStrokesRejects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		strokes []Stroke
		side    int
	}{
		{"no strokes", nil, 280},
		{"only erasing", []Stroke{{Points: []Point{{10, 10}}, Radius: 5, Erase: true}}, 280},
		{"NaN point", []Stroke{{Points: []Point{{math.NaN(), 10}}, Radius: 5}}, 280},
		{"no page", []Stroke{{Points: []Point{{10, 10}}, Radius: 5}}, 0},
	} {
		if _, err := PreprocessStrokes(tc.strokes, tc.side); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// A single dot is a (tiny) digit, not a crash.
	if _, err := PreprocessStrokes([]Stroke{{Points: []Point{{100, 100}}, Radius: 11}}, 280); err != nil {
		t.Errorf("a dot: %v", err)
	}
}
