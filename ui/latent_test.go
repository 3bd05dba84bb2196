package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

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
	if res.n != 300 || len(res.xy) != 600 || len(res.labels) != 300 || res.fig == nil {
		t.Fatalf("scatter of %d digits, %d coordinates", res.n, len(res.xy))
	}
	if res.explain[0] <= 0 || res.explain[0] < res.explain[1] || res.explain[0]+res.explain[1] > 1 {
		t.Errorf("explained variance %v", res.explain)
	}
	loop.until(t, "the interpolation", 10*time.Second, func() bool { return p.stripLen == interpSteps })
	loop.until(t, "the scatter drawn", 10*time.Second, func() bool { _, ok := p.view.drawing(); return ok })

	clickPicks(t, p)
	if p.which.Selected != "A" {
		t.Errorf("after picking B the next click sets %s", p.which.Selected)
	}
	if !strings.HasPrefix(p.infoA.Text, "A: test #") || p.entryB.Text == "" {
		t.Errorf("picks shown as %q, entry B %q", p.infoA.Text, p.entryB.Text)
	}
	// A click far from every point picks nothing.
	if got := pointAt(p, fyne.NewPos(1, 1)); got != -1 {
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
		pos := pointPosition(p, tc.point).Add(tc.offset)
		got := pointAt(p, pos)
		if d := pointPosition(p, got).Subtract(pos); got < 0 || d.X*d.X+d.Y*d.Y > 5 {
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

// pointPosition returns where the scatter of p draws point i.
func pointPosition(p *latentPanel, i int) fyne.Position {
	if i < 0 {
		return fyne.Position{}
	}
	pos, _ := p.view.dataPosition(p.res.xy[2*i], p.res.xy[2*i+1])
	return pos
}

// pointAt returns the point a click at pos on the scatter of p picks, or -1.
func pointAt(p *latentPanel, pos fyne.Position) int {
	if h, ok := p.view.hitAt(pos, hoverRadius); ok {
		return h.Index
	}
	return -1
}
