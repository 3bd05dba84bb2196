package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// ImageErrors returns the reconstruction error of each of the d.N samples
// of d under m: the mean over its values of the squared difference between
// m's reconstruction of d.X and the target (d.Y, or d.X itself when d.Y is
// nil). A high error marks an image unlike those m was trained on, the
// usual way an autoencoder detects anomalies. The samples are run in
// batches of 256 in inference mode. Like Predict, ImageErrors uses m's
// buffers: it must not run at the same time as another use of m. It returns
// an error when d's values do not make d.N samples of m's input size.
func (m *Model) ImageErrors(d Data) ([]float64, error) {
	size := m.spec.Input.Size()
	if d.N < 0 || len(d.X) != d.N*size || (d.Y != nil && len(d.Y) != len(d.X)) {
		return nil, fmt.Errorf("image errors: %d values for %d samples of %s (%d values each)", len(d.X), d.N, m.spec.Input, size)
	}
	y := d.targets()
	out := make([]float64, d.N)
	const batch = 256
	for lo := 0; lo < d.N; lo += batch {
		k := min(batch, d.N-lo)
		rec := m.Predict(d.X[lo*size:(lo+k)*size], k)
		for i := range k {
			var s float64
			t := y[(lo+i)*size : (lo+i+1)*size]
			for j, r := range rec[i*size : (i+1)*size] {
				e := float64(r) - float64(t[j])
				s += e * e
			}
			out[lo+i] = s / float64(size)
		}
	}
	return out, nil
}

// ROCPoint is one point of a receiver operating characteristic: flagging
// every score at or above Threshold as an anomaly flags the fraction FPR
// of the normal samples (false positives) and TPR of the anomalies (true
// positives).
type ROCPoint struct {
	Threshold, FPR, TPR float64
}

// ROC returns the ROC curve of an anomaly score (higher: more anomalous)
// that gives the normal samples the scores normal and the anomalies the
// scores anomalous. The curve runs from (0, 0), at a threshold of +Inf,
// to (1, 1), with one point per distinct score in decreasing order: tied
// scores move both rates at once, so the area under the straight lines
// between the points is AUC. ROC returns nil when either set is empty.
func ROC(normal, anomalous []float64) []ROCPoint {
	if len(normal) == 0 || len(anomalous) == 0 {
		return nil
	}
	type scored struct {
		v       float64
		anomaly bool
	}
	all := make([]scored, 0, len(normal)+len(anomalous))
	for _, v := range normal {
		all = append(all, scored{v, false})
	}
	for _, v := range anomalous {
		all = append(all, scored{v, true})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Compare(b.v, a.v) })
	nN, nA := float64(len(normal)), float64(len(anomalous))
	out := []ROCPoint{{Threshold: math.Inf(1)}}
	var fp, tp int
	for i := 0; i < len(all); {
		v := all[i].v
		for ; i < len(all) && cmp.Compare(all[i].v, v) == 0; i++ {
			if all[i].anomaly {
				tp++
			} else {
				fp++
			}
		}
		out = append(out, ROCPoint{Threshold: v, FPR: float64(fp) / nN, TPR: float64(tp) / nA})
	}
	return out
}

// AUC returns the area under the ROC curve of the scores: the probability
// that an anomaly scores higher than a normal sample, ties counting one
// half, which is the Mann–Whitney U statistic of the anomalies divided by
// len(normal)·len(anomalous). 1 separates the sets perfectly, 0.5 is
// chance. It is computed from mid-ranks in O(n log n) and returns NaN when
// either set is empty.
func AUC(normal, anomalous []float64) float64 {
	if len(normal) == 0 || len(anomalous) == 0 {
		return math.NaN()
	}
	type scored struct {
		v       float64
		anomaly bool
	}
	all := make([]scored, 0, len(normal)+len(anomalous))
	for _, v := range normal {
		all = append(all, scored{v, false})
	}
	for _, v := range anomalous {
		all = append(all, scored{v, true})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Compare(a.v, b.v) })
	var rankSum float64 // of the anomalies, ranks from 1, ties sharing their mean rank
	for i := 0; i < len(all); {
		j, n := i, 0
		for ; j < len(all) && cmp.Compare(all[j].v, all[i].v) == 0; j++ {
			if all[j].anomaly {
				n++
			}
		}
		rankSum += float64(n) * float64(i+1+j) / 2 // mean of ranks i+1 … j
		i = j
	}
	nN, nA := float64(len(normal)), float64(len(anomalous))
	return (rankSum - nA*(nA+1)/2) / (nN * nA)
}

// RatesAt returns the false-positive rate (the fraction of normal at or
// above threshold) and the true-positive rate (the fraction of anomalous at
// or above it); a rate of an empty set is 0.
func RatesAt(normal, anomalous []float64, threshold float64) (fpr, tpr float64) {
	frac := func(vs []float64) float64 {
		if len(vs) == 0 {
			return 0
		}
		n := 0
		for _, v := range vs {
			if v >= threshold {
				n++
			}
		}
		return float64(n) / float64(len(vs))
	}
	return frac(normal), frac(anomalous)
}

