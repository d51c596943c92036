package data

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryAuditActionIsListed: every Audit… action constant of the
// package is in AuditActions(), once, and has a Chinese label, so that the
// audit filter offers it and the log names it.
func TestEveryAuditActionIsListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	declared := map[string]string{} // action → constant name
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				for i, name := range v.Names {
					if !strings.HasPrefix(name.Name, "Audit") || i >= len(v.Values) {
						continue
					}
					if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						declared[s] = name.Name
					}
				}
			}
		}
	}
	require.NotEmpty(t, declared)
	listed := map[string]int{}
	for _, a := range AuditActions() {
		listed[a]++
		assert.NotEqual(t, a, AuditLabel(a), "%s has a Chinese label", a)
	}
	for action, name := range declared {
		assert.Equal(t, 1, listed[action], "%s (%q) is in AuditActions() once", name, action)
	}
	assert.Len(t, AuditActions(), len(declared), "AuditActions() holds only declared actions")
}
