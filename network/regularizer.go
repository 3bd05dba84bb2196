package network

// Regularizer is an L1/L2 penalty: L1·Σ|v| + L2·Σv². As an activity
// regulariser it is computed per sample on a layer's output and averaged over
// the batch; as a kernel regulariser it is computed on the weights.
type Regularizer struct {
	L1 float64 `json:"l1,omitempty"`
	L2 float64 `json:"l2,omitempty"`
}

// Zero reports whether r adds nothing.
func (r Regularizer) Zero() bool { return r.L1 == 0 && r.L2 == 0 }

func (r Regularizer) validate() error {
	if err := inRangeFloat("l1", r.L1, 0, maxRegular); err != nil {
		return err
	}
	return inRangeFloat("l2", r.L2, 0, maxRegular)
}

// penalty returns L1·Σ|v| + L2·Σv² accumulated in float64.
func (r Regularizer) penalty(v []float32) float64 {
	var s1, s2 float64
	for _, x := range v {
		f := float64(x)
		if f < 0 {
			s1 -= f
		} else {
			s1 += f
		}
		s2 += f * f
	}
	return r.L1*s1 + r.L2*s2
}

// addGrad adds scale·(L1·sign(v) + 2·L2·v) to g.
func (r Regularizer) addGrad(g, v []float32, scale float64) {
	l1, l2 := float32(r.L1*scale), float32(2*r.L2*scale)
	for i, x := range v {
		d := l2 * x
		if x > 0 {
			d += l1
		} else if x < 0 {
			d -= l1
		}
		g[i] += d
	}
}
