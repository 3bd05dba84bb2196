package dataset

import "math/rand/v2"

// Batches yields the indices of shuffled mini-batches over n samples, one
// epoch at a time. The last batch of an epoch is smaller when batch does not
// divide n, as in Keras. The same seed gives the same sequence of epochs.
type Batches struct {
	n, size int
	rng     *rand.Rand
	perm    []int
}

// NewBatches returns mini-batches of the given size over n samples, shuffled
// with a generator seeded by seed. It panics if n or size is not positive.
func NewBatches(n, size int, seed uint64) *Batches {
	if n <= 0 || size <= 0 {
		panic("dataset: NewBatches needs positive sample count and batch size")
	}
	b := &Batches{n: n, size: size, rng: rand.New(rand.NewPCG(seed, 0x62617463)), perm: make([]int, n)}
	for i := range b.perm {
		b.perm[i] = i
	}
	return b
}

// Shuffle starts a new epoch with a fresh random order.
func (b *Batches) Shuffle() {
	b.rng.Shuffle(len(b.perm), func(i, j int) { b.perm[i], b.perm[j] = b.perm[j], b.perm[i] })
}

// Len returns the number of batches in an epoch.
func (b *Batches) Len() int { return (b.n + b.size - 1) / b.size }

// Batch returns the sample indices of batch i of the current epoch, as a view
// valid until the next Shuffle.
func (b *Batches) Batch(i int) []int {
	lo := i * b.size
	return b.perm[lo:min(lo+b.size, b.n)]
}

// Gather copies the rows idx of src, each of width values, into dst in order
// and returns the filled part of dst. dst must hold len(idx)*width values.
func Gather(dst, src []float32, width int, idx []int) []float32 {
	dst = dst[:len(idx)*width]
	for k, i := range idx {
		copy(dst[k*width:(k+1)*width], src[i*width:(i+1)*width])
	}
	return dst
}
