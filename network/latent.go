package network

// Interpolate decodes steps codes spaced evenly on the line from codeA to
// codeB, both included: code i is (1-t)·codeA + t·codeB with
// t = i/(steps-1), so the first is exactly codeA and the last exactly codeB
// (steps 1 decodes codeA alone). It returns the steps reconstructions,
// steps×(input size) values, as a new slice the caller owns. Each code is
// decoded on its own, so the ends equal Decode(codeA, 1) and
// Decode(codeB, 1) bit for bit (a batch may round differently).
//
// It panics with a ShapeError if codeA or codeB does not hold one code
// (CodeShape().Size() values), and panics if steps < 1.
func (m *Model) Interpolate(codeA, codeB []float32, steps int) []float32 {
	size := m.CodeShape().Size()
	checkLen("Interpolate", "code A", codeA, size)
	checkLen("Interpolate", "code B", codeB, size)
	if steps < 1 {
		panic("network: Interpolate needs at least 1 step")
	}
	in := m.InputShape().Size()
	out := make([]float32, steps*in)
	c := make([]float32, size)
	for i := range steps {
		t := float32(0)
		if steps > 1 {
			t = float32(i) / float32(steps-1)
		}
		for j := range c {
			c[j] = (1-t)*codeA[j] + t*codeB[j]
		}
		copy(out[i*in:(i+1)*in], m.Decode(c, 1))
	}
	return out
}
