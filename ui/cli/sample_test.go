package cli

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngBounds returns the size of the PNG at path as a point.
func pngBounds(t *testing.T, path string) image.Point {
	t.Helper()
	w, h := pngSize(t, path)
	return image.Pt(w, h)
}

// TestVAEManifoldAndSample trains a VAE briefly: train writes its
// manifold, and sample decodes the prior, or a grid with --grid.
func TestVAEManifoldAndSample(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "train", "--preset", "vae", "--epochs", "1", "--limit", "512", "--out", dir, "--quiet")
	if code != 0 {
		t.Fatalf("train exit %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "manifold.png") || !strings.Contains(out, "(reconstruction ") {
		t.Errorf("train did not list manifold.png or split the loss: %s", out)
	}
	if got := pngBounds(t, filepath.Join(dir, "manifold.png")); got != image.Pt(15*28, 15*28) {
		t.Errorf("manifold.png is %v, want 15×15 digits", got)
	}
	model := filepath.Join(dir, "model.aes")
	for _, tc := range []struct {
		args []string
		size image.Point
		says string
	}{
		{[]string{"--n", "64"}, image.Pt(8*28, 8*28), "64 digits decoded from codes drawn from N(0, I)"},
		{[]string{"--n", "10"}, image.Pt(4*28, 4*28), "10 digits"},
		{[]string{"--n", "25", "--grid"}, image.Pt(5*28, 5*28), "a 5×5 grid over the 2-D code at the Gaussian prior's quantiles"},
	} {
		png := filepath.Join(dir, "s.png")
		code, out, errOut := run(t, append([]string{"sample", "--model", model, "--out", png}, tc.args...)...)
		if code != 0 || !strings.Contains(out, tc.says) {
			t.Errorf("sample %v: exit %d, %q %s", tc.args, code, out, errOut)
			continue
		}
		if got := pngBounds(t, png); got != tc.size {
			t.Errorf("sample %v wrote %v, want %v", tc.args, got, tc.size)
		}
	}
}

// TestSampleNonVariational decodes a grid over the PCA plane of a model
// whose code is not variational, and refuses bad requests.
func TestSampleNonVariational(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "256", "--out", dir, "--quiet"); code != 0 {
		t.Fatalf("train exit %d: %s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifold.png")); err == nil {
		t.Error("a plain autoencoder got a manifold.png")
	}
	model := filepath.Join(dir, "model.aes")
	png := filepath.Join(dir, "grid.png")
	code, out, errOut := run(t, "sample", "--model", model, "--n", "36", "--out", png)
	if code != 0 || !strings.Contains(out, "a 6×6 grid over the plane of the codes' first two principal components (64-value codes)") {
		t.Fatalf("sample: exit %d, %q %s", code, out, errOut)
	}
	if got := pngBounds(t, png); got != image.Pt(6*28, 6*28) {
		t.Errorf("grid is %v", got)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sample"}, "give the model with --model FILE"},
		{[]string{"sample", "--model", model, "--n", "0"}, "--n must be in [1, 900], got 0"},
		{[]string{"sample", "--model", filepath.Join(dir, "missing.aes")}, "no such file"},
	} {
		if code, _, errOut := run(t, tc.args...); code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, errOut, tc.want)
		}
	}
}
