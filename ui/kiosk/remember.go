package kiosk

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"bianmin/data"
)

// rememberStore is the kiosk's store with a memory of the guides and
// disclosures it has read: while the hall's data server cannot be reached
// (data.ErrUnreachable, PostgreSQL), a screen asking again for something
// already read gets what was read last, so a resident can go on reading
// guides and disclosures; what was never read says so calmly (errorText)
// and registration waits with its answers kept (RegisterFlow.submitted).
// Every other error, and every read while the server answers, passes
// through unchanged. It holds what the kiosk has shown, no more: the
// guides, category pages and disclosures of one service room.
type rememberStore struct {
	Store
	mu   sync.Mutex
	seen map[string]any
}

func rememberReads(s Store) *rememberStore {
	if r, ok := s.(*rememberStore); ok {
		return r
	}
	return &rememberStore{Store: s, seen: map[string]any{}}
}

// remember keeps v under key when err is nil, and gives the kept value
// instead of an unreachable server's error.
func remember[T any](r *rememberStore, key string, v T, err error) (T, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil {
		r.seen[key] = v
		return v, nil
	}
	if errors.Is(err, data.ErrUnreachable) {
		if old, ok := r.seen[key].(T); ok {
			return old, nil
		}
	}
	return v, err
}

func (r *rememberStore) Categories(ctx context.Context) ([]data.Category, error) {
	v, err := r.Store.Categories(ctx)
	return remember(r, "categories", v, err)
}

func (r *rememberStore) ItemsInCategoryPage(ctx context.Context, category string, afterID int64, limit int) ([]data.ItemSummary, error) {
	v, err := r.Store.ItemsInCategoryPage(ctx, category, afterID, limit)
	return remember(r, fmt.Sprintf("category %q %d %d", category, afterID, limit), v, err)
}

func (r *rememberStore) Item(ctx context.Context, id int64) (data.Item, error) {
	v, err := r.Store.Item(ctx, id)
	return remember(r, fmt.Sprint("item ", id), v, err)
}

func (r *rememberStore) Windows(ctx context.Context) ([]data.Window, error) {
	v, err := r.Store.Windows(ctx)
	return remember(r, "windows", v, err)
}

func (r *rememberStore) Notices(ctx context.Context, audience data.Audience) ([]data.Notice, error) {
	v, err := r.Store.Notices(ctx, audience)
	return remember(r, fmt.Sprint("notices ", audience), v, err)
}

func (r *rememberStore) StaffCards(ctx context.Context) ([]data.StaffCard, error) {
	v, err := r.Store.StaffCards(ctx)
	return remember(r, "staff cards", v, err)
}

func (r *rememberStore) Archive(ctx context.Context, code string, audience data.Audience) ([]data.DisclosureVersion, error) {
	v, err := r.Store.Archive(ctx, code, audience)
	return remember(r, fmt.Sprintf("archive %q %v", code, audience), v, err)
}
