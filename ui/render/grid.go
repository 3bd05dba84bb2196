package render

import (
	"image"
	"image/color"
)

// Tile is one grayscale picture: Width×Height values in row-major order,
// shown as 0 = black and 1 = white after clamping to [0,1].
type Tile struct {
	Pix           []float32
	Width, Height int
	// Scale, when positive, overrides the grid's scale for this tile.
	Scale int
}

// Grid draws rows of tiles, each scaled by its own Scale or else by scale
// (nearest neighbour), separated by gap pixels of a mid-grey background. Each
// column is as wide as its widest tile and each row as tall as its tallest.
// Rows may have different lengths; a nil Pix leaves its cell empty.
func Grid(rows [][]Tile, scale, gap int) *image.Gray {
	scale = max(scale, 1)
	tileScale := func(t Tile) int {
		if t.Scale > 0 {
			return t.Scale
		}
		return scale
	}
	var colW []int
	rowH := make([]int, len(rows))
	for ri, r := range rows {
		for ci, t := range r {
			if ci == len(colW) {
				colW = append(colW, 0)
			}
			s := tileScale(t)
			colW[ci], rowH[ri] = max(colW[ci], t.Width*s), max(rowH[ri], t.Height*s)
		}
	}
	w, h := gap, gap
	for _, c := range colW {
		w += c + gap
	}
	for _, r := range rowH {
		h += r + gap
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 96
	}
	y0 := gap
	for ri, r := range rows {
		x0 := gap
		for ci, t := range r {
			if t.Pix != nil {
				drawTile(img, t, x0, y0, tileScale(t))
			}
			x0 += colW[ci] + gap
		}
		y0 += rowH[ri] + gap
	}
	return img
}

func drawTile(img *image.Gray, t Tile, x0, y0, scale int) {
	for y := range t.Height * scale {
		row := t.Pix[(y/scale)*t.Width:]
		off := img.PixOffset(x0, y0+y)
		for x := range t.Width * scale {
			img.Pix[off+x] = gray(row[x/scale])
		}
	}
}

// gray maps a value in [0,1] to an 8-bit grey level, clamping outside values.
func gray(v float32) uint8 {
	v = min(max(v, 0), 1)
	return uint8(v*255 + 0.5)
}

// Heat maps a value in [0,1] to a colour from dark blue through red to
// yellow, for error maps.
func Heat(v float32) color.RGBA {
	v = min(max(v, 0), 1)
	r := min(1, 2*v)
	g := max(0, 2*v-1)
	b := max(0, 0.5-v)
	return color.RGBA{uint8(255 * r), uint8(255 * g), uint8(255 * b), 255}
}

// Tiles cuts the first n pictures of w×h values each out of pix, which holds
// them one after another, into tiles sharing pix's memory. It panics if pix
// is shorter than n·w·h.
func Tiles(pix []float32, n, w, h int) []Tile {
	size := w * h
	_ = pix[:n*size]
	out := make([]Tile, n)
	for i := range out {
		out[i] = Tile{Pix: pix[i*size : (i+1)*size : (i+1)*size], Width: w, Height: h}
	}
	return out
}
