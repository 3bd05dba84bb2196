package render

import (
	"image"
	"math"
)

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
