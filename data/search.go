package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// SearchKeys are the columns a guide is found by: the Chinese text (name,
// other names, category, summary), the full pinyin and the pinyin initials
// of the name and of each other name, so that "jzz" finds 居住证 and "dibao"
// or "db" finds 最低生活保障 through its other name 低保.
type SearchKeys struct {
	Text     string
	Pinyin   string
	Initials string
}

// SearchKeysFor computes an item's search keys with go-pinyin's dictionary.
func SearchKeysFor(it *Item) SearchKeys {
	names := append([]string{it.Name}, it.Keywords...)
	var py, ini []string
	for _, n := range names {
		full, first := pinyinOf(n)
		if full != "" {
			py = append(py, full)
			ini = append(ini, first)
		}
	}
	text := strings.Join(append(names, it.Category, it.Summary), " ")
	return SearchKeys{
		Text:     strings.ToLower(text),
		Pinyin:   " " + strings.Join(py, " "),
		Initials: " " + strings.Join(ini, " "),
	}
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	return a
}()

// pinyinOf returns the full pinyin (no spaces, no tones) and the initials.
func pinyinOf(s string) (full, initials string) {
	var f, i strings.Builder
	for _, syl := range pinyin.LazyPinyin(s, pinyinArgs) {
		if syl == "" {
			continue
		}
		f.WriteString(syl)
		i.WriteByte(syl[0])
	}
	return f.String(), i.String()
}

// SearchLimit is the most results a search returns: more than a screen can
// usefully show.
const SearchLimit = 50

// searchSQL builds the one query a search runs: Chinese text is matched as a
// substring of the search text (so two-character words such as 低保 and 医保
// work, which an FTS5 trigram index cannot match), Latin letters as a prefix
// of any name's pinyin or initials. Names that start with the query come
// first, then names that contain it, then the rest in display order.
func searchSQL(q string) (query string, args []any) {
	if isLatin(q) {
		return `SELECT id, code, name, category, summary, promised_days, mode FROM items
			WHERE active = 1 AND (instr(initials, ?1) > 0 OR instr(pinyin, ?1) > 0)
			ORDER BY (substr(initials, 2, length(?2)) = ?2 OR substr(pinyin, 2, length(?2)) = ?2) DESC, ord, id
			LIMIT ?3`, []any{" " + q, q, SearchLimit}
	}
	return `SELECT id, code, name, category, summary, promised_days, mode FROM items
		WHERE active = 1 AND instr(search_text, ?1) > 0
		ORDER BY (instr(name, ?1) = 1) DESC, (instr(name, ?1) > 0) DESC, ord, id
		LIMIT ?2`, []any{q, SearchLimit}
}

// NormaliseQuery trims the query and lowers Latin letters. An empty result
// means there is nothing to search for.
func NormaliseQuery(q string) string {
	return strings.ToLower(strings.Join(strings.Fields(q), ""))
}

func isLatin(q string) bool {
	for _, r := range q {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return q != ""
}

// SearchItems finds active guides by keyword (any length, two-character
// words included), by full pinyin or by pinyin initials ("jzz" → 居住证).
func (s *Store) SearchItems(ctx context.Context, q string) ([]ItemSummary, error) {
	q = NormaliseQuery(q)
	if q == "" {
		return nil, nil
	}
	query, args := searchSQL(q)
	var out []ItemSummary
	err := s.read(ctx, "search", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		out, err = scanSummaries(rows)
		return err
	})
	return out, err
}
