package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// TestScreensTable checks that the tabs, the View menu and its Ctrl+digit
// shortcuts all follow the screens table.
func TestScreensTable(t *testing.T) {
	s, _, _ := newTestStudio(t, 64, 32)
	if n := len(s.tabs.Items); n != len(screens) {
		t.Fatalf("%d tabs for %d screens", n, len(screens))
	}
	var view *fyne.Menu
	for _, m := range s.MainMenu().Items {
		if m.Label == "View" {
			view = m
		}
	}
	if view == nil || len(view.Items) != len(screens) {
		t.Fatalf("View menu %v, want one item per screen", view)
	}
	seen := map[string]bool{}
	for i, sc := range screens {
		if seen[sc.key] {
			t.Errorf("screen key %q twice", sc.key)
		}
		seen[sc.key] = true
		if got := screenIndex(sc.key); got != i {
			t.Errorf("screenIndex(%q) = %d, want %d", sc.key, got, i)
		}
		if s.tabs.Items[i].Text != sc.title || view.Items[i].Label != sc.title {
			t.Errorf("screen %d: tab %q, menu %q, want %q", i, s.tabs.Items[i].Text, view.Items[i].Label, sc.title)
		}
		sh, _ := view.Items[i].Shortcut.(*desktop.CustomShortcut)
		if sh == nil || sh.KeyName != fyne.KeyName(strconv.Itoa(i+1)) {
			t.Errorf("screen %d: shortcut %v, want Ctrl+%d", i, view.Items[i].Shortcut, i+1)
		}
		view.Items[i].Action()
		if got := s.tabs.SelectedIndex(); got != i {
			t.Errorf("View ▸ %s selected tab %d", sc.title, got)
		}
	}
	for _, tc := range []struct {
		i    int
		want fyne.KeyName
		ok   bool
	}{{0, fyne.Key1, true}, {8, fyne.Key9, true}, {9, "", false}, {-1, "", false}} {
		if k, ok := screenKey(tc.i); k != tc.want || ok != tc.ok {
			t.Errorf("screenKey(%d) = %q, %v; want %q, %v", tc.i, k, ok, tc.want, tc.ok)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("screenIndex of an unknown key did not panic")
		}
	}()
	screenIndex("no such screen")
}
