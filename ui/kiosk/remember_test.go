package kiosk_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
)

// downStore is a real store whose data server can be made unreachable:
// every read and write then fails with data.ErrUnreachable, as a hall's
// kiosk sees when PostgreSQL is stopped or the network is gone.
type downStore struct {
	*countingStore
	down atomic.Bool
}

func (s *downStore) gone(op string) error {
	if s.down.Load() {
		return fmt.Errorf("data: %s: %w", op, data.ErrUnreachable)
	}
	return nil
}

func (s *downStore) SearchItems(ctx context.Context, q string) ([]data.ItemSummary, error) {
	if err := s.gone("search"); err != nil {
		return nil, err
	}
	return s.countingStore.SearchItems(ctx, q)
}

func (s *downStore) Item(ctx context.Context, id int64) (data.Item, error) {
	if err := s.gone("item"); err != nil {
		return data.Item{}, err
	}
	return s.countingStore.Item(ctx, id)
}

func (s *downStore) Windows(ctx context.Context) ([]data.Window, error) {
	if err := s.gone("windows"); err != nil {
		return nil, err
	}
	return s.countingStore.Windows(ctx)
}

func (s *downStore) Notices(ctx context.Context, a data.Audience) ([]data.Notice, error) {
	if err := s.gone("notices"); err != nil {
		return nil, err
	}
	return s.countingStore.Notices(ctx, a)
}

func (s *downStore) StaffCards(ctx context.Context) ([]data.StaffCard, error) {
	if err := s.gone("staff cards"); err != nil {
		return nil, err
	}
	return s.countingStore.StaffCards(ctx)
}

func downRig(t *testing.T) (*rig, *downStore) {
	t.Helper()
	uitest.NewApp(t)
	s := &downStore{countingStore: &countingStore{Store: mustOpen(t, testCatalog(t))}}
	r := &rig{store: s.countingStore, timers: &fakeTimers{}}
	now := fixedNow
	r.now = &now
	opts := kiosk.Options{Now: func() time.Time { return *r.now }, Run: func(f func()) { f() }, After: r.timers.After}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(s, r.win, opts)
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return r, s
}

func (s *downStore) Categories(ctx context.Context) ([]data.Category, error) {
	if err := s.gone("categories"); err != nil {
		return nil, err
	}
	return s.countingStore.Categories(ctx)
}

func (s *downStore) ItemsInCategoryPage(ctx context.Context, c string, after int64, limit int) ([]data.ItemSummary, error) {
	if err := s.gone("category"); err != nil {
		return nil, err
	}
	return s.countingStore.ItemsInCategoryPage(ctx, c, after, limit)
}

// guideByCategory goes home → 办事指南 → category → the guide, and shows it.
func guideByCategory(t *testing.T, r *rig, category, name string) *kiosk.Detail {
	t.Helper()
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	test.Tap(tileTitled(t, current[*kiosk.Guides](t, r).CategoryTiles, category))
	c := current[*kiosk.Category](t, r)
	require.NotEmpty(t, c.Items.Items, c.Status.Text)
	c.Items.List.Select(indexOf(t, c.Items.Items, name))
	return current[*kiosk.Detail](t, r)
}

// TestServerUnreachableKeepsWhatWasRead: with the hall's data server out
// of reach, a guide and the disclosures already read open again as they
// were; what was never read says calmly that the server cannot be reached
// (no maintenance screen: the data is not damaged).
func TestServerUnreachableKeepsWhatWasRead(t *testing.T) {
	r, s := downRig(t)
	read := guideByCategory(t, r, "社会救助", "最低生活保障申请").Item
	require.NotEmpty(t, read.Materials)
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	notices := current[*kiosk.Disclosure](t, r).Notices
	require.NotEmpty(t, notices)
	test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
	require.Len(t, current[*kiosk.Staff](t, r).Cards, 2)

	s.down.Store(true)
	again := guideByCategory(t, r, "社会救助", "最低生活保障申请")
	assert.Equal(t, read, again.Item, "the guide as it was read")
	assert.Contains(t, r.text(), "申报材料")

	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	assert.Equal(t, notices, current[*kiosk.Disclosure](t, r).Notices)
	test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
	assert.Len(t, current[*kiosk.Staff](t, r).Cards, 2)

	// A category never opened.
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	for _, tile := range current[*kiosk.Guides](t, r).CategoryTiles {
		if tile.Title != "社会救助" {
			test.Tap(tile)
			break
		}
	}
	c := current[*kiosk.Category](t, r)
	assert.Empty(t, c.Items.Items)
	assert.Contains(t, c.Status.Text, "暂时连不上数据服务器")
	assert.False(t, r.k.InMaintenance())
}
