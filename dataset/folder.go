package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // register the formats LoadImageFolder decodes
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxImageFileSize bounds the size of one file LoadImageFolder reads.
const maxImageFileSize = 64 << 20

// ImageError reports a file LoadImageFolder skipped, and why.
type ImageError struct {
	File string // the file's name within the folder
	Err  error
}

func (e ImageError) Error() string { return e.File + ": " + e.Err.Error() }

func (e ImageError) Unwrap() error { return e.Err }

// LoadImageFolder reads the PNG, JPEG and GIF images of the folder dir (not
// its subfolders), recognised by their content whatever their extension, in
// the order of their file names, and turns each into an MNIST-like 28×28
// digit with PreprocessDigit. The Set is named after the folder.
//
// Labels are inferred from file names: when the name of every image read
// starts with a digit and an underscore, such as "3_mine.png", that digit is
// its label; otherwise the Set has no labels (Labels is nil).
//
// Files that cannot be read, are not images, are too large or hold no
// visible digit are skipped and reported, one ImageError each, in name
// order; hidden files (names starting with a dot) and subfolders are ignored
// silently. LoadImageFolder returns an error only when the folder cannot be
// read or no file in it gives a digit; the skipped files are reported in
// both cases.
func LoadImageFolder(dir string) (*Set, []ImageError, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("dataset: read image folder: %w", err)
	}
	s := &Set{Name: filepath.Base(dir), Height: DigitSize, Width: DigitSize}
	var problems []ImageError
	var labels []uint8
	labelled := true
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		digit, err := readDigit(filepath.Join(dir, name))
		if err != nil {
			problems = append(problems, ImageError{File: name, Err: err})
			continue
		}
		s.Pixels = append(s.Pixels, digit...)
		if len(name) >= 2 && name[0] >= '0' && name[0] <= '9' && name[1] == '_' {
			labels = append(labels, name[0]-'0')
		} else {
			labelled = false
		}
	}
	if s.Len() == 0 {
		return nil, problems, fmt.Errorf("dataset: no usable image in %s (%d files skipped)", dir, len(problems))
	}
	if labelled {
		s.Labels = labels
	}
	return s, problems, nil
}

// readDigit reads, decodes and preprocesses one image file. It looks at
// the file before opening it, so that a FIFO or a device, which would block
// or never end, is skipped without being opened.
func readDigit(path string) ([]float32, error) {
	if err := checkImageFile(os.Stat(path)); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := checkImageFile(f.Stat()); err != nil { // replaced since the look
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, maxImageFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxImageFileSize {
		return nil, fmt.Errorf("file larger than the %d bytes accepted", maxImageFileSize)
	}
	return decodeDigit(b)
}

// checkImageFile returns an error unless fi is a regular file no larger
// than maxImageFileSize.
func checkImageFile(fi os.FileInfo, err error) error {
	switch {
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return errors.New("not a regular file")
	case fi.Size() > maxImageFileSize:
		return fmt.Errorf("file of %d bytes is larger than the %d accepted", fi.Size(), maxImageFileSize)
	}
	return nil
}

// decodeDigit decodes an image file's bytes, checking its size from the
// header before decoding, and preprocesses it.
func decodeDigit(b []byte) ([]float32, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, errors.New("not a PNG, JPEG or GIF image")
		}
		return nil, fmt.Errorf("corrupt image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxDigitPixels {
		return nil, fmt.Errorf("%s image of %d×%d pixels: want at most %d pixels", format, cfg.Width, cfg.Height, MaxDigitPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("corrupt %s image: %w", format, err)
	}
	return PreprocessDigit(img)
}
