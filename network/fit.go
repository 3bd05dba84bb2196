package network

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network/gemm"
)

// Data is a set of n samples for training or validation: inputs X and
// targets Y, each n×(sample size) values. Y nil means Y = X, the plain
// autoencoder case.
type Data struct {
	X, Y []float32
	N    int
}

func (d Data) targets() []float32 {
	if d.Y == nil {
		return d.X
	}
	return d.Y
}

// Epoch is one line of a training history.
type Epoch struct {
	Epoch     int     `json:"epoch"`
	TrainLoss float64 `json:"train_loss"` // reconstruction + regularisation, mean over the epoch's batches weighted by size
	TrainReg  float64 `json:"train_reg"`  // the regularisation part of TrainLoss
	ValLoss   float64 `json:"val_loss"`   // reconstruction + regularisation on the validation set
	ValReg    float64 `json:"val_reg"`    // the regularisation part of ValLoss
	ValMSE    float64 `json:"val_mse"`    // validation mean squared error, shared by every model
	Seconds   float64 `json:"seconds"`    // training time of the epoch, validation excluded
}

// TrainRecon returns the reconstruction part of the training loss.
func (e Epoch) TrainRecon() float64 { return e.TrainLoss - e.TrainReg }

// ValRecon returns the reconstruction part of the validation loss.
func (e Epoch) ValRecon() float64 { return e.ValLoss - e.ValReg }

// Progress reports how far training is.
type Progress struct {
	Epoch, Epochs   int // 1-based current epoch, and how many there are
	Batch, Batches  int // batches done in this epoch, and how many it has
	Loss            float64
	SamplesPerSec   float64
	ETA             time.Duration // until the end of the last epoch
	EpochDone       bool          // set on the report that ends an epoch
	History         []Epoch       // finished epochs, on EpochDone reports
	ElapsedTraining time.Duration
}

// FitConfig configures Fit. Zero Epochs and BatchSize take the spec's
// training settings.
type FitConfig struct {
	// Epochs is the number of the last epoch to train, as in Keras: Fit
	// trains epochs InitialEpoch+1 to Epochs.
	Epochs    int
	BatchSize int
	Seed      uint64
	// InitialEpoch is the number of epochs already trained, as Keras's
	// initial_epoch: Fit starts with epoch InitialEpoch+1, numbers the
	// history from there, and shuffles its batches as the epoch of that
	// number of an uninterrupted run with the same Seed. To continue a run
	// exactly, load it with its optimizer state (LoadRun) and set
	// InitialEpoch to the length of its history.
	InitialEpoch int
	// Progress, when set, is called on the training goroutine at least every
	// ProgressEvery (default 200 ms) and at the end of every epoch.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// Wait, when set, is called between batches; it may block (to pause)
	// and returns an error to stop training.
	Wait func(ctx context.Context) error
}

// ErrDiverged is wrapped by the error Fit returns when the loss becomes NaN
// or infinite.
var ErrDiverged = errors.New("training diverged")

