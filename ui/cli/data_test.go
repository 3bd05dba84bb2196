package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// writeRings writes n PNG images of a dark ring on white into a new folder,
// plus a file that is not an image.
func writeRings(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		img := image.NewGray(image.Rect(0, 0, 40, 40))
		for y := range 40 {
			for x := range 40 {
				dx, dy := x-18-i%4, y-20
				d := dx*dx + dy*dy
				img.SetGray(x, y, color.Gray{Y: 255})
				if d > 64 && d < 144 {
					img.SetGray(x, y, color.Gray{Y: 0})
				}
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "ring"+string(rune('a'+i))+".png"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTrainData(t *testing.T) {
	rings := writeRings(t, 10)
	for _, tc := range []struct {
		data        string
		wantDataset string
		wantOut     string // in stdout
		wantErr     string // in stderr
	}{
		{data: "fashion", wantDataset: dataset.FashionName, wantOut: "on 300 Fashion-MNIST images, validated on 10000"},
		{data: "MNIST", wantDataset: dataset.MNISTName, wantOut: "on 300 MNIST images"},
		{data: rings, wantDataset: filepath.Base(rings), wantOut: "on 9 " + filepath.Base(rings) + " images, validated on 1", wantErr: "skipped notes.txt: not a PNG, JPEG or GIF image"},
	} {
		t.Run(filepath.Base(tc.data), func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := run(t, "train", "--preset", "vanilla", "--data", tc.data, "--epochs", "1", "--limit", "300", "--out", dir, "--quiet")
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stdout %q, stderr %q; want %q and %q", out, errOut, tc.wantOut, tc.wantErr)
			}
			r, err := network.LoadRunFile(filepath.Join(dir, "model.aes"))
			if err != nil {
				t.Fatal(err)
			}
			if r.Meta.Dataset != tc.wantDataset {
				t.Errorf("run records dataset %q, want %q", r.Meta.Dataset, tc.wantDataset)
			}
			if len(r.History) != 1 || !(r.History[0].ValMSE > 0) {
				t.Errorf("history %+v", r.History)
			}
		})
	}
}

// TestTrainDataDiffers checks that --data fashion trains on other images
// than MNIST: the same model and seed end at a different validation error.
func TestTrainDataDiffers(t *testing.T) {
	mse := map[string]float64{}
	for _, data := range []string{"mnist", "fashion"} {
		dir := t.TempDir()
		if code, out, errOut := run(t, "train", "--preset", "vanilla", "--data", data, "--epochs", "1", "--limit", "256", "--out", dir, "--quiet"); code != 0 {
			t.Fatalf("%s: exit %d: %s%s", data, code, out, errOut)
		}
		r, err := network.LoadRunFile(filepath.Join(dir, "model.aes"))
		if err != nil {
			t.Fatal(err)
		}
		mse[data] = r.History[0].ValMSE
	}
	if mse["mnist"] == mse["fashion"] {
		t.Errorf("same validation MSE %v on MNIST and Fashion-MNIST", mse["mnist"])
	}
}

func TestTrainDataErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.png")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct{ data, want string }{
		{"cifar", `--data: dataset: "cifar" is neither a built-in dataset (mnist, fashion) nor a folder`},
		{file, "is a file, not a folder of images"},
		{t.TempDir(), "no usable image"},
	} {
		code, _, errOut := run(t, "train", "--data", tc.data, "--epochs", "1", "--out", t.TempDir(), "--quiet")
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("--data %s: exit %d, stderr %q; want 1 and %q", tc.data, code, errOut, tc.want)
		}
	}
}
