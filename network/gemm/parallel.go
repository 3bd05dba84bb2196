package gemm

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// spinFor is how long an idle worker polls for new work before parking, and
// how long a caller polls for its helpers before blocking. Waking a parked
// goroutine on an idle CPU can take 100 µs or more (longer than a whole
// 128×784×64 multiply), so back-to-back calls are handed over by polling.
const spinFor = 200 * time.Microsecond

// When the caller, having finished its own share, waits for helpers longer
// than stallMin and twice its own working time, a helper thread was most
// likely descheduled by the OS (the machine is oversubscribed). Parallel
// then runs inline for stallBackoff instead of stalling every call.
const (
	stallMin     = 500 * time.Microsecond
	stallBackoff = 20 * time.Millisecond
)

// parallelJob is one call of Parallel shared between the caller and the
// pool workers that picked it up. Chunks are claimed with an atomic counter,
// so whoever is running takes the next chunk and a late worker finds none.
type parallelJob struct {
	fn       func(lo, hi int)
	n        int
	size     int   // items per chunk
	nchunks  int64 // number of chunks
	next     atomic.Int64
	finished atomic.Int32 // helpers that have finished (for polling)
	helpers  sync.WaitGroup
}

// work claims and runs chunks until none are left.
func (j *parallelJob) work() {
	for {
		c := j.next.Add(1) - 1
		if c >= j.nchunks {
			return
		}
		lo := int(c) * j.size
		hi := min(lo+j.size, j.n)
		j.fn(lo, hi)
	}
}

// help is run by a pool worker that took j.
func (j *parallelJob) help() {
	j.work()
	j.finished.Add(1)
	j.helpers.Done()
}

// workerPool is the persistent set of helper goroutines behind Parallel.
// An idle worker first polls the offer slot for spinFor, then parks
// receiving on jobs. Jobs are only ever handed to idle workers (CAS into
// offer when someone polls, non-blocking send otherwise), so a busy pool
// never blocks a caller.
type workerPool struct {
	offer    atomic.Pointer[parallelJob] // job offered to a polling worker
	polling  atomic.Int32                // workers currently polling offer
	jobs     chan *parallelJob           // hand-off to parked workers
	mu       sync.Mutex
	started  atomic.Int32
	recycled chan *parallelJob // free jobs (survives GC, unlike sync.Pool)
	epoch    time.Time         // origin of inlineUntil
	// inlineUntil (ns since epoch) is the end of a stall back-off.
	inlineUntil atomic.Int64
}

// pool is the process-wide worker pool (the package's only shared state
// besides the kernel choice).
var pool = workerPool{
	jobs:     make(chan *parallelJob),
	recycled: make(chan *parallelJob, 16),
	epoch:    time.Now(),
}

// ensure makes sure at least n helper goroutines exist.
func (p *workerPool) ensure(n int) {
	if int(p.started.Load()) >= n {
		return
	}
	p.mu.Lock()
	for int(p.started.Load()) < n {
		p.started.Add(1)
		go p.loop()
	}
	p.mu.Unlock()
}

// loop is the body of a helper goroutine.
func (p *workerPool) loop() {
	for {
		j := p.poll()
		if j == nil {
			j = <-p.jobs
		}
		j.help()
	}
}

// poll watches the offer slot for up to spinFor and claims a job from it.
func (p *workerPool) poll() *parallelJob {
	p.polling.Add(1)
	defer p.polling.Add(-1)
	start := time.Now()
	for {
		if j := p.offer.Load(); j != nil && p.offer.CompareAndSwap(j, nil) {
			return j
		}
		if time.Since(start) > spinFor {
			return nil
		}
		runtime.Gosched()
	}
}

// Parallel splits [0,n) into chunks of at least grain items and runs
// fn(lo, hi) on them across up to GOMAXPROCS workers of a persistent pool
// (no goroutine is spawned per call), returning when all chunks finish.
//
// It runs fn(0, n) inline when n <= grain or GOMAXPROCS == 1. Parallel is
// safe for concurrent callers and for nested calls: the calling goroutine
// always works on the chunks itself and only hands the job to pool workers
// that are idle, so a busy pool degrades to inline execution instead of
// deadlocking. If helpers are seen to stall (their OS threads descheduled
// on an oversubscribed machine), calls run inline for a short while. fn must
// not panic.
func Parallel(n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	grain = max(grain, 1)
	procs := runtime.GOMAXPROCS(0)
	if n <= grain || procs == 1 {
		fn(0, n)
		return
	}
	nchunks := min(n/grain, procs)
	size := (n + nchunks - 1) / nchunks
	nchunks = (n + size - 1) / size
	if nchunks == 1 {
		fn(0, n)
		return
	}
	p := &pool
	t0 := time.Since(p.epoch)
	if int64(t0) < p.inlineUntil.Load() {
		fn(0, n)
		return
	}
	p.ensure(procs - 1)

	var j *parallelJob
	select {
	case j = <-p.recycled:
	default:
		j = new(parallelJob)
	}
	j.fn, j.n, j.size, j.nchunks = fn, n, size, int64(nchunks)
	j.next.Store(0)
	j.finished.Store(0)

	// Recruit up to nchunks-1 idle workers: a polling one through the offer
	// slot, parked ones through the channel.
	want, helpers := nchunks-1, int32(0)
	offered := false
	if p.polling.Load() > 0 {
		j.helpers.Add(1)
		if p.offer.CompareAndSwap(nil, j) {
			offered = true
			want--
			helpers++
		} else {
			j.helpers.Done()
		}
	}
	for ; want > 0; want-- {
		j.helpers.Add(1)
		sent := false
		select {
		case p.jobs <- j:
			sent = true
		default:
		}
		if !sent {
			j.helpers.Done()
			break
		}
		helpers++
	}

	j.work()

	if offered && p.offer.CompareAndSwap(j, nil) {
		// No worker claimed the offer; withdraw it.
		j.helpers.Done()
		helpers--
	}
	if j.finished.Load() < helpers {
		t1 := time.Since(p.epoch)
		for j.finished.Load() < helpers && time.Since(p.epoch)-t1 < spinFor {
			runtime.Gosched()
		}
		j.helpers.Wait()
		t2 := time.Since(p.epoch)
		if wait := t2 - t1; wait > stallMin && wait > 2*(t1-t0) {
			p.inlineUntil.Store(int64(t2 + stallBackoff))
		}
	} else {
		j.helpers.Wait()
	}
	j.fn = nil
	select {
	case p.recycled <- j:
	default:
	}
}
