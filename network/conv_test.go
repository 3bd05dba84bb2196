package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"autoencoder-studio/network/directconv"
)

// tfPadding returns the output size and the padding before the first cell of
// a window k moved by stride over in cells, written out from TensorFlow's
// documentation independently of windowOutput.
func tfPadding(in, k, stride int, same bool) (out, before int) {
	if !same {
		return int(math.Floor(float64(in-k)/float64(stride))) + 1, 0
	}
	out = int(math.Ceil(float64(in) / float64(stride)))
	total := (out-1)*stride + k - in
	if total < 0 {
		total = 0
	}
	return out, int(math.Floor(float64(total) / 2))
}

// refConv is a direct float64 convolution of n NHWC images h×w×c with a
// [k, k, c, f] kernel and bias b.
func refConv(x []float32, n, h, w, c int, kern, b []float32, k, stride, f int, same bool) (y []float64, oh, ow int) {
	oh, pt := tfPadding(h, k, stride, same)
	ow, pl := tfPadding(w, k, stride, same)
	y = make([]float64, n*oh*ow*f)
	for s := range n {
		for oy := range oh {
			for ox := range ow {
				for o := range f {
					sum := float64(b[o])
					for ky := range k {
						for kx := range k {
							iy, ix := oy*stride-pt+ky, ox*stride-pl+kx
							if iy < 0 || iy >= h || ix < 0 || ix >= w {
								continue
							}
							for ch := range c {
								sum += float64(x[((s*h+iy)*w+ix)*c+ch]) * float64(kern[((ky*k+kx)*c+ch)*f+o])
							}
						}
					}
					y[((s*oh+oy)*ow+ox)*f+o] = sum
				}
			}
		}
	}
	return y, oh, ow
}

// refConvTranspose is a direct float64 transposed convolution: every input
// pixel scatters its k×k contribution into an oh×ow×f output.
func refConvTranspose(x []float32, n, h, w, c int, kern, b []float32, k, stride, f, oh, ow int, same bool) []float64 {
	_, pt := tfPadding(oh, k, stride, same)
	_, pl := tfPadding(ow, k, stride, same)
	y := make([]float64, n*oh*ow*f)
	for s := range n {
		for i := range oh * ow {
			for o := range f {
				y[(s*oh*ow+i)*f+o] = float64(b[o])
			}
		}
		for iy := range h {
			for ix := range w {
				for ky := range k {
					for kx := range k {
						oy, ox := iy*stride-pt+ky, ix*stride-pl+kx
						if oy < 0 || oy >= oh || ox < 0 || ox >= ow {
							continue
						}
						for o := range f {
							for ch := range c {
								y[((s*oh+oy)*ow+ox)*f+o] += float64(x[((s*h+iy)*w+ix)*c+ch]) * float64(kern[((ky*k+kx)*f+o)*c+ch])
							}
						}
					}
				}
			}
		}
	}
	return y
}

// convModes are the ways Conv2D computes; tests run each. The direct
// method runs with each of directconv's kernel sets, where the CPU has it
// and the layer can use it (setConvMode).
var convModes = []convMode{
	{"im2col", false, ""}, {"shift", true, ""},
	{"direct_avx2", false, "avx2"}, {"direct_avx512", false, "avx512"},
}

// convMode is one way Conv2D computes: im2col or shift by gemm, or the
// direct method with a kernel set of directconv.
type convMode struct {
	name    string
	shift   bool
	kernels string // the direct method's kernel set, "" for gemm
}

// setConvMode switches l to mode, skipping the test when the CPU lacks the
// mode's kernels or the direct method cannot take the layer.
func setConvMode(t *testing.T, l *conv2D, mode convMode) {
	t.Helper()
	l.setShift(mode.shift)
	if mode.kernels == "" {
		return
	}
	if !slices.Contains(directconv.KernelSets(), mode.kernels) {
		t.Skipf("this CPU or build has no %s kernels: the direct method with them is untested here", mode.kernels)
	}
	t.Cleanup(directconv.UseKernels(mode.kernels))
	if !l.setDirect(true) {
		t.Skip("the direct method does not take this layer")
	}
}

func randomize(rng *rand.Rand, vs ...[]float32) {
	for _, v := range vs {
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
	}
}

func padName(same bool) string {
	if same {
		return paddingSame
	}
	return paddingValid
}

