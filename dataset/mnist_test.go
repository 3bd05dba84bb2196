package dataset

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestMNIST(t *testing.T) {
	train, test, err := MNIST()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		set  *Set
		n    int
		mean float64 // mean pixel of the set, a well-known MNIST statistic
	}{
		{train, 60000, 0.1307},
		{test, 10000, 0.1325},
	} {
		if tc.set.Len() != tc.n || tc.set.Height != 28 || tc.set.Width != 28 || len(tc.set.Labels) != tc.n {
			t.Fatalf("%s: %d images of %d×%d, %d labels", tc.set.Name, tc.set.Len(), tc.set.Height, tc.set.Width, len(tc.set.Labels))
		}
		var sum float64
		for _, p := range tc.set.Pixels {
			if p < 0 || p > 1 {
				t.Fatalf("%s: pixel %v outside [0,1]", tc.set.Name, p)
			}
			sum += float64(p)
		}
		if mean := sum / float64(len(tc.set.Pixels)); mean < tc.mean-0.001 || mean > tc.mean+0.001 {
			t.Errorf("%s: mean pixel %.4f, want %.4f", tc.set.Name, mean, tc.mean)
		}
	}
	// The first training digit of MNIST is a 5, the first test digit a 7.
	if train.Label(0) != 5 || test.Label(0) != 7 {
		t.Errorf("first labels %d, %d; want 5, 7", train.Label(0), test.Label(0))
	}
	img := train.Image(1)
	if len(img) != 784 || &img[0] != &train.Pixels[784] {
		t.Error("Image does not return a 784-pixel view into Pixels")
	}
}

// BenchmarkMNIST measures decoding both embedded sets, as the first call of
// MNIST does.
func BenchmarkMNIST(b *testing.B) {
	for b.Loop() {
		if _, err := mnist.load("train", trainImagesName, trainLabelsName); err != nil {
			b.Fatal(err)
		}
		if _, err := mnist.load("test", testImagesName, testLabelsName); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMNISTTrainFreedWhenUnused checks that the training set is shared while
// held, and let go once nothing refers to it.
func TestMNISTTrainFreedWhenUnused(t *testing.T) {
	a, err := MNISTTrain()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := MNISTTrain()
	if a != b {
		t.Fatal("two callers holding the training set got two copies")
	}
	a, b = nil, nil
	runtime.GC()
	if mnist.train.set.Value() != nil {
		t.Error("the training set is kept though nothing refers to it")
	}
	c, err := MNISTTrain()
	if err != nil || c.Len() != 60000 || c.Label(0) != 5 {
		t.Fatalf("decoding again: %v", err)
	}
}

func TestWriteMNISTFiles(t *testing.T) {
	dir := t.TempDir()
	if err := WriteMNISTFiles(dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := ReadIDX(zr)
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Dims) != 1 || idx.Dims[0] != 10000 {
		t.Errorf("written test labels have dimensions %v", idx.Dims)
	}
}
