package render

import (
	"image/color"

	"autoencoder-studio/network"
)

// HistorySeries returns a run's training loss (dashed) and validation loss
// (solid) as plot series of run name, in colour c (nil: the palette's, see
// Series.Color).
func HistorySeries(name string, h []network.Epoch, c color.Color) []Series {
	x := make([]float64, len(h))
	train := make([]float64, len(h))
	val := make([]float64, len(h))
	for i, e := range h {
		x[i], train[i], val[i] = float64(e.Epoch), e.TrainLoss, e.ValLoss
	}
	prefix := ""
	if name != "" {
		prefix = name + " "
	}
	return []Series{
		{Name: prefix + "train", Run: name, Line: "train", X: x, Y: train, Color: c, Look: Dashed},
		{Name: prefix + "validation", Run: name, Line: "validation", X: x, Y: val, Color: c, Look: Solid},
	}
}
