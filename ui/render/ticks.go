package render

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// Tick counts the tickers aim for.
const (
	maxLabels = 10 // labelled ticks at most, where a finer choice exists
	minLabels = 3  // labelled ticks at least, where the range allows
)

// epochTicks marks an epoch axis with whole epochs: a labelled tick every
// 1, 2, 5, 10, 20, 50… epochs, at most eight, and unlabelled ticks at the
// whole epochs (or fifths of the step) between them. A range holding fewer
// than two whole epochs (a zoom) gets gonum's default ticks, fractions of
// an epoch.
type epochTicks struct{}

// Ticks implements plot.Ticker.
func (epochTicks) Ticks(lo, hi float64) []plot.Tick {
	if math.Floor(hi)-math.Ceil(lo) < 1 {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step, lead := 1.0, 1
	for (hi-lo)/step > 8 {
		switch lead {
		case 1:
			step, lead = step*2, 2
		case 2:
			step, lead = step*5/2, 5
		default:
			step, lead = step*2, 1
		}
	}
	minor := map[int]float64{1: step / 5, 2: step / 2, 5: step / 5}[lead]
	if minor < 1 {
		minor = 0
	}
	var ticks []plot.Tick
	if minor > 0 {
		for v := math.Ceil(lo/minor) * minor; v <= hi; v += minor {
			if math.Mod(v, step) != 0 {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		if v == 0 {
			v = 0 // not -0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// logTicks marks a logarithmic axis so that several ticks are labelled
// whatever its range: powers of ten (every k-th over very wide ranges),
// else 1, 2 and 5 times powers of ten, else every digit times a power of
// ten; the others of 1…9 times powers of ten are unlabelled ticks. A range
// too narrow for even that gets gonum's default, linear ticks. A range
// not above zero gets no ticks.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if lo <= 0 || hi <= lo || math.IsInf(hi, 0) {
		return nil
	}
	e0, e1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	every := max(1, (e1-e0+maxLabels-1)/maxLabels)
	levels := []func(m, e int) bool{
		func(m, e int) bool { return m == 1 && (e-e0)%every == 0 },
		func(m, _ int) bool { return m == 1 || m == 2 || m == 5 },
		func(int, int) bool { return true },
	}
	for i, labelled := range levels { // the coarsest that labels enough
		ticks, n := mantissaTicks(lo, hi, e0, e1, labelled)
		if n >= minLabels && (n <= maxLabels || i == 0) {
			return ticks
		}
	}
	return plot.DefaultTicks{}.Ticks(lo, hi)
}

// mantissaTicks returns the ticks at m×10^e (m = 1…9, e = e0…e1) within
// lo…hi, labelled where labelled says, and how many are labelled. Over
// more than twelve decades it leaves out the unlabelled ones.
func mantissaTicks(lo, hi float64, e0, e1 int, labelled func(m, e int) bool) ([]plot.Tick, int) {
	var ticks []plot.Tick
	n := 0
	for e := e0; e <= e1; e++ {
		for m := 1; m <= 9; m++ {
			v := tickValue(m, e)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			switch {
			case labelled(m, e):
				ticks = append(ticks, plot.Tick{Value: v, Label: tickLabel(v)})
				n++
			case e1-e0 <= 12:
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks, n
}

// tickValue returns m×10^e, as close as a float64 gets.
func tickValue(m, e int) float64 {
	v, err := strconv.ParseFloat(strconv.Itoa(m)+"e"+strconv.Itoa(e), 64)
	if err != nil {
		return float64(m) * math.Pow10(e)
	}
	return v
}

// tickLabel formats a tick value the way people write it: 0.02, 5, 1000,
// and 1e-05 or 1e+06 beyond.
func tickLabel(v float64) string {
	if a := math.Abs(v); a >= 1e-4 && a < 1e6 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
