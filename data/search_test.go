package data

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchItems(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)

	tests := map[string]struct {
		q    string
		want []string
	}{
		"TwoCharKeyword":     {"低保", []string{"最低生活保障申请"}},
		"TwoCharKeywordYB":   {"医保", []string{"城乡居民基本医疗保险参保登记"}},
		"NameSubstring":      {"居住证", []string{"居住证申领"}},
		"FourChars":          {"生活保障", []string{"最低生活保障申请"}},
		"PinyinInitials":     {"jzz", []string{"居住证申领"}},
		"InitialsUpperSpace": {" JZZ ", []string{"居住证申领"}},
		"InitialsOfKeyword":  {"db", []string{"最低生活保障申请"}},
		"FullPinyin":         {"juzhu", []string{"居住证申领"}},
		"Category":           {"社会救助", []string{"最低生活保障申请"}},
		"NoMatch":            {"护照", nil},
		"Empty":              {"  ", nil},
		"SQLMeta":            {"%' OR 1=1 --", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := s.SearchItems(ctx, tc.q)
			require.NoError(t, err)
			var names []string
			for _, it := range got {
				names = append(names, it.Name)
			}
			assert.Equal(t, tc.want, names)
		})
	}
}

func TestSearchKeysFor(t *testing.T) {
	k := SearchKeysFor(&Item{Name: "居住证申领", Keywords: []string{"低保"}, Category: "户籍"})
	assert.Equal(t, " juzhuzhengshenling dibao", k.Pinyin)
	assert.Equal(t, " jzzsl db", k.Initials)
}
