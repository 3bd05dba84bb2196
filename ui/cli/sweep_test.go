package cli

import (
	"encoding/csv"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"autoencoder-studio/network"
)

// TestSweepWritesCSV runs a small sweep and reads sweep.csv back against
// the model file each run left in its folder.
func TestSweepWritesCSV(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "sweep", "--preset", "vanilla", "--set", "code=2,16", "--epochs", "2", "--limit", "512", "--seed", "5", "--out", dir, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	f, err := os.Open(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "value,name,params,val_mse,val_loss,seconds_per_epoch,epochs" {
		t.Fatalf("sweep.csv rows %q", rows)
	}
	for i, value := range []string{"2", "16"} {
		row := rows[i+1]
		name := "vanilla code=" + value
		if row[0] != value || row[1] != name {
			t.Errorf("row %d starts %q, %q; want %q, %q", i+1, row[0], row[1], value, name)
		}
		r, err := network.LoadRunFile(filepath.Join(dir, safeName(name), "model.aes"))
		if err != nil {
			t.Fatalf("run folder of %s: %v", name, err)
		}
		if r.Meta.FitSeed != 5 {
			t.Errorf("%s trained with seed %d, want 5", name, r.Meta.FitSeed)
		}
		m := r.Model
		last := r.History[len(r.History)-1]
		var secs float64
		for _, e := range r.History {
			secs += e.Seconds
		}
		num := func(col int) float64 {
			v, err := strconv.ParseFloat(row[col], 64)
			if err != nil {
				t.Fatalf("row %d column %s: %v", i+1, rows[0][col], err)
			}
			return v
		}
		close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(math.Abs(b), 1e-12) }
		if got := int(num(2)); got != m.ParamCount() {
			t.Errorf("%s: params %d, the model has %d", name, got, m.ParamCount())
		}
		if !close(num(3), last.ValMSE) || !close(num(4), last.ValLoss) {
			t.Errorf("%s: val_mse %s, val_loss %s; the history ends %g, %g", name, row[3], row[4], last.ValMSE, last.ValLoss)
		}
		if !close(num(5), secs/float64(len(r.History))) || int(num(6)) != 2 || len(r.History) != 2 {
			t.Errorf("%s: seconds_per_epoch %s, epochs %s; history %+v", name, row[5], row[6], r.History)
		}
	}
	if mse2, mse16 := rows[1][3], rows[2][3]; mse2 == mse16 {
		t.Errorf("code 2 and 16 gave the same val_mse %s", mse2)
	}
	pf, err := os.Open(filepath.Join(dir, "sweep.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	img, err := png.Decode(pf)
	if err != nil {
		t.Fatal(err)
	}
	// The plots, then the original row and one row per run.
	if b := img.Bounds(); b.Dx() < 900 || b.Dy() < 660+3*56 {
		t.Errorf("sweep.png is %v, too small for the plots and 3 digit rows", b)
	}
}

func TestSweepErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"sweep"}, 1, []string{"--set is required", "code, layers, nodes, loss, optimizer, lr, epochs, batch, noise, l1"}},
		{[]string{"sweep", "--set", "size=1,2"}, 1, []string{`unknown setting "size"`, "code, layers, nodes"}},
		{[]string{"sweep", "--set", "code=2,x"}, 1, []string{"code=x", "whole numbers from 1 up"}},
		{[]string{"sweep", "--set", "loss=mse,mae"}, 1, []string{`unknown loss "mae"`, "mse, binary_crossentropy"}},
		{[]string{"sweep", "--set", "optimizer=adamw"}, 1, []string{`unknown optimizer "adamw"`, "adam, adadelta, rmsprop, sgd"}},
		{[]string{"sweep", "--preset", "conv", "--set", "layers=1,2"}, 1, []string{"dense layers", "sweep code"}},
		{[]string{"sweep", "--set", "lr=1e-3", "--epochs", "0"}, 1, []string{"--epochs: epochs must be in [1, 10000]"}},
		{[]string{"sweep", "--set", "code=2", "x"}, 2, []string{`unexpected argument "x"`}},
		{[]string{"sweep", "--set", "code=2", "--data", "/no/such/folder"}, 1, []string{"--data", "neither a built-in dataset (mnist, fashion) nor a folder"}},
		{[]string{"sweep", "--set", "code=2", "--limit", "-1"}, 1, []string{"--limit must not be negative"}},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr %q does not say %q", tc.args, errOut, w)
			}
		}
	}
}
