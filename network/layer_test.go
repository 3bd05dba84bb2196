package network

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// fitInput returns an input shape the default layer of t builds on.
func fitInput(t *testing.T, lt LayerType) (Shape, bool) {
	t.Helper()
	for _, in := range []Shape{{7 * 7 * 16}, {8, 8, 2}, {7, 7, 16}} {
		ctx := buildContext{name: "x", in: in, rng: rand.New(rand.NewPCG(1, 2))}
		if _, err := lt.build(lt.New(), ctx); err == nil {
			return in, true
		}
	}
	return nil, false
}

func TestLayerTypesRegistry(t *testing.T) {
	names := LayerTypeNames()
	if len(names) != len(layerTypes) || names[0] != TypeDense {
		t.Fatalf("LayerTypeNames() = %v", names)
	}
	for _, lt := range LayerTypes() {
		t.Run(lt.Name, func(t *testing.T) {
			if got, ok := LayerTypeOf(lt.Name); !ok || got.Name != lt.Name {
				t.Fatalf("LayerTypeOf(%q) = %v, %v", lt.Name, got.Name, ok)
			}
			if l := lt.New(); l.Type != lt.Name {
				t.Errorf("New().Type = %q", l.Type)
			}
			in, ok := fitInput(t, lt)
			if !ok {
				t.Fatal("the default layer builds on no test input")
			}
			ctx := buildContext{name: "x", in: in, rng: rand.New(rand.NewPCG(1, 2))}
			l, _ := lt.build(lt.New(), ctx)
			if (len(l.Params()) > 0) != lt.Weights || HasWeights(lt.Name) != lt.Weights {
				t.Errorf("Weights = %v, but the layer has %d params", lt.Weights, len(l.Params()))
			}
			for _, f := range lt.Fields {
				if !f.HasRange {
					continue
				}
				ls := lt.New()
				switch f.Kind {
				case IntField:
					f.Set(&ls, int(f.Max)+1)
				case FloatField:
					v := f.Max
					if !f.MaxOpen {
						v = f.Max * 1.5
					}
					f.Set(&ls, v)
				}
				_, err := lt.build(ls, ctx)
				if err == nil || !strings.Contains(err.Error(), f.Name) {
					t.Errorf("%s above its declared range %g: error %v", f.Name, f.Max, err)
				}
			}
		})
	}
}

func TestLayerFieldAccess(t *testing.T) {
	pool, _ := LayerTypeOf(TypeMaxPool2D)
	size, _ := pool.Field("size")
	ls := LayerSpec{Type: TypeMaxPool2D}
	if got := size.Int(ls); got != 2 {
		t.Errorf("size of a zero maxpool2d = %d, want the default 2", got)
	}
	size.Set(&ls, 3)
	if ls.Size != 3 || PoolStride(ls) != 3 {
		t.Errorf("after Set(3): %+v, stride %d", ls, PoolStride(ls))
	}
	reshape, _ := LayerTypeOf(TypeReshape)
	shape, _ := reshape.Field("shape")
	shape.Set(&ls, Shape{4, 4})
	if got := shape.Shape(ls); !got.Equal(Shape{4, 4}) {
		t.Errorf("shape = %v", got)
	}
}

func TestLayerName(t *testing.T) {
	s := Spec{Layers: []LayerSpec{{Type: TypeDense}, {Type: TypeFlatten}, {Type: TypeDense, Name: "mine"}, {Type: TypeDense}}}
	for i, want := range []string{"dense_1", "flatten_1", "mine", "dense_3"} {
		if got := s.LayerName(i); got != want {
			t.Errorf("LayerName(%d) = %q, want %q", i, got, want)
		}
	}
}
