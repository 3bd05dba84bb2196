package network

// TotalParams returns the number of trainable parameters of the layers
// described by info, as Spec.Check or Model.Summary returns them: for a
// built model it equals Model.ParamCount.
func TotalParams(info []LayerInfo) int {
	n := 0
	for _, l := range info {
		n += l.Params
	}
	return n
}
