package cli

import (
	"image"

	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// figures draws the first n validation samples: the reconstruction figure
// (inputs above reconstructions; for denoising data, noisy inputs, then
// reconstructions, then the clean targets) and the codes figure (one row of
// code pictures per sample).
func figures(m *network.Model, val network.Data, n int) (recon, codes image.Image) {
	n = min(n, val.N)
	in := m.InputShape()
	size := in.Size()
	h, w := 28, size/28
	if len(in) == 3 {
		h, w = in[0], in[1]
	}
	x := val.X[:n*size]
	out := append([]float32(nil), m.Predict(x, n)...)
	code := append([]float32(nil), m.Encode(x, n)...)
	tiles := func(data []float32) []render.Tile { return render.Tiles(data, n, w, h) }
	rows := [][]render.Tile{tiles(x), tiles(out)}
	if val.Y != nil {
		rows = append(rows, tiles(val.Y[:n*size]))
	}
	recon = render.Grid(rows, 2, 4)

	// One row per digit: the digit, then its code at a scale that makes the
	// code pictures about as tall as the digit.
	cs := m.CodeShape()
	lo, hi := render.Range(code)
	var codeRows [][]render.Tile
	for i := range n {
		ct := render.CodeTiles(code[i*cs.Size():(i+1)*cs.Size()], cs, lo, hi)
		s := max(1, 3*h/ct[0].Height)
		if len(ct) > 8 {
			s = max(1, s/2)
		}
		for k := range ct {
			ct[k].Scale = s
		}
		digit := render.Tile{Pix: x[i*size : (i+1)*size], Width: w, Height: h, Scale: 3}
		codeRows = append(codeRows, append([]render.Tile{digit}, ct...))
	}
	codes = render.Grid(codeRows, 1, 4)
	return recon, codes
}
