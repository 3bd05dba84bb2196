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
	// AllowNoLearning turns off the check that stops a run which
	// reconstructs no better than the mean image (ErrNoLearning).
	AllowNoLearning bool
}

// ErrDiverged is wrapped by the error Fit returns when the loss becomes NaN
// or infinite, or grows far above its first epoch's value.
var ErrDiverged = errors.New("training diverged")

// ErrNoLearning is wrapped by the error Fit returns when, after enough
// updates, the model reconstructs no better than the mean image of the
// training set, the answer that needs no learning at all.
var ErrNoLearning = errors.New("the model is not learning")

// Thresholds of Fit's training checks.
const (
	// divergeFactor: an epoch whose training loss exceeds this many times
	// the first epoch's has diverged.
	divergeFactor = 10
	// noLearningSteps: the mean-image check applies from the first epoch
	// end after this many updates of the run.
	noLearningSteps = 200
	// minGain: a run that does not beat the mean image still counts as
	// learning while it has lowered its loss by this fraction since its
	// first epoch.
	minGain = 0.1
	// worseThanMean: a run counts as not learning once its loss is this many
	// times the mean image's. Sitting at the mean image for a while is a
	// normal early phase (the network learns the average digit first, then
	// strokes), so a loss near it is no sign of a wrong setting.
	worseThanMean = 1.25
)

