package cli

import (
	"encoding/csv"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"autoencoder-studio/network"
)

var scoreModel struct {
	once sync.Once
	path string
	err  string
}

// trainedOnMNIST returns a vanilla model trained for one epoch on 20,000
// MNIST digits, trained once for all the tests.
func trainedOnMNIST(t *testing.T) string {
	t.Helper()
	scoreModel.once.Do(func() {
		dir, err := os.MkdirTemp("", "score-test")
		if err != nil {
			scoreModel.err = err.Error()
			return
		}
		scoreModel.path = filepath.Join(dir, "model.aes")
		if code, out, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "20000", "--out", dir, "--quiet"); code != 0 {
			scoreModel.err = out + errOut
		}
	})
	if scoreModel.err != "" {
		t.Fatal(scoreModel.err)
	}
	return scoreModel.path
}

var aucLine = regexp.MustCompile(`AUC (\d\.\d+)`)

func TestScore(t *testing.T) {
	model := trainedOnMNIST(t)
	rings := writeRings(t, 6)
	for _, tc := range []struct {
		against   string
		otherName string
		nOther    int
		minAUC    float64
	}{
		{"fashion", "Fashion-MNIST", 10000, 0.9},
		{"noise", "MNIST with noise", 10000, 0.9},
		{rings, filepath.Base(rings), 6, 0},
	} {
		t.Run(filepath.Base(tc.against), func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := run(t, "score", "--model", model, "--against", tc.against, "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			m := aucLine.FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("no AUC in %q", stdout)
			}
			printed, _ := strconv.ParseFloat(m[1], 64)
			if printed < tc.minAUC {
				t.Errorf("AUC %v against %s, want at least %v", printed, tc.against, tc.minAUC)
			}
			// The CSV holds every image's error, and its errors give the
			// AUC printed.
			f, err := os.Open(filepath.Join(out, "scores.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(recs[0], ",") != "set,index,label,class,error" {
				t.Errorf("header %v", recs[0])
			}
			var own, other []float64
			for _, r := range recs[1:] {
				e, err := strconv.ParseFloat(r[4], 64)
				if err != nil || e < 0 {
					t.Fatalf("row %v: error %v", r, err)
				}
				switch r[0] {
				case "MNIST":
					own = append(own, e)
				case tc.otherName:
					other = append(other, e)
				default:
					t.Fatalf("row of set %q", r[0])
				}
			}
			if len(own) != 10000 || len(other) != tc.nOther {
				t.Fatalf("%d own and %d other rows, want 10000 and %d", len(own), len(other), tc.nOther)
			}
			if auc := network.AUC(own, other); math.Abs(auc-printed) > 1e-4 {
				t.Errorf("printed AUC %v, the CSV's errors give %v", printed, auc)
			}
			if tc.against == "fashion" && recs[10001][3] != "Ankle boot" {
				t.Errorf("first Fashion-MNIST row %v, want class Ankle boot", recs[10001])
			}
			for _, name := range []string{"hist.png", "roc.png", "extremes.png"} {
				f, err := os.Open(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(f)
				f.Close()
				if err != nil || img.Bounds().Dx() < 300 {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
}

func TestScoreErrors(t *testing.T) {
	model := trainedOnMNIST(t)
	folderRun := t.TempDir()
	rings := writeRings(t, 4)
	if code, out, errOut := run(t, "train", "--preset", "vanilla", "--data", rings, "--epochs", "1", "--out", folderRun, "--quiet"); code != 0 {
		t.Fatal(out, errOut)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--model", model}, 2, "give the model with --model FILE and the other images with --against"},
		{[]string{"--model", model, "--against", "mnist"}, 1, "that is the model's own dataset"},
		{[]string{"--model", model, "--against", "cifar"}, 1, `--against "cifar": not fashion, mnist, noise nor a folder`},
		{[]string{"--model", filepath.Join(t.TempDir(), "none.aes"), "--against", "fashion"}, 1, "load model"},
		{[]string{"--model", filepath.Join(folderRun, "model.aes"), "--against", "fashion"}, 1, "a folder of images: give that folder with --own DIR"},
	} {
		code, _, stderr := run(t, append([]string{"score", "--out", t.TempDir()}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("score %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	// With --own the folder-trained model scores its validation images.
	code, stdout, stderr := run(t, "score", "--model", filepath.Join(folderRun, "model.aes"), "--own", rings, "--against", "fashion", "--out", t.TempDir())
	if code != 0 || !strings.Contains(stdout, "scored on 1 "+filepath.Base(rings)+" images (its own)") {
		t.Errorf("--own: exit %d, %s%s", code, stdout, stderr)
	}
}
