package telegramtest

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sharedDir is shared/botapi as seen from this package; it exists in CI and
// in development, not at run time of the binary.
const sharedDir = "../../../shared/botapi/"

func readShared(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(sharedDir + name)
	if err != nil {
		t.Fatalf("read %s (shared/ must sit next to the repository): %v", name, err)
	}
	return b
}

func TestEmbeddedSpecIsSharedCopy(t *testing.T) {
	if !bytes.Equal(specJSON, readShared(t, "api.min.json")) {
		t.Error("spec/api.min.json differs from shared/botapi/api.min.json; copy it again")
	}
	lic, err := os.ReadFile("spec/LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(lic, readShared(t, "LICENSE")) {
		t.Error("spec/LICENSE differs from shared/botapi/LICENSE")
	}
}

func TestLegacyParamsMatchDerived(t *testing.T) {
	var derived struct {
		Methods map[string]struct {
			NotIn10_1    []string        `json:"not_in_spec_10_1"`
			ReadsLiteral map[string]bool `json:"server_reads_literal"`
		} `json:"methods"`
	}
	if err := json.Unmarshal(readShared(t, "derived/tgbotapi-v5.5.1-requests.json"), &derived); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]bool{}
	for name, m := range derived.Methods {
		for _, p := range m.NotIn10_1 {
			if m.ReadsLiteral[p] {
				if want[name] == nil {
					want[name] = map[string]bool{}
				}
				want[name][p] = true
			}
		}
	}
	if diff := cmp.Diff(want, legacyParams); diff != "" {
		t.Errorf("legacyParams differ from the derived file (-derived +table):\n%s", diff)
	}
	// The names NOTES calls out must be among them.
	for _, c := range []struct{ method, param string }{
		{"sendMessage", "reply_to_message_id"}, {"sendMessage", "allow_sending_without_reply"},
		{"sendMessage", "disable_web_page_preview"}, {"sendDocument", "thumb"}, {"sendPhoto", "thumb"},
	} {
		if !legacyParams[c.method][c.param] {
			t.Errorf("legacy %s.%s missing", c.method, c.param)
		}
	}
}

func TestSpecIndexes(t *testing.T) {
	sp, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sp.version, "Bot API 10.1"; got != want {
		t.Errorf("version = %q, want %q", got, want)
	}
	if got, want := len(sp.types), 359; got != want {
		t.Errorf("types = %d, want %d", got, want)
	}
	for _, name := range []string{"sendMessage", "sendmessage", "SendMessage", "kickChatMember", "getchatmemberscount"} {
		if sp.method(name) == nil {
			t.Errorf("method(%q) = nil", name)
		}
	}
	scope := sp.types["BotCommandScope"]
	if scope.discField != "type" || scope.byDisc["chat"] == nil || len(scope.byDisc) != 7 {
		t.Errorf("BotCommandScope discriminator = %q %v", scope.discField, scope.byDisc)
	}
	if got := sp.types["ChatMember"].discField; got != "status" {
		t.Errorf("ChatMember discriminator = %q, want status", got)
	}
	if got := sp.types["MaybeInaccessibleMessage"].discField; got != "" {
		t.Errorf("MaybeInaccessibleMessage discriminator = %q, want none", got)
	}
	cd := sp.types["InlineKeyboardButton"].byName["callback_data"]
	if cd.minLen != 1 || cd.maxLen != 64 || cd.unit != unitBytes {
		t.Errorf("callback_data limit = %d-%d unit %d", cd.minLen, cd.maxLen, cd.unit)
	}
	text := sp.method("sendMessage").byName["text"]
	if text.maxLen != 4096 || text.unit != unitChars || !text.postParse {
		t.Errorf("sendMessage.text limit = %+v", text)
	}
	if !sp.method("sendMessage").byName["reply_markup"].jsonOnly {
		t.Error("reply_markup not JSON-only")
	}
	if sp.method("sendMessage").byName["chat_id"].jsonOnly {
		t.Error("chat_id JSON-only")
	}
}
