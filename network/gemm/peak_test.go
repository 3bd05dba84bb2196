package gemm

import (
	"testing"
	"time"

	"golang.org/x/sys/cpu"
)

// TestMeasurePeaks checks the peak loops run and give sane figures: the
// AVX-512 loop does twice the AVX2 loop's work per instruction, so on a CPU
// with both it must not come out slower per core than the AVX2 one
// (allowing for noise), and two cores must beat one.
func TestMeasurePeaks(t *testing.T) {
	peaks := MeasurePeaks(100*time.Millisecond, 2)
	want := 0
	if hasAsm && cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		want++
	}
	if hasAsm && cpu.X86.HasAVX512F {
		want++
	}
	if len(peaks) != want {
		t.Fatalf("%d peaks measured, want %d: %+v", len(peaks), want, peaks)
	}
	for _, p := range peaks {
		t.Logf("%s: %.1f GFLOP/s on one core, %.1f on %d", p.ISA, p.Core, p.Cores, p.Threads)
		if !(p.Core > 1) || !(p.Cores > p.Core*0.9) {
			t.Errorf("%s: implausible peak %+v", p.ISA, p)
		}
	}
	if len(peaks) == 2 && peaks[1].Core < 0.9*peaks[0].Core {
		t.Errorf("AVX-512 %.1f GFLOP/s per core below AVX2's %.1f", peaks[1].Core, peaks[0].Core)
	}
}

// BenchmarkFMAPeak reports each instruction set's one-core FMA peak.
func BenchmarkFMAPeak(b *testing.B) {
	for _, l := range fmaLoops() {
		b.Run(l.isa, func(b *testing.B) {
			l.run(b.N)
			b.ReportMetric(float64(b.N)*float64(l.flops)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
