package dataset

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// drawing returns a 100×100 white canvas with a black ring around c.
func drawing(c image.Point) *image.NRGBA {
	img := canvas(100, 100, color.NRGBA{0xff, 0xff, 0xff, 0xff})
	draw.DrawMask(img, img.Bounds(), image.Black, image.Point{}, ring{c, 15, 25}, image.Point{}, draw.Over)
	return img
}

func encode(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// folder writes the given files into a fresh temporary folder.
func folder(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadImageFolder(t *testing.T) {
	goodPNG := encode(t, "png", drawing(image.Pt(40, 50)))
	goodJPEG := encode(t, "jpeg", drawing(image.Pt(60, 40)))
	goodGIF := encode(t, "gif", drawing(image.Pt(50, 50)))
	blank := encode(t, "png", canvas(20, 20, color.White))
	for _, tc := range []struct {
		name     string
		files    map[string][]byte
		n        int
		labels   []uint8
		problems []string // names of the skipped files, in order
	}{
		{
			name: "mixed",
			files: map[string][]byte{
				"a.png":         goodPNG,
				"b.jpg":         goodJPEG,
				"notes.txt":     []byte("not an image"),
				"truncated.png": goodPNG[:len(goodPNG)/2],
			},
			n:        2,
			problems: []string{"notes.txt", "truncated.png"},
		},
		{
			name: "labelled",
			files: map[string][]byte{
				"3_mine.png":  goodPNG,
				"7_other.bin": goodJPEG, // recognised by content
				"0_ring.gif":  goodGIF,
				".DS_Store":   []byte("ignored"),
			},
			n:      3,
			labels: []uint8{0, 3, 7},
		},
		{
			name: "partly labelled",
			files: map[string][]byte{
				"3_mine.png":  goodPNG,
				"seven.jpg":   goodJPEG,
				"5_blank.png": blank,
			},
			n:        2,
			problems: []string{"5_blank.png"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := folder(t, tc.files)
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			s, problems, err := LoadImageFolder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != tc.n || s.Height != DigitSize || s.Width != DigitSize || s.Name != filepath.Base(dir) {
				t.Errorf("set %q of %d %d×%d images, want %d 28×28", s.Name, s.Len(), s.Height, s.Width, tc.n)
			}
			if !bytes.Equal(s.Labels, tc.labels) || (s.Labels == nil) != (tc.labels == nil) {
				t.Errorf("labels %v, want %v", s.Labels, tc.labels)
			}
			if len(problems) != len(tc.problems) {
				t.Fatalf("problems %v, want ones for %v", problems, tc.problems)
			}
			for i, p := range problems {
				if p.File != tc.problems[i] || p.Err == nil || !strings.HasPrefix(p.Error(), p.File+": ") {
					t.Errorf("problem %d: %v, want one for %s", i, p, tc.problems[i])
				}
			}
			for _, v := range s.Pixels {
				if v < 0 || v > 1 {
					t.Fatalf("pixel %v not in [0,1]", v)
				}
			}
		})
	}
}

func TestLoadImageFolderErrors(t *testing.T) {
	blank := encode(t, "png", canvas(20, 20, color.White))
	if _, _, err := LoadImageFolder(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing folder: error %v, want one wrapping os.ErrNotExist", err)
	}
	if _, _, err := LoadImageFolder(folder(t, nil)); err == nil || !strings.Contains(err.Error(), "no usable image") {
		t.Errorf("empty folder: error %v, want no usable image", err)
	}
	dir := folder(t, map[string][]byte{"blank.png": blank, "x.txt": []byte("x")})
	s, problems, err := LoadImageFolder(dir)
	if err == nil || s != nil || len(problems) != 2 {
		t.Errorf("folder of bad files: set %v, problems %v, error %v; want nil, 2 problems and an error", s, problems, err)
	}
	if len(problems) > 0 && !errors.Is(problems[0].Err, ErrNoInk) {
		t.Errorf("blank image: problem %v, want one wrapping ErrNoInk", problems[0])
	}
}

func FuzzDecodeDigit(f *testing.F) {
	f.Add(encodeFuzzSeed("png"))
	f.Add(encodeFuzzSeed("gif"))
	f.Add(encodeFuzzSeed("jpeg"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeDigit(b)
		if err != nil {
			return
		}
		for i, v := range d {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("pixel %d = %v, not in [0,1]", i, v)
			}
		}
	})
}

// encodeFuzzSeed returns a small drawing in the given format.
func encodeFuzzSeed(format string) []byte {
	img := image.NewGray(image.Rect(0, 0, 12, 12))
	draw.Draw(img, image.Rect(3, 2, 6, 10), image.White, image.Point{}, draw.Src)
	var buf bytes.Buffer
	switch format {
	case "png":
		png.Encode(&buf, img)
	case "gif":
		gif.Encode(&buf, img, nil)
	default:
		jpeg.Encode(&buf, img, nil)
	}
	return buf.Bytes()
}
