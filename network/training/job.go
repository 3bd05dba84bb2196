package training

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// MNIST is the name of the built-in dataset, as runs record it.
const MNIST = "MNIST"

// Job describes one training run.
type Job struct {
	// Spec is the design to train; with Resume, its training settings say
	// how many more epochs to train.
	Spec network.Spec
	// Seed seeds the initial weights and the batch order of a new run.
	Seed uint64
	// Resume, when set, continues this run (loaded with its optimizer
	// state, or a private copy of a live model) instead of building anew:
	// its weights, optimizer state, batch order, dataset and subset carry
	// on, so that the result matches one uninterrupted run.
	Resume *network.Run
	// Data loads the training and validation images (default
	// dataset.MNIST); DatasetName names them in the run's metadata
	// (default MNIST).
	Data        func() (train, val *dataset.Set, err error)
	DatasetName string
	// TrainLimit and ValLimit, when positive, keep only the first that
	// many images. A resumed run keeps its own TrainLimit.
	TrainLimit, ValLimit int
	// Start, when set, is called once the data and the model are ready,
	// before the first batch, on the training goroutine: a caller that
	// shows the model as it learns takes what it needs here.
	Start func(m *network.Model, train, val network.Data)
	// Progress, ProgressEvery and Wait are passed to network.FitConfig.
	Progress      func(network.Progress)
	ProgressEvery time.Duration
	Wait          func(ctx context.Context) error
}

// Result is what a job leaves: the model, its whole history (a resumed
// run's earlier epochs included), the metadata to save it with and the data
// it trained on.
type Result struct {
	Model      *network.Model
	History    []network.Epoch
	Meta       network.Meta
	Train, Val network.Data
	// ValSet is the validation set before noise, for figures.
	ValSet *dataset.Set
	// Elapsed is the wall time of the fit.
	Elapsed time.Duration
}

// Run runs job j. It returns a nil Result only when the data cannot be
// loaded or the model not built; otherwise the Result holds the model as
// Fit left it (the last finished epoch after a stop or a failure, see
// network.Model.Fit) together with Fit's error, which wraps context.Canceled
// when ctx was cancelled.
func Run(ctx context.Context, j Job) (*Result, error) {
	load, name := j.Data, j.DatasetName
	if load == nil {
		load = dataset.MNIST
	}
	if name == "" {
		name = MNIST
	}
	limit, seed := j.TrainLimit, j.Seed
	var prev []network.Epoch
	if r := j.Resume; r != nil {
		if r.Meta.Dataset != "" && r.Meta.Dataset != name {
			return nil, fmt.Errorf("%s trained on %s, not %s: continue it on %s", r.Meta.Name, r.Meta.Dataset, name, r.Meta.Dataset)
		}
		limit, seed, prev = r.Meta.TrainLimit, r.Meta.FitSeed, r.History
	}
	trainSet, valSet, err := load()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	if limit > 0 {
		trainSet = trainSet.Subset(limit)
	}
	if j.ValLimit > 0 {
		valSet = valSet.Subset(j.ValLimit)
	}
	var m *network.Model
	if j.Resume != nil {
		m = j.Resume.Model
	} else if m, err = network.Build(j.Spec, seed); err != nil {
		return nil, err
	}
	train, val := network.TrainingData(j.Spec, trainSet, valSet)
	if j.Start != nil {
		j.Start(m, train, val)
	}
	start := time.Now()
	hist, fitErr := m.Fit(ctx, train, val, network.FitConfig{
		Epochs:        len(prev) + j.Spec.Train.Epochs,
		BatchSize:     j.Spec.Train.BatchSize,
		InitialEpoch:  len(prev),
		Seed:          seed,
		Progress:      j.Progress,
		ProgressEvery: j.ProgressEvery,
		Wait:          j.Wait,
	})
	if fitErr != nil && len(hist) == 0 && !isStop(fitErr) && !errors.Is(fitErr, network.ErrDiverged) && !errors.Is(fitErr, network.ErrNoLearning) {
		return nil, fitErr // nothing trained: a setting Fit refused
	}
	meta := network.Meta{Name: j.Spec.Name, Created: time.Now().UTC(), Dataset: name, FitSeed: seed, TrainLimit: limit}
	if j.Resume != nil && j.Resume.Meta.Name != "" {
		meta.Name = j.Resume.Meta.Name
	}
	return &Result{
		Model: m, History: append(slices.Clip(prev), hist...), Meta: meta,
		Train: train, Val: val, ValSet: valSet, Elapsed: time.Since(start),
	}, fitErr
}

// isStop reports whether err says training was stopped from outside.
func isStop(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Save writes the result's model, optimizer state, history and metadata to
// path atomically (see network.SaveRunFile).
func (r *Result) Save(path string) error {
	return network.SaveRunFile(path, r.Model, r.History, r.Meta)
}
