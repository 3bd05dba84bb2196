package cli

import (
	"fmt"
	"io"

	"autoencoder-studio/network"
)

func runPresets(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: autoencoder-studio presets")
		return errUsage
	}
	for _, name := range network.PresetNames() {
		s, err := network.Preset(name)
		if err != nil {
			return err
		}
		m, err := network.Build(s, 0)
		if err != nil {
			return fmt.Errorf("preset %s: %w", name, err)
		}
		fmt.Fprintf(stdout, "%-11s %8d params  code %-7s  %-19s %-8s %2d epochs, batch %d\n", name, m.ParamCount(), m.CodeShape(), s.Loss, s.Optimizer.Name, s.Train.Epochs, s.Train.BatchSize)
	}
	return nil
}
