package telegramtest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// specJSON is shared/botapi/api.min.json (Bot API 10.1, MIT, see
// spec/LICENSE), embedded whole because it is under 1 MB and a byte-identical
// copy is easy to check against the original (spec_test.go).
//
//go:embed spec/api.min.json
var specJSON []byte

// prim is the kind of a type reference after "Array of" is stripped.
type prim uint8

const (
	primObject prim = iota
	primString
	primInteger
	primFloat
	primBoolean
	primInputFile
)

// typeRef is one alternative of a field's type: depth times "Array of",
// then a primitive or an object type.
type typeRef struct {
	depth int
	prim  prim
	obj   *typeSpec
}

// lenUnit says how a length limit is counted.
type lenUnit uint8

const (
	unitNone  lenUnit = iota
	unitChars         // UTF-16 code units, as Telegram counts "characters"
	unitBytes
)

type fieldSpec struct {
	owner    string // method or type name, for messages
	name     string
	types    []typeRef
	required bool
	// jsonOnly is true when no alternative is a primitive, so the value is
	// always JSON-serialized and the literal null means "absent".
	jsonOnly bool
	hasFile  bool
	// Length limit from the description ("1-64 bytes"). postParse limits
	// apply after entity parsing, so the method handler checks them.
	minLen, maxLen int
	unit           lenUnit
	postParse      bool
}

type typeSpec struct {
	name   string
	fields []*fieldSpec
	byName map[string]*fieldSpec
	// subtypes of an abstract type are usually objects, but may be any
	// type expression: RichText is "String or Array of RichText or ...".
	subtypes []typeRef
	// discField names the field whose value picks the object subtype
	// ("type" for BotCommandScope, "status" for ChatMember); empty when
	// they have none and each must be tried in turn.
	discField string
	byDisc    map[string]*typeSpec
}

type methodSpec struct {
	name    string
	fields  []*fieldSpec
	byName  map[string]*fieldSpec
	legacy  map[string]bool
	returns []typeRef
}

type apiSpec struct {
	version string
	methods map[string]*methodSpec // by lower-case name, aliases included
	types   map[string]*typeSpec
}

var (
	specOnce   sync.Once
	parsedSpec *apiSpec
	specErr    error
)

// loadSpec parses the embedded spec once per process: it takes a few
// milliseconds, and every server shares the read-only indexes.
func loadSpec() (*apiSpec, error) {
	specOnce.Do(func() { parsedSpec, specErr = parseSpec(specJSON) })
	return parsedSpec, specErr
}

