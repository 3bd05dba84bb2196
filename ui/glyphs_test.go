package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"
)

// bundledGlyphs reports whether Fyne can draw a rune from the fonts it
// carries. On Linux a missing glyph falls back to the system's fonts, so a
// gap shows only where those lack it too — on Windows, as a box. The text
// faces are the theme's Noto Sans (regular, bold, italic: any label may be
// styled) followed by the bundled emoji font; see Fyne's
// internal/painter/font.go.
type bundledGlyphs struct {
	text  []*sfnt.Font
	emoji *sfnt.Font
	buf   sfnt.Buffer
}

func newBundledGlyphs(t *testing.T) *bundledGlyphs {
	t.Helper()
	parse := func(r fyne.Resource) *sfnt.Font {
		f, err := sfnt.Parse(r.Content())
		if err != nil {
			t.Fatalf("parse the bundled font %s: %v", r.Name(), err)
		}
		return f
	}
	g := &bundledGlyphs{emoji: parse(theme.DefaultEmojiFont())}
	for _, r := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultTextItalicFont()} {
		g.text = append(g.text, parse(r))
	}
	return g
}

func (g *bundledGlyphs) has(f *sfnt.Font, r rune) bool {
	i, err := f.GlyphIndex(&g.buf, r)
	return err == nil && i != 0
}

// covers reports whether r is drawn by every text style or by the emoji font.
func (g *bundledGlyphs) covers(r rune) bool {
	if r < 0x80 || unicode.IsControl(r) || g.has(g.emoji, r) {
		return true
	}
	for _, f := range g.text {
		if !g.has(f, r) {
			return false
		}
	}
	return true
}

// missing returns the runes of s no bundled font draws.
func (g *bundledGlyphs) missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if !g.covers(r) {
			out = append(out, r)
		}
	}
	return out
}

func TestBundledGlyphsCoverage(t *testing.T) {
	g := newBundledGlyphs(t)
	for _, tc := range []struct {
		s    string
		want string
	}{
		{"14×14×16 · 1,234 parameters…", ""},
		{"✔ fits ⚠ warning", ""},
		{"→ ✓ ▲ ▼ ▸", "→✓▲▼▸"}, // what the Windows build showed as boxes
	} {
		if got := string(g.missing(tc.s)); got != tc.want {
			t.Errorf("missing(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestUIStringLiteralsHaveGlyphs checks every string literal of the code
// whose text can reach the window — the UI and the engine's and dataset's
// messages — against the fonts Fyne bundles.
func TestUIStringLiteralsHaveGlyphs(t *testing.T) {
	g := newBundledGlyphs(t)
	literals := 0
	for _, dir := range []string{".", "../network", "../dataset"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || d.Name() == "cli") {
				return filepath.SkipDir // the CLI prints to a terminal, not the window
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return fmt.Errorf("parse %s: %w", path, err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
					return true
				}
				literals++
				s := lit.Value
				if u, err := strconv.Unquote(lit.Value); err == nil {
					s = u
				}
				if m := g.missing(s); len(m) > 0 {
					t.Errorf("%s: %q has no glyph in Fyne's bundled fonts for %q", fset.Position(lit.Pos()), s, string(m))
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if literals < 500 {
		t.Fatalf("read only %d string literals: is the walk looking in the right folders?", literals)
	}
}

// TestWindowTextHasGlyphs trains a small run, opens every tab and checks all
// the text drawn in the window, which includes the strings built at run
// time (shapes, statistics, messages), against the bundled fonts.
func TestWindowTextHasGlyphs(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a run")
	}
	g := newBundledGlyphs(t)
	s, loop, w := newTestStudio(t, 256, 64)
	s.Editor().epochs.SetText("1")
	s.StartTraining()
	r := s.Runs().Selected()
	loop.until(t, "the run to finish", 60*time.Second, func() bool { return !r.Status.Active() })
	if r.Err != nil {
		t.Fatalf("training: %v", r.Err)
	}
	seen := map[string]bool{}
	for i := range screens {
		s.tabs.SelectIndex(i)
		loop.drain()
		time.Sleep(50 * time.Millisecond) // let the tab's workers post
		loop.drain()
		for _, text := range windowTexts(w.Canvas().Content()) {
			seen[text] = true
		}
	}
	if len(seen) < 50 {
		t.Fatalf("found only %d texts in the window", len(seen))
	}
	var bad []string
	for text := range seen {
		if m := g.missing(text); len(m) > 0 {
			bad = append(bad, fmt.Sprintf("%q (no glyph for %q)", text, string(m)))
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("window text %s", b)
	}
}

// windowTexts returns the text of every canvas.Text under o, and of the
// widgets whose renderers draw text lazily (labels of unselected items).
func windowTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *widget.Select:
			out = append(out, x.Options...)
		case *widget.RadioGroup:
			out = append(out, x.Options...)
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wd).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
