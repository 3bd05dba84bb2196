package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/training"
)

// BenchmarkLiveLatentOverhead measures how much drawing the live latent
// space slows training: each iteration trains an epoch of 12,000 digits
// without it and one with it, in turn, and reports how much longer the
// second took ("%slower"), with the frames drawn per epoch.
func BenchmarkLiveLatentOverhead(b *testing.B) {
	for _, preset := range []string{"conv", "vae"} {
		b.Run(preset, func(b *testing.B) {
			spec, err := network.Preset(preset)
			if err != nil {
				b.Fatal(err)
			}
			spec.Train.Epochs = 1
			var off, on time.Duration
			var frames atomic.Int64
			epoch := func(live bool) time.Duration {
				var l *liveLatent
				if live {
					l = &liveLatent{runID: 1, name: preset, data: dataset.MNIST, post: func(latentFrame) { frames.Add(1) }}
				}
				var model *network.Model
				res, err := training.Run(context.Background(), training.Job{
					Spec: spec, Seed: 1, TrainLimit: 12000, ValLimit: 1000,
					Start:    func(m *network.Model, _, _ network.Data) { model = m; l.start(m) },
					Progress: func(pr network.Progress) { l.tick(model, pr) },
				})
				l.stop()
				if err != nil {
					b.Fatal(err)
				}
				return res.Elapsed
			}
			for b.Loop() {
				off += epoch(false)
				on += epoch(true)
			}
			b.ReportMetric(100*(on.Seconds()-off.Seconds())/off.Seconds(), "%slower")
			b.ReportMetric(off.Seconds()/float64(b.N), "s/epoch-off")
			b.ReportMetric(float64(frames.Load())/float64(b.N), "frames/epoch")
		})
	}
}
