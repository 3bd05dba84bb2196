package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/training"
	"autoencoder-studio/ui/render"
)

// BenchmarkLiveLatentOverhead measures how much the live latent space,
// drawing included, slows training: each iteration trains an epoch of the
// 60,000 digits without it and one with it (which goes first alternates),
// and it reports how much longer the epochs with it took ("%slower"), with
// the frames drawn per epoch.
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
					// Each frame is drawn as the app draws it on the tab shown
					// (the Latent space tab, or the Train tab's panel).
					l = &liveLatent{runID: 1, name: preset, data: dataset.MNIST, post: func(f latentFrame) {
						frames.Add(1)
						render.PlotImageFrame(f.fig, scatterWidth, scatterHeight)
					}}
				}
				var model *network.Model
				res, err := training.Run(context.Background(), training.Job{
					Spec: spec, Seed: 1, ValLimit: 1000,
					Start:    func(m *network.Model, _, _ network.Data) { model = m; l.start(m) },
					Progress: func(pr network.Progress) { l.tick(model, pr) },
				})
				l.stop()
				if err != nil {
					b.Fatal(err)
				}
				return res.Elapsed
			}
			i := 0
			for b.Loop() {
				if i++; i%2 == 1 { // alternate which goes first
					off += epoch(false)
					on += epoch(true)
				} else {
					on += epoch(true)
					off += epoch(false)
				}
			}
			b.ReportMetric(100*(on.Seconds()-off.Seconds())/off.Seconds(), "%slower")
			b.ReportMetric(off.Seconds()/float64(b.N), "s/epoch-off")
			b.ReportMetric(float64(frames.Load())/float64(b.N), "frames/epoch")
		})
	}
}
