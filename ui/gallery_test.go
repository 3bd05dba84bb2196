package ui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"autoencoder-studio/dataset"
)

func TestNoisyInput(t *testing.T) {
	clean := []float32{0, 0.25, 0.5, 0.75, 1, 0.5}
	if got := noisyInput(clean, 0, 1, 2); &got[0] != &clean[0] {
		t.Error("noise factor 0 copied the input")
	}
	got := noisyInput(clean, 0.5, 1, 2)
	want := make([]float32, len(clean))
	dataset.AddNoise(want, clean, 0.5, rand.New(rand.NewPCG(1, 2)))
	if !slices.Equal(got, want) || slices.Equal(got, clean) {
		t.Errorf("noisyInput = %v, want dataset.AddNoise's %v", got, want)
	}
	if again := noisyInput(clean, 0.5, 1, 2); !slices.Equal(again, got) {
		t.Error("the same seeds gave other noise")
	}
	if clean[1] != 0.25 {
		t.Error("noisyInput changed its input")
	}
}

func TestPerEpoch(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{{0.042, "0.042 s/epoch"}, {1.63, "1.6 s/epoch"}, {14.38, "14 s/epoch"}, {56.2, "56 s/epoch"}} {
		if got := perEpoch(tc.s); got != tc.want {
			t.Errorf("perEpoch(%v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestGalleryFashionClassNames checks that the gallery of a run trained on
// Fashion-MNIST shows Fashion-MNIST's test images captioned with their
// class names, that an MNIST run ticked after it sees the same images,
// and that the MNIST run alone shows digits again.
func TestGalleryFashionClassNames(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	f := addRunOn(t, s, "vanilla", 1, nil, dataset.FashionName)
	p := s.gallery
	shown := func(what string, rows int) {
		t.Helper()
		loop.until(t, what, 10*time.Second, func() bool {
			return p.applied == p.gen && len(p.last.originals) > 0 && len(p.last.rows) == rows
		})
	}
	shown("the Fashion-MNIST gallery", 1)
	fashion, err := dataset.FashionTest()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range p.indices {
		want = append(want, dataset.ClassName(dataset.FashionName, fashion.Label(i)))
		if !slices.Equal(imagePix(p.last.originals[i]), imagePix(digitImages(fashion.Image(i), 1, fashion.Size())[0])) {
			t.Errorf("original %d is not Fashion-MNIST's test image %d", i, i)
		}
	}
	if got := galleryCaptions(t, p); want[0] != "Ankle boot" || !slices.Equal(got, want) || !slices.Equal(p.last.captions(), want) {
		t.Errorf("captions %q (result %q), want %q", got, p.last.captions(), want)
	}

	m := addRun(t, s, "vanilla", 2, nil)
	shown("two runs", 2)
	if p.last.dataset != dataset.FashionName || !strings.Contains(p.note.Text, "Fashion-MNIST test images, which "+f.Name+" trained on") {
		t.Errorf("with %s ticked too: %s images, note %q", m.Name, p.last.dataset, p.note.Text)
	}

	p.pick.check(f).SetChecked(false)
	shown("the MNIST run alone", 1)
	if got := galleryCaptions(t, p); p.last.dataset != dataset.MNISTName || got[0] != "digit 7" || strings.Contains(p.note.Text, "strangers") {
		t.Errorf("MNIST run alone: %s images captioned %q, note %q", p.last.dataset, got, p.note.Text)
	}
}

// galleryCaptions returns the captions under the originals the gallery
// shows.
func galleryCaptions(t *testing.T, p *galleryPanel) []string {
	t.Helper()
	grid := p.body.Objects[0].(*fyne.Container)
	var out []string
	for _, cell := range grid.Objects[1:] { // after the row's title
		out = append(out, cell.(*fyne.Container).Objects[1].(*canvas.Text).Text)
	}
	return out
}
