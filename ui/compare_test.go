package ui

import (
	"bytes"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// findButton returns the first button in o's tree whose text starts with
// prefix, or nil.
func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if strings.HasPrefix(x.Text, prefix) {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestCompareTwoRuns(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	a := addRun(t, s, "vanilla", 1, []network.Epoch{
		{Epoch: 1, TrainLoss: 0.09, ValLoss: 0.08, ValMSE: 0.05, Seconds: 2},
		{Epoch: 2, TrainLoss: 0.07, ValLoss: 0.065, ValMSE: 0.04, Seconds: 2}})
	b := addRun(t, s, "sparse", 2, []network.Epoch{
		{Epoch: 1, TrainLoss: 0.06, ValLoss: 0.055, ValMSE: 0.03, Seconds: 1.5}})
	s.tabs.SelectIndex(tabCompare)
	p := s.compare
	loop.until(t, "the comparison", 10*time.Second, func() bool { return p.applied == p.gen })
	if got := p.pickedRuns(); len(got) != 2 {
		t.Fatalf("picked %v, want both runs", got)
	}

	// The legend names both runs, training and validation.
	var names []string
	for _, sr := range compareSeries([]curveRun{{a.Name, a.History}, {b.Name, b.History}}) {
		names = append(names, sr.Name)
	}
	if want := a.Name + " train," + a.Name + " validation," + b.Name + " train," + b.Name + " validation"; strings.Join(names, ",") != want {
		t.Errorf("legend %v, want %s", names, want)
	}
	loop.until(t, "the curves drawn", 10*time.Second, func() bool { _, ok := p.curves.drawing(); return ok })
	if fig, ok := p.curves.Figure().(*render.Loss); !ok || len(fig.Series) != 4 || !fig.LogY {
		t.Errorf("curves figure %#v, want the 4 curves on a log scale", p.curves.Figure())
	}
	if n := len(p.recon.Objects); n != 3 {
		t.Errorf("reconstruction grid has %d rows, want originals and 2 runs", n)
	}

	w.Resize(fyne.NewSize(1200, 900))
	loop.until(t, "the AUCs", 30*time.Second, func() bool { return !p.rows[0].AUCPending && !p.rows[1].AUCPending })
	checkCompareSort(t, p, a, b)
	checkCompareExports(t, p, a, b)

	// Unticking a run leaves one row.
	p.pick.check(b).SetChecked(false)
	loop.until(t, "one run", 10*time.Second, func() bool { return p.applied == p.gen })
	if len(p.rows) != 1 || len(p.recon.Objects) != 2 {
		t.Errorf("one run: %d table rows, %d grid rows", len(p.rows), len(p.recon.Objects))
	}
}

// checkCompareSort checks that clicking the Val. loss header of p's table
// sorts runs a and b ascending, and clicking it again descending.
func checkCompareSort(t *testing.T, p *comparePanel, a, b *Run) {
	t.Helper()
	header := findButton(p.table, "Val. loss")
	if header == nil {
		t.Fatal("no Val. loss header button")
	}
	order := func() string { return p.rows[0].Run + "," + p.rows[1].Run }
	test.Tap(header)
	if got, want := order(), b.Name+","+a.Name; got != want || header.Icon != theme.MenuDropUpIcon() {
		t.Errorf("ascending by validation loss: %s (header icon %v), want %s", got, header.Icon, want)
	}
	test.Tap(header)
	if got, want := order(), a.Name+","+b.Name; got != want || header.Icon != theme.MenuDropDownIcon() {
		t.Errorf("descending by validation loss: %s (header icon %v), want %s", got, header.Icon, want)
	}
}

// checkCompareExports checks p's CSV and PNG exports of runs a and b.
func checkCompareExports(t *testing.T, p *comparePanel, a, b *Run) {
	t.Helper()
	// The CSV export: a header and one line per run, in the table's order.
	var buf bytes.Buffer
	if err := writeCompareCSV(&buf, p.rows); err != nil {
		t.Fatal(err)
	}
	auc := func(r *Run) string {
		i := slices.IndexFunc(p.rows, func(row compareRow) bool { return row.Run == r.Name })
		return strconv.FormatFloat(p.rows[i].AUC, 'g', -1, 64)
	}
	want := "run,architecture,parameters,code_size,final_val_loss,val_mse,seconds_per_epoch,epochs,auc_against,auc\n" +
		"vanilla #1,vanilla,101200,64,0.065,0.04,2,2,Fashion-MNIST," + auc(a) + "\n" +
		"sparse #2,sparse,50992,32,0.055,0.03,1.5,1,Fashion-MNIST," + auc(b) + "\n"
	if buf.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", buf.String(), want)
	}

	// The PNG export decodes at the size asked for.
	buf.Reset()
	if err := writeCurvesPNG(&buf, []curveRun{{a.Name, a.History}, {b.Name, b.History}}, true, 600, 300); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if bd := img.Bounds(); bd.Dx() != 600 || bd.Dy() != 300 {
		t.Errorf("PNG is %v", bd)
	}
}

func TestCompareCSVMissingValues(t *testing.T) {
	var buf bytes.Buffer
	r := compareRowOf(&Run{Name: `a "quoted", run`, Spec: network.Spec{}})
	if err := writeCompareCSV(&buf, []compareRow{r}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || lines[1] != `"a ""quoted"", run",custom,0,0,,,0,0,Fashion-MNIST,` {
		t.Errorf("CSV lines %q", lines)
	}
}

// TestCompareAUC checks the table's AUC column: "…" while computing, then
// for a run on MNIST the AUC network.AUC gives its reconstruction errors on
// the same MNIST and Fashion-MNIST test images, for a run on
// Fashion-MNIST the AUC against MNIST, none for a run on a folder not at
// hand; kept when the table is rebuilt, and sortable.
func TestCompareAUC(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	w.Resize(fyne.NewSize(1400, 900))
	a := addRun(t, s, "vanilla", 1, []network.Epoch{{Epoch: 1, TrainLoss: 0.09, ValLoss: 0.08, ValMSE: 0.05, Seconds: 2}})
	p := s.compare
	loop.drain()
	if p.aucJobs != 0 {
		t.Fatal("AUCs computed while the Compare tab is hidden")
	}
	col := slices.IndexFunc(compareColumns, func(c compareColumn) bool { return strings.HasPrefix(c.title, "AUC") })
	if col < 0 {
		t.Fatal("no AUC column")
	}
	s.tabs.SelectIndex(tabCompare)
	if got := compareColumns[col].text(p.rows[0]); got != "…" || p.aucJobs != 1 {
		t.Errorf("while computing, the AUC reads %q after %d jobs", got, p.aucJobs)
	}
	row := func(r *Run) compareRow {
		t.Helper()
		loop.until(t, "the AUC of "+r.Name, 30*time.Second, func() bool {
			i := slices.IndexFunc(p.rows, func(row compareRow) bool { return row.id == r.ID })
			return i >= 0 && !p.rows[i].AUCPending
		})
		return p.rows[slices.IndexFunc(p.rows, func(row compareRow) bool { return row.id == r.ID })]
	}
	ra := row(a)
	want := networkAUC(t, s, a, dataset.MNISTName, dataset.FashionName)
	if ra.AUCAgainst != dataset.FashionName || !(ra.AUC >= 0 && ra.AUC <= 1) || math.Abs(ra.AUC-want) > 1e-12 {
		t.Errorf("AUC of %s against %s: %v, want network's %v", a.Name, ra.AUCAgainst, ra.AUC, want)
	}
	if got := compareColumns[col].text(ra); got != strconv.FormatFloat(want, 'f', 3, 64) {
		t.Errorf("the AUC cell reads %q for %v", got, want)
	}
	if header := findButton(p.table, "AUC vs other"); header == nil {
		t.Error("no AUC header in the table")
	}

	// Rebuilding the table reuses the AUC.
	p.logY.SetChecked(false)
	loop.until(t, "the rebuilt table", 10*time.Second, func() bool { return p.applied == p.gen })
	if p.aucJobs != 1 || p.rows[0].AUCPending || p.rows[0].AUC != ra.AUC {
		t.Errorf("rebuilding the table: %d jobs, row %+v", p.aucJobs, p.rows[0])
	}

	// A run on Fashion-MNIST is scored against MNIST; a run on a folder
	// that was never imported gets none.
	f := addRunOn(t, s, "vanilla", 2, nil, dataset.FashionName)
	rf := row(f)
	if want := networkAUC(t, s, f, dataset.FashionName, dataset.MNISTName); rf.AUCAgainst != dataset.MNISTName || math.Abs(rf.AUC-want) > 1e-12 {
		t.Errorf("AUC of %s against %s: %v, want network's %v", f.Name, rf.AUCAgainst, rf.AUC, want)
	}
	d := addRunOn(t, s, "vanilla", 3, nil, "my-digits")
	if rd := row(d); !math.IsNaN(rd.AUC) || compareColumns[col].text(rd) != "—" || !strings.Contains(p.aucInfo.Text, "not loaded") {
		t.Errorf("a run on a missing folder: AUC %v, note %q", rd.AUC, p.aucInfo.Text)
	}
	if p.aucJobs != 2 {
		t.Errorf("%d AUC jobs for two runs with images", p.aucJobs)
	}

	// Sorting by the column: ascending, the run without an AUC last.
	header := findButton(p.table, "AUC vs other")
	if header == nil {
		t.Fatal("no AUC header button")
	}
	test.Tap(header)
	lo, hi := a, f
	if rf.AUC < ra.AUC {
		lo, hi = f, a
	}
	if got, want := p.rows[0].Run+","+p.rows[1].Run+","+p.rows[2].Run, lo.Name+","+hi.Name+","+d.Name; got != want {
		t.Errorf("sorted by AUC: %s, want %s", got, want)
	}
}

// networkAUC returns the AUC network.AUC gives run r's reconstruction
// errors on the first compareAUCImages test images of the datasets own and
// other, as the studio's test sets hold them.
func networkAUC(t *testing.T, s *Studio, r *Run, own, other string) float64 {
	t.Helper()
	errs := func(name string) []float64 {
		set, err := s.testSetFor(name)()
		if err != nil {
			t.Fatal(err)
		}
		n := min(compareAUCImages, set.Len())
		r.Lock()
		defer r.Unlock()
		e, err := r.Model().ImageErrors(network.Data{X: set.Pixels[:n*set.Size()], N: n})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	return network.AUC(errs(own), errs(other))
}
