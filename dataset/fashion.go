package dataset

import "embed"

// fashionFiles holds Fashion-MNIST's four IDX files, named as Zalando
// Research ships them (see data/fashion/ATTRIBUTION.md).
//
//go:embed data/fashion/*.gz
var fashionFiles embed.FS

// fashion is the embedded Fashion-MNIST dataset.
var fashion = &embeddedSet{name: "fashion", files: fashionFiles, dir: "data/fashion"}

// Fashion returns the 60,000 training and 10,000 test images of
// Fashion-MNIST (Zalando's 28×28 grayscale pictures of clothes in ten
// classes, see FashionClasses) with their labels, decoded from the copy
// carried inside the binary: see FashionTrain and FashionTest. Callers must
// not modify the sets, which are shared.
func Fashion() (train, test *Set, err error) { return fashion.both() }

// FashionTest returns the 10,000 test images of Fashion-MNIST with their
// labels. The set is decoded once and shared: callers must not modify it.
func FashionTest() (*Set, error) { return fashion.testSet() }

// FashionTrain returns the 60,000 training images of Fashion-MNIST with
// their labels. As with MNISTTrain, the set is shared while anyone holds it
// and decoded again once the garbage collector freed it.
func FashionTrain() (*Set, error) { return fashion.trainSet() }

// FashionClasses are the names of Fashion-MNIST's labels 0…9.
var FashionClasses = [10]string{
	"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
}
