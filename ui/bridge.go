package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// bridge carries values from worker goroutines to the UI goroutine. Post
// never blocks: it keeps the newest value and schedules one call of apply on
// the UI goroutine, so a fast producer cannot flood the event queue and the
// UI always shows the latest state. Values the UI had no time to show are
// dropped, except those posted with PostFinal, which are always delivered.
type bridge[T any] struct {
	do    func(func()) // fyne.Do, or a test's event loop
	apply func(T)

	mu      sync.Mutex
	val     T
	pending bool
}

// newBridge returns a bridge that applies values on the UI goroutine through
// do (nil means fyne.Do).
func newBridge[T any](do func(func()), apply func(T)) *bridge[T] {
	if do == nil {
		do = fyne.Do
	}
	return &bridge[T]{do: do, apply: apply}
}

// Post hands v to the UI; a later Post before the UI ran replaces it.
func (b *bridge[T]) Post(v T) {
	b.mu.Lock()
	b.val = v
	if b.pending {
		b.mu.Unlock()
		return
	}
	b.pending = true
	b.mu.Unlock()
	b.do(func() {
		b.mu.Lock()
		v := b.val
		b.pending = false
		b.mu.Unlock()
		b.apply(v)
	})
}

// PostFinal hands v to the UI without coalescing: apply sees it even if
// more values follow.
func (b *bridge[T]) PostFinal(v T) {
	b.do(func() { b.apply(v) })
}
