package dataset

import (
	"errors"
	"fmt"
	"image"
	"math"
)

// PaintStroke paints a round brush of the given radius (in pixels) along the
// segment from (x0,y0) to (x1,y1) of img, pixel centres at half-integers.
// Edges are anti-aliased over one pixel. Painting raises pixels towards
// white (ink on a black page); with erase it lowers them towards black.
// A zero-length segment paints a dot. It returns the rectangle it changed.
func PaintStroke(img *image.Gray, x0, y0, x1, y1, radius float64, erase bool) image.Rectangle {
	radius = max(radius, 0.5)
	pad := radius + 1
	r := image.Rect(
		int(math.Floor(min(x0, x1)-pad)), int(math.Floor(min(y0, y1)-pad)),
		int(math.Ceil(max(x0, x1)+pad)), int(math.Ceil(max(y0, y1)+pad)),
	).Intersect(img.Rect)
	dx, dy := x1-x0, y1-y0
	len2 := dx*dx + dy*dy
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		py := float64(y) + 0.5
		for x := r.Min.X; x < r.Max.X; x++ {
			px := float64(x) + 0.5
			t := 0.0
			if len2 > 0 {
				t = min(max(((px-x0)*dx+(py-y0)*dy)/len2, 0), 1)
			}
			ex, ey := px-(x0+t*dx), py-(y0+t*dy)
			cover := min(max(radius+0.5-math.Sqrt(ex*ex+ey*ey), 0), 1)
			if cover == 0 {
				continue
			}
			i := off + x - r.Min.X
			v := uint8(cover*255 + 0.5)
			if erase {
				img.Pix[i] = min(img.Pix[i], 255-v)
			} else {
				img.Pix[i] = max(img.Pix[i], v)
			}
		}
	}
	return r
}

// Stroke is one brush stroke of a drawing: the path of the brush's centre
// in the page's pixels (one point for a dot), its radius, and whether it
// erases.
type Stroke struct {
	Points []Point
	Radius float64
	Erase  bool
}

// Point is a position on a drawing's page, in pixels.
type Point struct{ X, Y float64 }

// Brush radii PreprocessStrokes keeps a scaled stroke within, in page pixels.
const (
	minScaledRadius = 0.75
	maxScaleUp      = 2.0
)

// PreprocessStrokes turns a drawing made of strokes on a side×side page
// into an MNIST-like digit, as PreprocessDigit does for an image, but
// first redraws the strokes with each brush radius scaled by the size of
// the digit: PreprocessDigit enlarges a small drawing to fill the 20-pixel
// box, which would thicken its strokes with it. Here a digit of any size
// ends with the strokes a digit filling 20/28 of the page would have, as
// MNIST's pen strokes did.
//
// With ink strokes whose centres span an extent c (the larger side of
// their bounding box) and radius r, the inked box is c+2r' for the scaled
// radius r'; keeping the final radius r'·20/(c+2r') equal to the full-size
// r·20/ref, where ref = side·20/28, gives r' = r·c/(ref−2r).
func PreprocessStrokes(strokes []Stroke, side int) ([]float32, error) {
	if side <= 0 || side*side > MaxDigitPixels {
		return nil, fmt.Errorf("dataset: preprocess strokes: page of %d pixels a side", side)
	}
	k, err := strokeScale(strokes, side)
	if err != nil {
		return nil, err
	}
	page := image.NewGray(image.Rect(0, 0, side, side))
	for _, s := range strokes {
		r := max(s.Radius*k, minScaledRadius)
		for i := range s.Points {
			a, b := s.Points[max(i-1, 0)], s.Points[i]
			PaintStroke(page, a.X, a.Y, b.X, b.Y, r, s.Erase)
		}
	}
	return PreprocessDigit(page)
}

// strokeScale returns the factor PreprocessStrokes scales brush radii by.
func strokeScale(strokes []Stroke, side int) (float64, error) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var radius, n float64
	for _, s := range strokes {
		if s.Erase || len(s.Points) == 0 {
			continue
		}
		for _, p := range s.Points {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
				return 0, errors.New("dataset: preprocess strokes: a point is not a number")
			}
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
		radius += s.Radius
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("dataset: preprocess strokes: %w", ErrNoInk)
	}
	radius /= n
	ref := float64(side) * DigitBox / DigitSize
	c := max(x1-x0, y1-y0)
	if ref-2*radius <= 0 {
		return 1, nil // a brush this wide leaves nothing to scale
	}
	return min(c/(ref-2*radius), maxScaleUp), nil
}
