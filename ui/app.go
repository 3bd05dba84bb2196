package ui

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"autoencoder-studio/dataset"
)

// AppID is the application's unique identifier, as in FyneApp.toml.
const AppID = "io.github.autoencoderstudio.studio"

// CheckDisplay returns an error explaining how to run headless when no
// display is available on Linux and BSD.
func CheckDisplay() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New(`autoencoder-studio: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.
Train headless instead, for example:
  autoencoder-studio train --preset vanilla --out runs/vanilla
Run "autoencoder-studio help" for every command.`)
	}
	return nil
}

// Config holds what the studio takes from outside; the zero value is the
// real application.
type Config struct {
	// Data returns the training and test images (default dataset.MNIST).
	Data func() (train, test *dataset.Set, err error)
	// TestData returns the test images alone, which the views show
	// (default dataset.MNISTTest, or Data's test set when Data is set):
	// showing models needs no training set in memory.
	TestData func() (*dataset.Set, error)
	// TrainLimit and ValLimit, when positive, train and validate on the
	// first that many images only (tests use a few hundred).
	TrainLimit, ValLimit int
	// ProgressEvery is how often training reports progress (default 100 ms).
	ProgressEvery time.Duration
	// Do runs a function on the UI goroutine (default fyne.Do); tests
	// replace it with their own event loop.
	Do func(func())
	// Seed seeds the models' initial weights and the batch order.
	Seed uint64
	// Prefs keeps the recent files (default: the app's preferences).
	Prefs fyne.Preferences
}

// Studio is the desktop app: the tabs of screens (see screens) over a
// shared list of runs.
type Studio struct {
	cfg     Config
	runs    *Runs
	list    *runsPanel
	editor  *Editor
	train   *trainPanel
	gallery *galleryPanel
	draw    *drawPanel
	compare *comparePanel
	latent  *latentPanel
	sweep   *sweepPanel
	tabs    *container.AppTabs // the bar of the screens' tabs
	pages   *fyne.Container    // the screens, one shown at a time
	content fyne.CanvasObject
	window  fyne.Window // for dialogs; nil until SetWindow
	data    dataSource  // what new runs train on
	dataBar *dataBar
	prefs   fyne.Preferences
	menu    *fyne.MainMenu
	recent  *fyne.MenuItem // File ▸ Open recent
	dialogs dialogState    // the one dialog shown at a time (dialogs.go)

	features  *featuresPanel // the Features tab
	anomalies *anomalyPanel  // the Anomalies tab
}

// screen is one tab of the studio, as fyne_demo registers its screens.
type screen struct {
	key   string // names the screen in the code: see screenIndex
	title string
	icon  func() fyne.Resource // theme icons exist once the app does
	view  func(s *Studio) fyne.CanvasObject
	// shown, if set, hears whether the screen is the selected tab, so that
	// it computes only while seen.
	shown func(s *Studio, on bool)
}

// screens lists the studio's tabs in order. The tabs, the View menu and the
// keys Ctrl+1…9 (for the first nine screens) all come from it.
var screens = []screen{
	{key: "design", title: "Design", icon: theme.DocumentCreateIcon, view: func(s *Studio) fyne.CanvasObject { return s.editor.Content() }},
	{key: "train", title: "Train", icon: theme.MediaPlayIcon, view: func(s *Studio) fyne.CanvasObject { return s.train.content },
		shown: func(s *Studio, on bool) {
			s.train.visible = on
			s.train.showLatent(s.train.shown)
		}},
	{key: "gallery", title: "Gallery", icon: theme.GridIcon, view: func(s *Studio) fyne.CanvasObject { return s.gallery.content }},
	{key: "draw", title: "Draw", icon: theme.ColorPaletteIcon, view: func(s *Studio) fyne.CanvasObject { return s.draw.content },
		shown: func(s *Studio, on bool) { s.draw.visible(on) }},
	{key: "compare", title: "Compare", icon: theme.ListIcon, view: func(s *Studio) fyne.CanvasObject { return s.compare.content },
		shown: func(s *Studio, on bool) { s.compare.visible(on) }},
	{key: "latent", title: "Latent space", icon: theme.VisibilityIcon, view: func(s *Studio) fyne.CanvasObject { return s.latent.content },
		shown: func(s *Studio, on bool) { s.latent.visible(on) }},
	{key: "features", title: "Features", icon: theme.ViewFullScreenIcon, view: func(s *Studio) fyne.CanvasObject { return s.features.content },
		shown: func(s *Studio, on bool) { s.features.visible(on) }},
	{key: "anomalies", title: "Anomalies", icon: theme.WarningIcon, view: func(s *Studio) fyne.CanvasObject { return s.anomalies.content },
		shown: func(s *Studio, on bool) { s.anomalies.visible(on) }},
	{key: "sweep", title: "Sweep", icon: theme.ListIcon, view: func(s *Studio) fyne.CanvasObject { return s.sweep.content }},
}

