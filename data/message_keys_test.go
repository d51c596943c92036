package data

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryFixedMessageHasAKey reads the package's source: every
// Invalid(field, "…") whose message is a constant (a literal, a msg…
// constant, or a sum of them) has its key in messageKeys, and every
// invalidf uses a format of formatKeys with as many arguments as the format
// has verbs and the key names, and every keyed(key, {…}) gives a key of
// otherKeys with its argument names.
func TestEveryFixedMessageHasAKey(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var parsed []*ast.File
	consts := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := constString(vs.Values[i], nil); ok {
							consts[n.Name] = s
						}
					}
				}
			}
		}
	}
	fixed, formatted, keyedCalls := 0, 0, 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			at := fset.Position(c.Pos())
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "keyed" && len(c.Args) == 2 {
				keyedCalls++
				key, _ := constString(c.Args[0], nil)
				want, ok := otherKeys[key]
				if assert.True(t, ok, "%s: key %q not in otherKeys", at, key) {
					var got []string
					if m, ok := c.Args[1].(*ast.CompositeLit); ok {
						for _, el := range m.Elts {
							name, _ := constString(el.(*ast.KeyValueExpr).Key, nil)
							got = append(got, name)
						}
					}
					assert.ElementsMatch(t, want, got, "%s: arguments of %s", at, key)
				}
			}
			id, ok := c.Fun.(*ast.Ident)
			if !ok {
				return true
			}
			switch {
			case id.Name == "Invalid" && len(c.Args) == 2:
				if msg, ok := constString(c.Args[1], consts); ok {
					fixed++
					assert.NotEmpty(t, messageKeys[msg], "%s: no key in messageKeys for %q", at, msg)
				}
			case id.Name == "invalidf" && len(c.Args) >= 2:
				formatted++
				format, ok := constString(c.Args[1], consts)
				if !ok {
					return true // a variable holding one of the formats (badRune's)
				}
				fk, ok := formatKeys[format]
				if assert.True(t, ok, "%s: format %q not in formatKeys", at, format) {
					assert.Len(t, fk.args, len(c.Args)-2, "%s: %s", at, fk.key)
				}
			}
			return true
		})
	}
	for name, msg := range consts {
		if !strings.HasPrefix(name, "msg") {
			continue
		}
		_, fixedKey := messageKeys[msg]
		_, formatKey := formatKeys[msg]
		assert.True(t, fixedKey || formatKey, "constant %s has no key", name)
	}
	assert.Greater(t, fixed, 200)
	assert.Greater(t, formatted, 20)
	assert.Equal(t, len(otherKeys)-2, keyedCalls, "every key of otherKeys but lockedError's is given by one keyed call")
	for format, fk := range formatKeys {
		verbs := strings.Count(format, "%") - 2*strings.Count(format, "%%")
		assert.Len(t, fk.args, verbs, fk.key)
	}
}

// constString is the value of a string constant expression: a literal, a
// known constant, or a sum of those.
func constString(e ast.Expr, consts map[string]string) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[v.Name]
		return s, ok
	case *ast.ParenExpr:
		return constString(v.X, consts)
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(v.X, consts)
		b, ok2 := constString(v.Y, consts)
		return a + b, ok1 && ok2
	}
	return "", false
}

func TestMessageKeys(t *testing.T) {
	name := func(s string) error { _, err := PersonName("applicant.name", s); return err }
	tests := map[string]struct {
		err      error
		wantKey  string
		wantArgs map[string]any
	}{
		"Nil":        {nil, "", nil},
		"Fixed":      {name(""), "data.input.nameEmpty", nil},
		"Digit":      {name("张3"), "data.input.nameDigit", nil},
		"WithArgs":   {name("张#三"), "data.input.nameSymbol", map[string]any{"Char": "#"}},
		"Prefixed":   {Invalid("id", msgIDEmpty).Prefix("applicant"), "data.input.iDEmpty", nil},
		"Wrapped":    {fmt.Errorf("register: %w", invalidf("x", msgTooLong, "情况说明", 5, 7)), "data.input.tooLong", map[string]any{"Label": "情况说明", "Max": 5, "Count": 7}},
		"NotFound":   {fmt.Errorf("data: get: %w", ErrNotFound), "data.err.notFound", nil},
		"Busy":       {fmt.Errorf("data: add: %w", ErrBusy), "data.err.busy", nil},
		"Other":      {errors.New("boom"), "data.err.other", nil},
		"NoKey":      {Invalid("file", "文件无法读取：x"), "", nil},
		"Locked":     {lockedError(time.Date(2026, 12, 7, 2, 5, 0, 0, time.UTC), time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)), "data.auth.locked", map[string]any{"Time": "10:05"}},
		"LockedDay":  {lockedError(time.Date(2026, 12, 7, 17, 5, 0, 0, time.UTC), time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)), "data.auth.lockedDay", map[string]any{"Time": "01:05", "Date": "2026-12-08"}},
		"Keyed":      {StopWindowRule([]string{"张三", "李四"}, nil), "data.window.staffLeft", map[string]any{"Staff": "张三、李四"}},
		"PrefixArgs": {invalidf("count", msgIDLength, 17).Prefix("applicant"), "data.input.iDLength", map[string]any{"Count": 17}},
	}
	all := MessageKeys()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			key, args := MessageKey(tc.err)
			assert.Equal(t, tc.wantKey, key)
			assert.Equal(t, tc.wantArgs, args)
			if key != "" {
				assert.Contains(t, all, key, "MessageKeys lists it")
			}
		})
	}
}
