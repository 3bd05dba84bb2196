package dataset

import (
	"fmt"
	"io/fs"
	"path"
	"sync"
	"weak"
)

// embeddedSet is a dataset carried inside the binary as four IDX gzip files
// (training and test images and labels) under dir in files. Its test set
// (31 MB as float32) is kept once decoded; its training set (188 MB) only
// while someone uses it.
type embeddedSet struct {
	name  string // prefix of the decoded sets' names: "mnist", "fashion"
	files fs.FS
	dir   string

	test struct {
		once sync.Once
		set  *Set
		err  error
	}
	train struct {
		mu  sync.Mutex
		set weak.Pointer[Set]
	}
}

// The file names of an embedded dataset, as its publishers ship them.
const (
	trainImagesName = "train-images-idx3-ubyte.gz"
	trainLabelsName = "train-labels-idx1-ubyte.gz"
	testImagesName  = "t10k-images-idx3-ubyte.gz"
	testLabelsName  = "t10k-labels-idx1-ubyte.gz"
)

// fileNames returns the paths of the four files of e inside e.files, in
// the order training images, training labels, test images, test labels.
func (e *embeddedSet) fileNames() []string {
	var out []string
	for _, f := range []string{trainImagesName, trainLabelsName, testImagesName, testLabelsName} {
		out = append(out, path.Join(e.dir, f))
	}
	return out
}

// testSet returns the decoded test set, decoding it on the first call.
func (e *embeddedSet) testSet() (*Set, error) {
	e.test.once.Do(func() {
		e.test.set, e.test.err = e.load("test", testImagesName, testLabelsName)
	})
	return e.test.set, e.test.err
}

// trainSet returns the decoded training set: the one someone still holds,
// or a freshly decoded one.
func (e *embeddedSet) trainSet() (*Set, error) {
	e.train.mu.Lock()
	defer e.train.mu.Unlock()
	if s := e.train.set.Value(); s != nil {
		return s, nil
	}
	s, err := e.load("train", trainImagesName, trainLabelsName)
	if err != nil {
		return nil, err
	}
	e.train.set = weak.Make(s)
	return s, nil
}

// both returns the training and test sets.
func (e *embeddedSet) both() (train, test *Set, err error) {
	if test, err = e.testSet(); err != nil {
		return nil, nil, err
	}
	if train, err = e.trainSet(); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// load decodes one pair of image and label files into a set named
// e.name-part.
func (e *embeddedSet) load(part, imagesFile, labelsFile string) (*Set, error) {
	images, err := e.read(imagesFile)
	if err != nil {
		return nil, err
	}
	labels, err := e.read(labelsFile)
	if err != nil {
		return nil, err
	}
	return newSet(e.name+"-"+part, images, labels)
}

func (e *embeddedSet) read(file string) (*IDX, error) {
	f, err := e.files.Open(path.Join(e.dir, file))
	if err != nil {
		return nil, fmt.Errorf("dataset: open %s %s: %w", e.name, file, err)
	}
	defer f.Close()
	idx, err := ReadIDX(f)
	if err != nil {
		return nil, fmt.Errorf("dataset: read %s %s: %w", e.name, file, err)
	}
	return idx, nil
}
