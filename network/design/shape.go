package design

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"autoencoder-studio/network"
)

// ParseShape reads a shape typed as "7,7,16", "7x7x16" or "7×7×16". It
// returns an error for an empty shape or a side that is not a positive
// whole number.
func ParseShape(text string) (network.Shape, error) {
	f := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == 'x' || r == '×' || r == ' ' })
	if len(f) == 0 {
		return nil, errors.New("shape is empty (type e.g. 7,7,16)")
	}
	s := make(network.Shape, len(f))
	for i, p := range f {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("shape %q: %q is not a positive whole number", text, p)
		}
		s[i] = n
	}
	return s, nil
}

// ShapeText formats a shape as "7,7,16" for editing.
func ShapeText(s network.Shape) string {
	p := make([]string, len(s))
	for i, n := range s {
		p[i] = strconv.Itoa(n)
	}
	return strings.Join(p, ",")
}