type rawField struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`
}

type rawSpec struct {
	Version string `json:"version"`
	Methods map[string]struct {
		Name    string     `json:"name"`
		Returns []string   `json:"returns"`
		Fields  []rawField `json:"fields"`
	} `json:"methods"`
	Types map[string]struct {
		Name     string     `json:"name"`
		Fields   []rawField `json:"fields"`
		Subtypes []string   `json:"subtypes"`
	} `json:"types"`
}

var (
	lengthRe = regexp.MustCompile(`(\d+)-(\d+) (characters|bytes)`)
	discRe   = regexp.MustCompile(`(?:must be|always) "?(\w+)"?`)
)

func parseSpec(data []byte) (*apiSpec, error) {
	var raw rawSpec
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse bot api spec: %w", err)
	}
	sp := &apiSpec{
		version: raw.Version,
		methods: make(map[string]*methodSpec, len(raw.Methods)+len(legacyMethods)),
		types:   make(map[string]*typeSpec, len(raw.Types)),
	}
	for name := range raw.Types {
		sp.types[name] = &typeSpec{name: name}
	}
	var firstErr error
	resolve := func(names []string) []typeRef {
		refs := make([]typeRef, 0, len(names))
		for _, n := range names {
			r, err := sp.resolveType(n)
			if err != nil && firstErr == nil {
				firstErr = err
			}
			refs = append(refs, r)
		}
		return refs
	}
	fieldsOf := func(owner string, raws []rawField) ([]*fieldSpec, map[string]*fieldSpec) {
		fs := make([]*fieldSpec, 0, len(raws))
		by := make(map[string]*fieldSpec, len(raws))
		for _, rf := range raws {
			f := &fieldSpec{owner: owner, name: rf.Name, types: resolve(rf.Types), required: rf.Required, jsonOnly: true}
			for _, t := range f.types {
				if t.depth == 0 && t.prim != primObject {
					f.jsonOnly = false
				}
				if t.depth == 0 && t.prim == primInputFile {
					f.hasFile = true
				}
			}
			if m := lengthRe.FindStringSubmatch(rf.Description); m != nil {
				f.minLen, _ = strconv.Atoi(m[1])
				f.maxLen, _ = strconv.Atoi(m[2])
				f.unit = unitChars
				if m[3] == "bytes" {
					f.unit = unitBytes
				}
				f.postParse = strings.Contains(rf.Description, "after entit")
			}
			fs = append(fs, f)
			by[f.name] = f
		}
		return fs, by
	}
	for name, rt := range raw.Types {
		t := sp.types[name]
		t.fields, t.byName = fieldsOf(name, rt.Fields)
		for _, sub := range rt.Subtypes {
			r, err := sp.resolveType(sub)
			if err != nil {
				return nil, fmt.Errorf("parse bot api spec: type %s: subtype: %w", name, err)
			}
			t.subtypes = append(t.subtypes, r)
		}
	}
	// Discriminators need the subtypes' fields, so they come second.
	for name, rt := range raw.Types {
		t := sp.types[name]
		if len(t.subtypes) == 0 {
			continue
		}
		field := ""
		by := make(map[string]*typeSpec, len(t.subtypes))
		for _, sub := range rt.Subtypes {
			if _, isObj := raw.Types[sub]; !isObj {
				continue
			}
			fs := raw.Types[sub].Fields
			var m []string
			if len(fs) > 0 {
				m = discRe.FindStringSubmatch(fs[0].Description)
			}
			if m == nil || (field != "" && field != fs[0].Name) {
				field = ""
				break
			}
			field = fs[0].Name
			by[m[1]] = sp.types[sub]
		}
		if field != "" {
			t.discField, t.byDisc = field, by
		}
	}
	for name, rm := range raw.Methods {
		m := &methodSpec{name: name, returns: resolve(rm.Returns)}
		m.fields, m.byName = fieldsOf(name, rm.Fields)
		m.legacy = legacyParams[name]
		sp.methods[name] = m
		sp.methods[strings.ToLower(name)] = m
	}
	for alias, target := range legacyMethods {
		t, ok := sp.methods[strings.ToLower(target)]
		if !ok {
			return nil, fmt.Errorf("parse bot api spec: legacy alias %s: no method %s", alias, target)
		}
		a := *t
		a.name = alias
		a.legacy = legacyParams[alias]
		sp.methods[strings.ToLower(alias)] = &a
	}
	if firstErr != nil {
		return nil, fmt.Errorf("parse bot api spec: %w", firstErr)
	}
	return sp, nil
}

func (sp *apiSpec) resolveType(s string) (typeRef, error) {
	var r typeRef
	for strings.HasPrefix(s, "Array of ") {
		r.depth++
		s = s[len("Array of "):]
	}
	switch s {
	case "String":
		r.prim = primString
	case "Integer":
		r.prim = primInteger
	case "Float":
		r.prim = primFloat
	case "Boolean", "True":
		r.prim = primBoolean
	case "InputFile":
		r.prim = primInputFile
	default:
		t, ok := sp.types[s]
		if !ok {
			return r, fmt.Errorf("unknown type %q", s)
		}
		r.obj = t
	}
	return r, nil
}

// method finds a method by name the way srv does: case-insensitively. The
// exact-case lookup first saves an allocation on the usual path.
func (sp *apiSpec) method(name string) *methodSpec {
	if m, ok := sp.methods[name]; ok {
		return m
	}
	return sp.methods[strings.ToLower(name)]
}

func (r typeRef) String() string {
	s := strings.Repeat("Array of ", r.depth)
	switch r.prim {
	case primString:
		return s + "String"
	case primInteger:
		return s + "Integer"
	case primFloat:
		return s + "Float"
	case primBoolean:
		return s + "Boolean"
	case primInputFile:
		return s + "InputFile"
	}
	return s + r.obj.name
}
