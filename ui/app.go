package ui

import (
	"errors"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
)

// AppID is the application's unique identifier, as in FyneApp.toml.
const AppID = "io.github.autoencoderstudio.studio"

// CheckDisplay returns an error explaining how to run headless when no
// display is available on Linux and BSD.
func CheckDisplay() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New(`autoencoder-studio: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.
Train headless instead, for example:
  autoencoder-studio train --preset vanilla --out runs/vanilla
Run "autoencoder-studio help" for every command.`)
	}
	return nil
}

// Setup fills the main window.
func Setup(a fyne.App, w fyne.Window) {
	list := widget.NewList(
		func() int { return len(network.PresetNames()) },
		func() fyne.CanvasObject { return widget.NewLabel("preset") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(network.PresetNames()[i]) },
	)
	w.SetContent(container.NewBorder(widget.NewLabel("Autoencoder Studio — presets"), nil, nil, nil, list))
	w.Resize(fyne.NewSize(1100, 720))
}
