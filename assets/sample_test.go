package assets_test

import (
	"bytes"
	"context"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
	"bianmin/data"
)

// TestSampleCatalog imports assets/sample.json (with the avatars next to it)
// into a fresh store and checks that it covers what the sample must show.
func TestSampleCatalog(t *testing.T) {
	ctx := context.Background()
	b, err := fs.ReadFile(assets.Sample, assets.SampleCatalog)
	require.NoError(t, err)

	c, err := data.DecodeCatalog(bytes.NewReader(b), assets.Sample)
	require.NoError(t, err)
	assert.True(t, c.Center.Sample)
	assert.Contains(t, c.Center.Name, "示例")

	modes := map[data.Mode]int{}
	categories := map[string]int{}
	for _, it := range c.Items {
		modes[it.Mode]++
		categories[it.Category]++
		assert.True(t, it.Sample, it.Code)
		assert.NotEmpty(t, it.LeadWindow, it.Code)
		assert.NotEmpty(t, it.Fields, it.Code)
		assert.NotEmpty(t, it.Summary, it.Code)
		assert.NotEmpty(t, it.Result, it.Code)
	}
	for _, m := range data.Modes {
		assert.Positive(t, modes[m], "mode %s is used", m)
	}
	assert.GreaterOrEqual(t, len(categories), 5)
	assert.LessOrEqual(t, len(categories), 7)

	ab := map[string]string{}
	for _, st := range c.Staff {
		assert.NotEmpty(t, st.Photo, st.Code)
		if st.AB != "" {
			ab[st.Window] += st.AB
		}
	}
	for w, got := range ab {
		assert.ElementsMatch(t, []rune("AB"), []rune(got), "window %s has one A and one B post", w)
	}

	s, err := data.Open(ctx, t.TempDir()+"/t.db")
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	sum, err := s.ImportCatalog(ctx, bytes.NewReader(b), assets.Sample)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, sum.Items, 15)
	assert.Equal(t, 6, sum.Staff)

	public, err := s.Notices(ctx, data.AudiencePublic)
	require.NoError(t, err)
	internal, err := s.Notices(ctx, data.AudienceInternal)
	require.NoError(t, err)
	require.NotEmpty(t, internal)
	for _, n := range internal {
		assert.True(t, n.Category.Internal(), n.Code)
	}
	rules := 0
	for _, n := range public {
		assert.False(t, n.Category.Internal(), n.Code)
		if n.Category == data.CatRules {
			rules++
		}
	}
	assert.GreaterOrEqual(t, rules, 10, "all ten sections of the regulation are published")

	archive, err := s.DisclosureArchive(ctx, "BMCS")
	require.NoError(t, err)
	require.Len(t, archive.Versions, 2)
	assert.Equal(t, data.VersionSuperseded, archive.Versions[0].Status)
	assert.Equal(t, data.VersionPublished, archive.Versions[1].Status)

	// The sample survives an export and re-import unchanged.
	var first, second bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &first))
	s2, err := data.Open(ctx, t.TempDir()+"/t2.db")
	require.NoError(t, err)
	t.Cleanup(func() { s2.Close() })
	_, err = s2.ImportCatalog(ctx, bytes.NewReader(first.Bytes()), nil)
	require.NoError(t, err)
	require.NoError(t, s2.ExportCatalog(ctx, &second))
	assert.Equal(t, first.String(), second.String())
}
