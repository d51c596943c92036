package input

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bntheme "bianmin/ui/theme"
)

// candidateText is the text a candidate key draws, as its renderer has it.
func candidateText(t *testing.T, k *Key) (size float32, width float32) {
	t.Helper()
	r := test.WidgetRenderer(k).(*keyRenderer)
	return r.text.TextSize, fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle).Width
}

func TestLongCandidatesAreDrawnFullSize(t *testing.T) {
	for _, elder := range []bool{false, true} {
		p, es, w := newScreen(t, Text)
		if elder {
			fyne.CurrentApp().Settings().SetTheme(bntheme.New(true))
		}
		test.Tap(es[0])
		kb := p.Keyboard
		tapLetters(t, kb, "jzz")
		i := slices.Index(kb.Candidates(), "居住证")
		require.GreaterOrEqual(t, i, 0, "jzz offers 居住证: %v", kb.Candidates())
		long := kb.Candidate(i)
		var single *Key
		for j, c := range kb.Candidates() {
			if len([]rune(c)) == 1 {
				single = kb.Candidate(j)
			}
		}
		w.Content().Refresh() // lay the opened panel out, as the window does
		full := test.WidgetRenderer(long).(*keyRenderer).textSize(long.sizeTheme())
		size, textW := candidateText(t, long)
		assert.Equal(t, full, size, "居住证 is drawn at the candidate size (elder %v)", elder)
		assert.LessOrEqual(t, textW, long.Size().Width, "and its key is wide enough for it")
		if single != nil {
			s, _ := candidateText(t, single)
			assert.Equal(t, s, size, "as large as a single character")
		}
		slot := (kb.candidateArea.Size().Width+padOf(long))/CandidatesPerPage - padOf(long)
		assert.Greater(t, long.Size().Width, slot, "a long word takes more than one slot")
	}
}

func padOf(k *Key) float32 { return k.sizeTheme().Size("padding") }

func TestCandidateBarScrollsWhenThePageIsWider(t *testing.T) {
	p, es, w := newScreen(t, Text)
	w.Resize(fyne.NewSize(960, 800)) // a narrower panel: the page cannot fit
	test.Tap(es[0])
	kb := p.Keyboard
	tapLetters(t, kb, "jzz")
	w.Content().Refresh()
	area := kb.candidateArea
	require.Greater(t, area.Content.MinSize().Width, area.Size().Width, "the page is wider than the bar")
	for j := range kb.Candidates() {
		size, _ := candidateText(t, kb.Candidate(j))
		assert.Equal(t, test.WidgetRenderer(kb.Candidate(j)).(*keyRenderer).textSize(kb.Candidate(j).sizeTheme()), size, "no candidate shrinks")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(area)
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(area.Size().Width/2-40, area.Size().Height/2)), -40, 0)
	assert.Equal(t, float32(40), area.Offset.X, "a finger scrolls the bar")
	assert.NotEmpty(t, kb.Composing(), "and types nothing")

	test.Tap(kb.Next)
	assert.Equal(t, float32(0), area.Offset.X, "a new page starts at its first candidate")
}

// TestCandidateBarScrollBarCoversNoKey: while the page scrolls, Fyne draws
// the scroll bar over the bottom of the strip: the candidate keys end above
// it (at the bar's largest, under a finger), and take the whole height when
// the page fits and there is no bar.
func TestCandidateBarScrollBarCoversNoKey(t *testing.T) {
	for _, letters := range []string{"jzz", "a"} { // 居住证…: wider than the bar; 啊、阿…: not
		p, es, w := newScreen(t, Text)
		w.Resize(fyne.NewSize(960, 800))
		test.Tap(es[0])
		kb := p.Keyboard
		tapLetters(t, kb, letters)
		w.Content().Refresh()
		area := kb.candidateArea
		scrolls := area.Content.MinSize().Width > area.Size().Width
		require.Equal(t, letters == "jzz", scrolls, "%s: the page scrolls: %v", letters, scrolls)
		bottom := area.Size().Height // where the keys must end
		if scrolls {
			bottom -= kb.Candidate(0).sizeTheme().Size(fynetheme.SizeNameScrollBar)
			bars := 0
			for _, o := range test.WidgetRenderer(area).Objects() {
				if o.Visible() && o.Size().Height > 0 && o.Position().Y > 0 { // the bar's area
					bars++
					assert.GreaterOrEqual(t, o.Position().Y, bottom-0.01, "the bar lies below the keys")
				}
			}
			assert.Equal(t, 1, bars, "one scroll bar shown")
		}
		for j := range kb.Candidates() {
			k := kb.Candidate(j)
			assert.LessOrEqual(t, k.Position().Y+k.Size().Height, bottom+0.01, "candidate %d ends above the bar (%s)", j, letters)
			if !scrolls {
				assert.Equal(t, area.Size().Height, k.Size().Height, "no bar: the whole height")
			}
		}
	}
}
