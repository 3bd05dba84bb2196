package ui

import "testing"

func TestClassText(t *testing.T) {
	for _, tc := range []struct {
		dataset, prefix string
		label           int
		want            string
	}{
		{"MNIST", "digit ", 7, "digit 7"},
		{"MNIST", "a ", 0, "a 0"},
		{"", "a ", 3, "a 3"}, // a run that records no dataset trained on MNIST
		{"Fashion-MNIST", "digit ", 9, "Ankle boot"},
		{"fashion", "a ", 1, "Trouser"},
		{"my-digits", "digit ", 4, "digit 4"}, // folders are labelled with digits
		{"my-digits", "digit ", -1, ""},       // an unlabelled image
		{"Fashion-MNIST", "a ", 10, ""},
	} {
		if got := classText(tc.dataset, tc.label, tc.prefix); got != tc.want {
			t.Errorf("classText(%q, %d, %q) = %q, want %q", tc.dataset, tc.label, tc.prefix, got, tc.want)
		}
	}
}

func TestImagesNoun(t *testing.T) {
	for _, tc := range []struct{ dataset, want string }{
		{"MNIST", "digits"}, {"Fashion-MNIST", "images"}, {"fashion_mnist", "images"}, {"my-digits", "digits"},
	} {
		if got := imagesNoun(tc.dataset); got != tc.want {
			t.Errorf("imagesNoun(%q) = %q, want %q", tc.dataset, got, tc.want)
		}
	}
}
