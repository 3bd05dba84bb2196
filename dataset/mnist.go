package dataset

import (
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
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

// mnist is the embedded MNIST dataset. The pattern data/*.gz matches only
// the files directly in data/, not those of data/fashion/.
var mnist = &embeddedSet{name: "mnist", files: mnistFiles, dir: "data"}

// MNIST returns the 60,000 training and 10,000 test images of MNIST with their
// labels, decoded from the copy carried inside the binary: see MNISTTrain and
// MNISTTest. Callers must not modify the sets, which are shared.
func MNIST() (train, test *Set, err error) { return mnist.both() }

// MNISTTest returns the 10,000 test images of MNIST with their labels. The
// set is decoded once and shared: callers must not modify it.
func MNISTTest() (*Set, error) { return mnist.testSet() }

// MNISTTrain returns the 60,000 training images of MNIST with their labels.
// The set is shared while anyone holds it (callers must not modify it); once
// nothing refers to it, the garbage collector may free it, and the next call
// decodes it again (a fifth of a second). An app that shows models between
// trainings thus does not keep 188 MB it no longer needs.
func MNISTTrain() (*Set, error) { return mnist.trainSet() }

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
