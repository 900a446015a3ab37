package ikmbot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// allowedImports is DESIGN.md's table of who may import whom, for the
// module's own packages and third-party modules. The standard library is
// always allowed.
var allowedImports = map[string][]string{
	"ikmbot":                   {},
	"ikmbot/storage":           {"ikmbot", "github.com/redis/go-redis/v9"},
	"ikmbot/storage/redistest": {"ikmbot", "github.com/redis/go-redis/v9"},
	"ikmbot/flows":             {"ikmbot"},
	"ikmbot/handlers":          {"ikmbot", "ikmbot/flows", "ikmbot/report"},
	"ikmbot/report":            {"ikmbot", "gonum.org/v1/plot", "gonum.org/v1/plot/font", "gonum.org/v1/plot/plotter", "gonum.org/v1/plot/text", "gonum.org/v1/plot/vg", "gonum.org/v1/plot/vg/draw", "gonum.org/v1/plot/vg/vgimg", "github.com/xuri/excelize/v2"},
	"ikmbot/bot":               {"ikmbot", "github.com/go-telegram-bot-api/telegram-bot-api/v5"},
	"ikmbot/bot/telegramtest":  {"ikmbot"},
	"ikmbot/reminders":         {"ikmbot", "github.com/robfig/cron/v3"},
	"ikmbot/cmd/ikmbot":        {"*"},
}

// TestDependencyDirections fails the build when a package imports what
// DESIGN.md forbids, for example flows importing storage or handlers
// importing the Telegram library.
func TestDependencyDirections(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		allowed, ok := allowedImports[pkg]
		if !ok {
			t.Errorf("package %s is not in DESIGN.md's layout: add it to the table there and here", pkg)
			continue
		}
		for _, imp := range imports {
			if !isModuleOrThirdParty(imp) || contains(allowed, "*") || contains(allowed, imp) {
				continue
			}
			t.Errorf("%s imports %s, which DESIGN.md does not allow", pkg, imp)
		}
	}
}

func isModuleOrThirdParty(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return first == "ikmbot" || strings.Contains(first, ".")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// embeddedRedis is the in-memory Redis of `ikmbot sandbox`. Only cmd may
// import it, and not in tests either: everywhere else, tests run against
// a real redis-server (STYLE.md), so Redis behaviour is never a copy's.
const embeddedRedis = "github.com/alicebob/miniredis/v2"

// TestEmbeddedRedisOnlyInSandbox fails when a package or a test other than
// cmd/ikmbot's sandbox imports the embedded Redis.
func TestEmbeddedRedisOnlyInSandbox(t *testing.T) {
	out, err := exec.Command("go", "list", "-f",
		`{{.ImportPath}} {{join .Imports " "}} | {{join .TestImports " "}} {{join .XTestImports " "}}`, "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		code, tests, _ := strings.Cut(line, "|")
		pkg := strings.Fields(code)[0]
		if contains(strings.Fields(tests), embeddedRedis) || pkg != "ikmbot/cmd/ikmbot" && contains(strings.Fields(code), embeddedRedis) {
			t.Errorf("%s imports %s, which only the sandbox in cmd/ikmbot may", pkg, embeddedRedis)
		}
	}
}
