package dataset

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAddNoise(t *testing.T) {
	src := make([]float32, 100000)
	for i := range src {
		src[i] = 0.5
	}
	a := Noisy(&Set{Height: 1, Width: len(src), Pixels: src}, 0.1, 7)
	b := Noisy(&Set{Height: 1, Width: len(src), Pixels: src}, 0.1, 7)
	var sum, sq float64
	for i, v := range a.Pixels {
		if v != b.Pixels[i] {
			t.Fatal("same seed gave different noise")
		}
		sum += float64(v)
		sq += float64(v-0.5) * float64(v-0.5)
	}
	mean, std := sum/float64(len(src)), math.Sqrt(sq/float64(len(src)))
	if math.Abs(mean-0.5) > 0.002 || math.Abs(std-0.1) > 0.002 {
		t.Errorf("noise mean %.4f std %.4f, want 0.5 and 0.1", mean, std)
	}
	if src[0] != 0.5 {
		t.Error("Noisy modified its input")
	}
	dst := []float32{0, 1, 0.5}
	AddNoise(dst, dst, 5, rand.New(rand.NewPCG(1, 2)))
	for _, v := range dst {
		if v < 0 || v > 1 {
			t.Errorf("noisy pixel %v not clipped to [0,1]", v)
		}
	}
}

func TestBatches(t *testing.T) {
	for _, tc := range []struct{ n, size, batches, last int }{
		{n: 60000, size: 128, batches: 469, last: 96},
		{n: 10, size: 3, batches: 4, last: 1},
		{n: 5, size: 8, batches: 1, last: 5},
	} {
		b := NewBatches(tc.n, tc.size, 1)
		b.Shuffle()
		if b.Len() != tc.batches || len(b.Batch(b.Len()-1)) != tc.last {
			t.Errorf("n=%d size=%d: %d batches, last of %d", tc.n, tc.size, b.Len(), len(b.Batch(b.Len()-1)))
		}
		seen := make([]bool, tc.n)
		for i := range b.Len() {
			for _, j := range b.Batch(i) {
				if seen[j] {
					t.Fatalf("sample %d twice in an epoch", j)
				}
				seen[j] = true
			}
		}
		for j, s := range seen {
			if !s {
				t.Fatalf("sample %d missing from the epoch", j)
			}
		}
	}
	a, c := NewBatches(100, 10, 3), NewBatches(100, 10, 3)
	a.Shuffle()
	c.Shuffle()
	first := append([]int(nil), a.Batch(0)...)
	for i, v := range c.Batch(0) {
		if first[i] != v {
			t.Fatal("same seed gave a different order")
		}
	}
	a.Shuffle()
	same := true
	for i, v := range a.Batch(0) {
		same = same && first[i] == v
	}
	if same {
		t.Error("a new epoch kept the same order")
	}
}

func TestGather(t *testing.T) {
	src := []float32{0, 1, 10, 11, 20, 21}
	got := Gather(make([]float32, 4), src, 2, []int{2, 0})
	want := []float32{20, 21, 0, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Gather = %v, want %v", got, want)
		}
	}
}