func TestWindowOutput(t *testing.T) {
	for _, tc := range []struct {
		in, k, stride int
		same          bool
		out, before   int
	}{
		{28, 3, 1, true, 28, 1},
		{7, 2, 2, true, 4, 0}, // pool 7 → 4, the padded cell after
		{5, 2, 2, true, 3, 0}, // total pad 1: none before, one after
		{6, 3, 2, true, 3, 0}, // total pad 1 with an odd kernel
		{5, 4, 1, true, 5, 1}, // total pad 3: one before, two after
		{8, 4, 2, true, 4, 1}, // total pad 2
		{16, 3, 1, false, 14, 0},
		{6, 2, 2, false, 3, 0},
		{7, 3, 2, false, 3, 0},
		{2, 3, 1, false, 0, 0},
	} {
		out, before := windowOutput(tc.in, tc.k, tc.stride, tc.same)
		if out != tc.out || before != tc.before {
			t.Errorf("windowOutput(%d, k=%d, s=%d, %s) = %d, %d; want %d, %d", tc.in, tc.k, tc.stride, padName(tc.same), out, before, tc.out, tc.before)
		}
	}
}

func TestConvForwardMatchesReference(t *testing.T) {
	for _, tc := range []struct {
		h, w, c, k, stride, f int
		same                  bool
	}{
		{5, 7, 1, 3, 1, 4, true},
		{5, 7, 3, 3, 2, 2, true},
		{5, 7, 3, 2, 2, 3, true}, // even kernel, stride 2: padding only after
		{6, 6, 2, 4, 2, 3, true}, // even kernel, one padded cell on each side
		{5, 5, 2, 4, 1, 2, true}, // total pad 3: asymmetric
		{7, 5, 3, 5, 1, 2, false},
		{7, 7, 2, 3, 2, 5, false},
		{4, 6, 3, 1, 2, 4, true},
		{4, 6, 3, 1, 1, 4, false}, // 1×1: no im2col
		{28, 28, 1, 3, 1, 16, true},
		{28, 28, 16, 3, 1, 1, true}, // one filter: the shift method's scalar gather
		{5, 7, 3, 3, 2, 1, true},
		{7, 5, 4, 5, 1, 1, false},
		{6, 5, 1, 3, 1, 32, true},
	} {
		for _, mode := range convModes {
			for _, chunk := range []int{0, 1} {
				name := fmt.Sprintf("%dx%dx%d_k%d_s%d_f%d_%s_%s_chunk%d", tc.h, tc.w, tc.c, tc.k, tc.stride, tc.f, padName(tc.same), mode.name, chunk)
				t.Run(name, func(t *testing.T) {
					ls := LayerSpec{Type: "conv2d", Filters: tc.f, Kernel: tc.k, Stride: tc.stride, Padding: padName(tc.same)}
					l := buildLayer(t, ls, Shape{tc.h, tc.w, tc.c}, 1).(*conv2D)
					setConvMode(t, l, mode)
					if chunk > 0 {
						l.chunk = chunk
					}
					rng := rand.New(rand.NewPCG(7, 7))
					const n = 3
					x := make([]float32, n*tc.h*tc.w*tc.c)
					randomize(rng, x, l.b.Value)
					y := l.Forward(x, n, false)
					want, oh, ow := refConv(x, n, tc.h, tc.w, tc.c, l.w.Value, l.b.Value, tc.k, tc.stride, tc.f, tc.same)
					if got := l.OutShape(); !got.Equal(Shape{oh, ow, tc.f}) {
						t.Fatalf("output shape %s, want %d×%d×%d", got, oh, ow, tc.f)
					}
					for i := range want {
						if math.Abs(float64(y[i])-want[i]) > 1e-4*(1+math.Abs(want[i])) {
							t.Fatalf("y[%d] = %v, want %v", i, y[i], want[i])
						}
					}
				})
			}
		}
	}
}

