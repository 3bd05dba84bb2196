// Package ui is the studio's Fyne desktop interface. Logic lives in the
// network and dataset packages; ui lays out widgets, starts long work on
// goroutines and brings their results back to the window through fyne.Do.
package ui
