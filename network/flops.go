package network

// TrainFLOPs returns the floating-point operations (a multiply-add counts
// two) one training sample costs in the layers with weights of s, counted
// from their shapes: the forward product, the weight gradient, and the
// input gradient of every such layer but the first (which nothing needs).
// Activations, pooling, losses and optimizer updates are left out: they are
// linear in the activations and small beside the products. It also returns
// the forward operations alone, the cost of one prediction.
func TrainFLOPs(s Spec) (train, forward float64, err error) {
	info, err := s.Check()
	if err != nil {
		return 0, 0, err
	}
	first := true
	for i, ls := range s.Layers {
		in, out := info[i].In, info[i].Out
		var f float64
		switch ls.Type {
		case TypeDense:
			f = 2 * float64(in.Size()) * float64(out.Size())
		case TypeVariational: // the mean and log-variance heads
			f = 2 * 2 * float64(in.Size()) * float64(out.Size())
		case TypeConv2D:
			k := float64(ls.Kernel)
			f = 2 * k * k * float64(in[2]) * float64(out.Size())
		case TypeConv2DTranspose:
			k := float64(ls.Kernel)
			f = 2 * k * k * float64(in.Size()) * float64(out[2])
		default:
			continue
		}
		forward += f
		train += 2 * f // forward and weight gradient
		if !first {
			train += f // input gradient
		}
		first = false
	}
	return train, forward, nil
}
