package design

import (
	"strings"
	"testing"

	"autoencoder-studio/network"
)

func preset(t *testing.T, name string) network.Spec {
	t.Helper()
	s, err := network.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCodeSize(t *testing.T) {
	for _, tc := range []struct {
		name    string
		spec    network.Spec
		set     int
		want    int
		wantErr string
	}{
		{"blank", Blank(), 16, 16, ""},
		{"vanilla", preset(t, "vanilla"), 48, 48, ""},
		{"conv", preset(t, "conv"), 4, 4, ""},
		{"vae", preset(t, "vae"), 8, 8, ""},
		{"conv-vae", preset(t, "conv-vae"), 3, 3, ""},
		{"zero", Blank(), 0, 32, "at least 1"},
		{"no code", network.Spec{Input: network.Shape{4}, Layers: []network.LayerSpec{{Type: network.TypeDense, Units: 4}}}, 3, 0, "mark a code layer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WithCodeSize(tc.spec, tc.set)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				got = tc.spec
			} else if err != nil {
				t.Fatal(err)
			}
			if n := CodeSize(got); n != tc.want {
				t.Errorf("CodeSize = %d, want %d", n, tc.want)
			}
		})
	}
}

func TestDenseStack(t *testing.T) {
	for _, tc := range []struct {
		name          string
		layers, nodes int
		wantUnits     []int
		wantErr       bool
	}{
		{"none", 0, 0, []int{32, 784}, false},
		{"two", 2, 128, []int{128, 64, 32, 64, 128, 784}, false},
		{"never below the code", 3, 64, []int{64, 32, 32, 32, 32, 32, 64, 784}, false},
		{"too many", MaxDenseLayers + 1, 64, nil, true},
		{"no nodes", 2, 0, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WithDenseStack(Blank(), tc.layers, tc.nodes)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v", err)
			}
			if tc.wantErr {
				return
			}
			var units []int
			for _, l := range got.Layers {
				units = append(units, l.Units)
			}
			if !equalInts(units, tc.wantUnits) {
				t.Errorf("units %v, want %v", units, tc.wantUnits)
			}
			if !IsDenseStack(got) {
				t.Error("not a dense stack")
			}
			if l, n := DenseStack(got); l != tc.layers || (tc.layers > 0 && n != tc.nodes) {
				t.Errorf("DenseStack = %d, %d", l, n)
			}
			if _, err := got.Check(); err != nil {
				t.Error(err)
			}
		})
	}
	if _, err := WithDenseStack(preset(t, "conv"), 1, 8); err == nil {
		t.Error("a dense stack over an image input succeeded")
	}
}

func TestMirrorDecoder(t *testing.T) {
	for _, name := range network.PresetNames() {
		t.Run(name, func(t *testing.T) {
			want := preset(t, name)
			cut := want.Clone()
			cut.Layers = cut.Layers[:CodeIndex(cut)+1]
			got, err := MirrorDecoder(cut)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Layers) != len(want.Layers) {
				t.Fatalf("%d layers, want %d: %+v", len(got.Layers), len(want.Layers), got.Layers)
			}
			for i, l := range want.Layers {
				g := got.Layers[i]
				g.ActivityRegularizer, l.ActivityRegularizer = network.Regularizer{}, network.Regularizer{}
				if g.Type != l.Type || g.Units != l.Units || g.Filters != l.Filters || g.Activation != l.Activation ||
					(l.Padding != "" && g.Padding != l.Padding) || g.Size != l.Size {
					t.Errorf("layer %d = %+v, want %+v", i, g, l)
				}
			}
			if _, err := got.Check(); err != nil {
				t.Error(err)
			}
		})
	}
	if _, err := MirrorDecoder(network.Spec{Input: network.Shape{4}}); err == nil {
		t.Error("mirroring without a code layer succeeded")
	}
}

func TestCheck(t *testing.T) {
	conv := preset(t, "conv")
	badLayer := conv.Clone()
	badLayer.Layers[2] = network.LayerSpec{Type: network.TypeDense, Units: 10} // dense on an image
	badOut := conv.Clone()
	badOut.Layers = badOut.Layers[:len(badOut.Layers)-1]
	for _, tc := range []struct {
		name     string
		spec     network.Spec
		wantInfo int
		wantErr  bool
		errLayer int
	}{
		{"fits", conv, len(conv.Layers), false, -1},
		{"bad layer", badLayer, 2, true, 2},
		{"bad output", badOut, len(badOut.Layers), true, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Check(tc.spec)
			if (err != nil) != tc.wantErr || len(info) != tc.wantInfo || ErrLayer(err) != tc.errLayer {
				t.Errorf("Check = %d infos, %v (layer %d)", len(info), err, ErrLayer(err))
			}
		})
	}
}

func TestParseShape(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want network.Shape
	}{{"7,7,16", network.Shape{7, 7, 16}}, {"7x7×16", network.Shape{7, 7, 16}}, {"784", network.Shape{784}}, {"", nil}, {"7,,0", nil}} {
		got, err := ParseShape(tc.in)
		if (tc.want == nil) != (err != nil) || !got.Equal(tc.want) {
			t.Errorf("ParseShape(%q) = %v, %v", tc.in, got, err)
		}
		if tc.want != nil && ShapeText(got) != strings.NewReplacer("x", ",", "×", ",").Replace(tc.in) {
			t.Errorf("ShapeText(%v) = %q", got, ShapeText(got))
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDescribe(t *testing.T) {
	conv := preset(t, "conv")
	longer := preset(t, "vanilla")
	longer.Train.Epochs, longer.Name = 50, "my run"
	wider, err := WithCodeSize(preset(t, "vanilla"), 16)
	if err != nil {
		t.Fatal(err)
	}
	deeper, err := WithDenseStack(preset(t, "multilayer"), 3, 256)
	if err != nil {
		t.Fatal(err)
	}
	noisy := preset(t, "conv")
	noisy.Train.Noise = 0.3
	for _, tc := range []struct {
		name string
		s    network.Spec
		want string
	}{
		{"a preset", conv, "conv"},
		{"epochs and name changed", longer, "vanilla"},
		{"the code resized", wider, "custom: 2 dense, code 16"},
		{"more dense layers", deeper, "custom: 8 dense, code 64"},
		{"conv with training noise", noisy, "custom: 7 conv2d, code 4×4×8"},
		{"blank", Blank(), "custom: 2 dense, code 32"},
		{"no weights", network.Spec{Input: network.Shape{784}, Layers: []network.LayerSpec{{Type: network.TypeFlatten}}}, "custom: no weights"},
	} {
		if got := Describe(tc.s); got != tc.want {
			t.Errorf("%s: Describe = %q, want %q", tc.name, got, tc.want)
		}
	}
}
