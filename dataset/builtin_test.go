package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestEmbeddedFilesPinned checks the SHA-256 of the eight dataset files the
// binary carries against those of the published files (see the
// ATTRIBUTION.md beside them).
func TestEmbeddedFilesPinned(t *testing.T) {
	for _, tc := range []struct {
		files fs.FS
		file  string
		want  string
	}{
		{mnistFiles, "data/train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
		{mnistFiles, "data/train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
		{mnistFiles, "data/t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
		{mnistFiles, "data/t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"},
		{fashionFiles, "data/fashion/train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"},
		{fashionFiles, "data/fashion/train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"},
		{fashionFiles, "data/fashion/t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"},
		{fashionFiles, "data/fashion/t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"},
	} {
		b, err := fs.ReadFile(tc.files, tc.file)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != tc.want {
			t.Errorf("%s: sha256 %s, want %s", tc.file, got, tc.want)
		}
	}
	// Each embedded set holds its own four files and no others: the MNIST
	// pattern must not take in the Fashion-MNIST files.
	for _, e := range []*embeddedSet{mnist, fashion} {
		got, err := fs.Glob(e.files, "data/*/*.gz")
		if err != nil {
			t.Fatal(err)
		}
		top, _ := fs.Glob(e.files, "data/*.gz")
		got = append(got, top...)
		slices.Sort(got)
		want := e.fileNames()
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s embeds %v, want %v", e.name, got, want)
		}
	}
}

func TestFashion(t *testing.T) {
	train, test, err := Fashion()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		set   *Set
		n     int
		mean  float64 // mean pixel, the published normalisation constant
		first int     // label of the first image
	}{
		{train, 60000, 0.2860, 9},
		{test, 10000, 0.2868, 9},
	} {
		if tc.set.Len() != tc.n || tc.set.Height != 28 || tc.set.Width != 28 || len(tc.set.Labels) != tc.n {
			t.Fatalf("%s: %d images of %d×%d, %d labels", tc.set.Name, tc.set.Len(), tc.set.Height, tc.set.Width, len(tc.set.Labels))
		}
		var sum float64
		var count [10]int
		for _, p := range tc.set.Pixels {
			sum += float64(p)
		}
		for _, l := range tc.set.Labels {
			count[l]++
		}
		if mean := sum / float64(len(tc.set.Pixels)); mean < tc.mean-0.001 || mean > tc.mean+0.001 {
			t.Errorf("%s: mean pixel %.4f, want %.4f", tc.set.Name, mean, tc.mean)
		}
		for l, c := range count { // Fashion-MNIST is balanced
			if c != tc.n/10 {
				t.Errorf("%s: %d images of class %d, want %d", tc.set.Name, c, l, tc.n/10)
			}
		}
		if l := tc.set.Label(0); l != tc.first {
			t.Errorf("%s: first label %d, want %d", tc.set.Name, l, tc.first)
		}
	}
	if !strings.HasPrefix(test.Name, "fashion") {
		t.Errorf("test set named %q", test.Name)
	}
	mt, err := MNISTTest()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(mt.Pixels[:784], test.Pixels[:784]) {
		t.Error("Fashion-MNIST's first test image is MNIST's")
	}
}

// TestFashionTrainFreedWhenUnused checks that Fashion-MNIST's training set
// is shared while held and let go once nothing refers to it.
func TestFashionTrainFreedWhenUnused(t *testing.T) {
	a, err := FashionTrain()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := FashionTrain(); a != b {
		t.Fatal("two callers holding the training set got two copies")
	}
	a = nil
	runtime.GC()
	if fashion.train.set.Value() != nil {
		t.Error("the training set is kept though nothing refers to it")
	}
}

func TestBuiltin(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"mnist", MNISTName, true},
		{"MNIST", MNISTName, true},
		{"fashion", FashionName, true},
		{" Fashion-MNIST ", FashionName, true},
		{"fashion_mnist", FashionName, true},
		{"cifar", "", false},
		{"", "", false},
	} {
		got, ok := BuiltinName(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("BuiltinName(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		train, test, err := Builtin(tc.in)
		if !tc.ok {
			if err == nil || !strings.Contains(err.Error(), "want mnist or fashion") {
				t.Errorf("Builtin(%q): error %v, want one naming the choices", tc.in, err)
			}
			continue
		}
		if err != nil || train.Len() != 60000 || test.Len() != 10000 {
			t.Fatalf("Builtin(%q): %v", tc.in, err)
		}
		want, _ := BuiltinTest(tc.in)
		if test != want {
			t.Errorf("Builtin(%q) and BuiltinTest disagree on the test set", tc.in)
		}
		if wantPrefix := strings.ToLower(strings.SplitN(tc.want, "-", 2)[0]); !strings.HasPrefix(test.Name, wantPrefix) {
			t.Errorf("Builtin(%q) gave the set %q", tc.in, test.Name)
		}
	}
}

func TestClassNames(t *testing.T) {
	for _, tc := range []struct {
		name       string
		l          int
		want       string
		wantFirst  string
		wantLength int
	}{
		{"MNIST", 7, "7", "0", 10},
		{"fashion", 9, "Ankle boot", "T-shirt/top", 10},
		{"Fashion-MNIST", 7, "Sneaker", "T-shirt/top", 10},
		{"my-digits", 3, "3", "0", 10},
		{"fashion", -1, "", "T-shirt/top", 10},
		{"fashion", 10, "", "T-shirt/top", 10},
	} {
		names := ClassNames(tc.name)
		if len(names) != tc.wantLength || names[0] != tc.wantFirst {
			t.Errorf("ClassNames(%q) = %v", tc.name, names)
		}
		if got := ClassName(tc.name, tc.l); got != tc.want {
			t.Errorf("ClassName(%q, %d) = %q, want %q", tc.name, tc.l, got, tc.want)
		}
	}
	ClassNames("fashion")[0] = "changed"
	if ClassName("fashion", 0) != "T-shirt/top" {
		t.Error("changing the slice ClassNames returned changed the class names")
	}
}

func TestOpen(t *testing.T) {
	files := map[string][]byte{}
	for i := range 12 {
		files[string(rune('a'+i))+".png"] = encode(t, "png", drawing(image.Pt(40+i, 50)))
	}
	dir := folder(t, files)
	one := folder(t, map[string][]byte{"3_only.png": files["a.png"], "notes.txt": []byte("hello")})
	file := filepath.Join(dir, "a.png")
	for _, tc := range []struct {
		data               string
		name               string
		nTrain, nVal, skip int
		err                string
	}{
		{data: "fashion", name: FashionName, nTrain: 60000, nVal: 10000},
		{data: "mnist", name: MNISTName, nTrain: 60000, nVal: 10000},
		{data: dir, name: filepath.Base(dir), nTrain: 11, nVal: 1},
		{data: one, name: filepath.Base(one), nTrain: 1, nVal: 1, skip: 1},
		{data: filepath.Join(dir, "missing"), err: "neither a built-in dataset (mnist, fashion) nor a folder"},
		{data: file, err: "is a file"},
		{data: t.TempDir(), err: "no usable image"},
	} {
		name, train, val, skipped, err := Open(tc.data)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Open(%q): error %v, want one containing %q", tc.data, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Open(%q): %v", tc.data, err)
		}
		if name != tc.name || train.Len() != tc.nTrain || val.Len() != tc.nVal || len(skipped) != tc.skip {
			t.Errorf("Open(%q) = %q, %d training, %d validation images, %d skipped; want %q, %d, %d, %d",
				tc.data, name, train.Len(), val.Len(), len(skipped), tc.name, tc.nTrain, tc.nVal, tc.skip)
		}
	}
}