func TestConvTransposeForwardMatchesReference(t *testing.T) {
	for _, tc := range []struct {
		h, w, c, k, stride, f int
		same                  bool
		oh, ow                int // Keras's output size
	}{
		{4, 3, 2, 3, 2, 3, true, 8, 6},
		{4, 3, 2, 3, 2, 3, false, 9, 7},
		{4, 3, 2, 3, 1, 2, true, 4, 3},
		{4, 3, 2, 3, 1, 2, false, 6, 5},
		{3, 5, 1, 2, 2, 2, true, 6, 10},
		{3, 5, 2, 4, 2, 2, true, 6, 10},
		{3, 3, 2, 1, 2, 2, false, 6, 6}, // k < stride: Keras gives in·stride
		{3, 3, 2, 5, 1, 1, false, 7, 7},
	} {
		for _, chunk := range []int{0, 1} {
			name := fmt.Sprintf("%dx%dx%d_k%d_s%d_f%d_%s_chunk%d", tc.h, tc.w, tc.c, tc.k, tc.stride, tc.f, padName(tc.same), chunk)
			t.Run(name, func(t *testing.T) {
				ls := LayerSpec{Type: "conv2d_transpose", Filters: tc.f, Kernel: tc.k, Stride: tc.stride, Padding: padName(tc.same)}
				l := buildLayer(t, ls, Shape{tc.h, tc.w, tc.c}, 1).(*conv2DTranspose)
				if got := l.OutShape(); !got.Equal(Shape{tc.oh, tc.ow, tc.f}) {
					t.Fatalf("output shape %s, want %d×%d×%d", got, tc.oh, tc.ow, tc.f)
				}
				if chunk > 0 {
					l.chunk = chunk
				}
				rng := rand.New(rand.NewPCG(8, 8))
				const n = 3
				x := make([]float32, n*tc.h*tc.w*tc.c)
				randomize(rng, x, l.b.Value)
				y := l.Forward(x, n, false)
				want := refConvTranspose(x, n, tc.h, tc.w, tc.c, l.w.Value, l.b.Value, tc.k, tc.stride, tc.f, tc.oh, tc.ow, tc.same)
				for i := range want {
					if math.Abs(float64(y[i])-want[i]) > 1e-4*(1+math.Abs(want[i])) {
						t.Fatalf("y[%d] = %v, want %v", i, y[i], want[i])
					}
				}
			})
		}
	}
}

func TestConvGradients(t *testing.T) {
	for _, k := range []int{1, 2, 3, 5} {
		for _, stride := range []int{1, 2} {
			for _, same := range []bool{true, false} {
				for _, c := range []int{1, 3} {
					for _, mode := range convModes {
						name := fmt.Sprintf("k%d_s%d_%s_c%d_%s", k, stride, padName(same), c, mode.name)
						t.Run(name, func(t *testing.T) {
							ls := LayerSpec{Type: "conv2d", Filters: 2, Kernel: k, Stride: stride, Padding: padName(same), Activation: "tanh"}
							l := buildLayer(t, ls, Shape{5, 7, c}, 3)
							setConvMode(t, l.(*conv2D), mode)
							randomize(rand.New(rand.NewPCG(1, 1)), l.Params()[1].Value)
							checkLayerGradients(t, l, 2, 4)
						})
					}
				}
			}
		}
	}
	for _, act := range Activations {
		t.Run("act_"+string(act), func(t *testing.T) {
			ls := LayerSpec{Type: "conv2d", Filters: 3, Kernel: 3, Padding: paddingSame, Activation: string(act)}
			l := buildLayer(t, ls, Shape{6, 5, 2}, 5)
			// Biases of ±5 keep the pre-activations away from the kink of
			// relu and leaky_relu, where finite differences are wrong: the
			// first and last filters are always on, the middle one off.
			copy(l.Params()[1].Value, []float32{5, -5, 5})
			checkLayerGradients(t, l, 3, 6)
		})
	}
	for _, tc := range []struct {
		in      Shape
		k, s, f int
		padding string
	}{
		{Shape{6, 5, 3}, 3, 1, 1, paddingSame},  // one filter
		{Shape{7, 6, 2}, 3, 2, 1, paddingValid}, // one filter, strided
		{Shape{6, 5, 1}, 3, 1, 4, paddingSame},  // one input channel
		{Shape{6, 5, 1}, 3, 2, 3, paddingValid},
		{Shape{5, 4, 16}, 3, 1, 16, paddingSame}, // dx by im2col of dy, dW transposed
		{Shape{5, 6, 16}, 3, 1, 32, paddingValid},
		{Shape{5, 5, 16}, 2, 1, 16, paddingSame}, // even kernel: padding after only
		{Shape{6, 5, 1}, 3, 1, 16, paddingSame},  // direct: the first layer of the presets
		{Shape{6, 5, 16}, 3, 1, 1, paddingSame},  // direct: their last layer
		{Shape{7, 6, 32}, 3, 1, 1, paddingSame},
		{Shape{6, 7, 8}, 3, 1, 8, paddingValid},
		{Shape{5, 5, 8}, 3, 1, 16, paddingSame},
		{Shape{5, 4, 16}, 3, 1, 8, paddingSame},
		{Shape{4, 4, 8}, 3, 1, 24, paddingSame}, // direct: a zmm and a ymm lane group
	} {
		for _, mode := range convModes {
			t.Run(fmt.Sprintf("%s_k%d_s%d_f%d_%s_%s", tc.in, tc.k, tc.s, tc.f, tc.padding, mode.name), func(t *testing.T) {
				ls := LayerSpec{Type: "conv2d", Filters: tc.f, Kernel: tc.k, Stride: tc.s, Padding: tc.padding, Activation: "tanh"}
				l := buildLayer(t, ls, tc.in, 3)
				setConvMode(t, l.(*conv2D), mode)
				randomize(rand.New(rand.NewPCG(2, 2)), l.Params()[1].Value)
				checkLayerGradients(t, l, 2, 4)
			})
		}
	}
	for _, mode := range convModes {
		t.Run("chunked_"+mode.name, func(t *testing.T) {
			l := buildLayer(t, LayerSpec{Type: "conv2d", Filters: 2, Kernel: 3, Stride: 2, Padding: paddingSame}, Shape{6, 6, 2}, 3).(*conv2D)
			setConvMode(t, l, mode)
			l.chunk = 1
			checkLayerGradients(t, l, 5, 4)
		})
	}
}

