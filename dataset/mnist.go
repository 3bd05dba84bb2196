package dataset

import (
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"
	"weak"
)

//go:embed data/*.gz
var mnistFiles embed.FS

// MNIST file names inside the embedded data folder.
const (
	trainImagesFile = "data/train-images-idx3-ubyte.gz"
	trainLabelsFile = "data/train-labels-idx1-ubyte.gz"
	testImagesFile  = "data/t10k-images-idx3-ubyte.gz"
	testLabelsFile  = "data/t10k-labels-idx1-ubyte.gz"
)

// The decoded sets: the test set (31 MB as float32) is kept once decoded;
// the training set (188 MB) only while someone uses it.
var (
	mnistTest struct {
		once sync.Once
		set  *Set
		err  error
	}
	mnistTrain struct {
		mu  sync.Mutex
		set weak.Pointer[Set]
	}
)

// MNIST returns the 60,000 training and 10,000 test images of MNIST with their
// labels, decoded from the copy carried inside the binary: see MNISTTrain and
// MNISTTest. Callers must not modify the sets, which are shared.
func MNIST() (train, test *Set, err error) {
	if test, err = MNISTTest(); err != nil {
		return nil, nil, err
	}
	if train, err = MNISTTrain(); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// MNISTTest returns the 10,000 test images of MNIST with their labels. The
// set is decoded once and shared: callers must not modify it.
func MNISTTest() (*Set, error) {
	mnistTest.once.Do(func() {
		mnistTest.set, mnistTest.err = loadEmbedded("mnist-test", testImagesFile, testLabelsFile)
	})
	return mnistTest.set, mnistTest.err
}

// MNISTTrain returns the 60,000 training images of MNIST with their labels.
// The set is shared while anyone holds it (callers must not modify it); once
// nothing refers to it, the garbage collector may free it, and the next call
// decodes it again (a fifth of a second). An app that shows models between
// trainings thus does not keep 188 MB it no longer needs.
func MNISTTrain() (*Set, error) {
	mnistTrain.mu.Lock()
	defer mnistTrain.mu.Unlock()
	if s := mnistTrain.set.Value(); s != nil {
		return s, nil
	}
	s, err := loadEmbedded("mnist-train", trainImagesFile, trainLabelsFile)
	if err != nil {
		return nil, err
	}
	mnistTrain.set = weak.Make(s)
	return s, nil
}

func loadEmbedded(name, imagesFile, labelsFile string) (*Set, error) {
	images, err := readEmbedded(imagesFile)
	if err != nil {
		return nil, err
	}
	labels, err := readEmbedded(labelsFile)
	if err != nil {
		return nil, err
	}
	return newSet(name, images, labels)
}

func readEmbedded(file string) (*IDX, error) {
	f, err := mnistFiles.Open(file)
	if err != nil {
		return nil, fmt.Errorf("dataset: open %s: %w", file, err)
	}
	defer f.Close()
	idx, err := ReadIDX(f)
	if err != nil {
		return nil, fmt.Errorf("dataset: read %s: %w", file, err)
	}
	return idx, nil
}

// WriteMNISTFiles writes the four MNIST files the binary carries, in their
// original IDX gzip form and names (train-images-idx3-ubyte.gz, …), into
// the folder dir, for programs outside the studio (the PyTorch side of the
// bench command).
func WriteMNISTFiles(dir string) error {
	for _, name := range []string{trainImagesFile, trainLabelsFile, testImagesFile, testLabelsFile} {
		b, err := mnistFiles.ReadFile(name)
		if err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, path.Base(name)), b, 0o644); err != nil {
			return fmt.Errorf("dataset: write MNIST: %w", err)
		}
	}
	return nil
}
