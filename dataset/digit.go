package dataset

import (
	"errors"
	"fmt"
	"image"
	stddraw "image/draw"
	"math"

	"golang.org/x/image/draw"
)

// Sizes of a preprocessed digit, as in MNIST: the digit is scaled to fit a
// DigitBox×DigitBox box and placed in a DigitSize×DigitSize field.
const (
	DigitSize = 28
	DigitBox  = 20
)

// MaxDigitPixels bounds the size of an image PreprocessDigit accepts
// (width × height), so a huge photo cannot exhaust memory.
const MaxDigitPixels = 1 << 25

// ErrNoInk is wrapped by the error PreprocessDigit returns for an image with
// no visible digit: blank, uniform, or with no contrast.
var ErrNoInk = errors.New("no digit found: the image is blank or has no contrast")

// Levels PreprocessDigit works with, as fractions of full intensity.
const (
	// inkThreshold is the ink level, after background removal and contrast
	// stretch, above which a pixel belongs to the digit's bounding box.
	inkThreshold = 0.1
	// minContrast is the least difference between the strongest ink and the
	// background for an image to hold a digit at all.
	minContrast = 0.1
)

// PreprocessDigit turns a drawing or a photo of a digit into an MNIST-like
// image: DigitSize×DigitSize float32 values in [0,1], row-major, a bright
// digit on a dark background. It follows the procedure MNIST was made with:
//
//   - Ink: when the image has transparent pixels, the alpha channel is the
//     ink (strokes painted over a transparent background, whatever their
//     colour). Otherwise the ink is the luminance (Rec. 601), inverted when
//     the background — the median luminance — is light (above 0.5), so a
//     dark digit on white paper and a white digit on black both work.
//   - Levels: the background level (the median ink) is subtracted and the
//     strongest ink stretched to 1, which removes the grey of a photographed
//     page. An image whose strongest ink is within 0.1 of the background has
//     no digit: PreprocessDigit returns an error wrapping ErrNoInk.
//   - Crop to the bounding box of the pixels whose ink exceeds 0.1.
//   - Scale, keeping the aspect ratio, so the larger side is DigitBox pixels
//     (the smaller side at least one), anti-aliased with a Catmull-Rom filter.
//   - Place the box in the DigitSize×DigitSize field and shift it by the
//     rounded offset that brings its centre of mass, in pixel indices, to
//     (14, 14), as MNIST did (so MNIST digits come back unchanged). Unlike
//     MNIST the shift is limited so the whole box stays in the field: for a
//     digit whose centre of mass lies more than 4 pixels from the centre of
//     its box, the centre of mass ends off-centre rather than the digit
//     being cut.
//
// It returns an error for an empty image, one larger than MaxDigitPixels, or
// one with no ink. It never panics on any image.Image with consistent bounds.
func PreprocessDigit(img image.Image) ([]float32, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch {
	case w <= 0 || h <= 0:
		return nil, fmt.Errorf("dataset: preprocess digit: %w", ErrNoInk)
	case int64(w)*int64(h) > MaxDigitPixels:
		return nil, fmt.Errorf("dataset: preprocess digit: image of %d×%d pixels is larger than the %d pixels accepted", w, h, MaxDigitPixels)
	}
	ink := inkOf(img)
	bg, top := levels(ink)
	if top-bg < minContrast {
		return nil, fmt.Errorf("dataset: preprocess digit: %w", ErrNoInk)
	}
	scale := 1 / (top - bg)
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		row := ink[y*w : (y+1)*w]
		for x, v := range row {
			v = min(max((v-bg)*scale, 0), 1)
			row[x] = v
			if v > inkThreshold {
				x0, x1 = min(x0, x), max(x1, x)
				y0, y1 = min(y0, y), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return nil, fmt.Errorf("dataset: preprocess digit: %w", ErrNoInk)
	}
	cw, ch := x1-x0+1, y1-y0+1
	crop := image.NewGray16(image.Rect(0, 0, cw, ch))
	for y := range ch {
		row := ink[(y0+y)*w+x0 : (y0+y)*w+x1+1]
		for x, v := range row {
			g := uint16(math.Round(float64(v) * 0xffff))
			crop.Pix[y*crop.Stride+2*x] = uint8(g >> 8)
			crop.Pix[y*crop.Stride+2*x+1] = uint8(g)
		}
	}
	sw, sh := fitBox(cw, ch, DigitBox)
	box := image.NewGray16(image.Rect(0, 0, sw, sh))
	draw.CatmullRom.Scale(box, box.Bounds(), crop, crop.Bounds(), draw.Src, nil)
	return center(box), nil
}

// inkOf returns the ink of every pixel of img in [0,1], row after row: the
// alpha channel when img has a transparent pixel, otherwise the luminance,
// inverted when its median is above one half.
func inkOf(img image.Image) []float32 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ink := make([]float32, w*h)
	row := image.NewRGBA(image.Rect(0, 0, w, 1))
	transparent := false
	for y := range h {
		stddraw.Draw(row, row.Rect, img, image.Pt(b.Min.X, b.Min.Y+y), stddraw.Src)
		out := ink[y*w : (y+1)*w]
		for x := range out {
			p := row.Pix[4*x : 4*x+4 : 4*x+4]
			if p[3] != 0xff {
				transparent = true
			}
			// Luminance of the premultiplied colour, which is the colour
			// itself for opaque pixels.
			out[x] = (0.299*float32(p[0]) + 0.587*float32(p[1]) + 0.114*float32(p[2])) / 255
			if transparent {
				break
			}
		}
		if transparent {
			break
		}
	}
	if transparent {
		for y := range h {
			stddraw.Draw(row, row.Rect, img, image.Pt(b.Min.X, b.Min.Y+y), stddraw.Src)
			out := ink[y*w : (y+1)*w]
			for x := range out {
				out[x] = float32(row.Pix[4*x+3]) / 255
			}
		}
		return ink
	}
	if median(ink) > 0.5 {
		for i, v := range ink {
			ink[i] = 1 - v
		}
	}
	return ink
}

