package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// refMaxPool is a direct max pooling of n NHWC images, ignoring padded
// cells; it returns the outputs and, per output, the input index of the
// maximum.
func refMaxPool(x []float32, n, h, w, c, size, stride int, same bool) (y []float32, arg []int, oh, ow int) {
	oh, pt := tfPadding(h, size, stride, same)
	ow, pl := tfPadding(w, size, stride, same)
	for s := range n {
		for oy := range oh {
			for ox := range ow {
				for ch := range c {
					best, at := float32(math.Inf(-1)), -1
					for ky := range size {
						for kx := range size {
							iy, ix := oy*stride-pt+ky, ox*stride-pl+kx
							if iy < 0 || iy >= h || ix < 0 || ix >= w {
								continue
							}
							i := ((s*h+iy)*w+ix)*c + ch
							if x[i] > best {
								best, at = x[i], i
							}
						}
					}
					y = append(y, best)
					arg = append(arg, at)
				}
			}
		}
	}
	return y, arg, oh, ow
}

func TestMaxPool(t *testing.T) {
	for _, tc := range []struct {
		h, w, c, size, stride int
		same                  bool
		oh, ow                int
	}{
		{7, 7, 3, 2, 0, true, 4, 4},
		{6, 6, 2, 2, 0, false, 3, 3},
		{7, 7, 1, 2, 0, false, 3, 3},
		{5, 7, 2, 3, 2, true, 3, 4},  // overlapping windows
		{5, 7, 2, 3, 1, false, 3, 5}, // stride 1
		{28, 28, 16, 2, 0, true, 14, 14},
	} {
		name := fmt.Sprintf("%dx%dx%d_p%d_s%d_%s", tc.h, tc.w, tc.c, tc.size, tc.stride, padName(tc.same))
		t.Run(name, func(t *testing.T) {
			ls := LayerSpec{Type: "maxpool2d", Size: tc.size, Stride: tc.stride, Padding: padName(tc.same)}
			l := buildLayer(t, ls, Shape{tc.h, tc.w, tc.c}, 1)
			if got := l.OutShape(); !got.Equal(Shape{tc.oh, tc.ow, tc.c}) {
				t.Fatalf("output shape %s, want %d×%d×%d", got, tc.oh, tc.ow, tc.c)
			}
			const n = 3
			rng := rand.New(rand.NewPCG(4, 4))
			// Distinct values 0.05 apart, so that no finite-difference step
			// changes which input is a maximum.
			perm := rng.Perm(n * l.InShape().Size())
			x := make([]float32, len(perm))
			for i, p := range perm {
				x[i] = 0.05 * float32(p-len(perm)/2)
			}
			stride := tc.stride
			if stride == 0 {
				stride = tc.size
			}
			want, arg, _, _ := refMaxPool(x, n, tc.h, tc.w, tc.c, tc.size, stride, tc.same)
			y := l.Forward(x, n, false)
			for i := range want {
				if y[i] != want[i] {
					t.Fatalf("y[%d] = %v, want %v", i, y[i], want[i])
				}
			}
			dy := make([]float32, len(y))
			randomize(rng, dy)
			wantDx := make([]float32, len(x))
			for i, a := range arg {
				wantDx[a] += dy[i]
			}
			dx := l.Backward(dy)
			for i := range wantDx {
				if math.Abs(float64(dx[i]-wantDx[i])) > 1e-6 {
					t.Fatalf("dx[%d] = %v, want %v", i, dx[i], wantDx[i])
				}
			}
		})
	}
}

// TestMaxPoolGradients checks the pooling gradient against finite
// differences on inputs whose values are far enough apart.
func TestMaxPoolGradients(t *testing.T) {
	for _, tc := range []struct {
		in   Shape
		same bool
	}{
		{Shape{7, 7, 2}, true},
		{Shape{6, 6, 2}, false},
	} {
		t.Run(fmt.Sprintf("%s_%s", tc.in, padName(tc.same)), func(t *testing.T) {
			l := buildLayer(t, LayerSpec{Type: "maxpool2d", Padding: padName(tc.same)}, tc.in, 1)
			rng := rand.New(rand.NewPCG(5, 5))
			const n = 2
			perm := rng.Perm(n * tc.in.Size())
			x := make([]float32, len(perm))
			for i, p := range perm {
				x[i] = 0.05 * float32(p)
			}
			c := make([]float32, n*l.OutShape().Size())
			randomize(rng, c)
			loss := func() float64 {
				var s float64
				for i, v := range l.Forward(x, n, false) {
					s += float64(c[i]) * float64(v)
				}
				return s
			}
			loss()
			dx := append([]float32(nil), l.Backward(append([]float32(nil), c...))...)
			for i := range x {
				old := x[i]
				x[i] = old + gradEps
				up := loss()
				x[i] = old - gradEps
				down := loss()
				x[i] = old
				if num := (up - down) / (2 * gradEps); !closeGrad(float64(dx[i]), num) {
					t.Fatalf("d/dx[%d] analytic %v, numeric %v", i, dx[i], num)
				}
			}
		})
	}
}

func TestUpsample(t *testing.T) {
	l := buildLayer(t, LayerSpec{Type: "upsample2d"}, Shape{2, 3, 2}, 1)
	if got := l.OutShape(); !got.Equal(Shape{4, 6, 2}) {
		t.Fatalf("output shape %s, want 4×6×2", got)
	}
	x := make([]float32, 12)
	for i := range x {
		x[i] = float32(i)
	}
	y := l.Forward(x, 1, false)
	for oy := range 4 {
		for ox := range 6 {
			for ch := range 2 {
				if got, want := y[(oy*6+ox)*2+ch], x[((oy/2)*3+ox/2)*2+ch]; got != want {
					t.Fatalf("y[%d,%d,%d] = %v, want %v", oy, ox, ch, got, want)
				}
			}
		}
	}
	for _, tc := range []struct {
		in   Shape
		size int
	}{
		{Shape{3, 5, 2}, 2},
		{Shape{2, 3, 1}, 3},
		{Shape{4, 4, 3}, 1},
	} {
		t.Run(fmt.Sprintf("gradients_%s_x%d", tc.in, tc.size), func(t *testing.T) {
			l := buildLayer(t, LayerSpec{Type: "upsample2d", Size: tc.size}, tc.in, 1)
			checkLayerGradients(t, l, 3, 2)
		})
	}
}
