package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"autoencoder-studio/network"
)

func runPresets(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: autoencoder-studio presets")
		return errUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, name := range network.PresetNames() {
		s, err := network.Preset(name)
		if err != nil {
			return err
		}
		m, err := network.Build(s, 0)
		if err != nil {
			return fmt.Errorf("preset %s: %w", name, err)
		}
		fmt.Fprintf(tw, "%s\t%d params\tcode %s\t%s\t%s\t%d epochs, batch %d\n", name, m.ParamCount(), m.CodeShape(), s.Loss, s.Optimizer.Name, s.Train.Epochs, s.Train.BatchSize)
	}
	return tw.Flush()
}
