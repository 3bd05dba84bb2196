package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"autoencoder-studio/network"
)

func TestTrainRejectsMisspelledSpecKey(t *testing.T) {
	s, _ := network.Preset("vanilla")
	b, _ := network.MarshalSpec(s)
	spec := filepath.Join(t.TempDir(), "typo.json")
	os.WriteFile(spec, []byte(strings.Replace(string(b), `"activation": "sigmoid"`, `"activaton": "sigmoid"`, 1)), 0o644)
	code, _, errOut := run(t, "train", "--spec", spec, "--quiet")
	if code == 0 || !strings.Contains(errOut, `unknown field "activaton" in layer 2: did you mean "activation"?`) {
		t.Errorf("exit %d, stderr %q; want a failure naming the key", code, errOut)
	}
}

func TestTrainLearningRate1000Stops(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "train", "--preset", "vanilla", "--lr", "1000", "--limit", "25600", "--out", dir, "--quiet")
	if code != 1 || !strings.Contains(errOut, "learning rate 1000 is far above Adam's usual 0.0001…0.01") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want a stop naming the learning rate", code, out, errOut)
	}
	// What it kept is saved, and matches the history.
	run1, err := network.LoadRunFile(filepath.Join(dir, "model.aes"))
	if err != nil {
		t.Fatal(err)
	}
	if len(run1.History) >= 5 {
		t.Errorf("history of %d epochs: the run did not stop", len(run1.History))
	}
}

func TestTrainSavesMetadata(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "train", "--preset", "sparse", "--epochs", "1", "--limit", "256", "--seed", "7", "--out", dir, "--quiet"); code != 0 {
		t.Fatal(errOut)
	}
	r, err := network.LoadRunFile(filepath.Join(dir, "model.aes"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.FitSeed != 7 || r.Meta.Name != "sparse" || r.Meta.Dataset != "MNIST" || r.Meta.Created.IsZero() {
		t.Errorf("meta %+v, want fit seed 7, name sparse, dataset MNIST and a time", r.Meta)
	}
}

func TestTrainOutputStaysInRuns(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"../../x", "x"},
		{"a/b", "a-b"},
		{"..", "model"},
		{"vanilla #2", "vanilla--2"},
		{"", "model"},
	} {
		if got := safeName(tc.name); got != tc.want {
			t.Errorf("safeName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	wd := t.TempDir()
	s, _ := network.Preset("vanilla")
	s.Name = "../../escaped"
	b, _ := network.MarshalSpec(s)
	spec := filepath.Join(wd, "s.json")
	os.WriteFile(spec, b, 0o644)
	t.Chdir(wd)
	if code, _, errOut := run(t, "train", "--spec", spec, "--epochs", "1", "--limit", "128", "--quiet"); code != 0 {
		t.Fatal(errOut)
	}
	if _, err := os.Stat(filepath.Join(wd, "runs", "escaped", "model.aes")); err != nil {
		t.Errorf("model not under runs/escaped: %v", err)
	}
}

func TestTrainFailedFigureKeepsModel(t *testing.T) {
	dir := t.TempDir()
	// A folder where a figure goes makes that write fail, as a full disk does.
	if err := os.Mkdir(filepath.Join(dir, "reconstructions.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "256", "--out", dir, "--quiet")
	if code != 1 || !strings.Contains(errOut, "reconstructions.png") {
		t.Errorf("exit %d, stderr %q; want a failure naming reconstructions.png", code, errOut)
	}
	if _, err := network.LoadRunFile(filepath.Join(dir, "model.aes")); err != nil {
		t.Errorf("the model was not saved: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, _ := e.Info(); strings.HasPrefix(e.Name(), ".") || (!e.IsDir() && info.Size() == 0) {
			t.Errorf("left %s (%d bytes)", e.Name(), info.Size())
		}
	}
}
