package render

import (
	"math"
	"strings"
	"testing"

	"autoencoder-studio/network/sweep"
)

func TestSweepFigures(t *testing.T) {
	for _, tc := range []struct {
		setting string
		values  []string
		wantPos []float64 // where each run stands on the x axis
	}{
		{"code", []string{"2", "8", "32"}, []float64{math.Log10(2), math.Log10(8), math.Log10(32)}},
		{"noise", []string{"0", "0.25", "0.5"}, []float64{0, 0.25, 0.5}},
		{"loss", []string{"mse", "binary_crossentropy"}, []float64{0, 1}},
	} {
		t.Run(tc.setting, func(t *testing.T) {
			st, err := sweep.Lookup(tc.setting)
			if err != nil {
				t.Fatal(err)
			}
			var results []sweep.Result
			for i, v := range tc.values {
				r := sweep.Summarize(sweep.Run{Name: "m " + v, Value: v, X: tc.wantPos[i]}, 100*(i+1), nil)
				if st.Numeric && st.Name == "code" {
					r.X = math.Pow(10, tc.wantPos[i])
				}
				if i < len(tc.values)-1 { // the last run is still to come
					r.ValMSE, r.SecondsPerEpoch = 0.1/float64(i+1), 1
				}
				results = append(results, r)
			}
			mse, params, secs := SweepFigures("t", st, results)
			for i := range tc.values {
				if got := mse.pos(i); math.Abs(got-tc.wantPos[i]) > 1e-12 {
					t.Errorf("run %d at %g, want %g", i, got, tc.wantPos[i])
				}
			}
			last := len(tc.values) - 1
			if mse.shown(last, false) || secs.shown(last, false) || !params.shown(last, true) {
				t.Error("the unfinished run's measures are drawn, or its parameters are not")
			}
			d, err := Draw(mse, Light, 600, 400, nil)
			if err != nil {
				t.Fatal(err)
			}
			px, py := d.Axes.Pixel(mse.pos(0), mse.Y[0])
			hit, ok := mse.Nearest(d.Axes, px+1, py, 6)
			if !ok || hit.Index != 0 || !strings.Contains(hit.Text, tc.setting+"="+tc.values[0]) {
				t.Errorf("Nearest the first point: %+v, %v", hit, ok)
			}
			ticks := mse.Chart
			ch, _ := ticks(Light)
			var labels []string
			for _, tk := range ch.Plot.X.Tick.Marker.Ticks(ch.Plot.X.Min, ch.Plot.X.Max) {
				labels = append(labels, tk.Label)
			}
			if strings.Join(labels, ",") != strings.Join(tc.values, ",") {
				t.Errorf("x ticks %q, want the values %q", labels, tc.values)
			}
		})
	}
}

func TestSweepImageLayout(t *testing.T) {
	st, _ := sweep.Lookup("code")
	mse, params, secs := SweepFigures("t", st, nil)
	pix := make([]float32, 3*4*4)
	digits := DigitRows([]DigitRow{{Label: "original", Pix: pix, N: 3, Width: 4, Height: 4}, {Label: "code=2", N: 3, Width: 4, Height: 4}})
	img := SweepImage(mse, params, secs, digits)
	if b, d := img.Bounds(), digits.Bounds(); b.Dx() != SweepWidth || b.Dy() != sweepMainHeight+sweepSideHeight+d.Dy() {
		t.Errorf("image %v with digits %v", b, d)
	}
}
