package dataset

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math"
	"testing"
)

// ring is an image.Image mask: opaque between radii r0 and r1 around c.
type ring struct {
	c      image.Point
	r0, r1 float64
}

func (r ring) ColorModel() color.Model { return color.AlphaModel }
func (r ring) Bounds() image.Rectangle { return image.Rect(-1e6, -1e6, 1e6, 1e6) }
func (r ring) At(x, y int) color.Color {
	d := math.Hypot(float64(x-r.c.X)+0.5, float64(y-r.c.Y)+0.5)
	if d >= r.r0 && d <= r.r1 {
		return color.Alpha{A: 0xff}
	}
	return color.Alpha{}
}

// canvas returns a w×h opaque canvas of colour bg.
func canvas(w, h int, bg color.Color) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return img
}

// stats returns the centre of mass (in pixel indices) and the bounding box
// of the non-zero pixels of a digit.
func stats(t *testing.T, d []float32) (cx, cy float64, box image.Rectangle) {
	t.Helper()
	if len(d) != DigitSize*DigitSize {
		t.Fatalf("digit has %d values, want %d", len(d), DigitSize*DigitSize)
	}
	var sum float64
	x0, y0, x1, y1 := DigitSize, DigitSize, 0, 0
	for i, v := range d {
		if v < 0 || v > 1 || math.IsNaN(float64(v)) {
			t.Fatalf("pixel %d = %v, not in [0,1]", i, v)
		}
		if v == 0 {
			continue
		}
		x, y := i%DigitSize, i/DigitSize
		sum += float64(v)
		cx += float64(v) * float64(x)
		cy += float64(v) * float64(y)
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
	}
	return cx / sum, cy / sum, image.Rectangle{image.Pt(x0, y0), image.Pt(x1, y1)}
}

func TestPreprocessDigit(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for _, tc := range []struct {
		name   string
		img    func() image.Image
		aspect float64 // width/height of the digit's box; 0 to skip
	}{
		{"ring off-centre", func() image.Image {
			img := canvas(280, 280, white)
			draw.DrawMask(img, img.Bounds(), image.NewUniform(black), image.Point{}, ring{image.Pt(70, 190), 30, 50}, image.Point{}, draw.Over)
			return img
		}, 1},
		{"white ring on black", func() image.Image {
			img := canvas(280, 280, black)
			draw.DrawMask(img, img.Bounds(), image.NewUniform(white), image.Point{}, ring{image.Pt(200, 60), 30, 50}, image.Point{}, draw.Over)
			return img
		}, 1},
		{"ring on transparent", func() image.Image {
			img := image.NewNRGBA(image.Rect(0, 0, 280, 280))
			draw.DrawMask(img, img.Bounds(), image.NewUniform(black), image.Point{}, ring{image.Pt(150, 120), 30, 50}, image.Point{}, draw.Over)
			return img
		}, 1},
		{"tall bar", func() image.Image {
			img := canvas(280, 280, white)
			draw.Draw(img, image.Rect(30, 40, 70, 240), image.NewUniform(black), image.Point{}, draw.Src)
			return img
		}, 0.2},
		{"wide bar, grey page", func() image.Image {
			img := canvas(280, 200, color.NRGBA{0xc0, 0xc0, 0xc0, 0xff})
			draw.Draw(img, image.Rect(100, 120, 260, 200), image.NewUniform(color.NRGBA{0x20, 0x20, 0x20, 0xff}), image.Point{}, draw.Src)
			return img
		}, 2},
		{"L shape", func() image.Image {
			img := image.NewGray(image.Rect(10, 20, 290, 300)) // black, not at the origin
			draw.Draw(img, image.Rect(50, 50, 80, 250), image.White, image.Point{}, draw.Src)
			draw.Draw(img, image.Rect(50, 220, 200, 250), image.White, image.Point{}, draw.Src)
			return img
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := PreprocessDigit(tc.img())
			if err != nil {
				t.Fatal(err)
			}
			cx, cy, box := stats(t, d)
			if math.Abs(cx-DigitSize/2) > 1 || math.Abs(cy-DigitSize/2) > 1 {
				t.Errorf("centre of mass (%.2f, %.2f), want within 1 of (14, 14)", cx, cy)
			}
			if side := max(box.Dx(), box.Dy()); side < DigitBox-1 || side > DigitBox {
				t.Errorf("bounding box %v: larger side %d, want %d±1", box, side, DigitBox)
			}
			if tc.aspect > 0 {
				if got := float64(box.Dx()) / float64(box.Dy()); math.Abs(got-tc.aspect) > 0.15*tc.aspect {
					t.Errorf("bounding box %v: aspect %.2f, want %.2f", box, got, tc.aspect)
				}
			}
		})
	}
}

