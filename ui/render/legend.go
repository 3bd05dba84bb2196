package render

import (
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The legend's measures.
const (
	legendFont  = 11 // points
	legendLabel = 32 // runes of a label; longer ones end in "…"
	legendSide  = 0.3
)

var (
	legendGap    = vg.Points(10) // between the plot and the legend, and between columns
	legendMargin = vg.Points(4)  // between the legend and the image's edge
	legendPad    = vg.Points(2)  // between entries
)

// drawLegend draws the entries in c beside the plot area, top ones aligned
// top below the title (top high), or under it, and returns the area left
// for the plot and the legend's box (empty without entries).
func drawLegend(c draw.Canvas, entries []LegendEntry, st Style, top vg.Length) (draw.Canvas, vg.Rectangle) {
	if len(entries) == 0 {
		return c, vg.Rectangle{}
	}
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	rowH := entryHeight(st) + legendPad
	rows := max(1, int((h-top-legendMargin+legendPad)/rowH))
	cols := columns(entries, rows, st)
	if width := columnsWidth(cols); width <= vg.Length(legendSide)*w {
		box := vg.Rectangle{
			Min: vg.Point{X: c.Max.X - legendMargin - width, Y: c.Min.Y},
			Max: vg.Point{X: c.Max.X - legendMargin, Y: c.Max.Y - top},
		}
		drawColumns(c, cols, box)
		box.Min.Y = box.Max.Y - columnsHeight(cols, st)
		return draw.Crop(c, 0, -(width + legendGap + legendMargin), 0, 0), box
	}
	// Under the plot: as many columns as fit the width, in at most 45% of
	// the height; entries that do not fit are counted in the last one.
	maxRows := max(1, int((0.45*h+legendPad)/rowH))
	for n := len(entries); n >= 1; n-- {
		rows = min((len(entries)+n-1)/n, maxRows)
		if cols = columns(fitRows(entries, rows*n), rows, st); columnsWidth(cols) <= w-2*legendMargin {
			break
		}
	}
	width, height := columnsWidth(cols), columnsHeight(cols, st)
	x := c.Min.X + max(legendMargin, (w-width)/2)
	box := vg.Rectangle{Min: vg.Point{X: x, Y: c.Min.Y + legendMargin}, Max: vg.Point{X: x + width, Y: c.Min.Y + legendMargin + height}}
	drawColumns(c, cols, box)
	return draw.Crop(c, 0, 0, height+legendGap+legendMargin, 0), box
}

// fitRows returns the entries, cut to at most room with the last saying
// how many are left out.
func fitRows(entries []LegendEntry, room int) []LegendEntry {
	if len(entries) <= room {
		return entries
	}
	out := append([]LegendEntry(nil), entries[:room-1]...)
	return append(out, LegendEntry{Label: "and " + strconv.Itoa(len(entries)-room+1) + " more"})
}

// newLegend returns an empty gonum legend in style st, thumbnails first,
// top down.
func newLegend(st Style) plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Color = st.Foreground
	l.TextStyle.Font.Variant = fontVariant
	l.TextStyle.Font.Size = legendFont
	l.Top, l.Left = true, true
	l.Padding = legendPad
	return l
}

// entryHeight returns the height of a legend entry in style st.
func entryHeight(st Style) vg.Length {
	l := newLegend(st)
	return l.TextStyle.Rectangle("Mg").Max.Y
}

// columns splits the entries into columns of at most rows entries, top to
// bottom then left to right, as gonum legends.
func columns(entries []LegendEntry, rows int, st Style) []plot.Legend {
	var out []plot.Legend
	for i := 0; i < len(entries); i += rows {
		l := newLegend(st)
		for _, e := range entries[i:min(i+rows, len(entries))] {
			l.Add(shorten(e.Label, legendLabel), e.Thumbs...)
		}
		out = append(out, l)
	}
	return out
}

// columnsWidth returns the width of the columns side by side.
func columnsWidth(cols []plot.Legend) vg.Length {
	var w vg.Length
	for i := range cols {
		w += cols[i].Rectangle(draw.Canvas{}).Size().X
	}
	return w + vg.Length(max(len(cols)-1, 0))*legendGap
}

// columnsHeight returns the height of the tallest column, descent included.
func columnsHeight(cols []plot.Legend, st Style) vg.Length {
	var h vg.Length
	for i := range cols {
		h = max(h, cols[i].Rectangle(draw.Canvas{}).Size().Y)
	}
	return h + newLegend(st).TextStyle.FontExtents().Descent
}

// drawColumns draws the columns side by side from the top left of box.
func drawColumns(c draw.Canvas, cols []plot.Legend, box vg.Rectangle) {
	x := box.Min.X
	for i := range cols {
		cw := cols[i].Rectangle(draw.Canvas{}).Size().X
		cols[i].Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: box.Min.Y},
			Max: vg.Point{X: x + cw, Y: box.Max.Y},
		}})
		x += cw + legendGap
	}
}

// shorten returns s cut to n runes, the last an ellipsis, when longer.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
