package ui

import (
	"strconv"

	"autoencoder-studio/dataset"
)

// classText names label l of an image of the dataset called name, as the
// views caption it: Fashion-MNIST's class name ("Ankle boot"), else the
// digit after prefix ("digit 7" with the prefix "digit ", "a 7" with
// "a "). It returns "" for an unlabelled image (l < 0) and for a label
// the dataset has no name for.
func classText(name string, l int, prefix string) string {
	if l < 0 || l > 9 {
		return ""
	}
	if n, _ := dataset.BuiltinName(name); n == dataset.FashionName {
		return dataset.ClassName(n, l)
	}
	return prefix + strconv.Itoa(l)
}

// imagesNoun is what the views call the images of the dataset called
// name: "images" for Fashion-MNIST's pictures of clothes, "digits" for
// MNIST and for folders, which hold the user's digits.
func imagesNoun(name string) string {
	if n, _ := dataset.BuiltinName(name); n == dataset.FashionName {
		return "images"
	}
	return "digits"
}
