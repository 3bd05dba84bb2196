package render

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// SheetRow is one row of a contact sheet: a label on the left, then
// pictures, each with an optional caption under it.
type SheetRow struct {
	Label    string
	Images   []image.Image
	Captions []string
}

// Sheet layout in pixels.
const (
	sheetGap     = 8
	sheetLabelW  = 150
	sheetCaption = 16
)

// Sheet draws rows of pictures with labels and captions on a white page,
// for exporting a gallery as one PNG. Pictures keep their own sizes; each
// column is as wide as its widest picture.
func Sheet(rows []SheetRow) *image.RGBA {
	var colW []int
	rowH := make([]int, len(rows))
	for ri, r := range rows {
		for ci, img := range r.Images {
			if ci == len(colW) {
				colW = append(colW, 0)
			}
			b := img.Bounds()
			colW[ci] = max(colW[ci], b.Dx())
			rowH[ri] = max(rowH[ri], b.Dy())
		}
		rowH[ri] = max(rowH[ri], sheetCaption) + sheetCaption
	}
	w := sheetLabelW + sheetGap
	for _, c := range colW {
		w += c + sheetGap
	}
	h := sheetGap
	for _, r := range rowH {
		h += r + sheetGap
	}
	page := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(page, page.Bounds(), image.White, image.Point{}, draw.Src)
	y := sheetGap
	for ri, r := range rows {
		text(page, sheetGap, y+13, r.Label)
		x := sheetLabelW + sheetGap
		for ci, img := range r.Images {
			b := img.Bounds()
			draw.Draw(page, image.Rect(x, y, x+b.Dx(), y+b.Dy()), img, b.Min, draw.Src)
			if ci < len(r.Captions) {
				text(page, x, y+b.Dy()+13, r.Captions[ci])
			}
			x += colW[ci] + sheetGap
		}
		y += rowH[ri] + sheetGap
	}
	return page
}

// text draws s in black with a 7×13 bitmap font, baseline at y.
func text(dst draw.Image, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(color.Black), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
