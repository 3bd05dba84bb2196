package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

func TestFeaturesTab(t *testing.T) {
	s, loop, _ := newTestStudio(t, 1024, 300)
	r := trainTiny(t, s, loop, "1")
	s.tabs.SelectIndex(screenIndex("features"))
	p := s.features
	loop.until(t, "the features", 30*time.Second, func() bool { return p.res != nil })
	units := r.Model().Layers()[0].OutShape()[0]
	if len(p.units.Objects) != units || len(p.res.act.Rates) != units {
		t.Fatalf("%d unit pictures for %d units", len(p.units.Objects), units)
	}
	if !strings.Contains(p.status.Text, "sorted by how often they fire on the 300 MNIST test images") {
		t.Errorf("status %q", p.status.Text)
	}
	for i := 1; i < units; i++ { // most often firing first
		if a, b := p.res.act.Rates[p.res.act.Order[i-1]], p.res.act.Rates[p.res.act.Order[i]]; a < b {
			t.Fatalf("unit %d fires on %v, after one firing on %v", i, b, a)
		}
	}
	// A click on the last unit shows the images exciting it most.
	last := p.res.act.Order[units-1]
	cell := p.units.Objects[units-1].(*fyne.Container)
	test.Tap(cell.Objects[0].(*tapImage))
	if want := "Unit #" + strconv.Itoa(last) + " fires on"; !strings.HasPrefix(p.topInfo.Text, want) {
		t.Errorf("after a click on unit %d: %q", last, p.topInfo.Text)
	}
	if b := p.top.Image.Bounds(); b.Dx() < featureTop*28 {
		t.Errorf("top images %v", b)
	}
	if p.res.filters != nil || p.res.maps != nil {
		t.Error("filters drawn for a dense model")
	}
}

// TestLearnedFeaturesConv checks what the tab draws of a conv model: its
// filters and the feature maps of the test image asked for.
func TestLearnedFeaturesConv(t *testing.T) {
	spec, _ := network.Preset("conv")
	m, err := network.Build(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	test, err := dataset.MNISTTest()
	if err != nil {
		t.Fatal(err)
	}
	small := test.Subset(50)
	load := func() (*dataset.Set, error) { return small, nil }
	res := learnedFeatures(1, drawModel{run: &Run{}, model: m, name: "conv"}, load, mapSource{index: 3})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.act != nil || res.filters == nil || res.maps == nil || res.mapIndex != 3 {
		t.Fatalf("units %v, filters %v, maps %v, image %d", res.act != nil, res.filters != nil, res.maps != nil, res.mapIndex)
	}
	if !strings.Contains(res.summary, "7 convolutions") {
		t.Errorf("summary %q", res.summary)
	}
	if b := res.maps.Bounds(); b.Dy() < 10*56 {
		t.Errorf("feature maps sheet %v: not a row per layer", b)
	}
	if res := learnedFeatures(1, drawModel{run: &Run{}, model: m, name: "conv"}, load, mapSource{index: 500}); res.mapIndex != 49 {
		t.Errorf("image 500 of 50 gave image %d", res.mapIndex)
	}
}

// TestFeaturesOfDrawnDigit checks the choice of the feature maps' source:
// a test image, or the digit drawn on the Draw tab, whose maps are those
// the model makes of the Draw tab's preprocessed digit; with nothing drawn
// the tab says to draw one.
func TestFeaturesOfDrawnDigit(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	r := addRun(t, s, "conv", 1, nil)
	p := s.features
	result := func(what string, drawn bool) *featuresResult {
		t.Helper()
		loop.until(t, what, 30*time.Second, func() bool {
			return p.res != nil && p.res.gen == p.gen && (p.res.mapIndex < 0) == drawn
		})
		return p.res
	}
	s.tabs.SelectIndex(screenIndex("features"))
	first := result("the maps of test image #0", false)
	if first.mapIndex != 0 || first.maps == nil || p.index.Disabled() {
		t.Fatalf("maps of image %d: %v; index entry disabled %v", first.mapIndex, first.maps != nil, p.index.Disabled())
	}

	// Nothing drawn yet.
	p.source.SetSelected(mapsOfDrawn)
	if res := result("no drawn digit", true); res.maps != nil || !strings.Contains(p.status.Text, "draw a digit on the Draw tab") ||
		!p.conv.Visible() || !p.index.Disabled() {
		t.Errorf("with nothing drawn: maps %v, status %q, conv shown %v", res.maps != nil, p.status.Text, p.conv.Visible())
	}

	// A stroke on the Draw tab; coming back shows its maps.
	s.tabs.SelectIndex(tabDraw)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.draw.pad)
	sz := s.draw.pad.Size()
	test.Drag(w.Canvas(), abs.AddXY(0.5*sz.Width, 0.8*sz.Height), 0, 0.6*sz.Height)
	settled(t, loop, s.draw)
	pix, _ := s.draw.Digit()
	if len(pix) != 28*28 {
		t.Fatalf("the Draw tab's digit has %d values", len(pix))
	}
	s.tabs.SelectIndex(screenIndex("features"))
	loop.until(t, "the maps of the drawn digit", 30*time.Second, func() bool {
		return p.res != nil && p.res.gen == p.gen && p.res.maps != nil && p.res.mapIndex < 0
	})
	r.Lock()
	maps, err := r.Model().FeatureMaps(pix)
	r.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	want := render.MapSheet(maps, pix, 28, 28, "drawn digit", "")
	if !slices.Equal(imagePix(p.res.maps), imagePix(want)) || slices.Equal(imagePix(p.res.maps), imagePix(first.maps)) {
		t.Error("the maps shown are not those of the drawn digit")
	}
	if !strings.Contains(p.status.Text, "feature maps of the digit drawn on the Draw tab") || p.maps.Image != p.res.maps {
		t.Errorf("status %q", p.status.Text)
	}

	// Back to the test images.
	p.source.SetSelected(mapsOfTest)
	if res := result("the maps of test image #0 again", false); res.mapIndex != 0 || p.index.Disabled() ||
		!slices.Equal(imagePix(res.maps), imagePix(first.maps)) {
		t.Errorf("back to test image #%d; index entry disabled %v", res.mapIndex, p.index.Disabled())
	}
}
