package network

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func savedModel(t testing.TB) (*Model, []Epoch, []byte) {
	t.Helper()
	s, _ := Preset("sparse")
	m, err := Build(s, 42)
	if err != nil {
		t.Fatal(err)
	}
	hist := []Epoch{{Epoch: 1, TrainLoss: 0.5, ValLoss: 0.25, ValMSE: 0.2, Seconds: 1.5}}
	var buf bytes.Buffer
	if err := Save(&buf, m, hist); err != nil {
		t.Fatal(err)
	}
	return m, hist, buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m, hist, b := savedModel(t)
	path := filepath.Join(t.TempDir(), "sparse.aes")
	if err := SaveFile(path, m, hist); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("saved file mode %v (%v), want -rw-r--r--", st.Mode(), err)
	}
	got, gotHist, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotHist) != 1 || gotHist[0] != hist[0] {
		t.Errorf("history %+v, want %+v", gotHist, hist)
	}
	for i, p := range m.Params() {
		for j, v := range p.Value {
			if got.Params()[i].Value[j] != v {
				t.Fatalf("%s[%d] = %v, want %v", p.Name, j, got.Params()[i].Value[j], v)
			}
		}
	}
	var again bytes.Buffer
	if err := Save(&again, got, gotHist); err != nil || !bytes.Equal(again.Bytes(), b) {
		t.Errorf("saving the loaded model gives different bytes (err %v)", err)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	_, _, good := savedModel(t)
	flip := append([]byte(nil), good...)
	flip[len(flip)-100] ^= 0x40
	newer := append([]byte(nil), good...)
	newer[8] = 9
	trained, _ := trainedFile(t, "adam")
	h, data := splitFile(t, trained)
	edit := func(f func(h map[string]any)) []byte { return rawFile(2, edit2(h, f), data) }
	opt := func(h map[string]any) map[string]any { return h["optimizer"].(map[string]any) }
	nan := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(nan[len(nan)-8:], math.Float32bits(float32(math.NaN())))
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"foreign optimizer state", edit(func(h map[string]any) { opt(h)["name"] = "rmsprop" }), `state of "rmsprop" for a "adam" optimizer`},
		{"slot renamed", edit(func(h map[string]any) { opt(h)["slots"] = []string{"m", "w"} }), `slot 1 is "w", want "v"`},
		{"too many slots", edit(func(h map[string]any) { opt(h)["slots"] = []string{"m", "v", "x"} }), "3 optimizer slots, no optimizer keeps more than 2"},
		{"huge parameter", edit(func(h map[string]any) {
			h["params"].([]any)[0].(map[string]any)["shape"] = []int{1 << 20, 1 << 20}
		}), "corrupt header: parameter 0 has shape 1048576×1048576"},
		{"negative shape", edit(func(h map[string]any) {
			h["params"].([]any)[1].(map[string]any)["shape"] = []int{-32}
		}), "corrupt header: parameter 1 has shape -32"},
		{"other architecture", edit(func(h map[string]any) {
			h["params"].([]any)[0].(map[string]any)["shape"] = []int{32, 784}
		}), "parameter 0 is dense_1/kernel 32×784 in the file, dense_1/kernel 784×32 in the architecture"},
		{"slots missing", edit(func(h map[string]any) { opt(h)["slots"] = []string{} }), "truncated or corrupt"},
		{"slots missing, data cut", rawFile(2, edit2(h, func(h map[string]any) { opt(h)["slots"] = []string{} }), data[:len(data)/3]), "adam after 1 steps keeps 2 slots"},
		{"negative steps", edit(func(h map[string]any) { opt(h)["steps"] = -3 }), "negative step count"},
		{"non-finite state", rawFile(2, h, nan), "slot v of dense_2/bias holds a non-finite value"},
		{"unknown field", edit(func(h map[string]any) { h["extra"] = 1 }), `unknown field "extra"`},
		{"version 1 with state", rawFile(1, h, data), "version-1 file with optimizer state"},
		{"weights only", rawFile(2, h, data[:len(data)/3]), "truncated or corrupt"},
		{"empty", nil, "not an Autoencoder Studio model file"},
		{"png", []byte("\x89PNG\r\n\x1a\n0000000000000"), "not an Autoencoder Studio model file"},
		{"magic only", []byte(FileMagic), "truncated"},
		{"truncated", good[:len(good)/2], "truncated"},
		{"one byte short", good[:len(good)-1], "truncated or corrupt"},
		{"bit flip", flip, "checksum mismatch"},
		{"newer", newer, "version 9 is newer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load(bytes.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// FuzzLoad feeds Load bytes mutated from small model files (the fuzzer
// slows to a crawl on inputs of hundreds of kilobytes, so the seeds are tiny
// models), each both as it is and with its checksum fixed so the mutations
// reach the checks after it.
func FuzzLoad(f *testing.F) {
	for _, opt := range []string{"adam", "sgd", "rmsprop"} {
		good := tinyFile(f, opt)
		f.Add(good)
		f.Add(good[:100])
		f.Add(version1(f, good))
	}
	rng := rand.New(rand.NewPCG(1, 1))
	junk := make([]byte, 300)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	f.Add(append([]byte(FileMagic+"\x01\x00\x00\x00\x10\x00\x00\x00"), junk...))
	f.Fuzz(func(t *testing.T, b []byte) {
		run, err := LoadRun(bytes.NewReader(b))
		if err == nil && (run == nil || run.Model == nil) {
			t.Fatal("no model and no error")
		}
		// The same bytes with a valid checksum reach the checks after it.
		if len(b) >= 4 {
			fixed := binary.LittleEndian.AppendUint32(append([]byte(nil), b[:len(b)-4]...), crc32.ChecksumIEEE(b[:len(b)-4]))
			run, err := LoadRun(bytes.NewReader(fixed))
			if err == nil && (run == nil || run.Model == nil) {
				t.Fatal("no model and no error")
			}
		}
	})
}

// edit2 returns a copy of header h, edited by f.
func edit2(h fileHeader, f func(h map[string]any)) map[string]any {
	var c map[string]any
	b, _ := json.Marshal(h)
	json.Unmarshal(b, &c)
	f(c)
	return c
}

// rawFile assembles a model file of the given version from a header and
// the bytes after it, with a correct checksum.
func rawFile(version uint32, header any, data []byte) []byte {
	hb, err := json.Marshal(header)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	buf.WriteString(FileMagic)
	binary.Write(&buf, binary.LittleEndian, version)
	binary.Write(&buf, binary.LittleEndian, uint32(len(hb)))
	buf.Write(hb)
	buf.Write(data)
	binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
	return buf.Bytes()
}

// splitFile returns the header of a model file and the bytes between it
// and the checksum.
func splitFile(t testing.TB, b []byte) (fileHeader, []byte) {
	t.Helper()
	n := len(FileMagic)
	hlen := int(binary.LittleEndian.Uint32(b[n+4:]))
	var h fileHeader
	if err := json.Unmarshal(b[n+8:n+8+hlen], &h); err != nil {
		t.Fatal(err)
	}
	return h, b[n+8+hlen : len(b)-4]
}

// version1 rewrites a version-2 file of a model as version 1 would have
// written it: no optimizer state, no metadata.
func version1(t testing.TB, b []byte) []byte {
	t.Helper()
	h, data := splitFile(t, b)
	values := 0
	for _, p := range h.Params {
		values += p.Shape.Size()
	}
	h.Optimizer, h.Meta = nil, nil
	return rawFile(1, h, data[:4*values])
}

// trainedFile returns a saved sparse model whose optimizer has taken one
// step, and the model.
func trainedFile(t testing.TB, optimizer string) ([]byte, *Model) {
	t.Helper()
	s, _ := Preset("sparse")
	s.Optimizer = OptimizerSpec{Name: optimizer, Momentum: 0.9}
	if optimizer != "sgd" {
		s.Optimizer.Momentum = 0
	}
	m, err := Build(s, 5)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, 2*784)
	for i := range x {
		x[i] = rng.Float32()
	}
	m.TrainStep(x, x, 2)
	var buf bytes.Buffer
	if err := SaveRun(&buf, m, nil, Meta{Name: "one step"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

// TestLoadRunOptimizerState checks that every optimizer's state survives a
// save and a load, so the next steps of the original and the loaded model
// agree bit for bit.
func TestLoadRunOptimizerState(t *testing.T) {
	for _, name := range Optimizers {
		t.Run(name, func(t *testing.T) {
			b, m := trainedFile(t, name)
			run, err := LoadRun(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !run.OptimizerRestored || run.Version != FileVersion || run.Meta.Name != "one step" {
				t.Errorf("run: restored %v, version %d, meta %+v", run.OptimizerRestored, run.Version, run.Meta)
			}
			got, want := run.Model.Optimizer().State(), m.Optimizer().State()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("optimizer state differs after loading")
			}
			if want.Steps != 1 || len(want.Slots) != len(m.Optimizer().Config().SlotNames()) {
				t.Errorf("state after one step: %d steps, %d slots", want.Steps, len(want.Slots))
			}
			rng := rand.New(rand.NewPCG(3, 4))
			x := make([]float32, 3*784)
			for i := range x {
				x[i] = rng.Float32()
			}
			for range 2 {
				m.TrainStep(x, x, 3)
				run.Model.TrainStep(x, x, 3)
			}
			sameWeights(t, run.Model, m)
		})
	}
}

// sameWeights fails unless got and want hold bit-identical parameters.
func sameWeights(t *testing.T, got, want *Model) {
	t.Helper()
	for i, p := range want.Params() {
		for j, v := range p.Value {
			if g := got.Params()[i].Value[j]; math.Float32bits(g) != math.Float32bits(v) {
				t.Fatalf("%s[%d] = %v, want %v", p.Name, j, g, v)
			}
		}
	}
}

// TestContinueTraining checks that training 2 epochs straight and training
// 1 epoch, saving, loading and training 1 more from InitialEpoch 1 give
// bit-identical weights and the same second epoch.
func TestContinueTraining(t *testing.T) {
	train, val := mnistSubset(t, 300, 50)
	for _, tc := range []struct{ preset, opt string }{
		{"sparse", "adam"}, {"sparse", "adadelta"},
		{"vae", "adam"}, // ε is drawn per batch from the seed, epoch and batch
	} {
		t.Run(tc.preset+"-"+tc.opt, func(t *testing.T) {
			s, _ := Preset(tc.preset)
			s.Optimizer = OptimizerSpec{Name: tc.opt}
			build := func() *Model {
				m, err := Build(s, 11)
				if err != nil {
					t.Fatal(err)
				}
				return m
			}
			cfg := FitConfig{Epochs: 2, BatchSize: 64, Seed: 9}
			straight := build()
			want, err := straight.Fit(context.Background(), train, val, cfg)
			if err != nil {
				t.Fatal(err)
			}

			first := build()
			cfg.Epochs = 1
			hist, err := first.Fit(context.Background(), train, val, cfg)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "run.aes")
			if err := SaveRunFile(path, first, hist, Meta{FitSeed: cfg.Seed}); err != nil {
				t.Fatal(err)
			}
			run, err := LoadRunFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg = FitConfig{Epochs: 2, InitialEpoch: len(run.History), BatchSize: 64, Seed: run.Meta.FitSeed}
			more, err := run.Model.Fit(context.Background(), train, val, cfg)
			if err != nil {
				t.Fatal(err)
			}
			sameWeights(t, run.Model, straight)
			if len(more) != 1 || more[0].Epoch != 2 || more[0].TrainLoss != want[1].TrainLoss || more[0].ValLoss != want[1].ValLoss {
				t.Errorf("resumed history %+v, want epoch 2 of %+v", more, want)
			}
		})
	}
}

func TestFitInitialEpochErrors(t *testing.T) {
	train, val := mnistSubset(t, 10, 0)
	s, _ := Preset("vanilla")
	m, _ := Build(s, 1)
	for _, initial := range []int{-1, 3, 4} {
		if _, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 3, InitialEpoch: initial}); err == nil || !strings.Contains(err.Error(), "initial epoch must be in [0, 3)") {
			t.Errorf("initial epoch %d: error %v", initial, err)
		}
	}
}

