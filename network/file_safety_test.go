package network

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// countingReader yields endless junk and counts the bytes it gave.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestLoadChecksMagicFirst(t *testing.T) {
	r := &countingReader{}
	_, err := LoadRun(r)
	if err == nil || !strings.Contains(err.Error(), "not an Autoencoder Studio model file") {
		t.Fatalf("LoadRun(junk) = %v", err)
	}
	if r.n > 64 {
		t.Errorf("LoadRun read %d bytes of a junk file before refusing it", r.n)
	}
	// A model file that declares a header past the limit is refused at once.
	hdr := []byte(FileMagic + "\x02\x00\x00\x00\xff\xff\xff\x7f")
	r2 := &countingReader{}
	_, err = LoadRun(io.MultiReader(bytes.NewReader(hdr), r2))
	if err == nil || !strings.Contains(err.Error(), "more than the 16777216 a model file may have") {
		t.Fatalf("LoadRun(huge header) = %v", err)
	}
	if r2.n > 0 {
		t.Errorf("LoadRun read %d bytes past a header it refuses", r2.n)
	}
}

func TestSaveRefusesHeaderItCannotLoad(t *testing.T) {
	s, _ := Preset("sparse")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	err = SaveRun(io.Discard, m, nil, Meta{Notes: strings.Repeat("n", maxHeader)})
	if err == nil || !strings.Contains(err.Error(), "more than the 16777216 a model file may hold") {
		t.Errorf("SaveRun with a 16 MiB note = %v, want the header limit", err)
	}
}

// The child process of TestSaveSurvivesKill: it saves the model of seed 2
// over the file again and again until it is killed.
const killChildEnv = "AESTUDIO_KILL_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(killChildEnv); path != "" {
		killChild(path)
		return
	}
	os.Exit(m.Run())
}

func killModel(seed uint64) *Model {
	s, _ := Preset("multilayer")
	m, err := Build(s, seed)
	if err != nil {
		panic(err)
	}
	return m
}

func killChild(path string) {
	m := killModel(2)
	fmt.Println("ready")
	for {
		if err := SaveRunFile(path, m, []Epoch{{Epoch: 1}}, Meta{Name: "new"}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// TestSaveSurvivesKill saves over an existing model file from a child
// process and kills it at random moments during the writes: the file must
// always load as the old or the new model, and the next save must leave no
// temporary file behind.
func TestSaveSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 child processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "run1.aes")
	old, fresh := killModel(1), killModel(2)
	if err := SaveRunFile(path, old, nil, Meta{Name: "old"}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 50
	saw := map[string]int{}
	midWrite := 0 // kills that left a temporary file: they landed during a write
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q", line)
		}
		// One save of this model takes a few milliseconds.
		time.Sleep(time.Duration(rng.Int64N(int64(15 * time.Millisecond))))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		run, err := LoadRunFile(path)
		if err != nil {
			t.Fatalf("kill %d: the file does not load: %v", i+1, err)
		}
		switch {
		case run.Meta.Name == "old" && slices.Equal(run.Model.Params()[0].Value, old.Params()[0].Value):
		case run.Meta.Name == "new" && slices.Equal(run.Model.Params()[0].Value, fresh.Params()[0].Value):
		default:
			t.Fatalf("kill %d: the file holds %q, neither the old nor the new model", i+1, run.Meta.Name)
		}
		saw[run.Meta.Name]++
		// The next save clears what a killed one left, so look now.
		if left, _ := os.ReadDir(dir); len(left) > 1 {
			midWrite++
		}
	}
	t.Logf("after %d kills: %v, %d of them during a write", kills, saw, midWrite)
	if midWrite == 0 {
		t.Error("no kill landed during a write: the test proves nothing")
	}
	if err := SaveRunFile(path, old, nil, Meta{Name: "old"}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after the next save the folder holds %q, want only run1.aes", names)
	}
}
