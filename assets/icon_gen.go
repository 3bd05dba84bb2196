//go:build ignore

// Command icon_gen draws assets/icon.png, the app icon: an autoencoder's
// bottleneck, wide layers narrowing to a bright code and widening again.
// Run it from the module root with: go run assets/icon_gen.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

func main() {
	const n = 256
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	bg := color.NRGBA{0x1f, 0x2a, 0x44, 0xff}
	// Rounded square background.
	for y := range n {
		for x := range n {
			if inRounded(float64(x)+0.5, float64(y)+0.5, n, 44) {
				img.Set(x, y, bg)
			}
		}
	}
	// Seven layers: widths narrowing to the code and widening again.
	widths := []float64{180, 132, 84, 36, 84, 132, 180}
	barH, gap := 20.0, 10.0
	top := (n - (float64(len(widths))*barH + float64(len(widths)-1)*gap)) / 2
	for i, w := range widths {
		c := color.NRGBA{0x4f, 0x9d, 0xe8, 0xff}
		if i == 3 {
			c = color.NRGBA{0xff, 0xb3, 0x3b, 0xff} // the code
		}
		y0 := top + float64(i)*(barH+gap)
		x0 := (n - w) / 2
		for y := int(y0); y < int(y0+barH); y++ {
			for x := int(x0); x < int(x0+w); x++ {
				img.Set(x, y, c)
			}
		}
	}
	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
}

// inRounded reports whether (x, y) lies in an n×n square with corners of
// radius r.
func inRounded(x, y float64, n, r float64) bool {
	cx := math.Max(r, math.Min(n-r, x))
	cy := math.Max(r, math.Min(n-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}
