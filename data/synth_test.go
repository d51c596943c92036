package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSynthItems(t *testing.T) {
	items := SynthItems(200, 1)
	require.Len(t, items, 200)
	assert.Equal(t, items, SynthItems(200, 1), "same seed, same items")
	assert.Equal(t, items[:50], SynthItems(50, 1), "a shorter run is a prefix")
	assert.NotEqual(t, items[10].Code, SynthItems(200, 2)[10].Code, "another seed, other codes")
	assert.Empty(t, SynthItems(0, 1))
	assert.Empty(t, SynthItems(-3, 1))

	windows := map[string]bool{}
	for _, w := range SynthWindows() {
		require.NoError(t, w.Validate())
		windows[w.Code] = true
	}
	codes := map[string]bool{}
	names := map[string]bool{}
	modes := map[Mode]int{}
	categories := map[string]bool{}
	for i := range items {
		it := &items[i]
		require.NoError(t, it.Validate(), "item %d %s", i, it.Name)
		assert.False(t, codes[it.Code], "duplicate code %s", it.Code)
		codes[it.Code] = true
		names[it.Name] = true
		modes[it.Mode]++
		categories[it.Category] = true
		assert.True(t, it.Sample)
		if it.LeadWindow != "" {
			assert.True(t, windows[it.LeadWindow], it.LeadWindow)
		}
		for _, w := range it.JointWindows {
			assert.True(t, windows[w], w)
			assert.NotEqual(t, it.LeadWindow, w)
		}
	}
	assert.Len(t, modes, len(Modes), "all six modes: %v", modes)
	assert.GreaterOrEqual(t, len(categories), 8)
	assert.LessOrEqual(t, len(categories), 12)
	assert.Greater(t, len(names), 100, "names vary")
}

func TestAddSynthItems(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	n, err := s.AddSynthItems(ctx, 200, 7)
	require.NoError(t, err)
	assert.Equal(t, 200, n)

	cats, err := s.Categories(ctx)
	require.NoError(t, err)
	total := 0
	for _, c := range cats {
		total += c.Count
	}
	assert.Equal(t, 200, total)

	ws, err := s.Windows(ctx)
	require.NoError(t, err)
	assert.Len(t, ws, len(SynthWindows()))

	// Every generated guide reads back as generated, windows included.
	want := SynthItems(200, 7)
	byCode := map[string]Item{}
	for _, it := range want {
		byCode[it.Code] = it
	}
	ids := itemIDs(t, s)
	require.Len(t, ids, 200)
	for _, id := range ids[:20] {
		got, err := s.Item(ctx, id)
		require.NoError(t, err)
		exp := byCode[got.Code]
		assert.Equal(t, itemSnapshot(&exp), itemSnapshot(&got), got.Code)
	}

	// Searchable by a two-character word, four characters and initials.
	tests := map[string]struct {
		q    string
		want string // every result's search text (name, keywords …) holds this
	}{
		"TwoChars":       {"低保", "最低生活保障"},
		"FourChars":      {"生活保障", "生活保障"},
		"PinyinInitials": {"jzz", "居住"},
		"FullPinyin":     {"canji", "残疾"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := s.SearchItems(ctx, tc.q)
			require.NoError(t, err)
			require.NotEmpty(t, got)
			for _, it := range got {
				assert.Contains(t, it.Name, tc.want)
			}
		})
	}

	// Adding the same batch again updates the same items.
	n, err = s.AddSynthItems(ctx, 200, 7)
	require.NoError(t, err)
	assert.Equal(t, 200, n)
	cats, err = s.Categories(ctx)
	require.NoError(t, err)
	total = 0
	for _, c := range cats {
		total += c.Count
	}
	assert.Equal(t, 200, total)
	got, err := s.Item(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, 1, got.Version, "unchanged guide keeps its version")
	assert.True(t, strings.HasPrefix(got.Code, "SYN7-"))
}

// itemIDs lists the ids of every item in the store.
func itemIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT id FROM items ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	return ids
}
