package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
)

// diagramBox is one box of the model diagram.
type diagramBox struct {
	Title  string // "dense_1 (dense)"
	Detail string // "64 · 50,240 params", or the error (wrapped to several lines)
	Code   bool   // the code layer, highlighted
	Bad    bool   // the layer that does not fit, outlined in red
}

// Diagram draws a model as Keras's model_to_dot does: a box per layer with
// its name, output shape and parameter count, joined top to bottom by
// arrows, the code layer highlighted. It is drawn with canvas objects and
// follows the theme.
type Diagram struct {
	widget.BaseWidget
	boxes []diagramBox
}

// NewDiagram returns an empty diagram.
func NewDiagram() *Diagram {
	d := &Diagram{}
	d.ExtendBaseWidget(d)
	return d
}

// Boxes returns what the diagram shows, for tests.
func (d *Diagram) Boxes() []diagramBox { return d.boxes }

// SetBoxes replaces the diagram's boxes and redraws it.
func (d *Diagram) SetBoxes(boxes []diagramBox) {
	d.boxes = boxes
	d.Refresh()
}

// diagramBoxes returns the boxes of spec s with the layer information of a
// check (info may stop short of the layers when err names one of them).
func diagramBoxes(s network.Spec, info []network.LayerInfo, err error) []diagramBox {
	boxes := []diagramBox{{Title: "input", Detail: s.Input.String()}}
	bad := specErrLayer(err)
	for i, l := range s.Layers {
		b := diagramBox{Title: boxTitle(s.LayerName(i), l.Type), Code: l.Code}
		switch {
		case i == bad:
			b.Bad, b.Detail = true, specErrReason(err)
		case i < len(info):
			b.Title = boxTitle(info[i].Name, l.Type)
			b.Detail = fmt.Sprintf("%s · %s params", info[i].Out, thousands(info[i].Params))
		default:
			b.Detail = "?"
		}
		boxes = append(boxes, b)
	}
	return boxes
}

// boxTitle names a layer in its box: its name, and its type when the name
// does not say it.
func boxTitle(name, typ string) string {
	if strings.HasPrefix(name, typ+"_") {
		return name
	}
	return fmt.Sprintf("%s (%s)", name, typ)
}

// CreateRenderer is part of the fyne.Widget interface.
func (d *Diagram) CreateRenderer() fyne.WidgetRenderer {
	r := &diagramRenderer{d: d}
	r.build()
	return r
}

// Diagram geometry, in units of the theme's text size.
const (
	diagramBoxMinWidth = 190
	diagramGap         = 22 // between boxes, where the arrow goes
	diagramPad         = 8
)

type diagramRenderer struct {
	d       *Diagram
	objects []fyne.CanvasObject
	rects   []*canvas.Rectangle
	titles  []*canvas.Text
	details [][]*canvas.Text // the lines of each box's detail
	lines   []*canvas.Line   // three per arrow: shaft and two barbs
	boxW    float32
	lineH   float32
}

// boxHeight returns the height of box i: its title, its detail lines and
// the padding around them.
func (r *diagramRenderer) boxHeight(i int) float32 {
	return float32(1+len(r.details[i]))*r.lineH + 2*diagramPad
}

