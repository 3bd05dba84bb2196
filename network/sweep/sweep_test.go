package sweep

import (
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

func preset(t *testing.T, name string) network.Spec {
	t.Helper()
	s, err := network.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExpandEverySetting expands every setting over two or three values
// and reads each value back out of the spec it gave.
func TestExpandEverySetting(t *testing.T) {
	g := func(f string, args ...any) string { return fmt.Sprintf(f, args...) }
	for _, tc := range []struct {
		preset, set string
		read        func(network.Spec) string // the setting as the spec holds it
	}{
		{"vanilla", "code=2,8,64", func(s network.Spec) string { return g("%d", design.CodeSize(s)) }},
		{"conv", "code=2,4,16", func(s network.Spec) string { return g("%d", design.CodeSize(s)) }},
		{"vanilla", "layers=0,1,3", func(s network.Spec) string { l, _ := design.DenseStack(s); return g("%d", l) }},
		{"multilayer", "nodes=64,256", func(s network.Spec) string { _, n := design.DenseStack(s); return g("%d", n) }},
		{"vanilla", "loss=mse,binary_crossentropy", func(s network.Spec) string { return s.Loss }},
		{"conv", "optimizer=" + strings.Join(network.Optimizers, ","), func(s network.Spec) string { return s.Optimizer.Name }},
		{"vanilla", "lr=1e-4,1e-3,1e-2", func(s network.Spec) string { return strconv.FormatFloat(s.Optimizer.LearningRate, 'g', -1, 64) }},
		{"vanilla", "epochs=1,2,5", func(s network.Spec) string { return g("%d", s.Train.Epochs) }},
		{"vanilla", "batch=32,256", func(s network.Spec) string { return g("%d", s.Train.BatchSize) }},
		{"denoising", "noise=0,0.25,0.5", func(s network.Spec) string { return strconv.FormatFloat(s.Train.Noise, 'g', -1, 64) }},
		{"sparse", "l1=0,1e-05,0.001", func(s network.Spec) string {
			return strconv.FormatFloat(s.Layers[design.CodeIndex(s)].ActivityRegularizer.L1, 'g', -1, 64)
		}},
	} {
		t.Run(tc.preset+" "+tc.set, func(t *testing.T) {
			base := preset(t, tc.preset)
			before, _ := network.MarshalSpec(base)
			sw, err := Parse(tc.set)
			if err != nil {
				t.Fatal(err)
			}
			runs, err := Expand(base, sw)
			if err != nil {
				t.Fatal(err)
			}
			if after, _ := network.MarshalSpec(base); string(after) != string(before) {
				t.Error("Expand changed the base spec")
			}
			if len(runs) != len(sw.Values) {
				t.Fatalf("%d runs for %d values", len(runs), len(sw.Values))
			}
			st, _ := Lookup(sw.Setting)
			for i, r := range runs {
				v := sw.Values[i]
				if got := tc.read(r.Spec); !sameValue(got, v) {
					t.Errorf("run %d: the spec holds %s=%s, want %s", i, sw.Setting, got, v)
				}
				if want := tc.preset + " " + sw.Setting + "=" + v; r.Name != want || r.Spec.Name != want {
					t.Errorf("run %d named %q (spec %q), want %q", i, r.Name, r.Spec.Name, want)
				}
				if r.Value != v {
					t.Errorf("run %d value %q, want %q", i, r.Value, v)
				}
				wantX := float64(i)
				if st.Numeric {
					wantX, _ = strconv.ParseFloat(v, 64)
				}
				if r.X != wantX {
					t.Errorf("run %d at x=%g, want %g", i, r.X, wantX)
				}
				if _, err := r.Spec.Check(); err != nil {
					t.Errorf("run %d: %v", i, err)
				}
				// Nothing but the setting (and the name) changes: setting
				// the base's own value back gives the base.
				same := r.Spec.Clone()
				same.Name = base.Name
				if back, err := st.apply(same, tc.read(base)); err == nil {
					b1, _ := network.MarshalSpec(back)
					if string(b1) != string(before) && st.Name != "optimizer" && st.Name != "layers" && st.Name != "nodes" {
						t.Errorf("run %d changes more than %s:\n%s", i, st.Name, b1)
					}
				}
			}
		})
	}
}

// sameValue reports whether a and b are the same text or the same number
// ("1e-4" and "0.0001").
func sameValue(a, b string) bool {
	fa, errA := strconv.ParseFloat(a, 64)
	fb, errB := strconv.ParseFloat(b, 64)
	return a == b || errA == nil && errB == nil && fa == fb
}

// TestExpandLayersKeepsCode checks that regenerating the dense stack keeps
// the code layer and mirrors the decoder.
func TestExpandLayersKeepsCode(t *testing.T) {
	base := preset(t, "sparse")
	runs, err := Expand(base, Sweep{Setting: "layers", Values: []string{"2"}})
	if err != nil {
		t.Fatal(err)
	}
	s := runs[0].Spec
	c := design.CodeIndex(s)
	if c != 2 || s.Layers[c].Units != 32 || s.Layers[c].ActivityRegularizer.L1 != 1e-4 {
		t.Fatalf("code layer %d is %+v, want the sparse code of 32 with L1 1e-4 after 2 layers", c, s.Layers[c])
	}
	if want := 2*c + 2; len(s.Layers) != want {
		t.Errorf("%d layers, want %d (mirrored)", len(s.Layers), want)
	}
	if s.Layers[0].Units != defaultNodes {
		t.Errorf("first layer %d wide, want %d", s.Layers[0].Units, defaultNodes)
	}
}

func TestSweepErrors(t *testing.T) {
	for _, tc := range []struct {
		preset, set string
		want        []string // every one must appear in the message
	}{
		{"vanilla", "size=2,4", []string{`unknown setting "size"`, strings.Join(Names(), ", ")}},
		{"vanilla", "code", []string{"name=v1,v2", "code, layers"}},
		{"vanilla", "code=2,,4", []string{"empty value", "whole numbers"}},
		{"vanilla", "code=2,4,2", []string{"value 2 given twice"}},
		{"vanilla", "code=", []string{"empty value"}},
		{"vanilla", "code=two", []string{`code=two`, `"two" is not a whole number`, "whole numbers from 1 up"}},
		{"vanilla", "code=4,0", []string{"code=0", "at least 1"}},
		{"vanilla", "code=2.5", []string{"not a whole number"}},
		{"vanilla", "layers=1,9", []string{"layers=9", "at most 8", "[0, 8]"}},
		{"vanilla", "nodes=64,128", []string{"needs hidden layers", "multilayer"}},
		{"conv", "layers=1,2", []string{"dense layers", `"conv"`, "sweep code"}},
		{"conv", "nodes=64", []string{"dense layers"}},
		{"vanilla", "loss=mae", []string{`unknown loss "mae"`, "mse, binary_crossentropy"}},
		{"vanilla", "optimizer=adam,lbfgs", []string{`unknown optimizer "lbfgs"`, strings.Join(network.Optimizers, ", ")}},
		{"vanilla", "lr=0", []string{"lr=0", "above 0"}},
		{"vanilla", "lr=NaN", []string{"not a finite number"}},
		{"vanilla", "epochs=0", []string{"epochs=0", "at least 1"}},
		{"vanilla", "epochs=20000", []string{"epochs=20000", "10000"}},
		{"vanilla", "batch=-1", []string{"batch=-1"}},
		{"vanilla", "noise=-0.5", []string{"noise=-0.5", "not be negative"}},
		{"vanilla", "noise=11", []string{"noise=11", "[0, 10]"}},
		{"vanilla", "l1=-1", []string{"l1=-1", "not be negative"}},
		{"vanilla", "l1=x", []string{"not a finite number", "from 0 up"}},
	} {
		t.Run(tc.preset+" "+tc.set, func(t *testing.T) {
			sw, err := Parse(tc.set)
			if err == nil {
				_, err = Expand(preset(t, tc.preset), sw)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestParseTooMany(t *testing.T) {
	var vals []string
	for i := range MaxValues + 1 {
		vals = append(vals, strconv.Itoa(i+1))
	}
	if _, err := Parse("code=" + strings.Join(vals, ",")); err == nil || !strings.Contains(err.Error(), strconv.Itoa(MaxValues)) {
		t.Errorf("%d values: error %v, want one naming the limit %d", len(vals), err, MaxValues)
	}
	sw, err := Parse(" code = 2 , 4 ")
	if err != nil || sw.Setting != "code" || strings.Join(sw.Values, "|") != "2|4" {
		t.Errorf("spaces: got %+v, %v", sw, err)
	}
	if sw.String() != "code=2,4" {
		t.Errorf("String() = %q", sw.String())
	}
}

func TestLogScale(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want bool
	}{
		{[]float64{2, 4, 8, 16, 32, 64}, true},
		{[]float64{64, 2, 16}, true}, // powers of two, in any order
		{[]float64{1e-4, 1e-3, 1e-2}, true},
		{[]float64{1e-4, 1e-2}, true},
		{[]float64{3, 9, 27}, true}, // constant ratio 3
		{[]float64{1, 2, 3, 4}, false},
		{[]float64{0, 0.25, 0.5}, false}, // zero
		{[]float64{-2, -4, -8}, false},
		{[]float64{3, 6}, false}, // two values, not powers
		{[]float64{8}, false},
		{[]float64{4, 4, 4}, false},
		{nil, false},
	} {
		if got := LogScale(tc.xs); got != tc.want {
			t.Errorf("LogScale(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

func TestAppliesAndLookup(t *testing.T) {
	conv := preset(t, "conv")
	for _, st := range Settings() {
		err := st.Applies(conv)
		if dense := st.Name == "layers" || st.Name == "nodes"; dense != (err != nil) {
			t.Errorf("%s on conv: Applies = %v", st.Name, err)
		}
		if len(st.Suggested) < 2 || st.Valid == "" || st.Title == "" {
			t.Errorf("%s: incomplete description %+v", st.Name, st)
		}
		if _, err := Expand(preset(t, map[bool]string{true: "multilayer", false: "conv"}[err != nil]), Sweep{st.Name, st.Suggested}); err != nil {
			t.Errorf("the suggested values of %s do not expand: %v", st.Name, err)
		}
	}
	if _, err := Lookup("codes"); err == nil || !strings.Contains(err.Error(), "code, layers, nodes") {
		t.Errorf("Lookup(codes) = %v", err)
	}
}

func TestSummarizeAndCSV(t *testing.T) {
	runs, err := Expand(preset(t, "vanilla"), Sweep{"lr", []string{"1e-3", "1e-2"}})
	if err != nil {
		t.Fatal(err)
	}
	hist := []network.Epoch{{Epoch: 1, ValMSE: 0.05, ValLoss: 0.06, Seconds: 2}, {Epoch: 2, ValMSE: 0.03, ValLoss: 0.04, Seconds: 4}}
	results := []Result{Summarize(runs[0], 100, hist), Summarize(runs[1], 100, nil)}
	if r := results[0]; r.ValMSE != 0.03 || r.ValLoss != 0.04 || r.SecondsPerEpoch != 3 || r.Epochs != 2 {
		t.Errorf("summary %+v, want the last epoch's 0.03 and 0.04, 3 s per epoch, 2 epochs", r)
	}
	if r := results[1]; !math.IsNaN(r.ValMSE) || r.Epochs != 0 {
		t.Errorf("summary without epochs %+v, want NaN and 0", r)
	}
	var b strings.Builder
	if err := WriteCSV(&b, results); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("csv %q", b.String())
	}
	for i, r := range results {
		row := rows[i+1]
		mse, _ := strconv.ParseFloat(row[3], 64)
		if row[0] != r.Value || row[1] != r.Name || row[2] != strconv.Itoa(r.Params) || row[6] != strconv.Itoa(r.Epochs) ||
			!(mse == r.ValMSE || math.IsNaN(mse) && math.IsNaN(r.ValMSE)) {
			t.Errorf("row %d %q does not match %+v", i+1, row, r)
		}
	}
}
