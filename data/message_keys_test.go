package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
)

// TestEveryMessageHasAKey reads the package's source: every message the
// package makes has a key the interface translates. An Invalid(field, "…")
// whose message is a constant (a literal, a msg… constant, or a sum of
// them) has its key in messageKeys; one built from data (names, numbers,
// dates) is keyed(key, {…}) with its argument names, the same wherever
// the key is used; a message held in a variable is a constant with a key
// wherever the variable is set, and one passed in as a parameter
// (conflict, need …) is so at every call; every invalidf uses a format of
// formatKeys with as many arguments as the format has verbs and the key
// names.
func TestEveryMessageHasAKey(t *testing.T) {
	fset, parsed := parsePackage(t)
	consts := map[string]string{}
	funcs := map[string]*ast.FuncDecl{}
	for _, f := range parsed {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcs[fd.Name.Name] = fd
			}
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
	// passing: functions that make a message of their parameter, with its
	// position; their calls are checked like Invalid's.
	passing := map[string]int{"Invalid": 1}
	keyed := keyedCalls(t, fset, parsed)
	fixed, formatted, passed := 0, 0, 0
	// hasKey checks a message argument e of the call at: a constant with a
	// key, a variable set only to those, or a parameter of fn (which then
	// passes its messages on).
	var hasKey func(e ast.Expr, fn *ast.FuncDecl, at token.Position) bool
	hasKey = func(e ast.Expr, fn *ast.FuncDecl, at token.Position) bool {
		if msg, ok := constString(e, consts); ok {
			fixed++
			return assert.NotEmpty(t, messageKeys[msg], "%s: no key in messageKeys for %q", at, msg)
		}
		id, ok := e.(*ast.Ident)
		if !assert.True(t, ok && fn != nil, "%s: a message built from data is keyed", at) {
			return false
		}
		if paramIndex(fn, id.Name) >= 0 {
			return true // checked at fn's calls
		}
		passed++
		ok = true
		for _, v := range valuesSetTo(id.Name, fn) {
			ok = hasKey(v, nil, at) && ok
		}
		return ok
	}
	// makers is the function of each call of a function that makes a
	// message, but for invalidf and lockedError, which key their own.
	makers := func(visit func(c *ast.CallExpr, name string, fn *ast.FuncDecl)) {
		for _, f := range parsed {
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok {
						fn := enclosing(f, c)
						if fn == nil || (fn.Name.Name != "invalidf" && fn.Name.Name != "lockedError") {
							visit(c, id.Name, fn)
						}
					}
				}
				return true
			})
		}
	}
	for more := true; more; {
		n := len(passing)
		makers(func(c *ast.CallExpr, name string, fn *ast.FuncDecl) {
			if i, ok := passing[name]; ok && i < len(c.Args) && fn != nil {
				if arg, ok := c.Args[i].(*ast.Ident); ok {
					if j := paramIndex(fn, arg.Name); j >= 0 {
						passing[fn.Name.Name] = j
					}
				}
			}
		})
		more = len(passing) > n
	}
	makers(func(c *ast.CallExpr, name string, fn *ast.FuncDecl) {
		at := fset.Position(c.Pos())
		if name == "invalidf" && len(c.Args) >= 2 {
			formatted++
			format, ok := constString(c.Args[1], consts)
			if !ok {
				return // a variable holding one of the formats (badRune's)
			}
			fk, ok := formatKeys[format]
			if assert.True(t, ok, "%s: format %q not in formatKeys", at, format) {
				assert.Len(t, fk.args, len(c.Args)-2, "%s: %s", at, fk.key)
			}
			return
		}
		if i, ok := passing[name]; ok && i < len(c.Args) && !keyed.here[c] {
			hasKey(c.Args[i], fn, at)
		}
	})
	for name, msg := range consts {
		if !strings.HasPrefix(name, "msg") {
			continue
		}
		_, fixedKey := messageKeys[msg]
		_, formatKey := formatKeys[msg]
		assert.True(t, fixedKey || formatKey || strings.HasPrefix(name, "msgPIN") || name == "msgBackupLate",
			"constant %s has no key", name)
	}
	assert.Greater(t, fixed, 200)
	assert.Greater(t, formatted, 20)
	assert.Greater(t, passed, 0)
	assert.Greater(t, keyed.calls, 80)
	for format, fk := range formatKeys {
		verbs := strings.Count(format, "%") - 2*strings.Count(format, "%%")
		assert.Len(t, fk.args, verbs, fk.key)
	}
}

// parsePackage parses the package's non-test files.
func parsePackage(t *testing.T) (*token.FileSet, []*ast.File) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		parsed = append(parsed, f)
	}
	return fset, parsed
}

// keyedUses are the package's calls of keyed: the argument names of each
// key, the Invalid calls keyed gives a key (here) and how many calls there
// are.
type keyedUses struct {
	args  map[string][]string
	here  map[*ast.CallExpr]bool
	calls int
}

