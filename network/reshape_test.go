package network

import "testing"

func TestReshape(t *testing.T) {
	for _, tc := range []struct {
		ls  LayerSpec
		in  Shape
		out Shape
	}{
		{LayerSpec{Type: "flatten"}, Shape{4, 4, 8}, Shape{128}},
		{LayerSpec{Type: "reshape", Shape: Shape{28, 28, 1}}, Shape{784}, Shape{28, 28, 1}},
		{LayerSpec{Type: "reshape", Shape: Shape{2, 6}}, Shape{3, 4}, Shape{2, 6}},
	} {
		t.Run(tc.ls.Type+"_"+tc.out.String(), func(t *testing.T) {
			l := buildLayer(t, tc.ls, tc.in, 1)
			if !l.OutShape().Equal(tc.out) {
				t.Fatalf("output shape %s, want %s", l.OutShape(), tc.out)
			}
			x := make([]float32, 2*tc.in.Size())
			if y := l.Forward(x, 2, true); &y[0] != &x[0] || len(y) != len(x) {
				t.Error("Forward copied its input")
			}
			if dx := l.Backward(x); &dx[0] != &x[0] {
				t.Error("Backward copied its gradient")
			}
			checkLayerGradients(t, l, 2, 3)
		})
	}
}