// TestLoadVersion1 checks that files of format version 1 still load, with
// a fresh optimizer.
func TestLoadVersion1(t *testing.T) {
	b, m := trainedFile(t, "adam")
	run, err := LoadRun(bytes.NewReader(version1(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	if run.Version != 1 || run.OptimizerRestored || run.Meta != (Meta{}) {
		t.Errorf("version %d, optimizer restored %v, meta %+v; want 1, false, zero", run.Version, run.OptimizerRestored, run.Meta)
	}
	sameWeights(t, run.Model, m)
	if st := run.Model.Optimizer().State(); st.Steps != 0 || len(st.Slots) != 0 {
		t.Errorf("optimizer state %d steps, %d slots; want a fresh one", st.Steps, len(st.Slots))
	}
}

func TestSaveRunFileMeta(t *testing.T) {
	_, m := trainedFile(t, "rmsprop")
	meta := Meta{Name: "mine", Created: time.Date(2025, 3, 1, 12, 30, 0, 5, time.UTC), Notes: "two\nlines", Dataset: "mnist", FitSeed: 7}
	hist := []Epoch{{Epoch: 1, TrainLoss: 0.1}, {Epoch: 2, TrainLoss: 0.05}}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.aes")
	for range 2 { // the second save replaces the first
		if err := SaveRunFile(path, m, hist, meta); err != nil {
			t.Fatal(err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files after saving, want 1 (no temporary left)", len(entries))
	}
	run, err := LoadRunFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Meta.Created.Equal(meta.Created) || run.Meta.Name != meta.Name || run.Meta.Notes != meta.Notes || run.Meta.Dataset != meta.Dataset || run.Meta.FitSeed != meta.FitSeed {
		t.Errorf("meta %+v, want %+v", run.Meta, meta)
	}
	if !reflect.DeepEqual(run.History, hist) {
		t.Errorf("history %+v, want %+v", run.History, hist)
	}
	if _, err := LoadRunFile(filepath.Join(dir, "missing.aes")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error %v", err)
	}
	if err := SaveRunFile(filepath.Join(dir, "no", "such", "m.aes"), m, nil, meta); err == nil {
		t.Error("saving into a missing folder did not fail")
	}
}

// tinyFile returns a saved 6-3-6 dense model whose optimizer has taken one
// step.
func tinyFile(t testing.TB, optimizer string) []byte {
	t.Helper()
	s := Spec{
		Input:     Shape{6},
		Layers:    []LayerSpec{{Type: "dense", Units: 3, Code: true, ActivityRegularizer: Regularizer{L1: 1e-4}}, {Type: "dense", Units: 6, Activation: "sigmoid"}},
		Loss:      "mse",
		Optimizer: OptimizerSpec{Name: optimizer, Momentum: 0.5},
	}
	if optimizer != "sgd" {
		s.Optimizer.Momentum = 0
	}
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	x := []float32{0, 0.2, 0.4, 0.6, 0.8, 1}
	m.TrainStep(x, x, 1)
	var buf bytes.Buffer
	if err := SaveRun(&buf, m, []Epoch{{Epoch: 1, TrainLoss: 0.1}}, Meta{Name: "tiny", Created: time.Unix(1e9, 0).UTC()}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
