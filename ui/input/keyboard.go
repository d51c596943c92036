package input

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/input/pinyin"
)

// CandidatesPerPage is how many candidates the keyboard's bar shows at
// once; ‹ and › page through the rest.
const CandidatesPerPage = 8

// maxComposing caps the pinyin being composed: no name or phrase needs
// more, and it keeps segmentation cheap.
const maxComposing = 40

// Mode is what the keyboard's letter area types.
type Mode int

const (
	// Pinyin composes Chinese: letters form pinyin, the bar offers
	// characters.
	Pinyin Mode = iota
	// Letters types Latin letters directly, with digits on the top row.
	Letters
	// Symbols types digits and Chinese and ASCII punctuation.
	Symbols
)

// symbolRows are the keys of Symbols mode, in the places of the three
// letter rows: Chinese punctuation first (the ones a form needs: ，。？！
// 、：；“”（）《》, · for names such as 阿依古丽·买买提), then ASCII for
// addresses and e-mail.
func symbolRows() [3][]string {
	return [3][]string{
		{"，", "。", "？", "！", "、", "：", "；", "“", "”", "…"},
		{"（", "）", "《", "》", "·", "—", "～", "@", "#"},
		{"-", "_", "/", ".", ",", ":", "%", "+", "&"},
	}
}

// Keyboard is the on-screen QWERTY keyboard with pinyin input. In Pinyin
// mode the letters tapped form the composing pinyin, shown at the left of
// the candidate bar; the bar shows CandidatesPerPage characters or words
// at a time, paged with ‹ ›; tapping one inserts it into the entry and
// keeps composing whatever pinyin it did not cover. 退格 deletes the last
// composing letter, or the character before the cursor when nothing is
// composing; 空格 inserts the first candidate on the page, or a space;
// 完成 inserts the first candidate if composing, then sends Enter to the
// entry (not to a multi-line one) and runs OnDone. 英文/拼音 switches
// between Pinyin and Letters, 符号 to Symbols and 返回 back.
//
// In a name field (SetNames(true)) the candidates for the first character
// of the entry put common surnames first.
//
// Like the Keypad it types into a *widget.Entry through the entry's own
// TypedRune/TypedKey. Tests drive it through the exported keys:
// test.Tap(kb.Letter('z')), test.Tap(kb.Candidate(0)).
type Keyboard struct {
	widget.BaseWidget
	keepsFocus

	// OnDone runs after 完成 has sent Enter to the entry.
	OnDone func()

	// Backspace (退格), Clear (清空), Space (空格) and Done (完成).
	Backspace, Clear, Space, Done *Key
	// Switch toggles Pinyin and Letters (labelled with the mode it goes
	// to); SymbolsKey goes to Symbols and back (符号/返回); Shift toggles
	// upper case in Letters mode (大写/小写).
	Switch, SymbolsKey, Shift *Key
	// Prev and Next page the candidates.
	Prev, Next *Key
	// Comma and Period are ，。 in Pinyin mode and , . in Letters mode.
	Comma, Period *Key

	letters    map[rune]*Key
	digits     [10]*Key
	candidates [CandidatesPerPage]*Key
	symbols    map[string]*Key
	display    *Key // the composing pinyin

	candidateBar, digitBar   fyne.CanvasObject
	candidateArea            *container.Scroll // the page of candidates, scrolling when wider than the bar
	letterBlock, symbolBlock fyne.CanvasObject
	body                     fyne.CanvasObject

	target    *widget.Entry
	accept    func(rune) (rune, bool) // filters what the keys type; nil: all
	after     func()
	composed  func(string) // runs when the composition changes
	mode      Mode
	lastMode  Mode // Pinyin or Letters, to return to from Symbols
	upper     bool
	names     bool
	awaiting  bool // a goroutine waits for the dictionary to update the bar
	composing string
	cands     []pinyin.Candidate
	page      int
}

var _ fyne.Disableable = (*Keyboard)(nil)

// The keyboard reaches the pinyin dictionary through these, which the
// package's tests replace to play a dictionary still being built.
var (
	readyDict = pinyin.Ready
	awaitDict = pinyin.Default
	onUI      = fyne.Do
)

