package render

import (
	"image"
	"image/color"
	"testing"
)

func TestSheet(t *testing.T) {
	red := image.NewRGBA(image.Rect(0, 0, 10, 20))
	for i := range red.Pix {
		if i%4 == 0 || i%4 == 3 {
			red.Pix[i] = 255
		}
	}
	page := Sheet([]SheetRow{
		{Label: "original", Images: []image.Image{red, red}, Captions: []string{"a 7", "a 2"}},
		{Label: "vanilla #1", Images: []image.Image{red}},
	})
	// Width: label column + gap + two 10-px columns with gaps.
	if b := page.Bounds(); b.Dx() != sheetLabelW+sheetGap+2*(10+sheetGap) || b.Dy() != sheetGap+2*(20+sheetCaption+sheetGap) {
		t.Fatalf("sheet is %v", b)
	}
	x := sheetLabelW + sheetGap
	if got := page.At(x+5, sheetGap+5); got != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("first picture not drawn: %v", got)
	}
	dark := 0
	for y := range 16 {
		for x := range sheetLabelW {
			if r, _, _, _ := page.At(x, sheetGap+y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark < 20 {
		t.Errorf("the row label was not drawn (%d dark pixels)", dark)
	}
}
