// Package assets holds the files the app carries besides its code: the
// application icon (also named in FyneApp.toml for `fyne package`).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon, a 256×256 PNG.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
