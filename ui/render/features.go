package render

import (
	"fmt"
	"image"

	"autoencoder-studio/network"
)

// FilterSheet draws the filters of every convolution (see
// network.Model.ConvFilters) as a contact sheet: a grid per layer with one
// row per filter and one column per input channel (filters of one channel
// side by side), mid grey meaning a zero weight.
func FilterSheet(banks []network.Filters) *image.RGBA {
	var rows []SheetRow
	for _, b := range banks {
		scale := max(2, 24/b.Size)
		var grid [][]Tile
		for _, img := range b.Images {
			grid = append(grid, Tiles(img, b.Channels, b.Size, b.Size))
		}
		if b.Channels == 1 { // one filter per column rather than per row
			var row []Tile
			for _, r := range grid {
				row = append(row, r...)
			}
			grid = [][]Tile{row}
		}
		rows = append(rows, SheetRow{
			Label:    sheetLabel(fmt.Sprintf("%s %dx%dx%d", b.Layer, b.Size, b.Size, b.Channels)),
			Images:   []image.Image{Grid(grid, scale, 5)},
			Captions: []string{fmt.Sprintf("%d filters", len(b.Images))},
		})
	}
	return Sheet(rows)
}

// MapSheet draws an input image of w×h values (pix), labelled label and
// captioned caption, and under it the feature maps the model made of it
// (see network.Model.FeatureMaps), a row per layer, each layer's maps
// scaled together from their lowest value (black) to their highest
// (white), at most 16 maps per line.
func MapSheet(maps []network.FeatureMap, pix []float32, w, h int, label, caption string) *image.RGBA {
	rows := []SheetRow{{
		Label:    sheetLabel(label),
		Images:   []image.Image{Grid([][]Tile{{{Pix: pix, Width: w, Height: h}}}, 3, 0)},
		Captions: []string{caption},
	}}
	for _, fm := range maps {
		lo, hi := Range(fm.Values)
		tiles := CodeTiles(fm.Values, fm.Shape, lo, hi)
		scale := max(1, 56/fm.Shape[0])
		var grid [][]Tile
		for r := 0; r < len(tiles); r += 16 {
			grid = append(grid, tiles[r:min(r+16, len(tiles))])
		}
		rows = append(rows, SheetRow{
			Label:    sheetLabel(fmt.Sprintf("%s %dx%dx%d", fm.Layer, fm.Shape[0], fm.Shape[1], fm.Shape[2])),
			Images:   []image.Image{Grid(grid, scale, 2)},
			Captions: []string{fmt.Sprintf("%s, values %.2g to %.2g", fm.Type, lo, hi)},
		})
	}
	return Sheet(rows)
}

// sheetLabel cuts a label to what fits the sheet's label column, ending it
// in "." when cut (the bitmap font has no "…").
func sheetLabel(s string) string {
	const n = sheetLabelW / 7 // 7 pixels a character
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "."
	}
	return s
}
