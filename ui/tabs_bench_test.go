package ui

import (
	"testing"
	"time"

	"autoencoder-studio/network"
)

// BenchmarkTabSwitch times showing each tab of a studio holding five
// finished runs, one of each preset: selecting the tab and running what the
// switch queues on the UI goroutine (ns/op), and apart from that painting
// the window once with fyne/test's software painter (paint-ms/op), which
// stands in for the GPU. Each iteration first shows another tab.
func BenchmarkTabSwitch(b *testing.B) {
	for _, sc := range screens {
		b.Run(sc.key, func(b *testing.B) {
			s, loop, w := newTestStudio(b, 64, 32)
			s.SetWindow(w)
			var hist []network.Epoch
			for e := 1; e <= 3; e++ {
				hist = append(hist, network.Epoch{Epoch: e, TrainLoss: 0.1 / float64(e), ValLoss: 0.11 / float64(e), ValMSE: 0.02 / float64(e), Seconds: 1})
			}
			for i, name := range network.PresetNames() {
				addRun(b, s, name, uint64(i), hist)
			}
			i := screenIndex(sc.key)
			other := (i + 1) % len(screens)
			for range 3 { // let every view compute once
				s.tabs.SelectIndex(i)
				loop.drain()
				w.Canvas().Capture()
				s.tabs.SelectIndex(other)
				loop.drain()
			}
			b.ResetTimer()
			var paint time.Duration
			for range b.N {
				b.StopTimer()
				s.tabs.SelectIndex(other)
				loop.drain()
				b.StartTimer()
				s.tabs.SelectIndex(i)
				loop.drain()
				b.StopTimer()
				start := time.Now()
				w.Canvas().Capture()
				paint += time.Since(start)
				b.StartTimer()
			}
			// ns/op is the switch on the UI goroutine; the software paint
			// of the window after it, which a GPU does in the app, apart.
			b.ReportMetric(float64(paint.Milliseconds())/float64(b.N), "paint-ms/op")
		})
	}
}
