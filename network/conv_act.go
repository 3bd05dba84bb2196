package network

import "autoencoder-studio/network/vec"

// biasAct sets y = act(y + b) for rows of len(b) values: the bias and
// activation of a convolution's output. ReLU runs in one fused pass.
func biasAct(y, b []float32, act Activation) {
	f := len(b)
	if act == ReLU {
		vec.BiasReLU(y, b)
		return
	}
	for i := 0; i < len(y); i += f {
		row := y[i : i+f]
		for j, v := range b[:len(row)] {
			row[j] += v
		}
	}
	act.applySerial(y)
}

// actBackwardBias writes dz = dy·act'(z) in place of dy, given the output
// y = act(z), and adds every row of len(db) values of dz into db: the
// bias gradient. ReLU runs in one fused pass (vec.ReLUBackwardBias), with
// the derivative of vec.ReLUBackward.
func actBackwardBias(act Activation, dy, y, db []float32) {
	if act == ReLU {
		vec.ReLUBackwardBias(dy, y[:len(dy)], db)
		return
	}
	act.backwardSerial(dy, dy, y)
	addRows(db, dy)
}

// addRows adds every row of len(sum) values of m into sum.
func addRows(sum, m []float32) {
	f := len(sum)
	if f == 1 {
		// One channel: four partial sums, so the adds do not wait on
		// each other.
		var s0, s1, s2, s3 float32
		i := 0
		for ; i+4 <= len(m); i += 4 {
			s0 += m[i]
			s1 += m[i+1]
			s2 += m[i+2]
			s3 += m[i+3]
		}
		for ; i < len(m); i++ {
			s0 += m[i]
		}
		sum[0] += (s0 + s1) + (s2 + s3)
		return
	}
	for i := 0; i < len(m); i += f {
		row := m[i : i+f]
		for j, v := range row {
			sum[j] += v
		}
	}
}