func TestConvTransposeGradients(t *testing.T) {
	for _, k := range []int{1, 2, 3} {
		for _, stride := range []int{1, 2} {
			for _, same := range []bool{true, false} {
				name := fmt.Sprintf("k%d_s%d_%s", k, stride, padName(same))
				t.Run(name, func(t *testing.T) {
					ls := LayerSpec{Type: "conv2d_transpose", Filters: 2, Kernel: k, Stride: stride, Padding: padName(same), Activation: "tanh"}
					l := buildLayer(t, ls, Shape{3, 4, 3}, 3)
					randomize(rand.New(rand.NewPCG(1, 1)), l.Params()[1].Value)
					checkLayerGradients(t, l, 2, 4)
				})
			}
		}
	}
}

// TestConvNoInputGrad checks that a first layer skips its input gradient
// but still computes its parameter gradients.
func TestConvNoInputGrad(t *testing.T) {
	for _, typ := range []string{"conv2d", "conv2d_transpose"} {
		t.Run(typ, func(t *testing.T) {
			ls := LayerSpec{Type: typ, Filters: 2, Kernel: 3, Padding: paddingSame}
			l, err := layerTypes[typ].build(ls, buildContext{name: typ + "_1", in: Shape{4, 4, 1}, rng: rand.New(rand.NewPCG(1, 1))})
			if err != nil {
				t.Fatal(err)
			}
			x := make([]float32, 2*16)
			randomize(rand.New(rand.NewPCG(3, 3)), x)
			y := l.Forward(x, 2, true)
			dy := make([]float32, len(y))
			for i := range dy {
				dy[i] = 1
			}
			if dx := l.Backward(dy); dx != nil {
				t.Error("Backward returned an input gradient without needInputGrad")
			}
			if g := l.Params()[1].Grad; g[0] == 0 {
				t.Errorf("bias gradient %v", g)
			}
		})
	}
}

// TestConvReproducible checks that two identical backward passes give
// bit-identical gradients.
func TestConvReproducible(t *testing.T) {
	grads := func() []float32 {
		l := buildLayer(t, LayerSpec{Type: "conv2d", Filters: 4, Kernel: 3, Padding: paddingSame, Activation: "relu"}, Shape{9, 9, 3}, 1)
		x := make([]float32, 17*l.InShape().Size())
		randomize(rand.New(rand.NewPCG(3, 3)), x)
		y := l.Forward(x, 17, true)
		dy := append([]float32(nil), y...)
		l.Backward(dy)
		return append(append([]float32(nil), l.Params()[0].Grad...), l.Params()[1].Grad...)
	}
	a, b := grads(), grads()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("gradient %d differs: %v, %v", i, a[i], b[i])
		}
	}
}

