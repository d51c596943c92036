package kiosk

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// 投诉处理结果 (§一(一)4, §十): the complaint results the staff chose to
// publish, newest first. data.PublishedComplaint carries no code, no
// complainant and not the complaint's own words, and data refuses to
// publish a result or reply that names the complainant; this screen shows
// what it is given.

// ResultsStore is what the results screen reads. *data.Store satisfies it.
type ResultsStore interface {
	PublishedComplaints(ctx context.Context) ([]data.PublishedComplaint, error)
}

// Results lists the published complaint results. It reads them again each
// time it is shown.
type Results struct {
	boardList[data.PublishedComplaint]
	Results []data.PublishedComplaint
	Cards   []*ResultCard
}

// NewResults builds the list; it loads when shown.
func NewResults(nav *Nav, store ResultsStore) *Results {
	r := &Results{}
	r.boardList = newBoardList(nav, "kiosk: complaint results", store.PublishedComplaints, r.show)
	return r
}

// Title is part of Screen.
func (r *Results) Title() string {
	return lang.L("kiosk.home.disclosure") + " · " + lang.L("board.results.title")
}

// Speech reads the results aloud.
func (r *Results) Speech() string {
	var b strings.Builder
	for _, c := range r.Cards {
		b.WriteString(c.speech())
	}
	return b.String()
}

func (r *Results) show(rs []data.PublishedComplaint) {
	r.Results = rs
	r.Cards = showCards(r.list, r.Status, rs, func(p data.PublishedComplaint) (*ResultCard, fyne.CanvasObject) {
		c := newResultCard(p)
		return c, c.content
	}, lang.L("board.results.none"), lang.L("board.results.intro", map[string]any{"N": len(rs)}))
}

// ResultCard is one published result: what it was about, when it was filed
// and closed, whether it was substantiated, the result and the reply.
type ResultCard struct {
	Complaint data.PublishedComplaint
	About     *fitlabel.Label
	Dates     *fitlabel.Label
	Result    *fitlabel.Label
	Reply     *fitlabel.Label

	content fyne.CanvasObject
}

func newResultCard(p data.PublishedComplaint) *ResultCard {
	c := &ResultCard{Complaint: p}
	c.About = subheading(resultAboutText(p))
	c.Dates = quiet(lang.L("board.results.dates", map[string]any{
		"Filed": trackDay(p.FiledDay), "Closed": trackDay(p.ClosedDay)}))
	verdict := badge(lang.L("board.results.notSubstantiated"), badgeQuiet)
	if p.Substantiated {
		verdict = badge(lang.L("board.results.substantiated"), badgeSample)
	}
	c.Result = para(p.Result)
	c.Reply = para(p.Reply)
	body := []fyne.CanvasObject{c.About, badges(verdict), c.Dates,
		subheading(lang.L("board.results.result")), c.Result}
	if strings.TrimSpace(p.Reply) != "" {
		body = append(body, subheading(lang.L("board.results.reply")), c.Reply)
	}
	c.content = onCard(compact(container.NewVBox(body...)))
	return c
}

// resultAboutText is "关于工作人员的投诉".
func resultAboutText(p data.PublishedComplaint) string {
	about := lang.X("board.about."+string(p.About), p.AboutLabel)
	return lang.L("board.results.about", map[string]any{"About": about})
}

func (c *ResultCard) speech() string {
	p := c.Complaint
	s := resultAboutText(p) + "，" + c.Dates.Text + "。"
	if p.Substantiated {
		s += lang.L("board.results.substantiated") + "。"
	} else {
		s += lang.L("board.results.notSubstantiated") + "。"
	}
	s += lang.L("board.results.result") + "：" + p.Result + "。"
	if p.Reply != "" {
		s += lang.L("board.results.reply") + "：" + p.Reply + "。"
	}
	return s
}