// Quantile returns the q-quantile (q in [0, 1]) of values by linear
// interpolation between the sorted values, as numpy's default does. It
// returns NaN for no values and panics if q is outside [0, 1].
func Quantile(values []float64, q float64) float64 {
	if !(q >= 0 && q <= 1) {
		panic(fmt.Sprintf("network: quantile %v outside [0, 1]", q))
	}
	if len(values) == 0 {
		return math.NaN()
	}
	s := slices.Clone(values)
	slices.Sort(s)
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

// Histogram counts several sets of values in the same equal-width bins:
// bin b spans Lo + b·Width … Lo + (b+1)·Width, and Counts[k][b] is how many
// values of set k fall into it. With Log, the bins are equally wide in the
// base-10 logarithm of the values: Lo and Width are logarithms.
type Histogram struct {
	Lo, Width float64
	Log       bool
	Counts    [][]int
}

// Edge returns the value at which bin b starts (b = len(bins) for the end
// of the last one).
func (h Histogram) Edge(b int) float64 {
	e := h.Lo + float64(b)*h.Width
	if h.Log {
		return math.Pow(10, e)
	}
	return e
}

// NewLogHistogram is NewHistogram with bins equally wide in log10 of the
// values, spanning lo…hi (both above 0): values up to lo, zero included,
// count in the first bin. It suits errors that spread over decades. It
// panics if bins is below 1 or lo is not above 0.
func NewLogHistogram(bins int, lo, hi float64, sets ...[]float64) Histogram {
	if !(lo > 0) {
		panic(fmt.Sprintf("network: logarithmic histogram from %v", lo))
	}
	logs := make([][]float64, len(sets))
	for k, vs := range sets {
		logs[k] = make([]float64, len(vs))
		for i, v := range vs {
			logs[k][i] = math.Log10(max(v, lo))
		}
	}
	h := NewHistogram(bins, math.Log10(lo), math.Log10(max(hi, lo)), logs...)
	h.Log = true
	return h
}

// NewHistogram returns the histogram of sets in bins bins spanning lo…hi.
// Values below lo count in the first bin and values above hi in the last,
// so that a long tail does not squeeze the others into one bin; NaN values
// are left out. hi not above lo gives bins of width 1 from lo. It panics
// if bins is below 1.
func NewHistogram(bins int, lo, hi float64, sets ...[]float64) Histogram {
	if bins < 1 {
		panic(fmt.Sprintf("network: histogram of %d bins", bins))
	}
	h := Histogram{Lo: lo, Width: (hi - lo) / float64(bins), Counts: make([][]int, len(sets))}
	if !(h.Width > 0) || math.IsInf(h.Width, 0) {
		h.Width = 1
	}
	for k, vs := range sets {
		h.Counts[k] = make([]int, bins)
		for _, v := range vs {
			if math.IsNaN(v) {
				continue
			}
			b := int(math.Floor((v - lo) / h.Width))
			h.Counts[k][min(max(b, 0), bins-1)]++
		}
	}
	return h
}

// Ranked returns the indices of scores from the highest score to the
// lowest, ties in index order: its first k are the k most anomalous
// samples, its last k the k least.
func Ranked(scores []float64) []int {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	return idx
}

// Anomalies holds a model's reconstruction errors on the images it should
// know (Normal: its own test set) and on others (Other), and how well the
// error tells them apart.
type Anomalies struct {
	Normal, Other []float64
	AUC           float64
	ROC           []ROCPoint
}

// ScoreAnomalies returns m's image errors (see ImageErrors) on normal and
// other, with the AUC and the ROC curve of the error as a score for
// "other". It returns an error when either set is empty or does not fit
// m's input. Like ImageErrors, it must not run while m is used elsewhere.
func ScoreAnomalies(m *Model, normal, other Data) (*Anomalies, error) {
	if normal.N == 0 || other.N == 0 {
		return nil, fmt.Errorf("score anomalies: need images in both sets, got %d and %d", normal.N, other.N)
	}
	a := &Anomalies{}
	var err error
	if a.Normal, err = m.ImageErrors(normal); err != nil {
		return nil, fmt.Errorf("score anomalies: own images: %w", err)
	}
	if a.Other, err = m.ImageErrors(other); err != nil {
		return nil, fmt.Errorf("score anomalies: other images: %w", err)
	}
	return AnomaliesOf(a.Normal, a.Other), nil
}

// AnomaliesOf returns the Anomalies of errors already computed (for
// instance in batches with ImageErrors): normal for the images a model
// should know, other for the rest.
func AnomaliesOf(normal, other []float64) *Anomalies {
	return &Anomalies{Normal: normal, Other: other, AUC: AUC(normal, other), ROC: ROC(normal, other)}
}

// Histogram returns the histogram of both sets of errors (Normal first)
// in bins bins equally wide on a logarithmic scale, from the 0.1st to the
// 99.9th percentile of all errors (the rest counted in the first and last
// bins): errors of known and unknown images often lie decades apart.
// Without an error above 0 the bins are linear from 0.
func (a *Anomalies) Histogram(bins int) Histogram {
	all := append(slices.Clone(a.Normal), a.Other...)
	lo, hi := Quantile(all, 0.001), Quantile(all, 0.999)
	if !(lo > 0) {
		if lo = Quantile(all, 0); !(lo > 0) {
			if !(hi > 0) {
				return NewHistogram(bins, 0, hi, a.Normal, a.Other)
			}
			lo = hi / 1000
		}
	}
	return NewLogHistogram(bins, lo, hi, a.Normal, a.Other)
}

// ThresholdFor returns the error threshold that flags about the fraction
// fpr (in [0, 1]) of the normal images: their (1 - fpr)-quantile.
func (a *Anomalies) ThresholdFor(fpr float64) float64 {
	return Quantile(a.Normal, 1-min(max(fpr, 0), 1))
}

// Rates returns the false- and true-positive rates at threshold.
func (a *Anomalies) Rates(threshold float64) (fpr, tpr float64) {
	return RatesAt(a.Normal, a.Other, threshold)
}