// Fit trains the model on train, validating on val after every epoch, and
// returns the history of the epochs it finished. Batches are reshuffled each
// epoch from cfg.Seed, so a seeded run is reproducible on the same machine
// and GOMAXPROCS.
//
// When ctx is cancelled Fit stops between batches and returns the history so
// far with ctx's error; it restores the weights and the optimizer state of
// the last finished epoch (or those it started with), so that the model
// matches its history and continuing it is exact.
//
// Fit also watches for training that has gone wrong, and then restores the
// last finished epoch in the same way and returns an error whose message
// names the likely cause and a learning rate to try:
//   - a non-finite loss or weight, or an epoch's training loss more than
//     ten times the first epoch's, wraps ErrDiverged;
//   - at the end of an epoch after the first, once it has made at least 200
//     updates, a validation (or, with no validation set, training)
//     reconstruction loss that is 25% worse than that of answering every
//     input with the training set's mean image, and less than 10% below the
//     first epoch's, wraps ErrNoLearning. Set FitConfig.AllowNoLearning to skip this check.
//
// The batch size is capped at the number of training samples.
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
	if err := (TrainSpec{Epochs: epochs, BatchSize: batch, Noise: m.spec.Train.Noise}).validate(); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	batch = min(batch, max(train.N, 1))
	if err := m.checkActivations(batch); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	size := m.spec.Input.Size()
	first := cfg.InitialEpoch + 1
	switch {
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
	goodOpt := m.opt.State()
	watch := &epochWatch{baseline: m.meanImageLoss(train, val), useVal: val.N > 0, noLearning: !cfg.AllowNoLearning}
	steps := 0 // updates in this call
	// stop restores the last finished epoch and returns the history with err.
	var history []Epoch
	stop := func(err error) ([]Epoch, error) {
		m.restore(good)
		if e := m.opt.SetState(goodOpt, m.params); e != nil {
			m.opt, _ = NewOptimizer(m.opt.Config())
		}
		return history, err
	}
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
				return stop(fmt.Errorf("fit: stopped in epoch %d: %w", ep, err))
			}
			if cfg.Wait != nil {
				pauseStart := time.Now()
				if err := cfg.Wait(ctx); err != nil {
					return stop(fmt.Errorf("fit: stopped in epoch %d: %w", ep, err))
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
			m.seedStep(ep, bi)
			bl := m.TrainStep(x, y, k)
			steps++
			loss := bl.Total()
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return stop(m.wentWrong(ErrDiverged, cfg.InitialEpoch+len(history), fmt.Sprintf("epoch %d, batch %d: the loss is %v", ep, bi+1, loss)))
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
			return stop(m.wentWrong(ErrDiverged, cfg.InitialEpoch+len(history), fmt.Sprintf("epoch %d: weights or validation loss not finite", ep)))
		}
		if kind, what := watch.check(e, steps); kind != nil {
			return stop(m.wentWrong(kind, cfg.InitialEpoch+len(history), what))
		}
		history = append(history, e)
		good = m.snapshot(good)
		goodOpt = m.opt.State()
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

// epochWatch holds what Fit's checks of each finished epoch compare with.
type epochWatch struct {
	baseline   float64 // the reconstruction loss of the mean image
	useVal     bool    // judge the validation loss, not the training loss
	noLearning bool    // check for ErrNoLearning
	first      *Epoch  // the first epoch of this Fit call
}

// check judges finished epoch e after steps updates of this Fit call. It
// returns ErrDiverged or ErrNoLearning with what happened, or nil.
func (w *epochWatch) check(e Epoch, steps int) (error, string) {
	if w.first == nil {
		w.first = &e
		return nil, ""
	}
	if e.TrainLoss > divergeFactor*w.first.TrainLoss {
		return ErrDiverged, fmt.Sprintf("epoch %d: the training loss grew to %.4g, more than %d times the %.4g of epoch %d",
			e.Epoch, e.TrainLoss, divergeFactor, w.first.TrainLoss, w.first.Epoch)
	}
	recon, first, which := e.TrainRecon(), w.first.TrainRecon(), "training"
	if w.useVal {
		recon, first, which = e.ValRecon(), w.first.ValRecon(), "validation"
	}
	if w.noLearning && steps >= noLearningSteps && recon >= worseThanMean*w.baseline && recon > (1-minGain)*first {
		return ErrNoLearning, fmt.Sprintf("epoch %d: the %s loss %.4g is worse than the %.4g of answering every input with the mean image",
			e.Epoch, which, recon, w.baseline)
	}
	return nil, ""
}

// gatherGrain is the fewest batch rows worth gathering on another core.
const gatherGrain = 32

// wentWrong returns the error Fit reports when training went wrong (kind is
// ErrDiverged or ErrNoLearning): what happened, the weights it keeps and
// the likely cause with a learning rate to try.
func (m *Model) wentWrong(kind error, epochsDone int, what string) error {
	where := "the weights it started with"
	if epochsDone > 0 {
		where = fmt.Sprintf("the weights at the end of epoch %d", epochsDone)
	}
	advice := m.opt.Config().LearningRateWarning()
	switch {
	case advice != "":
		advice = "the likely cause: " + advice
	case kind == ErrDiverged:
		advice = fmt.Sprintf("try a learning rate of %g", m.opt.Config().WithDefaults().LearningRate/10)
	default:
		advice = fmt.Sprintf("try a learning rate of %g, or check the design (activations, code size, loss)", m.opt.Config().WithDefaults().LearningRate*10)
	}
	return fmt.Errorf("fit: %s: %w; kept %s; %s", what, kind, where, advice)
}

// meanImageLoss returns the reconstruction loss of answering every input
// with the mean target of the training set: on the validation set when it
// has samples, else on the training set.
func (m *Model) meanImageLoss(train, val Data) float64 {
	size := m.spec.Input.Size()
	mean := make([]float64, size)
	ty := train.targets()
	for i := range train.N {
		for j, v := range ty[i*size : (i+1)*size] {
			mean[j] += float64(v)
		}
	}
	set := train
	if val.N > 0 {
		set = val
	}
	const chunk = 256
	pred := make([]float32, chunk*size)
	for i := range chunk {
		for j := range size {
			pred[i*size+j] = float32(mean[j] / float64(max(train.N, 1)))
		}
	}
	sy := set.targets()
	var sum float64
	for lo := 0; lo < set.N; lo += chunk {
		k := min(chunk, set.N-lo)
		sum += m.loss.Value(pred[:k*size], sy[lo*size:(lo+k)*size]) * float64(k)
	}
	return sum / float64(max(set.N, 1)) * m.lossScale
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
