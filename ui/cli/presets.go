package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"autoencoder-studio/network"
)

func runPresets(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: autoencoder-studio presets")
		return errUsage
	}
	var rows [][]string
	for _, name := range network.PresetNames() {
		s, err := network.Preset(name)
		if err != nil {
			return err
		}
		m, err := network.Build(s, 0)
		if err != nil {
			return fmt.Errorf("preset %s: %w", name, err)
		}
		rows = append(rows, []string{name, fmt.Sprintf("%d params", m.ParamCount()), "code " + m.CodeShape().String(),
			s.Loss, s.Optimizer.Name, fmt.Sprintf("%d epochs, batch %d", s.Train.Epochs, s.Train.BatchSize)})
	}
	// Columns as wide as their widest cell; one write per line, which a
	// Windows console shows as it is.
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2))
			}
		}
		fmt.Fprintln(stdout, b.String())
	}
	return nil
}
