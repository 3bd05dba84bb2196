package render

import "image"

// Mosaic draws rows×cols grey pictures of w×h values each (row-major, one
// after another in pix), edge to edge with no gap, as the Keras blog draws
// a decoder's manifold. It panics if pix holds fewer than rows·cols·w·h
// values.
func Mosaic(pix []float32, rows, cols, w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, cols*w, rows*h))
	if len(pix) < rows*cols*w*h {
		panic("render: Mosaic needs rows·cols pictures")
	}
	for r := range rows {
		for c := range cols {
			t := pix[(r*cols+c)*w*h:]
			for y := range h {
				for x := range w {
					img.Pix[(r*h+y)*img.Stride+c*w+x] = gray(t[y*w+x])
				}
			}
		}
	}
	return img
}
