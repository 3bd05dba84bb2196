package render

import (
	"math"
	"strings"
	"testing"

	"autoencoder-studio/network"
)

func TestErrorHistogram(t *testing.T) {
	// Set 0 lies in bin 2 of ten log bins over 0.001…1, set 1 in bin 7.
	own, other := []float64{0.005, 0.006}, []float64{0.15, 0.16, 0.17}
	h := network.NewLogHistogram(10, 0.001, 1, own, other)
	if h.Counts[0][2] != 2 || h.Counts[1][7] != 3 {
		t.Fatalf("counts %v", h.Counts)
	}
	f := &ErrorHistogram{Names: []string{"own", "other"}, Hist: h, Threshold: 0.01}
	d, err := Draw(f, Light, 480, 360, nil)
	if err != nil {
		t.Fatal(err)
	}
	ax := d.Axes
	for _, tc := range []struct {
		set, bin int
		name     string
	}{{0, 2, "own"}, {1, 7, "other"}} {
		// The middle of the bin on the logarithmic axis, half way up the
		// bar (which holds all of its set): the bar's translucent fill is
		// drawn there, and a click finds the bin.
		x := math.Sqrt(h.Edge(tc.bin) * h.Edge(tc.bin+1))
		px := ax.Left + math.Log(x/ax.XMin)/math.Log(ax.XMax/ax.XMin)*(ax.Right-ax.Left)
		_, py := ax.Pixel(x, 0.5)
		c := d.Image.RGBAAt(int(px), int(py))
		want := Light.Color(tc.set)
		white := c.R == 255 && c.G == 255 && c.B == 255
		if white || (int(c.R) > int(c.B)) != (int(want.R) > int(want.B)) {
			t.Errorf("bin %d of %s at pixel (%.0f, %.0f) is coloured %v, want a tint of %v", tc.bin, tc.name, px, py, c, want)
		}
		_, top := ax.Pixel(x, 1)
		hit, ok := f.Nearest(ax, px, top+1, 6)
		if !ok || hit.Series != tc.set || hit.Index != tc.bin || !strings.HasPrefix(hit.Text, tc.name+" · error ") || !strings.HasSuffix(hit.Text, "100.0% of images") {
			t.Errorf("click on the top of bin %d of %s: %+v, %v", tc.bin, tc.name, hit, ok)
		}
	}
	bad := &ErrorHistogram{Names: []string{"one"}, Hist: h}
	if _, err := bad.Chart(Light); err == nil {
		t.Error("two sets with one name accepted")
	}
}

func TestROCCurve(t *testing.T) {
	normal, anomalous := []float64{0.1, 0.4, 0.35, 0.8}, []float64{0.4, 0.9, 0.6}
	f := &ROCCurve{Points: network.ROC(normal, anomalous), AUC: network.AUC(normal, anomalous), Marked: true, MarkFPR: 0.25, MarkTPR: 2.0 / 3}
	d, err := Draw(f, Light, 400, 360, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Axes.XMin != 0 || d.Axes.XMax != 1 || d.Axes.YMin != 0 || d.Axes.YMax != 1 {
		t.Errorf("axes %+v, want the unit square", d.Axes.View)
	}
	px, py := d.Axes.Pixel(0.25, 2.0/3)
	hit, ok := f.Nearest(d.Axes, px+1, py, 5)
	if !ok || hit.Index != 3 || hit.Text != "threshold 0.6 · FPR 25.0% · TPR 66.7%" {
		t.Errorf("click at (0.25, 0.67): %+v, %v", hit, ok)
	}
	ch, err := f.Chart(Light)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Legend[0].Label != "ROC, AUC 0.792" {
		t.Errorf("legend %q, want the AUC 19/24", ch.Legend[0].Label)
	}
}
