package network

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
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
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
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

func FuzzLoad(f *testing.F) {
	_, _, good := savedModel(f)
	f.Add(good)
	f.Add(good[:100])
	rng := rand.New(rand.NewPCG(1, 1))
	junk := make([]byte, 300)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	f.Add(append([]byte(FileMagic+"\x01\x00\x00\x00\x10\x00\x00\x00"), junk...))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, _, err := Load(bytes.NewReader(b))
		if err == nil && m == nil {
			t.Fatal("no model and no error")
		}
	})
}
