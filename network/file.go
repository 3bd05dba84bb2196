package network

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"autoencoder-studio/network/atomicfile"
)

// FileMagic opens every model file.
const FileMagic = "AESTUDIO"

// FileVersion is the model file format this build writes and the newest it
// reads. Version 1 holds the spec, seed, history and weights; version 2 adds
// the optimizer's state and the run's metadata.
const FileVersion = 2

// maxHeader bounds the JSON header of a model file.
const maxHeader = 16 << 20

// maxSlots is the most slots an optimizer keeps (Adam, Adadelta).
const maxSlots = 2

// Meta describes a saved run for the people who look at it later.
type Meta struct {
	Name    string    `json:"name,omitempty"`
	Created time.Time `json:"created,omitzero"`
	Notes   string    `json:"notes,omitempty"`
	// Dataset names the data the model was trained on, such as "mnist".
	Dataset string `json:"dataset,omitempty"`
	// FitSeed is the FitConfig.Seed the history was trained with: resuming
	// with it and FitConfig.InitialEpoch = len(history) gives the batch
	// order of an uninterrupted run.
	FitSeed uint64 `json:"fit_seed,omitempty"`
	// TrainLimit, when positive, is the number of the dataset's first
	// training images the run trained on; continuing it uses as many.
	TrainLimit int `json:"train_limit,omitempty"`
}

// Run is what a model file holds: a model with its optimizer state, its
// training history and its metadata.
type Run struct {
	Model   *Model
	History []Epoch
	Meta    Meta
	// Version is the format version of the file the run was read from.
	Version int
	// OptimizerRestored reports whether the file held the optimizer's
	// state, so that training continues exactly where it stopped. It is
	// false for version-1 files, whose optimizer starts afresh.
	OptimizerRestored bool
}

// fileHeader is the JSON part of a model file.
type fileHeader struct {
	Spec    Spec        `json:"spec"`
	Seed    uint64      `json:"seed"`
	History []Epoch     `json:"history"`
	Params  []paramInfo `json:"params"`
	// Version 2.
	Optimizer *optimizerInfo `json:"optimizer,omitempty"`
	Meta      *Meta          `json:"meta,omitempty"`
}

type paramInfo struct {
	Name  string `json:"name"`
	Shape Shape  `json:"shape"`
}

// optimizerInfo describes the optimizer state stored after the weights:
// for every slot in order, one value per parameter value.
type optimizerInfo struct {
	Name  string   `json:"name"`
	Steps int      `json:"steps"`
	Slots []string `json:"slots"`
}

// Save writes m and its training history to w in the model file format,
// with empty metadata: see SaveRun.
func Save(w io.Writer, m *Model, history []Epoch) error {
	return SaveRun(w, m, history, Meta{})
}

