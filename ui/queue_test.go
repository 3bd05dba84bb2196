package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestQueue(t *testing.T) {
	type op struct {
		do   string // push, next, remove, move
		x    string
		by   int
		want bool // what the operation returns
	}
	for _, tc := range []struct {
		name  string
		ops   []op
		order string // the queue afterwards
	}{
		{"push keeps order", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"push", "c", 0, true}}, "a b c"},
		{"push twice", []op{{"push", "a", 0, true}, {"push", "a", 0, false}}, "a"},
		{"next takes the first", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"next", "a", 0, true}}, "b"},
		{"next of empty", []op{{"next", "", 0, false}}, ""},
		{"cancel the middle", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"push", "c", 0, true}, {"remove", "b", 0, true}}, "a c"},
		{"cancel unknown", []op{{"push", "a", 0, true}, {"remove", "z", 0, false}}, "a"},
		{"cancel then next", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"remove", "a", 0, true}, {"next", "b", 0, true}}, ""},
		{"move up", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"push", "c", 0, true}, {"move", "c", -1, true}}, "a c b"},
		{"move down", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"push", "c", 0, true}, {"move", "a", 1, true}}, "b a c"},
		{"move to the front", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"push", "c", 0, true}, {"move", "c", -5, true}}, "c a b"},
		{"move the first up", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"move", "a", -1, false}}, "a b"},
		{"move the last down", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"move", "b", 1, false}}, "a b"},
		{"move unknown", []op{{"push", "a", 0, true}, {"move", "z", 1, false}}, "a"},
		{"moved then next", []op{{"push", "a", 0, true}, {"push", "b", 0, true}, {"move", "b", -1, true}, {"next", "b", 0, true}, {"next", "a", 0, true}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var q queue[string]
			for _, o := range tc.ops {
				var got bool
				switch o.do {
				case "push":
					got = q.Push(o.x)
				case "next":
					var x string
					x, got = q.Next()
					if x != o.x {
						t.Errorf("Next gave %q, want %q", x, o.x)
					}
				case "remove":
					got = q.Remove(o.x)
				case "move":
					got = q.Move(o.x, o.by)
				}
				if got != o.want {
					t.Errorf("%s %s %d returned %v, want %v", o.do, o.x, o.by, got, o.want)
				}
			}
			if got := strings.Join(q.Items(), " "); got != tc.order || q.Len() != len(q.Items()) {
				t.Errorf("queue %q (len %d), want %q", got, q.Len(), tc.order)
			}
			for i, x := range q.Items() {
				if q.Position(x) != i {
					t.Errorf("Position(%s) = %d, want %d", x, q.Position(x), i)
				}
			}
			if q.Position("zz") != -1 {
				t.Error("Position of an item not queued is not -1")
			}
		})
	}
}

// TestQueueTrainsInTurn presses Train three times: the first run trains,
// the others wait; one is cancelled from the Runs list and the other
// starts when the first ends.
func TestQueueTrainsInTurn(t *testing.T) {
	s, loop, _ := newTestStudio(t, 4096, 128)
	s.Editor().epochs.SetText("1")
	s.StartTraining()
	first := s.runs.Selected()
	test.Tap(s.train.start) // while the first trains
	second := s.runs.Selected()
	test.Tap(s.train.start)
	third := s.runs.Selected()
	if first == second || second == third || s.train.job == nil || s.train.job.run != first {
		t.Fatalf("runs %v %v %v, training %v", first, second, third, s.train.job)
	}
	for i, r := range []*Run{second, third} {
		if r.Status != RunWaiting || r.queuePos != i+1 {
			t.Errorf("%s: status %v, place %d; want queued, %d", r.Name, r.Status, r.queuePos, i+1)
		}
	}
	if got := third.Summary(); got != "queued · #2 in line" {
		t.Errorf("the list says %q of the third run", got)
	}
	if !s.list.queue.content.Visible() || !s.list.queue.down.Disabled() || s.list.queue.up.Disabled() {
		t.Error("the queue tools of the last queued run are hidden, or let it move down, or not up")
	}
	if !strings.Contains(s.train.hint.Text, "session") || !strings.Contains(s.train.hint.Text, "2 runs queued") {
		t.Errorf("hint %q does not say the queue lasts for the session, or how many wait", s.train.hint.Text)
	}
	// Move the third before the second, then back.
	test.Tap(s.list.queue.up)
	if third.queuePos != 1 || second.queuePos != 2 || s.train.queue.Items()[0] != third {
		t.Errorf("after moving up: places %d, %d", third.queuePos, second.queuePos)
	}
	test.Tap(s.list.queue.down)
	if third.queuePos != 2 || second.queuePos != 1 {
		t.Errorf("after moving down: places %d, %d", third.queuePos, second.queuePos)
	}
	// Cancel the second from the Runs list.
	s.runs.Select(second)
	test.Tap(s.list.queue.cancel)
	if s.runs.ByID(second.ID) != nil || s.train.queue.Position(second) >= 0 {
		t.Fatal("the cancelled run stays in the list or the queue")
	}
	if third.queuePos != 1 || first.Status == RunWaiting {
		t.Errorf("after the cancel: the third is #%d, the first %v", third.queuePos, first.Status)
	}
	loop.until(t, "the first run to end", 60*time.Second, func() bool { return !first.Status.Active() })
	// A short run may have ended too by the time the loop looks again, so
	// the third counts as started when it trains or is done.
	if first.Status != RunDone || third.Status == RunWaiting || third.Status.Active() && (s.train.job == nil || s.train.job.run != third) {
		t.Fatalf("first %v; third %v; training %v: the third did not start when the first ended", first.Status, third.Status, s.train.job)
	}
	if second.Status == RunDone || second.Status.Active() || second.Model() != nil {
		t.Errorf("the cancelled run trained: %v", second.Status)
	}
	loop.until(t, "the third run to end", 60*time.Second, func() bool { return !third.Status.Active() })
	if third.Status != RunDone || len(third.History) != 1 || third.FitSeed != first.FitSeed {
		t.Errorf("third: %v, %d epochs, seed %d (first %d)", third.Status, len(third.History), third.FitSeed, first.FitSeed)
	}
	if s.train.job != nil || s.train.queue.Len() != 0 {
		t.Errorf("training %v with %d queued after the last run", s.train.job, s.train.queue.Len())
	}
}

// TestQueueRemoveDialogDequeues checks that removing a queued run another
// way (Runs.Remove, as the Remove… dialog does) takes it out of the queue.
func TestQueueRemoveDialogDequeues(t *testing.T) {
	s, loop, _ := newTestStudio(t, 8192, 128)
	s.StartTraining()
	first := s.runs.Selected()
	s.StartTraining()
	queued := s.runs.Selected()
	if err := s.runs.Remove(queued); err != nil {
		t.Fatal(err)
	}
	if s.train.queue.Len() != 0 {
		t.Fatal("a removed run stays queued")
	}
	s.train.Stop()
	loop.until(t, "the stop", 30*time.Second, func() bool { return !first.Status.Active() })
	if s.train.job != nil {
		t.Errorf("a run started after the only queued one was removed: %s", s.train.job.run.Name)
	}
}
