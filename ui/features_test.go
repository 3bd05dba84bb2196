package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
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
	res := learnedFeatures(1, drawModel{run: &Run{}, model: m, name: "conv"}, load, 3)
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
	if res := learnedFeatures(1, drawModel{run: &Run{}, model: m, name: "conv"}, load, 500); res.mapIndex != 49 {
		t.Errorf("image 500 of 50 gave image %d", res.mapIndex)
	}
}
