package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestContainFit(t *testing.T) {
	for _, tc := range []struct {
		area  fyne.Size
		w, h  int
		off   fyne.Position
		scale float32
	}{
		{fyne.NewSize(200, 100), 100, 100, fyne.NewPos(50, 0), 1},
		{fyne.NewSize(100, 400), 50, 100, fyne.NewPos(0, 100), 2},
		{fyne.NewSize(360, 280), 720, 560, fyne.NewPos(0, 0), 0.5},
		{fyne.NewSize(0, 100), 10, 10, fyne.Position{}, 0},
	} {
		off, scale := containFit(tc.area, tc.w, tc.h)
		if off != tc.off || scale != tc.scale {
			t.Errorf("containFit(%v, %d×%d) = %v, %v; want %v, %v", tc.area, tc.w, tc.h, off, scale, tc.off, tc.scale)
		}
	}
}

func TestLatentScatterPickAndInterpolate(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 300)
	addRun(t, s, "vanilla", 1, nil)
	p := s.latent
	if p.res != nil || p.gen != 0 {
		t.Fatal("the latent tab encoded while hidden")
	}
	s.tabs.SelectIndex(tabLatent)
	w.Resize(fyne.NewSize(1200, 800))
	loop.until(t, "the scatter", 20*time.Second, func() bool { return p.res != nil || strings.Contains(p.status.Text, ":") })
	res := p.res
	if res == nil {
		t.Fatalf("no scatter: %s", p.status.Text)
	}
	if res.n != 300 || len(res.xy) != 600 || len(res.labels) != 300 || res.img == nil {
		t.Fatalf("scatter of %d digits, %d coordinates", res.n, len(res.xy))
	}
	if res.explain[0] <= 0 || res.explain[0] < res.explain[1] || res.explain[0]+res.explain[1] > 1 {
		t.Errorf("explained variance %v", res.explain)
	}
	loop.until(t, "the interpolation", 10*time.Second, func() bool { return p.stripLen == interpSteps })

	clickPicks(t, p)
	if p.which.Selected != "A" {
		t.Errorf("after picking B the next click sets %s", p.which.Selected)
	}
	if !strings.HasPrefix(p.infoA.Text, "A: test #") || p.entryB.Text == "" {
		t.Errorf("picks shown as %q, entry B %q", p.infoA.Text, p.entryB.Text)
	}
	// A click far from every point picks nothing.
	if got := p.view.pointAt(fyne.NewPos(1, 1)); got != -1 {
		t.Errorf("click in the corner found point %d", got)
	}
	// Typing an index sets B.
	p.entryB.SetText("123")
	p.entryB.OnSubmitted("123")
	if p.b != 123 {
		t.Errorf("entry set B to %d", p.b)
	}
	loop.until(t, "the interpolation", 10*time.Second, func() bool {
		return p.stripLen == interpSteps && p.strip.Image.Bounds().Dx() > interpSteps*28
	})
}

// clickPicks clicks next to point 7, which picks it as A, and next to point
// 42, which sets B; each pick interpolates again.
func clickPicks(t *testing.T, p *latentPanel) {
	t.Helper()
	for _, tc := range []struct {
		point  int
		offset fyne.Position
		which  string
	}{{7, fyne.NewPos(1, -1), "A"}, {42, fyne.NewPos(0, 2), "B"}} {
		pos := p.view.position(tc.point).Add(tc.offset)
		got := p.view.pointAt(pos)
		if d := p.view.position(got).Subtract(pos); got < 0 || d.X*d.X+d.Y*d.Y > 5 {
			t.Fatalf("click at %v found point %d", pos, got)
		}
		before := p.interpN
		test.TapAt(p.view, pos)
		pick := p.a
		if tc.which == "B" {
			pick = p.b
		}
		if pick != got {
			t.Errorf("clicking picked %s = %d, want %d", tc.which, pick, got)
		}
		if p.interpN == before {
			t.Error("picking did not interpolate")
		}
	}
}