// TestPreprocessDigitPolarity checks that the same stroke gives the same
// digit dark on light, light on dark and painted on a transparent layer.
func TestPreprocessDigitPolarity(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	mask := ring{image.Pt(100, 100), 20, 45}
	paint := func(bg, ink color.Color) image.Image {
		img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
		draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
		draw.DrawMask(img, img.Bounds(), image.NewUniform(ink), image.Point{}, mask, image.Point{}, draw.Over)
		return img
	}
	want, err := PreprocessDigit(paint(black, white))
	if err != nil {
		t.Fatal(err)
	}
	for name, img := range map[string]image.Image{
		"dark on light":           paint(white, black),
		"dark on transparent":     paint(color.NRGBA{}, black),
		"light on transparent":    paint(color.NRGBA{0xff, 0xff, 0xff, 0}, white),
		"grey page, dark strokes": paint(color.NRGBA{0xd0, 0xd0, 0xd0, 0xff}, color.NRGBA{0x30, 0x30, 0x30, 0xff}),
	} {
		got, err := PreprocessDigit(img)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for i := range got {
			if d := math.Abs(float64(got[i] - want[i])); d > 5e-3 {
				t.Errorf("%s: pixel %d = %v, want %v", name, i, got[i], want[i])
				break
			}
		}
	}
}

func TestPreprocessDigitEdgeCases(t *testing.T) {
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for _, tc := range []struct {
		name  string
		img   image.Image
		noInk bool
	}{
		{"zero size", image.NewGray(image.Rect(0, 0, 0, 0)), true},
		{"white", canvas(50, 50, white), true},
		{"black", canvas(50, 50, color.NRGBA{A: 0xff}), true},
		{"grey", canvas(50, 50, color.NRGBA{0x80, 0x80, 0x80, 0xff}), true},
		{"transparent", image.NewNRGBA(image.Rect(0, 0, 40, 30)), true},
		{"faint", func() image.Image {
			img := canvas(50, 50, white)
			img.Set(10, 10, color.NRGBA{0xf8, 0xf8, 0xf8, 0xff})
			return img
		}(), true},
		{"1×1", canvas(1, 1, color.NRGBA{A: 0xff}), true},
		{"one dot", func() image.Image {
			img := canvas(50, 50, white)
			img.Set(3, 40, color.Black)
			return img
		}(), false},
		{"5000×10 line", func() image.Image {
			img := canvas(5000, 10, white)
			draw.Draw(img, image.Rect(100, 4, 4900, 6), image.Black, image.Point{}, draw.Src)
			return img
		}(), false},
		{"10×5000 noise", func() image.Image {
			img := image.NewGray(image.Rect(0, 0, 10, 5000))
			for i := range img.Pix {
				img.Pix[i] = uint8(i * 7919 % 256)
			}
			return img
		}(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := PreprocessDigit(tc.img)
			if tc.noInk {
				if !errors.Is(err, ErrNoInk) {
					t.Errorf("error %v, want one wrapping ErrNoInk", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			stats(t, d)
		})
	}
}

func TestPreprocessDigitTooLarge(t *testing.T) {
	// A Gray image's bounds may claim more pixels than its storage holds:
	// only the bounds are read before the size check.
	img := &image.Gray{Rect: image.Rect(0, 0, 1<<13, 1<<13)}
	if _, err := PreprocessDigit(img); err == nil || errors.Is(err, ErrNoInk) {
		t.Errorf("error %v, want one about the size", err)
	}
}

func FuzzPreprocessDigit(f *testing.F) {
	f.Add(uint8(3), uint8(4), []byte{0, 255, 10, 200, 30, 0, 0, 0, 255, 255, 255, 1})
	f.Add(uint8(0), uint8(0), []byte{})
	f.Add(uint8(15), uint8(1), []byte{255, 0, 255, 0, 255, 0, 3})
	f.Fuzz(func(t *testing.T, w, h uint8, pix []byte) {
		wi, hi := int(w%24), int(h%24)
		img := image.NewNRGBA(image.Rect(0, 0, wi, hi))
		copy(img.Pix, pix)
		d, err := PreprocessDigit(img)
		if err != nil {
			return
		}
		if len(d) != DigitSize*DigitSize {
			t.Fatalf("digit has %d values", len(d))
		}
		for i, v := range d {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("pixel %d = %v, not in [0,1]", i, v)
			}
		}
	})
}

// TestPreprocessDigitMNIST checks that MNIST digits, already preprocessed
// the same way, come back nearly unchanged.
func TestPreprocessDigitMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes MNIST")
	}
	_, test, err := MNIST()
	if err != nil {
		t.Fatal(err)
	}
	var worst, sum float64
	const n = 200
	for i := range n {
		img := image.NewGray(image.Rect(0, 0, test.Width, test.Height))
		for j, v := range test.Image(i) {
			img.Pix[j] = uint8(math.Round(float64(v) * 255))
		}
		d, err := PreprocessDigit(img)
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		// Pearson correlation between the original and the result.
		var sa, sb, saa, sbb, sab float64
		for j, v := range test.Image(i) {
			a, b := float64(v), float64(d[j])
			sa, sb, saa, sbb, sab = sa+a, sb+b, saa+a*a, sbb+b*b, sab+a*b
		}
		m := float64(len(d))
		r := (sab - sa*sb/m) / math.Sqrt((saa-sa*sa/m)*(sbb-sb*sb/m))
		worst, sum = max(worst, 1-r), sum+r
	}
	t.Logf("correlation with the originals: mean %.4f, lowest %.3f", sum/n, 1-worst)
	if sum/n < 0.98 || 1-worst < 0.75 {
		t.Errorf("correlation with the MNIST originals: mean %.4f, lowest %.3f; want at least 0.98 and 0.75", sum/n, 1-worst)
	}
}
