package dataset

import "fmt"

// Set is a collection of equally sized grayscale images with optional labels.
// Pixels are float32 in [0,1], stored image after image, each row-major; an
// image is Height×Width×1 in the NHWC layout the network package uses.
type Set struct {
	Name          string
	Height, Width int
	Pixels        []float32 // Len()*Height*Width values
	Labels        []uint8   // Len() labels, or nil when the set is unlabelled
}

// Len returns the number of images in s.
func (s *Set) Len() int {
	if s.Size() == 0 {
		return 0
	}
	return len(s.Pixels) / s.Size()
}

// Size returns the number of pixels of one image.
func (s *Set) Size() int { return s.Height * s.Width }

// Image returns image i as a view into s.Pixels, without copying.
// It panics if i is out of range.
func (s *Set) Image(i int) []float32 {
	n := s.Size()
	return s.Pixels[i*n : (i+1)*n : (i+1)*n]
}

// Label returns the label of image i, or -1 when s has no labels.
func (s *Set) Label(i int) int {
	if s.Labels == nil {
		return -1
	}
	return int(s.Labels[i])
}

// Shape returns the per-image shape as height, width, channels.
func (s *Set) Shape() []int { return []int{s.Height, s.Width, 1} }

// Subset returns a set holding the first n images of s, sharing its storage.
// n larger than s.Len() is clamped.
func (s *Set) Subset(n int) *Set {
	n = min(max(n, 0), s.Len())
	out := *s
	out.Name = fmt.Sprintf("%s[:%d]", s.Name, n)
	out.Pixels = s.Pixels[:n*s.Size()]
	if s.Labels != nil {
		out.Labels = s.Labels[:n]
	}
	return &out
}

// newSet builds a Set from IDX images and labels, checking that they agree.
func newSet(name string, images, labels *IDX) (*Set, error) {
	if len(images.Dims) != 3 {
		return nil, fmt.Errorf("dataset: %s images: want 3 dimensions (count, rows, columns), got %v", name, images.Dims)
	}
	if labels != nil {
		if len(labels.Dims) != 1 {
			return nil, fmt.Errorf("dataset: %s labels: want 1 dimension, got %v", name, labels.Dims)
		}
		if labels.Dims[0] != images.Dims[0] {
			return nil, fmt.Errorf("dataset: %s: %d images but %d labels", name, images.Dims[0], labels.Dims[0])
		}
		for i, l := range labels.Data {
			if l > 9 {
				return nil, fmt.Errorf("dataset: %s labels: label %d of image %d is not a digit", name, l, i)
			}
		}
	}
	s := &Set{Name: name, Height: images.Dims[1], Width: images.Dims[2], Pixels: make([]float32, len(images.Data))}
	for i, b := range images.Data {
		s.Pixels[i] = float32(b) / 255
	}
	if labels != nil {
		s.Labels = labels.Data
	}
	return s, nil
}
