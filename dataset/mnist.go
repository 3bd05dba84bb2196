package dataset

import (
	"embed"
	"fmt"
	"sync"
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

var mnist struct {
	once        sync.Once
	train, test *Set
	err         error
}

// MNIST returns the 60,000 training and 10,000 test images of MNIST with their
// labels, decoded from the copy carried inside the binary. The sets are decoded
// once and shared: callers must not modify them.
func MNIST() (train, test *Set, err error) {
	mnist.once.Do(func() { mnist.train, mnist.test, mnist.err = loadMNIST() })
	return mnist.train, mnist.test, mnist.err
}

// loadMNIST decodes both embedded sets, side by side.
func loadMNIST() (train, test *Set, err error) {
	var wg sync.WaitGroup
	var errTrain, errTest error
	wg.Go(func() { train, errTrain = loadEmbedded("mnist-train", trainImagesFile, trainLabelsFile) })
	wg.Go(func() { test, errTest = loadEmbedded("mnist-test", testImagesFile, testLabelsFile) })
	wg.Wait()
	if errTrain != nil {
		return nil, nil, errTrain
	}
	return train, test, errTest
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