// NewKeyboard returns a keyboard in Pinyin mode with no target; give it
// one with SetTarget.
func NewKeyboard() *Keyboard {
	k := &Keyboard{letters: map[rune]*Key{}, symbols: map[string]*Key{}}
	k.ExtendBaseWidget(k)

	letterKey := func(r rune) *Key {
		key := newKey(string(r), roleChar, func() { k.typeLetter(r) })
		k.letters[r] = key
		return key
	}
	keys := func(s string) []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, r := range s {
			out = append(out, letterKey(r))
		}
		return out
	}

	k.Backspace = newKey(lang.L("input.key.backspace"), roleAction, k.backspace)
	k.Clear = newKey(lang.L("input.key.clear"), roleAction, k.clear)
	k.Space = newKey(lang.L("input.key.space"), roleChar, k.space)
	k.Done = newKey(lang.L("input.key.done"), rolePrimary, k.done)
	k.Switch = newKey(lang.L("input.key.letters"), roleAction, k.switchLanguage)
	k.SymbolsKey = newKey(lang.L("input.key.symbols"), roleAction, k.switchSymbols)
	k.Shift = newKey(lang.L("input.key.upper"), roleAction, k.toggleShift)
	k.Prev = newIconKey(nil, roleCandidate, func() { k.turnPage(-1) })
	k.Next = newIconKey(nil, roleCandidate, func() { k.turnPage(+1) })
	k.Comma = newKey("，", roleChar, func() { k.typeSymbol(k.Comma.Label()) })
	k.Period = newKey("。", roleChar, func() { k.typeSymbol(k.Period.Label()) })
	for _, key := range []*Key{k.Backspace, k.Clear, k.Switch, k.SymbolsKey, k.Shift, k.Space, k.Done} {
		key.fixedMin = true
	}
	k.Shift.wide = 1
	k.Shift.Hide()

	// Top row: the candidate bar in Pinyin mode, digits otherwise.
	k.display = newKey("", roleDisplay, nil)
	k.display.fixedMin = true
	for i := range k.candidates {
		k.candidates[i] = newKey("", roleCandidate, func() { k.pick(i) })
		k.candidates[i].fixedMin = true
	}
	k.candidateArea = newCandidateArea(k.candidates[:])
	k.candidateBar = row([]float32{2, 1, CandidatesPerPage, 1}, k.display, k.Prev, k.candidateArea, k.Next)
	var digits []fyne.CanvasObject
	for i := range k.digits {
		d := rune('0' + (i+1)%10) // 1 2 … 9 0
		k.digits[(i+1)%10] = newKey(string(d), roleChar, func() { k.typeSymbol(string(d)) })
		digits = append(digits, k.digits[(i+1)%10])
	}
	k.digitBar = row(nil, digits...)

	// The letter area: three rows of ten units.
	half := float32(0.5)
	k.letterBlock = column(ones(3),
		row(nil, keys("qwertyuiop")...),
		row([]float32{half, 1, 1, 1, 1, 1, 1, 1, 1, 1, half}, append(append([]fyne.CanvasObject{spacer()}, keys("asdfghjkl")...), spacer())...),
		row(nil, append(append([]fyne.CanvasObject{container.NewStack(spacer(), k.Shift)}, keys("zxcvbnm")...), k.Comma, k.Period)...),
	)
	var symRows []fyne.CanvasObject
	for i, list := range symbolRows() {
		var objs []fyne.CanvasObject
		var ws []float32
		if i > 0 {
			objs, ws = append(objs, spacer()), append(ws, float32(10-len(list)))
		}
		for _, s := range list {
			key := newKey(s, roleChar, func() { k.typeSymbol(s) })
			k.symbols[s] = key
			objs, ws = append(objs, key), append(ws, 1)
		}
		symRows = append(symRows, row(ws, objs...))
	}
	k.symbolBlock = column(ones(3), symRows...)
	k.symbolBlock.Hide()

	// Left: three rows of letters (or symbols) and the bottom row; right:
	// 退格, 清空 and a double-height 完成 beside them.
	left := column([]float32{3, 1},
		container.NewStack(k.letterBlock, k.symbolBlock),
		row([]float32{2, 2, 6}, k.SymbolsKey, k.Switch, k.Space),
	)
	right := column([]float32{1, 1, 2}, k.Backspace, k.Clear, k.Done)
	k.body = column([]float32{1, 4},
		container.NewStack(k.candidateBar, k.digitBar),
		row([]float32{10, 2}, left, right),
	)
	k.SetMode(Pinyin)
	return k
}

// SetTarget sets the entry the keys type into and drops any composition;
// nil makes the keys do nothing.
func (k *Keyboard) SetTarget(e *widget.Entry) {
	if e != nil {
		pinyin.Prepare() // if main has not yet
	}
	k.target = e
	k.setComposing("")
}

// Target returns the entry the keys type into.
func (k *Keyboard) Target() *widget.Entry { return k.target }

// SetNames turns the name-field ordering on or off: the first character of
// the entry is offered common surnames first.
func (k *Keyboard) SetNames(on bool) {
	k.names = on
	k.updateCandidates()
}

// SetUpper sets upper case for Letters mode.
func (k *Keyboard) SetUpper(on bool) {
	k.upper = on
	k.relabel()
}

