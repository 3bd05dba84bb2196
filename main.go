// Command autoencoder-studio is a desktop studio for building, training and
// comparing autoencoders on MNIST; with arguments it runs headless.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"autoencoder-studio/ui"
	"autoencoder-studio/ui/cli"
	_ "autoencoder-studio/ui/locale" // before Fyne reads the locale
)

func main() {
	if cli.IsCommand(os.Args[1:]) {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if err := ui.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a := app.NewWithID(ui.AppID)
	w := a.NewWindow("Autoencoder Studio")
	ui.Setup(a, w)
	w.ShowAndRun()
}
