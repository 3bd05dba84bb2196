package render

import "testing"

func TestGridLayout(t *testing.T) {
	white := Tile{Pix: []float32{1, 1, 1, 1}, Width: 2, Height: 2}
	tall := Tile{Pix: []float32{0, 0.5, 2}, Width: 1, Height: 3, Scale: 2}
	img := Grid([][]Tile{{white, tall}, {white}}, 3, 1)
	// Columns: 6 and 2 wide; rows: max(6, 6) and 6 tall; gaps of 1.
	if b := img.Bounds(); b.Dx() != 1+6+1+2+1 || b.Dy() != 1+6+1+6+1 {
		t.Fatalf("grid is %v", b)
	}
	for _, tc := range []struct {
		x, y int
		want uint8
	}{
		{0, 0, 96},  // gap
		{1, 1, 255}, // first white tile
		{6, 6, 255}, // its last pixel at scale 3
		{7, 1, 96},  // gap between columns
		{8, 1, 0},   // tall tile, value 0
		{9, 3, 128}, // tall tile, value 0.5 at scale 2
		{8, 6, 255}, // value 2 clamped to white
		{8, 10, 96}, // second row has no second tile
		{1, 8, 255}, // second row's white tile
	} {
		if got := img.GrayAt(tc.x, tc.y).Y; got != tc.want {
			t.Errorf("pixel (%d,%d) = %d, want %d", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestCodeTiles(t *testing.T) {
	flat := make([]float32, 64)
	flat[18] = 2 // row 1, column 2 of the tutorial's reshape(4, 16)
	tiles := CodeTiles(flat, []int{64}, 0, 2)
	// Transposed, as the tutorial shows it: x 1, y 2 of a 4-wide tile.
	if len(tiles) != 1 || tiles[0].Width != 4 || tiles[0].Height != 16 || tiles[0].Pix[2*4+1] != 1 {
		t.Errorf("64-value code drew as %+v", tiles[0])
	}
	// A 2×2×3 feature map: channel k of pixel i sits at i*3+k.
	fm := []float32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	tiles = CodeTiles(fm, []int{2, 2, 3}, 0, 11)
	if len(tiles) != 3 || tiles[2].Pix[1]*11 != 5 || tiles[0].Pix[3]*11 != 9 {
		t.Errorf("feature maps drew as %+v", tiles)
	}
	for n, rows := range map[int]int{64: 4, 32: 4, 128: 4, 10: 2, 7: 1, 9: 3} {
		if got := codeRows(n); got != rows {
			t.Errorf("codeRows(%d) = %d, want %d", n, got, rows)
		}
	}
}

func TestTiles(t *testing.T) {
	pix := []float32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	tiles := Tiles(pix, 2, 3, 2)
	if len(tiles) != 2 {
		t.Fatalf("%d tiles, want 2", len(tiles))
	}
	for i, tl := range tiles {
		if tl.Width != 3 || tl.Height != 2 || len(tl.Pix) != 6 || tl.Pix[0] != float32(6*i) || tl.Scale != 0 {
			t.Errorf("tile %d = %+v", i, tl)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Tiles took more pictures than pix holds")
		}
	}()
	Tiles(pix, 3, 3, 2)
}