// levels returns the background level (the median) and the largest value
// of ink.
func levels(ink []float32) (bg, top float32) {
	for _, v := range ink {
		top = max(top, v)
	}
	return median(ink), top
}

// median returns the median of values in [0,1], to 1/1024, from a
// histogram.
func median(v []float32) float32 {
	const bins = 1024
	var hist [bins + 1]int
	for _, x := range v {
		hist[int(min(max(x, 0), 1)*bins)]++
	}
	half, seen := (len(v)+1)/2, 0
	for i, c := range hist {
		if seen += c; seen >= half {
			return float32(i) / bins
		}
	}
	return 1
}

// fitBox returns the size of a w×h rectangle scaled to fit a side×side box
// with its aspect ratio kept: the larger side becomes side, the smaller one
// the rounded proportional length, at least 1.
func fitBox(w, h, side int) (sw, sh int) {
	if w >= h {
		return side, max(1, int(math.Round(float64(h)*float64(side)/float64(w))))
	}
	return max(1, int(math.Round(float64(w)*float64(side)/float64(h)))), side
}

// center places box in a DigitSize×DigitSize field with its centre of mass
// moved to pixel (14, 14), as far as the box stays inside the field.
func center(box *image.Gray16) []float32 {
	bw, bh := box.Rect.Dx(), box.Rect.Dy()
	vals := make([]float32, bw*bh)
	var sum, sx, sy float64
	for y := range bh {
		for x := range bw {
			i := y*box.Stride + 2*x
			v := float32(uint16(box.Pix[i])<<8|uint16(box.Pix[i+1])) / 0xffff
			vals[y*bw+x] = v
			sum += float64(v)
			sx += float64(v) * float64(x)
			sy += float64(v) * float64(y)
		}
	}
	ox, oy := (DigitSize-bw)/2, (DigitSize-bh)/2
	if sum > 0 {
		ox = shift(ox, sx/sum, bw)
		oy = shift(oy, sy/sum, bh)
	}
	out := make([]float32, DigitSize*DigitSize)
	for y := range bh {
		copy(out[(oy+y)*DigitSize+ox:], vals[y*bw:(y+1)*bw])
	}
	for i, v := range out {
		out[i] = min(max(v, 0), 1)
	}
	return out
}

// shift returns the offset of a box of the given size whose centre of mass
// lies at index com within it, moved from off so the centre of mass is as
// near index DigitSize/2 as a whole-pixel shift keeping the box inside the
// field allows.
func shift(off int, com float64, size int) int {
	o := off + int(math.Round(DigitSize/2-(float64(off)+com)))
	return min(max(o, 0), DigitSize-size)
}
