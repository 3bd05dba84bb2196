package network

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
)

// FileMagic opens every model file.
const FileMagic = "AESTUDIO"

// FileVersion is the model file format this build writes and the newest it
// reads.
const FileVersion = 1

// maxHeader bounds the JSON header of a model file.
const maxHeader = 16 << 20

// fileHeader is the JSON part of a model file.
type fileHeader struct {
	Spec    Spec        `json:"spec"`
	Seed    uint64      `json:"seed"`
	History []Epoch     `json:"history"`
	Params  []paramInfo `json:"params"`
}

type paramInfo struct {
	Name  string `json:"name"`
	Shape Shape  `json:"shape"`
}

// Save writes m and its training history to w in the versioned model file
// format: the magic "AESTUDIO", the format version and the header length as
// little-endian uint32, a JSON header (spec, seed, history, parameter names
// and shapes), the parameters as little-endian float32, and a CRC-32 (IEEE)
// of everything before it.
func Save(w io.Writer, m *Model, history []Epoch) error {
	h := fileHeader{Spec: m.spec, Seed: m.seed, History: history}
	for _, p := range m.params {
		h.Params = append(h.Params, paramInfo{Name: p.Name, Shape: p.Shape})
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(FileMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(FileVersion))
	binary.Write(&buf, binary.LittleEndian, uint32(len(hb)))
	buf.Write(hb)
	var f [4]byte
	for _, p := range m.params {
		for _, v := range p.Value {
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(v))
			buf.Write(f[:])
		}
	}
	binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Load reads a model file written by Save. It returns an error saying what is
// wrong for a file that is truncated, corrupt, not a model file, or written
// by a newer format version; it never panics on bad input.
func Load(r io.Reader) (*Model, []Epoch, error) {
	b, err := io.ReadAll(io.LimitReader(r, 1<<31))
	if err != nil {
		return nil, nil, fmt.Errorf("load model: %w", err)
	}
	fail := func(format string, a ...any) (*Model, []Epoch, error) {
		return nil, nil, fmt.Errorf("load model: "+format, a...)
	}
	if len(b) < len(FileMagic) || string(b[:len(FileMagic)]) != FileMagic {
		return fail("not an Autoencoder Studio model file")
	}
	if len(b) < len(FileMagic)+12 {
		return fail("file truncated after %d bytes", len(b))
	}
	rest := b[len(FileMagic):]
	version := binary.LittleEndian.Uint32(rest)
	if version == 0 || version > FileVersion {
		return fail("file format version %d is newer than this build reads (%d): update Autoencoder Studio", version, FileVersion)
	}
	hlen := int(binary.LittleEndian.Uint32(rest[4:]))
	rest = rest[8:]
	if hlen > maxHeader || hlen > len(rest)-4 {
		return fail("file truncated or corrupt: header of %d bytes in a %d-byte file", hlen, len(b))
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	var h fileHeader
	dec := json.NewDecoder(bytes.NewReader(rest[:hlen]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return fail("corrupt header: %v", err)
	}
	data := rest[hlen : len(rest)-4]
	m, err := Build(h.Spec, h.Seed)
	if err != nil {
		return fail("the stored architecture does not build: %w", err)
	}
	if len(h.Params) != len(m.params) {
		return fail("file lists %d parameters, the architecture has %d", len(h.Params), len(m.params))
	}
	want := 0
	for i, p := range m.params {
		if h.Params[i].Name != p.Name || !h.Params[i].Shape.Equal(p.Shape) {
			return fail("parameter %d is %s %s in the file, %s %s in the architecture", i, h.Params[i].Name, h.Params[i].Shape, p.Name, p.Shape)
		}
		want += 4 * len(p.Value)
	}
	if len(data) != want {
		return fail("file truncated or corrupt: %d bytes of weights, want %d", len(data), want)
	}
	if got := crc32.ChecksumIEEE(body); got != sum {
		return fail("checksum mismatch (file is corrupt)")
	}
	off := 0
	for _, p := range m.params {
		for i := range p.Value {
			v := math.Float32frombits(binary.LittleEndian.Uint32(data[off:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return fail("parameter %s holds a non-finite value", p.Name)
			}
			p.Value[i] = v
			off += 4
		}
	}
	return m, h.History, nil
}

// SaveFile saves m and history to path atomically: it writes a temporary file
// in the same folder, syncs it and renames it over path, so a crash never
// leaves a half-written model file.
func SaveFile(path string, m *Model, history []Epoch) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := Save(f, m, history); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// LoadFile loads a model file from path.
func LoadFile(path string) (*Model, []Epoch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	m, h, err := Load(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return m, h, nil
}