// Indices of the tabs the code selects, looked up in screens.
var (
	tabDesign  = screenIndex("design")
	tabTrain   = screenIndex("train")
	tabGallery = screenIndex("gallery")
	tabDraw    = screenIndex("draw")
	tabCompare = screenIndex("compare")
	tabLatent  = screenIndex("latent")
)

// screenIndex returns the index in screens of the screen with the given
// key. It panics if there is none: keys are the code's, not the user's.
func screenIndex(key string) int {
	i := slices.IndexFunc(screens, func(sc screen) bool { return sc.key == key })
	if i < 0 {
		panic("ui: no screen " + strconv.Quote(key))
	}
	return i
}

// screenKey returns the key that, with Ctrl, selects screen i: 1…9 for
// the first nine screens; ok is false for the others.
func screenKey(i int) (k fyne.KeyName, ok bool) {
	if i < 0 || i >= 9 {
		return "", false
	}
	return fyne.KeyName(strconv.Itoa(i + 1)), true
}

// New builds the studio's widgets.
func New(cfg Config) *Studio {
	switch {
	case cfg.Data == nil:
		cfg.Data = dataset.MNIST
		if cfg.TestData == nil {
			cfg.TestData = dataset.MNISTTest
		}
	case cfg.TestData == nil:
		data := cfg.Data
		cfg.TestData = func() (*dataset.Set, error) {
			_, test, err := data()
			return test, err
		}
	}
	if cfg.ProgressEvery <= 0 {
		cfg.ProgressEvery = 100 * time.Millisecond
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	s := &Studio{cfg: cfg, runs: NewRuns(), prefs: cfg.Prefs}
	if s.prefs == nil {
		if a := fyne.CurrentApp(); a != nil {
			s.prefs = a.Preferences()
		}
	}
	s.editor = NewEditor()
	s.dataBar = newDataBar(s)
	s.train = newTrainPanel(s)
	s.gallery = newGalleryPanel(s)
	s.draw = newDrawPanel(s)
	s.compare = newComparePanel(s)
	s.latent = newLatentPanel(s)
	s.sweep = newSweepPanel(s)
	s.features = newFeaturesPanel(s)
	s.anomalies = newAnomalyPanel(s)
	s.editor.OnChange(s.train.updateButtons)
	s.train.updateButtons()
	s.tabs, s.pages = container.NewAppTabs(), container.NewStack()
	for i, sc := range screens {
		// The tabs are only the bar: the screens are pages of their own,
		// shown and hidden on a switch. AppTabs refreshes every tab's
		// content when the selection changes, which cost more than
		// 100 ms with a few runs open; hiding a page costs nothing.
		page := container.NewStack(sc.view(s))
		if i > 0 {
			page.Hide()
		}
		s.pages.Add(page)
		s.tabs.Append(container.NewTabItemWithIcon(sc.title, sc.icon(), layout.NewSpacer()))
	}
	s.tabs.OnSelected = func(*container.TabItem) {
		i := s.tabs.SelectedIndex()
		for j, page := range s.pages.Objects {
			if j != i {
				page.Hide()
			}
		}
		s.pages.Objects[i].Show()
		for j, sc := range screens {
			if sc.shown != nil {
				sc.shown(s, j == i)
			}
		}
	}
	s.list = newRunsPanel(s)
	split := container.NewHSplit(s.list.content, container.NewBorder(s.tabs, nil, nil, nil, s.pages))
	split.Offset = 0.15
	s.content = split
	s.runs.OnChange(func(changed *Run) {
		if changed == nil && s.tabs.SelectedIndex() == tabDesign {
			s.tabs.SelectIndex(tabTrain) // choosing a run shows its curves
		}
	})
	return s
}

// testSets returns the test images as a Config.Data does, with no
// training set: the views use it.
func (s *Studio) testSets() (train, test *dataset.Set, err error) {
	test, err = s.cfg.TestData()
	return nil, test, err
}

// Content returns the studio's root canvas object.
func (s *Studio) Content() fyne.CanvasObject { return s.content }

// Editor returns the architecture editor.
func (s *Studio) Editor() *Editor { return s.editor }

// SetWindow gives the studio the window its dialogs open over.
func (s *Studio) SetWindow(w fyne.Window) { s.window = w }

// Runs returns the session's runs.
func (s *Studio) Runs() *Runs { return s.runs }

// StartTraining trains the editor's design, or queues it while another
// run trains, and shows the Train tab.
func (s *Studio) StartTraining() {
	if !s.editor.Valid() {
		return
	}
	s.tabs.SelectIndex(tabTrain)
	s.train.Start()
}

// AddShortcuts binds the studio's keys on canvas c: Ctrl+T trains, Ctrl+P
// pauses or resumes, Ctrl+. and Escape stop, Ctrl+1…9 switch tabs (see
// screenKey). Escape reaches c's key handler even while one of the studio's
// fields, buttons, checkboxes or lists has the focus: they forward it (see
// forwardEscape).
func (s *Studio) AddShortcuts(c fyne.Canvas) {
	ctrl := fyne.KeyModifierShortcutDefault
	add := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: ctrl}, func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyT, s.StartTraining)
	add(fyne.KeyP, s.train.TogglePause)
	add(fyne.KeyPeriod, s.train.Stop)
	for i := range screens {
		if k, ok := screenKey(i); ok {
			add(k, func() { s.tabs.SelectIndex(i) })
		}
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			s.train.Stop()
		}
	})
}

