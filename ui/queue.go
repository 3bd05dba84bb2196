package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// queue is an ordered list of distinct items waiting their turn: the runs
// that train once the run in training ends. It knows nothing of the
// window; the zero value is an empty queue.
type queue[T comparable] struct{ items []T }

// Push appends x at the end of the queue; it returns false, changing
// nothing, when x is queued already.
func (q *queue[T]) Push(x T) bool {
	if slices.Contains(q.items, x) {
		return false
	}
	q.items = append(q.items, x)
	return true
}

// Next takes the first item out of the queue and returns it; ok is false
// when the queue is empty.
func (q *queue[T]) Next() (x T, ok bool) {
	if len(q.items) == 0 {
		return x, false
	}
	x = q.items[0]
	q.items = slices.Delete(q.items, 0, 1)
	return x, true
}

// Remove takes x out of the queue; it returns false when x is not queued.
func (q *queue[T]) Remove(x T) bool {
	i := slices.Index(q.items, x)
	if i < 0 {
		return false
	}
	q.items = slices.Delete(q.items, i, i+1)
	return true
}

// Move moves x by delta places (negative: towards the front), stopping at
// either end; it returns false when x is not queued or does not move.
func (q *queue[T]) Move(x T, delta int) bool {
	i := slices.Index(q.items, x)
	if i < 0 {
		return false
	}
	j := min(max(i+delta, 0), len(q.items)-1)
	if j == i {
		return false
	}
	q.items = slices.Insert(slices.Delete(q.items, i, i+1), j, x)
	return true
}

// Position returns x's place in the queue, 0 for the next to go, or -1
// when x is not queued.
func (q *queue[T]) Position(x T) int { return slices.Index(q.items, x) }

// Len returns how many items wait.
func (q *queue[T]) Len() int { return len(q.items) }

// Items returns the items in the order they go.
func (q *queue[T]) Items() []T { return slices.Clone(q.items) }

// queueHint says what the queue is, for the Runs list and the Train panel.
const queueHint = "Queued runs train one after another, in this order, with the same seed and data. The queue lasts for this session only: quitting drops the runs that have not started."

// enqueue puts run r, just added to the runs, in the training queue.
func (p *trainPanel) enqueue(r *Run) {
	r.Status = RunWaiting
	p.queue.Push(r)
	p.renumber()
	p.updateButtons()
}

// startNext starts the first queued run, if any and no run trains. A run
// queued on other data than the Train panel's now fails with a message
// saying so, and the next one is tried.
func (p *trainPanel) startNext() {
	for p.job == nil {
		r, ok := p.queue.Next()
		if !ok {
			break
		}
		if p.s.runs.ByID(r.ID) != r {
			continue // removed from the list meanwhile
		}
		r.queuePos = 0
		if data := p.s.data.name(); r.Dataset != "" && r.Dataset != data {
			r.Status = RunFailed
			r.Err = fmt.Errorf("%s was queued on %s, but the training data is now %s: switch back to %s and train it again", r.Name, r.Dataset, data, r.Dataset)
			p.s.runs.Changed(r)
			continue
		}
		p.begin(r)
	}
	p.renumber()
}

// CancelQueued takes the queued run r out of the queue and out of the list
// of runs. It returns an error for a run that is not queued.
func (p *trainPanel) CancelQueued(r *Run) error {
	if r.Status != RunWaiting || !p.queue.Remove(r) {
		return fmt.Errorf("cancel %s: it is not queued", r.Name)
	}
	r.Status = RunStopped // not waiting any more, whoever still holds it
	if err := p.s.runs.Remove(r); err != nil {
		return err
	}
	p.renumber()
	return nil
}

// MoveQueued moves the queued run r by delta places in the queue
// (negative: sooner).
func (p *trainPanel) MoveQueued(r *Run, delta int) {
	if p.queue.Move(r, delta) {
		p.renumber()
	}
}

// dropRemoved takes a run removed from the list out of the queue; it is a
// listener of the runs.
func (p *trainPanel) dropRemoved(changed *Run) {
	if changed != nil && changed.queuePos > 0 && p.s.runs.ByID(changed.ID) != changed && p.queue.Remove(changed) {
		p.renumber()
	}
}

// renumber tells every queued run its place in line, and the listeners of
// the runs whose place changed.
func (p *trainPanel) renumber() {
	for i, r := range p.queue.Items() {
		if r.queuePos != i+1 {
			r.queuePos = i + 1
			p.s.runs.Changed(r)
		}
	}
}

// queuedText describes a queued run's place in line.
func queuedText(r *Run) string {
	if r.queuePos == 1 {
		return "queued · next"
	}
	return fmt.Sprintf("queued · #%d in line", r.queuePos)
}

// queueTools are the Runs list's buttons for the selected queued run:
// cancel it, or move it sooner or later in the queue.
type queueTools struct {
	s                *Studio
	cancel, up, down *escButton
	content          fyne.CanvasObject
}

func newQueueTools(s *Studio) *queueTools {
	q := &queueTools{s: s}
	act := func(f func(r *Run)) func() {
		return func() {
			if r := s.runs.Selected(); r != nil && r.Status == RunWaiting {
				f(r)
			}
		}
	}
	q.cancel = newButton("Cancel", theme.CancelIcon(), act(func(r *Run) {
		if err := s.train.CancelQueued(r); err != nil {
			s.showError(err)
		}
	}))
	q.up = newButton("", theme.MoveUpIcon(), act(func(r *Run) { s.train.MoveQueued(r, -1) }))
	q.down = newButton("", theme.MoveDownIcon(), act(func(r *Run) { s.train.MoveQueued(r, 1) }))
	hint := widget.NewLabel(queueHint)
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	hint.SizeName = theme.SizeNameCaptionText
	q.content = container.NewVBox(hint, container.NewBorder(nil, nil, nil, container.NewHBox(q.up, q.down), q.cancel))
	q.content.Hide()
	return q
}

// update shows the tools when r is queued, with the moves that apply.
func (q *queueTools) update(r *Run) {
	if r == nil || r.Status != RunWaiting {
		q.content.Hide()
		return
	}
	q.content.Show()
	n := q.s.train.queue.Len()
	enable(q.up, r.queuePos > 1)
	enable(q.down, r.queuePos < n)
}

// enable enables or disables button b.
func enable(b *escButton, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