// Mode returns the current mode.
func (k *Keyboard) Mode() Mode { return k.mode }

// SetMode switches the keyboard to m, dropping any composition.
func (k *Keyboard) SetMode(m Mode) {
	k.setComposing("")
	k.mode = m
	if m != Symbols {
		k.lastMode = m
	}
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(k.candidateBar, m == Pinyin)
	show(k.digitBar, m != Pinyin)
	show(k.letterBlock, m != Symbols)
	show(k.symbolBlock, m == Symbols)
	show(k.Shift, m == Letters)
	k.relabel()
	k.updateCandidates()
	k.Refresh()
}

// Letter returns the key for a lower-case letter a–z, nil for others.
func (k *Keyboard) Letter(r rune) *Key { return k.letters[unicode.ToLower(r)] }

// Digit returns the key for digit d (0–9) on the top row (Letters and
// Symbols modes).
func (k *Keyboard) Digit(d int) *Key { return k.digits[d] }

// Symbol returns the key that types s in Symbols mode, nil if none.
func (k *Keyboard) Symbol(s string) *Key { return k.symbols[s] }

// Candidate returns the i-th candidate key of the page shown (0 to
// CandidatesPerPage−1).
func (k *Keyboard) Candidate(i int) *Key { return k.candidates[i] }

// Composing returns the pinyin being composed.
func (k *Keyboard) Composing() string { return k.composing }

// Candidates returns the texts of the page of candidates shown.
func (k *Keyboard) Candidates() []string {
	var out []string
	for _, c := range k.pageCands() {
		out = append(out, c.Text)
	}
	return out
}

// Reset drops the composition without typing anything.
func (k *Keyboard) Reset() { k.setComposing("") }

func (k *Keyboard) relabel() {
	for r, key := range k.letters {
		if k.mode == Letters && k.upper {
			key.SetLabel(string(unicode.ToUpper(r)))
		} else {
			key.SetLabel(string(r))
		}
	}
	if k.mode == Pinyin {
		k.Comma.SetLabel("，")
		k.Period.SetLabel("。")
		k.Switch.SetLabel(lang.L("input.key.letters"))
	} else {
		k.Comma.SetLabel(",")
		k.Period.SetLabel(".")
		k.Switch.SetLabel(lang.L("input.key.pinyin"))
	}
	if k.mode == Symbols {
		k.SymbolsKey.SetLabel(lang.L("input.key.back"))
	} else {
		k.SymbolsKey.SetLabel(lang.L("input.key.symbols"))
	}
	if k.upper {
		k.Shift.SetLabel(lang.L("input.key.lower"))
	} else {
		k.Shift.SetLabel(lang.L("input.key.upper"))
	}
}

func (k *Keyboard) typeLetter(r rune) {
	switch {
	case k.mode == Pinyin:
		if len(k.composing) < maxComposing {
			k.setComposing(k.composing + string(r))
		}
	case k.upper:
		k.insert(string(unicode.ToUpper(r)))
	default:
		k.insert(string(r))
	}
	k.afterKey()
}

// typeSymbol types punctuation or a digit, committing any composition
// first, as an IME does.
func (k *Keyboard) typeSymbol(s string) {
	k.commit()
	k.insert(s)
	k.afterKey()
}

func (k *Keyboard) pick(i int) {
	page := k.pageCands()
	if i >= len(page) {
		return
	}
	c := page[i]
	k.insert(c.Text)
	rest := ""
	if c.Letters < len(k.composing) {
		rest = strings.TrimLeft(k.composing[c.Letters:], "'")
	}
	k.setComposing(rest)
	k.afterKey()
}

