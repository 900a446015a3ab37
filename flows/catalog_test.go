package flows

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestCatalogComplete checks that every key declared in catalog_keys*.go has
// a text in both languages, with the same formatting verbs, so no user ever
// sees a raw key or a %!s(MISSING).
func TestCatalogComplete(t *testing.T) {
	files, err := filepath.Glob("catalog_keys*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var keys []Key
	seen := map[Key]string{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				v, _ := strconv.Unquote(lit.Value)
				if other, dup := seen[Key(v)]; dup {
					t.Errorf("key %q declared in %s and %s", v, other, name)
				}
				seen[Key(v)] = name
				keys = append(keys, Key(v))
			}
			return true
		})
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys in catalog_keys.go", len(keys))
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for _, k := range keys {
		id, okID := indonesian[k]
		en, okEN := english[k]
		if !okID || !okEN {
			t.Errorf("key %q: Indonesian %v, English %v", k, okID, okEN)
			continue
		}
		if got, want := verbs.FindAllString(en, -1), verbs.FindAllString(id, -1); len(got) != len(want) {
			t.Errorf("key %q: English verbs %v, Indonesian %v", k, got, want)
		}
	}
	if len(indonesian) != len(keys) || len(english) != len(keys) {
		t.Errorf("catalog has %d Indonesian and %d English texts for %d keys: remove unused texts", len(indonesian), len(english), len(keys))
	}
}

func TestTFallsBack(t *testing.T) {
	if got, want := T("fr", MsgApology), indonesian[MsgApology]; got != want {
		t.Errorf("T(fr) = %q, want the Indonesian %q", got, want)
	}
	if got, want := T("en", SuWorkersLabel, "1-4"), "1-4 people"; got != want {
		t.Errorf("T(en, workers) = %q, want %q", got, want)
	}
}
