package render

import (
	"image"
	"math"
)

// Stroke paints a round brush of the given radius (in pixels) along the
// segment from (x0,y0) to (x1,y1) of img, pixel centres at half-integers.
// Edges are anti-aliased over one pixel. Painting raises pixels towards
// white (ink on a black page); with erase it lowers them towards black.
// A zero-length segment paints a dot. It returns the rectangle it changed.
func Stroke(img *image.Gray, x0, y0, x1, y1, radius float64, erase bool) image.Rectangle {
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

// Upscale draws the w×h values of pix (row-major, clamped to [0,1]) into
// dst, stretched to fill dst's bounds with bilinear interpolation, as grey
// levels. It panics if len(pix) < w*h.
func Upscale(dst *image.Gray, pix []float32, w, h int) {
	_ = pix[w*h-1]
	b := dst.Rect
	at := func(x, y int) float64 {
		x, y = min(max(x, 0), w-1), min(max(y, 0), h-1)
		return float64(min(max(pix[y*w+x], 0), 1))
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		sy := (float64(y-b.Min.Y)+0.5)*float64(h)/float64(b.Dy()) - 0.5
		iy := int(math.Floor(sy))
		fy := sy - float64(iy)
		off := dst.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x++ {
			sx := (float64(x-b.Min.X)+0.5)*float64(w)/float64(b.Dx()) - 0.5
			ix := int(math.Floor(sx))
			fx := sx - float64(ix)
			v := (1-fy)*((1-fx)*at(ix, iy)+fx*at(ix+1, iy)) + fy*((1-fx)*at(ix, iy+1)+fx*at(ix+1, iy+1))
			dst.Pix[off+x-b.Min.X] = uint8(v*255 + 0.5)
		}
	}
}

// HeatImage draws w×h values in [0,1] (row-major) as a heat map (see Heat),
// each value a scale×scale block. It panics if len(pix) < w*h.
func HeatImage(pix []float32, w, h, scale int) *image.RGBA {
	scale = max(scale, 1)
	img := image.NewRGBA(image.Rect(0, 0, w*scale, h*scale))
	for y := range h * scale {
		for x := range w * scale {
			c := Heat(pix[(y/scale)*w+x/scale])
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return img
}