func (k *Keyboard) backspace() {
	if k.composing != "" {
		k.setComposing(k.composing[:len(k.composing)-1])
	} else if k.target != nil {
		k.target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	k.afterKey()
}

func (k *Keyboard) clear() {
	k.setComposing("")
	if k.target != nil {
		k.target.SetText("")
	}
	k.afterKey()
}

func (k *Keyboard) space() {
	if k.composing != "" {
		k.commit()
	} else {
		k.insert(" ")
	}
	k.afterKey()
}

func (k *Keyboard) done() {
	k.commit()
	// Enter would add a line to a multi-line field: 完成 only closes.
	if k.target != nil && !k.target.MultiLine {
		k.target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	k.afterKey()
	if k.OnDone != nil {
		k.OnDone()
	}
}

// commit ends the composition: the first candidate on the page if there
// is one (the highlighted one, what 空格 gives), else the letters as
// typed. It may leave pinyin composing that the candidate did not cover;
// commit again until nothing is left.
func (k *Keyboard) commit() {
	for k.composing != "" {
		if len(k.pageCands()) == 0 {
			k.insert(k.composing)
			k.setComposing("")
			return
		}
		before := k.composing
		k.pick(0)
		if k.composing == before {
			return
		}
	}
}

func (k *Keyboard) switchLanguage() {
	k.commit()
	if k.mode == Pinyin {
		k.SetMode(Letters)
	} else {
		k.SetMode(Pinyin)
	}
	k.afterKey()
}

func (k *Keyboard) switchSymbols() {
	k.commit()
	if k.mode == Symbols {
		k.SetMode(k.lastMode)
	} else {
		k.SetMode(Symbols)
	}
	k.afterKey()
}

func (k *Keyboard) toggleShift() {
	k.SetUpper(!k.upper)
	k.afterKey()
}

func (k *Keyboard) turnPage(delta int) {
	p := k.page + delta
	if p >= 0 && p*CandidatesPerPage < len(k.cands) {
		k.page = p
		k.showCandidates()
	}
	k.afterKey()
}

func (k *Keyboard) insert(s string) {
	if k.target == nil {
		return
	}
	for _, r := range s {
		if k.accept != nil {
			var ok bool
			if r, ok = k.accept(r); !ok {
				continue
			}
		}
		k.target.TypedRune(r)
	}
}

func (k *Keyboard) afterKey() {
	if k.after != nil {
		k.after()
	}
}

func (k *Keyboard) setComposing(s string) {
	changed := s != k.composing
	k.composing = s
	k.updateCandidates()
	if changed && k.composed != nil {
		k.composed(s)
	}
}

// order is the candidate order for the next character: surnames first
// when it is the first character of a name.
func (k *Keyboard) order() pinyin.Order {
	if k.names && k.target != nil && strings.TrimSpace(k.textBeforeCursor()) == "" {
		return pinyin.Surname
	}
	return pinyin.Text
}

func (k *Keyboard) textBeforeCursor() string {
	e := k.target
	lines := strings.Split(e.Text, "\n")
	if e.CursorRow >= len(lines) {
		return e.Text
	}
	before := strings.Join(lines[:e.CursorRow], "\n")
	line := lines[e.CursorRow]
	if n := utf8.RuneCountInString(line); e.CursorColumn < n {
		line = string([]rune(line)[:e.CursorColumn])
	}
	return before + line
}

func (k *Keyboard) updateCandidates() {
	k.page = 0
	k.cands = nil
	if k.composing != "" {
		if d := k.dict(); d != nil {
			k.cands = d.Candidates(k.composing, k.order())
		}
	}
	k.showCandidates()
}

// dict returns the pinyin dictionary, or nil while it is still being
// built: a key never waits for it (0.1–0.3 s on a busy kiosk). The letters
// show at once, and the candidates as soon as the dictionary is ready.
func (k *Keyboard) dict() *pinyin.Dict {
	if d, ok := readyDict(); ok {
		return d
	}
	if !k.awaiting {
		k.awaiting = true
		go func() {
			awaitDict()
			onUI(func() {
				k.awaiting = false
				k.updateCandidates()
			})
		}()
	}
	return nil
}

func (k *Keyboard) pageCands() []pinyin.Candidate {
	from := k.page * CandidatesPerPage
	if from >= len(k.cands) {
		return nil
	}
	return k.cands[from:min(from+CandidatesPerPage, len(k.cands))]
}

func (k *Keyboard) showCandidates() {
	page := k.pageCands()
	for i, key := range k.candidates {
		if i < len(page) {
			key.SetLabel(page[i].Text)
		} else {
			key.SetLabel("")
		}
		key.setHighlight(i == 0 && len(page) > 0)
	}
	// Long words widen their keys: lay the page out again, from its start.
	k.candidateArea.Content.Refresh()
	k.candidateArea.Refresh()
	k.candidateArea.ScrollToOffset(fyne.Position{})
	if k.page > 0 {
		k.Prev.SetIcon(fynetheme.NavigateBackIcon())
	} else {
		k.Prev.SetIcon(nil)
	}
	if (k.page+1)*CandidatesPerPage < len(k.cands) {
		k.Next.SetIcon(fynetheme.NavigateNextIcon())
	} else {
		k.Next.SetIcon(nil)
	}
	switch {
	case k.composing == "":
		k.display.hint = true
		k.display.SetLabel(lang.L("input.hint.pinyin"))
	default:
		k.display.hint = false
		shown := k.composing
		if d, ok := readyDict(); ok {
			if segs := d.Segment(k.composing); segs != nil {
				shown = strings.Join(segs, "'")
			}
		}
		k.display.SetLabel(shown)
	}
	k.display.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (k *Keyboard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.body)
}