// SaveRun writes m, its optimizer's state, its training history and meta to
// w in the versioned model file format (version FileVersion): the magic
// "AESTUDIO"; the format version and the header length as little-endian
// uint32; a JSON header (spec, seed, history, parameter names and shapes,
// the optimizer's name, step count and slot names, and meta); the
// parameters as little-endian float32; the optimizer's slots, each one
// value per parameter value in parameter order, as little-endian float32;
// and a CRC-32 (IEEE) of everything before it.
func SaveRun(w io.Writer, m *Model, history []Epoch, meta Meta) error {
	h := fileHeader{Spec: m.spec, Seed: m.seed, History: history, Meta: &meta}
	for _, p := range m.params {
		h.Params = append(h.Params, paramInfo{Name: p.Name, Shape: p.Shape})
	}
	var st OptimizerState
	if m.opt != nil {
		st = m.opt.State()
		h.Optimizer = &optimizerInfo{Name: st.Name, Steps: st.Steps, Slots: []string{}}
		for _, sl := range st.Slots {
			h.Optimizer.Slots = append(h.Optimizer.Slots, sl.Name)
		}
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if len(hb) > maxHeader {
		return fmt.Errorf("save model: the header (architecture, history and notes) takes %d bytes, more than the %d a model file may hold", len(hb), maxHeader)
	}
	var buf bytes.Buffer
	buf.WriteString(FileMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(FileVersion))
	binary.Write(&buf, binary.LittleEndian, uint32(len(hb)))
	buf.Write(hb)
	var f [4]byte
	put := func(vals []float32) {
		for _, v := range vals {
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(v))
			buf.Write(f[:])
		}
	}
	for _, p := range m.params {
		put(p.Value)
	}
	for _, sl := range st.Slots {
		for _, v := range sl.Values {
			put(v)
		}
	}
	binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Load reads a model file written by Save or SaveRun and returns the model,
// with its optimizer state when the file holds it, and the history: see
// LoadRun.
func Load(r io.Reader) (*Model, []Epoch, error) {
	run, err := LoadRun(r)
	if err != nil {
		return nil, nil, err
	}
	return run.Model, run.History, nil
}

// LoadRun reads a model file of any version up to FileVersion. A version-1
// file has no optimizer state, so the model's optimizer starts afresh, and
// no metadata. LoadRun returns an error saying what is wrong for a file that
// is truncated, corrupt, not a model file, or written by a newer format
// version; it never panics on bad input.
func LoadRun(r io.Reader) (*Run, error) {
	fail := func(format string, a ...any) (*Run, error) {
		return nil, fmt.Errorf("load model: "+format, a...)
	}
	// Read the fixed part first: a file that is not a model file, or that
	// declares an oversized header, is refused before anything else is read.
	b := make([]byte, len(FileMagic)+8)
	n, err := io.ReadFull(r, b)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("load model: %w", err)
	}
	if n < len(FileMagic) || string(b[:len(FileMagic)]) != FileMagic {
		return fail("not an Autoencoder Studio model file")
	}
	if err != nil {
		return fail("file truncated after %d bytes", n)
	}
	version := binary.LittleEndian.Uint32(b[len(FileMagic):])
	if version == 0 || version > FileVersion {
		return fail("file format version %d is newer than this build reads (%d): update Autoencoder Studio", version, FileVersion)
	}
	hlen := int(binary.LittleEndian.Uint32(b[len(FileMagic)+4:]))
	if hlen > maxHeader {
		return fail("file corrupt: header of %d bytes, more than the %d a model file may have", hlen, maxHeader)
	}
	// The header, then at most the largest weights and optimizer state a
	// model may hold, plus the checksum and one byte to detect excess.
	limit := int64(hlen) + 4*maxModelValues*(1+maxSlots) + 4 + 1
	rest, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	if int64(len(rest)) == limit {
		return fail("file corrupt: more data than the largest model holds")
	}
	b = append(b, rest...)
	rest = b[len(FileMagic)+8:]
	if hlen > len(rest)-4 {
		return fail("file truncated or corrupt: header of %d bytes in a %d-byte file", hlen, len(b))
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	var h fileHeader
	dec := json.NewDecoder(bytes.NewReader(rest[:hlen]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return fail("corrupt header: %v", err)
	}
	if version == 1 && (h.Optimizer != nil || h.Meta != nil) {
		return fail("corrupt header: version-1 file with optimizer state or metadata")
	}
	data := rest[hlen : len(rest)-4]
	// Check the sizes the header declares against the data, and the
	// checksum, before building: a corrupt header must not make Load
	// allocate a model larger than the file.
	values := 0
	for i, p := range h.Params {
		n := 1
		for _, d := range p.Shape {
			if d <= 0 || d > maxParamValues || n*d > maxParamValues {
				return fail("corrupt header: parameter %d has shape %s", i, p.Shape)
			}
			n *= d
		}
		if values += n; values > maxModelValues {
			return fail("corrupt header: more than %d parameter values", maxModelValues)
		}
	}
	slots := 0
	if h.Optimizer != nil {
		if slots = len(h.Optimizer.Slots); slots > maxSlots {
			return fail("corrupt header: %d optimizer slots, no optimizer keeps more than %d", slots, maxSlots)
		}
	}
	if want := 4 * values * (1 + slots); len(data) != want {
		return fail("file truncated or corrupt: %d bytes of weights and optimizer state, want %d", len(data), want)
	}
	if got := crc32.ChecksumIEEE(body); got != sum {
		return fail("checksum mismatch (file is corrupt)")
	}
	m, err := Build(h.Spec, h.Seed)
	if err != nil {
		return fail("the stored architecture does not build: %w", err)
	}
	if len(h.Params) != len(m.params) {
		return fail("file lists %d parameters, the architecture has %d", len(h.Params), len(m.params))
	}
	for i, p := range m.params {
		if h.Params[i].Name != p.Name || !h.Params[i].Shape.Equal(p.Shape) {
			return fail("parameter %d is %s %s in the file, %s %s in the architecture", i, h.Params[i].Name, h.Params[i].Shape, p.Name, p.Shape)
		}
	}
	if n := len(m.opt.Config().SlotNames()); slots > n {
		return fail("corrupt header: %d optimizer slots, %s keeps %d", slots, m.opt.Config().Name, n)
	}
	off := 0
	next := func() float32 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(data[off:]))
		off += 4
		return v
	}
	for _, p := range m.params {
		for i := range p.Value {
			v := next()
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return fail("parameter %s holds a non-finite value", p.Name)
			}
			p.Value[i] = v
		}
	}
	run := &Run{Model: m, History: h.History, Version: int(version)}
	if h.Meta != nil {
		run.Meta = *h.Meta
	}
	if h.Optimizer != nil {
		st := OptimizerState{Name: h.Optimizer.Name, Steps: h.Optimizer.Steps}
		for _, name := range h.Optimizer.Slots {
			sl := OptimizerSlot{Name: name, Values: make([][]float32, len(m.params))}
			for k, p := range m.params {
				sl.Values[k] = make([]float32, len(p.Value))
				for i := range sl.Values[k] {
					sl.Values[k][i] = next()
				}
			}
			st.Slots = append(st.Slots, sl)
		}
		if err := m.opt.SetState(st, m.params); err != nil {
			return fail("%w", err)
		}
		run.OptimizerRestored = true
	}
	return run, nil
}

// SaveFile saves m and history to path atomically, with empty metadata:
// see SaveRunFile.
func SaveFile(path string, m *Model, history []Epoch) error {
	return SaveRunFile(path, m, history, Meta{})
}

// SaveRunFile saves m, its optimizer state, history and meta to path
// atomically (see package atomicfile): a crash or a kill during the save
// leaves either the old file or the new one, whole, and never a truncated
// one. The saved file is readable by all (0644), as any document.
func SaveRunFile(path string, m *Model, history []Epoch, meta Meta) error {
	return atomicfile.Write(path, 0o644, func(w io.Writer) error { return SaveRun(w, m, history, meta) })
}

// LoadFile loads a model file from path: see LoadRun.
func LoadFile(path string) (*Model, []Epoch, error) {
	run, err := LoadRunFile(path)
	if err != nil {
		return nil, nil, err
	}
	return run.Model, run.History, nil
}

// LoadRunFile loads a model file from path: see LoadRun.
func LoadRunFile(path string) (*Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	run, err := LoadRun(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return run, nil
}
