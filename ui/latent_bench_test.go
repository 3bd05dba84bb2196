package ui

import (
	"testing"
	"time"
)

// BenchmarkLatentHover moves the mouse over the latent plane of a VAE and
// of the conv preset: each update asks for a decode (on the UI goroutine),
// the decode runs on another, and the result is shown (on the UI goroutine
// again). It reports the UI goroutine's time per update ("ui-ms/update",
// which must stay far under a 16 ms frame) and the whole round trip.
func BenchmarkLatentHover(b *testing.B) {
	for _, preset := range []string{"vae", "conv"} {
		b.Run(preset, func(b *testing.B) {
			s, loop, _ := newTestStudio(b, 512, 300)
			addRun(b, s, preset, 1, nil)
			p := s.latent
			s.tabs.SelectIndex(tabLatent)
			deadline := time.Now().Add(20 * time.Second)
			for p.res == nil && time.Now().Before(deadline) {
				loop.drain()
				time.Sleep(time.Millisecond)
			}
			if p.res == nil {
				b.Fatal("no codes")
			}
			var ui time.Duration
			i := 0
			for b.Loop() {
				i++
				x := p.res.plane.X[0] + (p.res.plane.X[1]-p.res.plane.X[0])*float64(i%97)/97
				t0 := time.Now()
				p.hover(x, 0.5)
				ui += time.Since(t0)
				for p.hoverDone != p.hoverN {
					loop.mu.Lock()
					queued := len(loop.q) > 0
					loop.mu.Unlock()
					if !queued {
						time.Sleep(10 * time.Microsecond)
						continue
					}
					t1 := time.Now()
					loop.drain()
					ui += time.Since(t1)
				}
			}
			b.ReportMetric(float64(ui.Microseconds())/1000/float64(b.N), "ui-ms/update")
		})
	}
}
