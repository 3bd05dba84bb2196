package render

// CodeTiles returns a sample's code as pictures: a flat code of n values as
// one tile rows wide and n/rows tall, the values running down each column
// in turn (a 64-value code is 4 wide and 16 tall, as the Keras tutorial's
// imshow(code.reshape(4, 16).T)), an H×W×C code as C feature-map tiles of
// H×W. Values are
// scaled so that lo maps to black and hi to white; pass the range of all the
// codes shown together so that they compare.
func CodeTiles(code []float32, shape []int, lo, hi float32) []Tile {
	scale := func(v float32) float32 {
		if hi <= lo {
			return 0
		}
		return (v - lo) / (hi - lo)
	}
	if len(shape) == 3 {
		h, w, c := shape[0], shape[1], shape[2]
		tiles := make([]Tile, c)
		for k := range c {
			pix := make([]float32, h*w)
			for i := range pix {
				pix[i] = scale(code[i*c+k])
			}
			tiles[k] = Tile{Pix: pix, Width: w, Height: h}
		}
		return tiles
	}
	n := len(code)
	rows := codeRows(n)
	cols := n / rows
	pix := make([]float32, n)
	for i, v := range code {
		// Value i is at row i/cols, column i%cols of the rows×cols
		// reshape; transposed, that is x = i/cols, y = i%cols.
		pix[(i%cols)*rows+i/cols] = scale(v)
	}
	return []Tile{{Pix: pix, Width: rows, Height: cols}}
}

// codeRows picks how many rows a flat code of n values is drawn in: 4 when
// that divides n and leaves at least 4 columns, else the largest divisor of n
// not above its square root.
func codeRows(n int) int {
	if n%4 == 0 && n >= 16 {
		return 4
	}
	r := 1
	for d := 1; d*d <= n; d++ {
		if n%d == 0 {
			r = d
		}
	}
	return r
}

// Range returns the smallest and largest of the values.
func Range(vals []float32) (lo, hi float32) {
	if len(vals) == 0 {
		return 0, 0
	}
	lo, hi = vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
