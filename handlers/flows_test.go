package handlers

import (
	"strings"
	"testing"
)

// TestFlowNamesUnique: a flow's name starts its buttons' callback data, so
// two flows of one name, or a name that is also the prefix of the
// handlers' own buttons, would send taps to the wrong place.
func TestFlowNamesUnique(t *testing.T) {
	prefixes := []string{"m:", "ob:"} // menuActions
	for _, pa := range prefixActions {
		prefixes = append(prefixes, pa.prefix)
	}
	seen := map[string]bool{}
	for _, f := range allFlows {
		if seen[f.Name] {
			t.Errorf("two flows are named %q", f.Name)
		}
		seen[f.Name] = true
		for _, p := range prefixes {
			if strings.HasPrefix(f.Name+":", p) {
				t.Errorf("flow %q takes the buttons of prefix %q", f.Name, p)
			}
		}
		if flowNamed(f.Name) != f {
			t.Errorf("flowNamed(%q) is not the flow", f.Name)
		}
	}
	if flowNamed("gone") != nil {
		t.Error("an unknown flow name found a flow")
	}
}
