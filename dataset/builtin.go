package dataset

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// The names of the built-in datasets, as runs record them.
const (
	MNISTName   = "MNIST"
	FashionName = "Fashion-MNIST"
)

// builtins maps each accepted spelling (lower case) of a built-in
// dataset's name to its name.
var builtins = map[string]string{
	"mnist":         MNISTName,
	"fashion":       FashionName,
	"fashion-mnist": FashionName,
	"fashion_mnist": FashionName,
	"fashionmnist":  FashionName,
}

// BuiltinNames returns the names of the built-in datasets: MNIST, then
// Fashion-MNIST.
func BuiltinNames() []string { return []string{MNISTName, FashionName} }

// BuiltinName returns the name of the built-in dataset that name spells,
// ignoring case ("mnist", "fashion", "Fashion-MNIST"…), and whether there
// is one.
func BuiltinName(name string) (string, bool) {
	n, ok := builtins[strings.ToLower(strings.TrimSpace(name))]
	return n, ok
}

// Builtin returns the training and test sets of the built-in dataset
// name spells (see BuiltinName), or an error naming the choices.
func Builtin(name string) (train, test *Set, err error) {
	switch n, _ := BuiltinName(name); n {
	case MNISTName:
		return MNIST()
	case FashionName:
		return Fashion()
	}
	return nil, nil, unknownBuiltin(name)
}

// BuiltinTest returns only the test set of the built-in dataset name
// spells, without decoding its training set.
func BuiltinTest(name string) (*Set, error) {
	switch n, _ := BuiltinName(name); n {
	case MNISTName:
		return MNISTTest()
	case FashionName:
		return FashionTest()
	}
	return nil, unknownBuiltin(name)
}

func unknownBuiltin(name string) error {
	return fmt.Errorf("dataset: no built-in dataset %q (want mnist or fashion)", name)
}

// digitClasses are the class names of MNIST and of labelled image folders.
var digitClasses = [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// ClassNames returns the names of the labels 0…9 of the dataset called
// name: FashionClasses for Fashion-MNIST (any spelling BuiltinName
// accepts), the digits "0"…"9" for MNIST and for image folders, whose
// labels are digits. The slice is the caller's.
func ClassNames(name string) []string {
	return slices.Clone(classes(name)[:])
}

func classes(name string) *[10]string {
	if n, _ := BuiltinName(name); n == FashionName {
		return &FashionClasses
	}
	return &digitClasses
}

// ClassName returns the name of label l of the dataset called name (see
// ClassNames), or "" for a label outside 0…9, such as the -1 of an
// unlabelled image.
func ClassName(name string, l int) string {
	if l < 0 || l > 9 {
		return ""
	}
	return classes(name)[l]
}

// FolderValFraction is the share of an image folder's images kept for
// validation by SplitFolder.
const FolderValFraction = 0.1

// SplitFolder splits the images of a folder into training and validation
// sets as the app does: a tenth (at least one) for validation, shuffled
// with a fixed seed; a single image trains and validates on itself.
func SplitFolder(s *Set) (train, val *Set) {
	if s.Len() < 2 {
		return s, s
	}
	return s.Split(FolderValFraction, 1)
}

// Open returns the images data names, split for training and validation:
// a built-in dataset when data spells one (see BuiltinName: "mnist",
// "fashion"), whose test set validates; otherwise the image folder at path
// data, read with LoadImageFolder and split with SplitFolder (write ./mnist
// for a folder called mnist). name is what a run records: the built-in
// dataset's name or the folder's; skipped lists the folder's files that
// could not be used.
func Open(data string) (name string, train, val *Set, skipped []ImageError, err error) {
	if n, ok := BuiltinName(data); ok {
		train, val, err = Builtin(n)
		return n, train, val, nil, err
	}
	fi, err := os.Stat(data)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", nil, nil, nil, fmt.Errorf("dataset: %s is neither a built-in dataset (mnist, fashion) nor a folder", strconv.Quote(data))
	case err != nil:
		return "", nil, nil, nil, fmt.Errorf("dataset: %w", err)
	case !fi.IsDir():
		return "", nil, nil, nil, fmt.Errorf("dataset: %s is a file, not a folder of images nor a built-in dataset (mnist, fashion)", data)
	}
	set, skipped, err := LoadImageFolder(data)
	if err != nil {
		return "", nil, nil, skipped, err
	}
	train, val = SplitFolder(set)
	return set.Name, train, val, skipped, nil
}
