package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
	"bianmin/data"
	"bianmin/ui/kiosk"
)

// sampleCatalog is the catalog a new kiosk starts with.
func sampleCatalog(t *testing.T) *data.Catalog {
	t.Helper()
	f, err := assets.Sample.Open(assets.SampleCatalog)
	require.NoError(t, err)
	defer f.Close()
	c, err := data.DecodeCatalog(f, assets.Sample)
	require.NoError(t, err)
	return c
}

// TestSampleCatalogEveryGuideOpens opens every guide of the sample catalog
// from its category and checks the screen shows its name and every
// procedure step, and that no screen reports a loading error.
func TestSampleCatalogEveryGuideOpens(t *testing.T) {
	c := sampleCatalog(t)
	r := newRigWith(t, kiosk.Options{}, c)
	opened := 0
	for _, want := range c.Items {
		r.k.Nav.Home()
		test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
		g := current[*kiosk.Guides](t, r)
		test.Tap(tileTitled(t, g.CategoryTiles, want.Category))
		cat := current[*kiosk.Category](t, r)
		cat.Items.List.Select(indexOf(t, cat.Items.Items, want.Name))
		d := current[*kiosk.Detail](t, r)
		require.Equal(t, want.Name, d.Item.Name)
		text := r.flat()
		for _, step := range want.Procedure {
			assert.Contains(t, text, firstLine(step), want.Name)
		}
		for _, m := range want.Materials {
			assert.Contains(t, text, m.Name, want.Name)
		}
		assert.NotContains(t, text, "暂时无法读取", want.Name)
		opened++
	}
	assert.Equal(t, len(c.Items), opened)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

// TestSampleCatalogInternalNeverShown walks every public disclosure screen
// of the sample catalog; the titles and bodies of its internal items never
// appear.
func TestSampleCatalogInternalNeverShown(t *testing.T) {
	c := sampleCatalog(t)
	var secrets []string
	for _, d := range c.Disclosures {
		if d.Audience == data.AudienceInternal {
			for _, v := range d.Versions {
				secrets = append(secrets, v.Title, firstLine(v.Body))
			}
		}
	}
	require.NotEmpty(t, secrets, "the sample has internal items")
	r := newRigWith(t, kiosk.Options{}, c)
	check := func(where string) {
		t.Helper()
		text := r.text()
		for _, s := range secrets {
			assert.NotContains(t, text, s, where)
		}
	}
	walked := 0
	for _, cat := range data.PublicCategories {
		r.k.Reset()
		test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
		check("index")
		test.Tap(current[*kiosk.Disclosure](t, r).Tiles[cat])
		l := current[*kiosk.NoticeList](t, r)
		check(string(cat))
		for i := range l.Rows {
			test.Tap(l.Rows[i])
			check(current[*kiosk.NoticeView](t, r).TitleLabel.Text)
			walked++
			test.Tap(r.k.BackButton)
		}
	}
	public := 0
	for _, d := range c.Disclosures {
		if d.Audience == data.AudiencePublic {
			public++
		}
	}
	assert.Equal(t, public, walked, "every public notice was read")
}
