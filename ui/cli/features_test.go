package cli

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngSize returns the size of the PNG file path.
func pngSize(t *testing.T, path string) (w, h int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

func TestFeaturesDense(t *testing.T) {
	model := trainedOnMNIST(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "features", "--model", model, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "dense_1: 64 units firing on") || !strings.Contains(stdout, "of 10000 MNIST images") {
		t.Errorf("stdout %q", stdout)
	}
	// 64 units in 8 rows of 8 pictures 56 pixels wide; one row per unit
	// of the unit and its 9 images.
	if w, h := pngSize(t, filepath.Join(out, "units.png")); w < 8*56 || h < 8*56 {
		t.Errorf("units.png is %d×%d", w, h)
	}
	if w, h := pngSize(t, filepath.Join(out, "top9.png")); w < 56+9*84 || h < 64*84 {
		t.Errorf("top9.png is %d×%d", w, h)
	}
	for _, f := range []string{"filters.png", "maps.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s written for a dense model", f)
		}
	}
	// On Fashion-MNIST the same units fire at other rates.
	code, fashion, stderr := run(t, "features", "--model", model, "--data", "fashion", "--out", t.TempDir())
	if code != 0 || !strings.Contains(fashion, "of 10000 Fashion-MNIST images") || fashion == stdout {
		t.Errorf("--data fashion: exit %d, %s%s", code, fashion, stderr)
	}
}

func TestFeaturesConv(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run(t, "train", "--preset", "conv", "--epochs", "1", "--limit", "256", "--out", dir, "--quiet"); code != 0 {
		t.Fatal(out, errOut)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "features", "--model", filepath.Join(dir, "model.aes"), "--image", "3", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "7 convolutions; feature maps of MNIST image 3 (0)") {
		t.Errorf("stdout %q", stdout)
	}
	for _, f := range []string{"filters.png", "maps.png"} {
		if w, h := pngSize(t, filepath.Join(out, f)); w < 200 || h < 200 {
			t.Errorf("%s is %d×%d", f, w, h)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "units.png")); err == nil {
		t.Error("units.png written for a conv model")
	}
}

func TestFeaturesErrors(t *testing.T) {
	model := trainedOnMNIST(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "give the model with --model FILE"},
		{[]string{"--model", model, "--image", "10000"}, 1, "--image 10000: want 0…9999"},
		{[]string{"--model", model, "--data", "cifar"}, 1, "not fashion, mnist, noise nor a folder"},
		{[]string{"--model", filepath.Join(t.TempDir(), "x.aes")}, 1, "load model"},
	} {
		code, _, stderr := run(t, append([]string{"features", "--out", t.TempDir()}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("features %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}