// TestActBackwardBias checks the fused gradient pass of convolutions
// against the activation's own backward pass followed by row sums, for
// every activation and for bias widths the fused ReLU kernel takes (8) and
// leaves to its Go loop (3).
func TestActBackwardBias(t *testing.T) {
	ys := []float32{0, 1e-30, 2, 0, 3.5, float32(math.SmallestNonzeroFloat32), 0.25, 0}
	for _, act := range Activations {
		for _, f := range []int{3, 8} {
			y := make([]float32, 6*f)
			dy := make([]float32, len(y))
			for i := range y {
				y[i], dy[i] = ys[i%len(ys)], float32(i%7)-3
			}
			want := append([]float32(nil), dy...)
			act.backward(want, want, y)
			wantDb := make([]float32, f)
			for i, v := range want {
				wantDb[i%f] += v
			}
			db := make([]float32, f)
			actBackwardBias(act, dy, y, db)
			for i := range dy {
				if dy[i] != want[i] {
					t.Errorf("%s f=%d: dz[%d] = %v, want %v", act, f, i, dy[i], want[i])
				}
			}
			for i := range db {
				if db[i] != wantDb[i] {
					t.Errorf("%s f=%d: db[%d] = %v, want %v", act, f, i, db[i], wantDb[i])
				}
			}
		}
	}
}

// TestConvDirectMatchesGemm runs every convolution of the conv and
// denoising presets, with and without an input gradient, by the direct
// method and by im2col, and compares outputs and gradients.
func TestConvDirectMatchesGemm(t *testing.T) {
	for _, tc := range []struct {
		in      Shape
		f       int
		padding string
		act     Activation
	}{
		{Shape{28, 28, 1}, 16, paddingSame, ReLU},
		{Shape{14, 14, 16}, 8, paddingSame, ReLU},
		{Shape{7, 7, 8}, 8, paddingSame, ReLU},
		{Shape{4, 4, 8}, 8, paddingSame, ReLU},
		{Shape{16, 16, 8}, 16, paddingValid, ReLU},
		{Shape{28, 28, 16}, 1, paddingSame, Sigmoid},
		{Shape{28, 28, 1}, 32, paddingSame, ReLU},
		{Shape{14, 14, 32}, 32, paddingSame, ReLU},
		{Shape{28, 28, 32}, 1, paddingSame, Sigmoid},
	} {
		for _, needDx := range []bool{false, true} {
			for _, mode := range convModes[2:] {
				t.Run(fmt.Sprintf("%s_f%d_%s_dx%v_%s", tc.in, tc.f, tc.padding, needDx, mode.name), func(t *testing.T) {
					ls := LayerSpec{Type: "conv2d", Filters: tc.f, Kernel: 3, Padding: tc.padding, Activation: string(tc.act)}
					build := func() *conv2D {
						l, err := newConv2D(ls, buildContext{name: "c", in: tc.in, rng: rand.New(rand.NewPCG(4, 4)), needInputGrad: needDx})
						if err != nil {
							t.Fatal(err)
						}
						return l.(*conv2D)
					}
					ref, dir := build(), build()
					ref.setShift(false)
					setConvMode(t, dir, mode)
					randomize(rand.New(rand.NewPCG(5, 5)), ref.b.Value)
					copy(dir.b.Value, ref.b.Value)
					const n = 5
					x := make([]float32, n*tc.in.Size())
					randomize(rand.New(rand.NewPCG(6, 6)), x)
					yr := append([]float32(nil), ref.Forward(x, n, true)...)
					yd := dir.Forward(x, n, true)
					near(t, "y", yd, yr, 1e-4)
					dy := make([]float32, len(yr))
					randomize(rand.New(rand.NewPCG(7, 7)), dy)
					dxr := ref.Backward(append([]float32(nil), dy...))
					dxd := dir.Backward(append([]float32(nil), dy...))
					near(t, "kernel gradient", dir.w.Grad, ref.w.Grad, 1e-3)
					near(t, "bias gradient", dir.b.Grad, ref.b.Grad, 1e-3)
					if needDx {
						near(t, "dx", dxd, dxr, 1e-4)
					} else if dxd != nil {
						t.Error("an input gradient without needInputGrad")
					}
				})
			}
		}
	}
}

// near fails unless got and want agree within tol relative to the largest
// magnitude of want.
func near(t *testing.T, what string, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	scale := 0.0
	for _, v := range want {
		scale = max(scale, math.Abs(float64(v)))
	}
	for i := range want {
		if d := math.Abs(float64(got[i] - want[i])); d > tol*(1+scale) || math.IsNaN(float64(got[i])) {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}