// keyedCalls reads every keyed(key, map[string]any{…}) of the package: its
// key is a literal or a variable set to literals, and a key used more than
// once has the same argument names everywhere.
func keyedCalls(t *testing.T, fset *token.FileSet, parsed []*ast.File) keyedUses {
	k := keyedUses{args: map[string][]string{}, here: map[*ast.CallExpr]bool{}}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := c.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "keyed" || len(c.Args) != 2 {
				return true
			}
			k.calls++
			if inner, ok := sel.X.(*ast.CallExpr); ok {
				k.here[inner] = true
			}
			at := fset.Position(c.Pos())
			keys := stringsSetTo(c.Args[0], enclosing(f, c))
			require.NotEmpty(t, keys, "%s: the key of keyed is a literal or a variable set to literals", at)
			got := []string{}
			m, ok := c.Args[1].(*ast.CompositeLit)
			require.True(t, ok, "%s: the arguments of keyed are a map literal", at)
			for _, el := range m.Elts {
				name, _ := constString(el.(*ast.KeyValueExpr).Key, nil)
				got = append(got, name)
			}
			for _, key := range keys {
				if want, ok := k.args[key]; ok {
					assert.ElementsMatch(t, want, got, "%s: arguments of %s, as elsewhere", at, key)
					continue
				}
				k.args[key] = got
			}
			return true
		})
	}
	return k
}

// allMessageKeys lists every key MessageKey can give, with the names of its
// arguments (none for a fixed message): what a translation must cover.
// keyed are the keys given by keyed calls, as keyedCalls reads them.
func allMessageKeys(keyed map[string][]string) map[string][]string {
	out := map[string][]string{otherErrKey: nil}
	for _, k := range messageKeys {
		out[k] = nil
	}
	for _, f := range formatKeys {
		out[f.key] = f.args
	}
	for k, args := range keyed {
		out[k] = args
	}
	for _, k := range sentinelKeys {
		out[k.key] = nil
	}
	for _, k := range termKeys() {
		out[k] = nil
	}
	return out
}

// termKeys are the keys of every Term data gives.
func termKeys() []string {
	var out []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		out = append(out, weekdayTerm(d).Key)
	}
	for _, m := range Modes {
		out = append(out, modeTerm(m).Key)
	}
	for _, k := range []NoticeKind{NoticePromise, NoticeCorrection, NoticeRefusal, NoticeFinished} {
		out = append(out, noticeTerm(k).Key)
	}
	for kind := range jsonKinds {
		out = append(out, "data.term.json."+kind)
	}
	for _, a := range Actions {
		out = append(out, actionTerm(a).Key)
	}
	for _, st := range Statuses {
		out = append(out, statusTerm(st).Key)
	}
	for field := range termFields {
		out = append(out, "data.term.field."+field)
	}
	return out
}

// TestEveryKeyTranslated: every key data can give a message has an English
// translation (assets/translations/data.en.json) using exactly that key's
// arguments, and no translation is left over for a key data no longer
// gives.
func TestEveryKeyTranslated(t *testing.T) {
	b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/data.en.json")
	require.NoError(t, err)
	var en map[string]string
	require.NoError(t, json.Unmarshal(b, &en))
	fset, parsed := parsePackage(t)
	keys := allMessageKeys(keyedCalls(t, fset, parsed).args)
	require.Greater(t, len(keys), 250)
	placeholder := regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
	for key, args := range keys {
		text, ok := en[key]
		if !assert.True(t, ok, "no English for %s", key) {
			continue
		}
		assert.NotRegexp(t, `\p{Han}`, text, key)
		got := []string{}
		for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
			got = append(got, m[1])
		}
		assert.ElementsMatch(t, args, got, "placeholders of %s", key)
	}
	for key := range en {
		assert.Contains(t, keys, key, "data.en.json has a key data never gives")
	}
}

// enclosing is the function of f that holds n (nil at package level).
func enclosing(f *ast.File, n ast.Node) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= n.Pos() && n.End() <= fd.End() {
			return fd
		}
	}
	return nil
}

// paramIndex is the position of fn's parameter name, or -1.
func paramIndex(fn *ast.FuncDecl, name string) int {
	i := 0
	for _, p := range fn.Type.Params.List {
		for _, n := range p.Names {
			if n.Name == name {
				return i
			}
			i++
		}
		if len(p.Names) == 0 {
			i++
		}
	}
	return -1
}

// valuesSetTo lists the expressions fn sets the variable name to.
func valuesSetTo(name string, fn *ast.FuncDecl) []ast.Expr {
	var out []ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) == len(s.Rhs) {
				for i, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						out = append(out, s.Rhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if id.Name == name && i < len(s.Values) {
					out = append(out, s.Values[i])
				}
			}
		}
		return true
	})
	return out
}

// stringsSetTo is the string e is (a literal), or the literals fn sets
// the variable e to.
func stringsSetTo(e ast.Expr, fn *ast.FuncDecl) []string {
	if s, ok := constString(e, nil); ok {
		return []string{s}
	}
	id, ok := e.(*ast.Ident)
	if !ok || fn == nil {
		return nil
	}
	var out []string
	for _, v := range valuesSetTo(id.Name, fn) {
		if s, ok := constString(v, nil); ok {
			out = append(out, s)
		}
	}
	return out
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
	fset, parsed := parsePackage(t)
	all := allMessageKeys(keyedCalls(t, fset, parsed).args)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			key, args := MessageKey(tc.err)
			assert.Equal(t, tc.wantKey, key)
			assert.Equal(t, tc.wantArgs, args)
			if key != "" {
				assert.Contains(t, all, key, "allMessageKeys lists it")
			}
		})
	}
}
