package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/ui/render"
)

func TestAnomaliesTab(t *testing.T) {
	s, loop, _ := newTestStudio(t, 1024, 300)
	r := trainTiny(t, s, loop, "2")
	p := s.anomalies
	if p.res != nil {
		t.Fatal("scored before the tab was shown")
	}
	s.tabs.SelectIndex(screenIndex("anomalies"))
	loop.until(t, "the scoring", 30*time.Second, func() bool { return p.res != nil })
	if got := p.otherSel.Options; len(got) != 2 || got[0] != dataset.FashionName || got[1] != "MNIST with noise" {
		t.Errorf("other sets offered %v", got)
	}
	res := p.res
	if res.normal.Len() != 300 || res.other.Len() != 300 || res.other.Name != dataset.FashionName || res.name != r.Name {
		t.Fatalf("scored %d %s and %d %s images", res.normal.Len(), res.normal.Name, res.other.Len(), res.other.Name)
	}
	if !(res.a.AUC > 0.5) || !strings.Contains(p.status.Text, "AUC ") {
		t.Errorf("AUC %v against Fashion-MNIST; status %q", res.a.AUC, p.status.Text)
	}
	if b := res.extremes.Bounds(); b.Dx() < anomalyExtremes*84 || b.Dy() < 4*84 {
		t.Errorf("extremes sheet of %v", b)
	}
	// The threshold starts where it flags 5% of the own images, and both
	// plots show it.
	fpr, _ := res.a.Rates(p.thr)
	if math.Abs(fpr-anomalyFPR) > 0.01 {
		t.Errorf("threshold %v flags %v of the own images, want %v", p.thr, fpr, anomalyFPR)
	}
	hist, ok := p.hist.Figure().(*render.ErrorHistogram)
	roc, ok2 := p.roc.Figure().(*render.ROCCurve)
	if !ok || !ok2 || hist.Threshold != p.thr || roc.MarkFPR != fpr {
		t.Fatalf("figures %T %T do not show the threshold", p.hist.Figure(), p.roc.Figure())
	}
	// Moving the slider moves the threshold and the rates.
	var lastFPR = 2.0
	for _, v := range []float64{0, sliderSteps / 2, sliderSteps} {
		p.slider.SetValue(v)
		f, tp := res.a.Rates(p.thr)
		if f > lastFPR || !strings.Contains(p.rates.Text, "false positives") || p.roc.Figure().(*render.ROCCurve).MarkTPR != tp {
			t.Errorf("slider at %v: threshold %v, FPR %v after %v; %q", v, p.thr, f, lastFPR, p.rates.Text)
		}
		lastFPR = f
	}
	if lastFPR > 0.01 {
		t.Errorf("the slider's end still flags %v of the own images", lastFPR)
	}
	// Another set scores again.
	p.otherSel.SetSelectedIndex(1)
	loop.until(t, "the noise scoring", 30*time.Second, func() bool { return p.res != nil && p.res.other.Name == "MNIST with noise" })
	if p.res.other.Len() != 300 {
		t.Errorf("%d noisy images", p.res.other.Len())
	}
}

func TestAnomaliesOfFashionRun(t *testing.T) {
	s, loop, _ := newTestStudio(t, 1024, 200)
	if err := s.UseDataset("fashion"); err != nil {
		t.Fatal(err)
	}
	if s.dataBar.pick.Selected != dataset.FashionName || !strings.HasPrefix(s.dataBar.label.Text, "Fashion-MNIST") {
		t.Fatalf("data bar %q, %q", s.dataBar.pick.Selected, s.dataBar.label.Text)
	}
	r := trainTiny(t, s, loop, "1")
	if r.Dataset != dataset.FashionName {
		t.Fatalf("run trained on %q", r.Dataset)
	}
	s.tabs.SelectIndex(screenIndex("anomalies"))
	p := s.anomalies
	loop.until(t, "the scoring", 30*time.Second, func() bool { return p.res != nil })
	if p.res.normal.Name != dataset.FashionName || p.res.other.Name != dataset.MNISTName || p.otherSel.Options[1] != "Fashion-MNIST with noise" {
		t.Errorf("a Fashion-MNIST run scored %s against %s; options %v", p.res.normal.Name, p.res.other.Name, p.otherSel.Options)
	}
	if l := p.res.normal.Label(0); dataset.ClassName(p.res.normal.Name, l) != "Ankle boot" {
		t.Errorf("first own test image labelled %d", l)
	}
	if err := s.UseDataset("cifar"); err == nil {
		t.Error("UseDataset(cifar) accepted")
	}
	s.dataBar.pick.SetSelected(dataset.MNISTName)
	if s.data.name() != dataset.MNISTName {
		t.Errorf("picking MNIST left %q", s.data.name())
	}
}