func (r *diagramRenderer) build() {
	r.objects, r.rects, r.titles, r.details, r.lines = nil, nil, nil, nil, nil
	fg := theme.Color(theme.ColorNameForeground)
	textSize := theme.TextSize()
	r.boxW = diagramBoxMinWidth
	for i, b := range r.d.boxes {
		rect := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		rect.StrokeColor = theme.Color(theme.ColorNameInputBorder)
		rect.StrokeWidth = 1
		rect.CornerRadius = 4
		title := canvas.NewText(b.Title, fg)
		title.TextStyle.Bold = true
		title.TextSize = textSize
		title.Alignment = fyne.TextAlignCenter
		detailColor := theme.Color(theme.ColorNamePlaceHolder)
		switch {
		case b.Bad:
			rect.StrokeColor = theme.Color(theme.ColorNameError)
			rect.StrokeWidth = 2
			detailColor = theme.Color(theme.ColorNameError)
		case b.Code:
			rect.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x55)
			rect.StrokeColor = theme.Color(theme.ColorNamePrimary)
			rect.StrokeWidth = 2
			title.Text = b.Title + " · code"
		}
		texts := []*canvas.Text{title}
		var detail []*canvas.Text
		fits := func(line string) bool { // in a box of the least width
			return fyne.MeasureText(line, textSize-1, fyne.TextStyle{}).Width+3*diagramPad <= diagramBoxMinWidth
		}
		for _, line := range wrapWords(b.Detail, fits) {
			t := canvas.NewText(line, detailColor)
			t.TextSize = textSize - 1
			t.Alignment = fyne.TextAlignCenter
			detail = append(detail, t)
		}
		texts = append(texts, detail...)
		for _, t := range texts {
			w := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle).Width + 3*diagramPad
			r.boxW = max(r.boxW, w)
		}
		r.rects = append(r.rects, rect)
		r.titles = append(r.titles, title)
		r.details = append(r.details, detail)
		r.objects = append(r.objects, rect)
		for _, t := range texts {
			r.objects = append(r.objects, t)
		}
		if i > 0 {
			for range 3 {
				l := canvas.NewLine(fg)
				l.StrokeWidth = 1.5
				r.lines = append(r.lines, l)
				r.objects = append(r.objects, l)
			}
		}
	}
	r.lineH = fyne.MeasureText("Hg", textSize, fyne.TextStyle{Bold: true}).Height
}

// Layout centres the column of boxes horizontally.
func (r *diagramRenderer) Layout(size fyne.Size) {
	x := max(diagramPad, (size.Width-r.boxW)/2)
	lineH := r.lineH
	y := float32(diagramPad)
	for i := range r.rects {
		if i > 0 {
			y += r.boxHeight(i-1) + diagramGap
		}
		r.rects[i].Move(fyne.NewPos(x, y))
		r.rects[i].Resize(fyne.NewSize(r.boxW, r.boxHeight(i)))
		r.titles[i].Move(fyne.NewPos(x, y+diagramPad))
		r.titles[i].Resize(fyne.NewSize(r.boxW, lineH))
		for k, t := range r.details[i] {
			t.Move(fyne.NewPos(x, y+diagramPad+float32(k+1)*lineH))
			t.Resize(fyne.NewSize(r.boxW, lineH))
		}
		if i > 0 {
			cx := x + r.boxW/2
			top, bottom := y-diagramGap+2, y-2
			shaft, left, right := r.lines[3*(i-1)], r.lines[3*(i-1)+1], r.lines[3*(i-1)+2]
			shaft.Position1, shaft.Position2 = fyne.NewPos(cx, top), fyne.NewPos(cx, bottom)
			left.Position1, left.Position2 = fyne.NewPos(cx-5, bottom-6), fyne.NewPos(cx, bottom)
			right.Position1, right.Position2 = fyne.NewPos(cx+5, bottom-6), fyne.NewPos(cx, bottom)
		}
	}
}

// MinSize fits every box and arrow.
func (r *diagramRenderer) MinSize() fyne.Size {
	h := float32(2 * diagramPad)
	for i := range r.rects {
		if i > 0 {
			h += diagramGap
		}
		h += r.boxHeight(i)
	}
	return fyne.NewSize(r.boxW+2*diagramPad, h)
}

func (r *diagramRenderer) Refresh() {
	r.build()
	r.Layout(r.d.Size())
	canvas.Refresh(r.d)
}

func (r *diagramRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *diagramRenderer) Destroy() {}

// withAlpha returns c with its alpha replaced by a (not premultiplied).
func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// wrapWords breaks s into lines at spaces, as long as fits allows; a word
// too long for a line gets a line of its own. An empty s is one empty line.
func wrapWords(s string, fits func(line string) bool) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case fits(line + " " + w):
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// shorten cuts s to at most n runes, ending with an ellipsis when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// thousands formats n with thin thousands separators: 50,240.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
