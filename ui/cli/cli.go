package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"train", "train a preset or spec on MNIST, Fashion-MNIST or your images and write its results", runTrain},
		{"presets", "list the tutorial presets", runPresets},
		{"bench", "time training epochs of the presets against PyTorch", runBench},
		{"keras", "print Keras (Python) code that builds the same model", runKeras},
		{"export", "write a trained model's weights and PyTorch and Keras code for Python", runExport},
		{"sample", "decode new digits from a trained model's latent space into a picture", runSample},
		{"sweep", "train one run per value of a setting and plot the results", runSweep},
		{"score", "use a trained model as an anomaly detector against another image set", runScore},
		{"features", "draw what a trained model's units and filters learned", runFeatures},
	}
}

// errUsage marks errors for which the usage was already printed.
var errUsage = errors.New("usage")

// parseFlags parses args into fs. It returns false when the command is to
// stop: with nil after --help (the usage is printed), with errUsage after a
// bad flag (the flag package printed what is wrong).
func parseFlags(fs *flag.FlagSet, args []string) (ok bool, err error) {
	switch err := fs.Parse(args); {
	case err == nil:
		return true, nil
	case errors.Is(err, flag.ErrHelp):
		return false, nil
	default:
		return false, errUsage
	}
}

// IsCommand reports whether args ask for the command line rather than the
// window: any argument does, except the process serial number macOS passes
// to apps started from Finder and model files to open (see ModelFiles).
// Unknown words reach Run, which reports them.
func IsCommand(args []string) bool {
	return len(args) > 0 && !strings.HasPrefix(args[0], "-psn_") && len(ModelFiles(args)) == 0
}

// ModelFiles returns args when every one of them names a model file
// (ending in .aes, as a file manager passes a double-clicked file), else
// nil.
func ModelFiles(args []string) []string {
	if len(args) == 0 {
		return nil
	}
	for _, a := range args {
		if !strings.EqualFold(filepath.Ext(a), ".aes") || strings.HasPrefix(a, "-") {
			return nil
		}
	}
	return args
}

// Run runs the subcommand named by args[0] and returns the process exit
// code: 0 on success, 2 for a usage error, 1 for any other failure.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "autoencoder-studio %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "autoencoder-studio: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, `Autoencoder Studio: build, train and compare autoencoders on MNIST.

Usage:
  autoencoder-studio                 open the desktop app
  autoencoder-studio COMMAND [flags] run headless

Commands:`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, `
Run "autoencoder-studio COMMAND --help" for a command's flags.`)
}