// Fit trains the model on train, validating on val after every epoch, and
// returns the history of the epochs it finished. Batches are reshuffled each
// epoch from cfg.Seed, so a seeded run is reproducible on the same machine
// and GOMAXPROCS.
//
// When ctx is cancelled Fit stops between batches and returns the history so
// far with ctx's error; the weights are those of the last batch. When a batch
// loss is not finite Fit restores the weights of the last finished epoch
// (or the initial ones) and returns an error wrapping ErrDiverged.
func (m *Model) Fit(ctx context.Context, train, val Data, cfg FitConfig) ([]Epoch, error) {
	if m.opt == nil {
		return nil, errors.New("fit: model was built without an optimizer")
	}
	epochs, batch := cfg.Epochs, cfg.BatchSize
	if epochs == 0 {
		epochs = m.spec.Train.Epochs
	}
	if batch == 0 {
		batch = m.spec.Train.BatchSize
	}
	if batch == 0 {
		batch = 32 // Keras's default batch size
	}
	size := m.spec.Input.Size()
	first := cfg.InitialEpoch + 1
	switch {
	case epochs <= 0:
		return nil, fmt.Errorf("fit: epochs must be positive, got %d", epochs)
	case cfg.InitialEpoch < 0 || cfg.InitialEpoch >= epochs:
		return nil, fmt.Errorf("fit: initial epoch must be in [0, %d) (the last epoch), got %d", epochs, cfg.InitialEpoch)
	case train.N <= 0:
		return nil, errors.New("fit: no training samples")
	case len(train.X) != train.N*size || len(train.targets()) != train.N*size:
		return nil, fmt.Errorf("fit: training data holds %d inputs and %d targets, want %d×%d values each", len(train.X), len(train.targets()), train.N, size)
	case val.N > 0 && (len(val.X) != val.N*size || len(val.targets()) != val.N*size):
		return nil, fmt.Errorf("fit: validation data holds %d inputs and %d targets, want %d×%d values each", len(val.X), len(val.targets()), val.N, size)
	}
	every := cfg.ProgressEvery
	if every <= 0 {
		every = 200 * time.Millisecond
	}
	batches := dataset.NewBatches(train.N, batch, cfg.Seed)
	xb := make([]float32, batch*size)
	yb := make([]float32, batch*size)
	sameXY := train.Y == nil
	// The batch rows are copied on both cores: the reads are scattered over
	// the whole set, so two cores fetch them from memory faster than one.
	var gDst, gSrc []float32
	var gIdx []int
	gatherRows := func(lo, hi int) { dataset.Gather(gDst[lo*size:hi*size], gSrc, size, gIdx[lo:hi]) }
	gather := func(dst, src []float32, idx []int) []float32 {
		gDst, gSrc, gIdx = dst, src, idx
		gemm.Parallel(len(idx), gatherGrain, gatherRows)
		gDst, gSrc, gIdx = nil, nil, nil
		return dst[:len(idx)*size]
	}
	good := m.snapshot(nil)
	var history []Epoch
	var trained time.Duration
	for range cfg.InitialEpoch {
		batches.Shuffle() // the batch orders of the epochs already trained
	}
	totalBatches := (epochs - cfg.InitialEpoch) * batches.Len()
	for ep := first; ep <= epochs; ep++ {
		batches.Shuffle()
		start := time.Now()
		lastReport := start
		var sumLoss, sumReg float64
		seen := 0
		for bi := range batches.Len() {
			if err := ctx.Err(); err != nil {
				return history, fmt.Errorf("fit: stopped in epoch %d: %w", ep, err)
			}
			if cfg.Wait != nil {
				pauseStart := time.Now()
				if err := cfg.Wait(ctx); err != nil {
					return history, fmt.Errorf("fit: stopped in epoch %d: %w", ep, err)
				}
				start = start.Add(time.Since(pauseStart))
			}
			idx := batches.Batch(bi)
			k := len(idx)
			x := gather(xb, train.X, idx)
			y := x
			if !sameXY {
				y = gather(yb, train.Y, idx)
			}
			bl := m.TrainStep(x, y, k)
			loss := bl.Total()
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return history, m.diverged(good, cfg.InitialEpoch+len(history), fmt.Sprintf("epoch %d, batch %d: loss is %v", ep, bi+1, loss))
			}
			sumLoss += loss * float64(k)
			sumReg += bl.Reg * float64(k)
			seen += k
			if now := time.Now(); cfg.Progress != nil && now.Sub(lastReport) >= every && bi+1 < batches.Len() {
				lastReport = now
				el := now.Sub(start)
				rate := float64(seen) / el.Seconds()
				done := (ep-first)*batches.Len() + bi + 1
				cfg.Progress(Progress{
					Epoch: ep, Epochs: epochs, Batch: bi + 1, Batches: batches.Len(),
					Loss: sumLoss / float64(seen), SamplesPerSec: rate,
					ETA:             time.Duration(float64(totalBatches-done) * float64(batch) / rate * float64(time.Second)),
					ElapsedTraining: trained + el,
				})
			}
		}
		el := time.Since(start)
		trained += el
		e := Epoch{Epoch: ep, TrainLoss: sumLoss / float64(seen), TrainReg: sumReg / float64(seen), Seconds: el.Seconds()}
		if val.N > 0 {
			vl := m.Evaluate(val.X, val.targets(), val.N, 256)
			e.ValLoss, e.ValReg, e.ValMSE = vl.Total(), vl.Reg, vl.MSE
		}
		if !m.finite() || math.IsNaN(e.ValLoss) || math.IsInf(e.ValLoss, 0) {
			return history, m.diverged(good, cfg.InitialEpoch+len(history), fmt.Sprintf("epoch %d: weights or validation loss not finite", ep))
		}
		history = append(history, e)
		good = m.snapshot(good)
		if cfg.Progress != nil {
			rate := float64(seen) / el.Seconds()
			cfg.Progress(Progress{
				Epoch: ep, Epochs: epochs, Batch: batches.Len(), Batches: batches.Len(),
				Loss: e.TrainLoss, SamplesPerSec: rate,
				ETA:       time.Duration(float64((epochs-ep)*train.N) / rate * float64(time.Second)),
				EpochDone: true, History: append([]Epoch(nil), history...), ElapsedTraining: trained,
			})
		}
	}
	return history, nil
}

// gatherGrain is the fewest batch rows worth gathering on another core.
const gatherGrain = 32

// diverged restores the last good weights, resets the optimizer state (which
// the non-finite gradients have spoiled) and returns the error Fit reports.
func (m *Model) diverged(good [][]float32, epochsDone int, what string) error {
	m.restore(good)
	m.opt, _ = NewOptimizer(m.opt.Config())
	where := "the initial weights"
	if epochsDone > 0 {
		where = fmt.Sprintf("the weights at the end of epoch %d", epochsDone)
	}
	return fmt.Errorf("fit: %s: %w; restored %s (try a lower learning rate)", what, ErrDiverged, where)
}

// snapshot copies every parameter value into buf (reusing it) and returns it.
func (m *Model) snapshot(buf [][]float32) [][]float32 {
	if len(buf) != len(m.params) {
		buf = make([][]float32, len(m.params))
	}
	for i, p := range m.params {
		buf[i] = append(buf[i][:0], p.Value...)
	}
	return buf
}

// restore copies a snapshot back into the parameters.
func (m *Model) restore(buf [][]float32) {
	for i, p := range m.params {
		copy(p.Value, buf[i])
	}
}

// finite reports whether every parameter value is finite.
func (m *Model) finite() bool {
	for _, p := range m.params {
		for _, v := range p.Value {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return false
			}
		}
	}
	return true
}