// MainMenu returns the window's menu. Its shortcuts work even while a text
// field has the focus, which the canvas's own shortcuts do not.
func (s *Studio) MainMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, k fyne.KeyName, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = &desktop.CustomShortcut{KeyName: k, Modifier: ctrl}
		return it
	}
	view := fyne.NewMenu("View")
	for i, sc := range screens {
		it := fyne.NewMenuItem(sc.title, func() { s.tabs.SelectIndex(i) })
		if k, ok := screenKey(i); ok {
			it.Shortcut = &desktop.CustomShortcut{KeyName: k, Modifier: ctrl}
		}
		view.Items = append(view.Items, it)
	}
	export := fyne.NewMenuItem("Export", nil)
	export.ChildMenu = fyne.NewMenu("")
	for _, e := range exports {
		export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem(e.label, func() { s.ExportDialog(e) }))
	}
	export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem(pythonExportLabel, s.PythonExportDialog))
	s.recent = fyne.NewMenuItem("Open recent", nil)
	s.recent.ChildMenu = fyne.NewMenu("")
	s.fillRecent()
	s.menu = fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("Open model…", fyne.KeyO, s.OpenDialog),
			s.recent,
			item("Save run…", fyne.KeyS, s.SaveDialog),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Import image folder…", s.ImportFolderDialog),
			export),
		fyne.NewMenu("Model",
			item("Train", fyne.KeyT, s.StartTraining),
			item("Continue training", fyne.KeyK, s.train.Continue),
			item("Pause / Resume", fyne.KeyP, s.train.TogglePause),
			item("Stop", fyne.KeyPeriod, s.train.Stop)),
		view,
	)
	return s.menu
}

// fillRecent lists the recent model files in File ▸ Open recent.
func (s *Studio) fillRecent() {
	if s.recent == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, path := range s.recentFiles() {
		items = append(items, fyne.NewMenuItem(path, func() { s.openAndReport(path) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(no recent files)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	s.recent.ChildMenu.Items = items
}

// refreshMenu redraws the menu after the recent files changed.
func (s *Studio) refreshMenu() {
	s.fillRecent()
	if s.menu != nil {
		s.menu.Refresh()
	}
}

// Setup fills the main window with the studio and opens the model files
// given (a file manager passes the files a student double-clicked); a file
// that cannot be opened is reported in a dialog once the window shows.
func Setup(w fyne.Window, files ...string) {
	s := New(Config{})
	s.SetWindow(w)
	w.SetContent(s.Content())
	w.SetMainMenu(s.MainMenu())
	s.AddShortcuts(w.Canvas())
	w.Resize(fyne.NewSize(1260, 780))
	var errs []error
	for _, f := range files {
		if _, err := s.OpenRunFile(f); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		s.showError(err)
	}
}
