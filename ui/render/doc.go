// Package render draws what the studio shows: digits, reconstructions and
// codes as grayscale image grids, and loss curves as gonum/plot figures. It
// knows nothing of Fyne, so the command line and the desktop app share it.
package render
