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
	for i := 0; i < len(m); i += f {
		row := m[i : i+f]
		for j, v := range row {
			sum[j] += v
		}
	}
}
