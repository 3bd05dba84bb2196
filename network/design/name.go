package design

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"autoencoder-studio/network"
)

// Describe returns a short name saying what design s is: the name of the
// tutorial preset whose architecture it has (input, layers, loss and
// optimizer; epochs, batch size and the spec's name may differ), and
// otherwise "custom: " and its layers with weights by type, with the
// code's size, such as "custom: 3 dense, code 16" or
// "custom: 4 conv2d, 2 conv2d_transpose, code 7×7×8".
func Describe(s network.Spec) string {
	for _, name := range network.PresetNames() {
		if p, err := network.Preset(name); err == nil && sameArchitecture(s, p) {
			return name
		}
	}
	var order []string
	count := map[string]int{}
	for _, l := range s.Layers {
		if !network.HasWeights(l.Type) {
			continue
		}
		if count[l.Type] == 0 {
			order = append(order, l.Type)
		}
		count[l.Type]++
	}
	var parts []string
	for _, t := range order {
		parts = append(parts, fmt.Sprintf("%d %s", count[t], t))
	}
	if len(parts) == 0 {
		parts = append(parts, "no weights")
	}
	if c := CodeIndex(s); c >= 0 {
		if info, err := s.Check(); err == nil {
			parts = append(parts, "code "+codeText(info[c].Out))
		}
	}
	return "custom: " + strings.Join(parts, ", ")
}

// codeText is a code shape as a name shows it: its size when flat.
func codeText(s network.Shape) string {
	if len(s) == 1 {
		return fmt.Sprint(s[0])
	}
	return s.String()
}

// sameArchitecture reports whether a and b build the same model, whatever
// their names and training settings.
func sameArchitecture(a, b network.Spec) bool {
	key := func(s network.Spec) []byte {
		s = s.Clone()
		s.Name, s.Train.Epochs, s.Train.BatchSize = "", 0, 0
		s.Optimizer = s.Optimizer.WithDefaults()
		for i := range s.Layers {
			s.Layers[i].Name = ""
		}
		out, err := json.Marshal(s)
		if err != nil {
			return nil
		}
		return out
	}
	ka, kb := key(a), key(b)
	return ka != nil && bytes.Equal(ka, kb)
}
