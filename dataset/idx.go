package dataset

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// IDX type codes for the element types of an IDX file.
const (
	idxUint8 = 0x08
)

// maxIDXBytes bounds the payload an IDX header may announce, so a corrupt
// header cannot make ReadIDX allocate without limit.
const maxIDXBytes = 1 << 30

// IDX is the content of an IDX file of unsigned bytes: its dimensions and its
// elements in row-major order.
type IDX struct {
	Dims []int
	Data []byte
}

// ReadIDX reads an IDX file of unsigned bytes from r, gzip-compressed or raw.
// It checks the magic number, the dimensions and that the payload is exactly
// as long as the dimensions say, and returns an error naming what is wrong.
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, fmt.Errorf("idx: read header: %w", unexpectedEOF(err))
	}
	var src io.Reader = br
	if head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("idx: gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	var magic [4]byte
	if _, err := io.ReadFull(src, magic[:]); err != nil {
		return nil, fmt.Errorf("idx: read magic: %w", unexpectedEOF(err))
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, fmt.Errorf("idx: bad magic 0x%02x%02x%02x%02x: not an IDX file", magic[0], magic[1], magic[2], magic[3])
	}
	if magic[2] != idxUint8 {
		return nil, fmt.Errorf("idx: element type 0x%02x not supported (want 0x08, unsigned byte)", magic[2])
	}
	ndim := int(magic[3])
	if ndim == 0 || ndim > 4 {
		return nil, fmt.Errorf("idx: %d dimensions not supported (want 1 to 4)", ndim)
	}
	dims := make([]int, ndim)
	total := 1
	for i := range dims {
		var d uint32
		if err := binary.Read(src, binary.BigEndian, &d); err != nil {
			return nil, fmt.Errorf("idx: read dimension %d: %w", i, unexpectedEOF(err))
		}
		if d == 0 {
			return nil, fmt.Errorf("idx: dimension %d is zero", i)
		}
		if int64(total)*int64(d) > maxIDXBytes {
			return nil, fmt.Errorf("idx: dimensions %v… exceed %d bytes", dims[:i+1], maxIDXBytes)
		}
		dims[i] = int(d)
		total *= int(d)
	}
	data := make([]byte, total)
	if n, err := io.ReadFull(src, data); err != nil {
		return nil, fmt.Errorf("idx: payload truncated: got %d of %d bytes for dimensions %v: %w", n, total, dims, unexpectedEOF(err))
	}
	var extra [1]byte
	if n, _ := src.Read(extra[:]); n > 0 {
		return nil, fmt.Errorf("idx: trailing bytes after %d-byte payload for dimensions %v", total, dims)
	}
	return &IDX{Dims: dims, Data: data}, nil
}

func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// ParseIDX is ReadIDX over a byte slice.
func ParseIDX(b []byte) (*IDX, error) { return ReadIDX(bytes.NewReader(b)) }
