package flows

import (
	"strings"
	"time"

	"ikmbot"
)

// How /audit reads (issue 8): a pure function of one page of the audit
// log; the handler adds the paging buttons (BtnAuNewer, BtnAuOlder).

// AuditPageSize is how many entries one page of /audit shows.
const AuditPageSize = 10

// AuditPage is one page of the audit log: Entries, newest first, the
// first of them at position Offset (0 is the newest entry), of Total.
type AuditPage struct {
	Entries []ikmbot.AuditEntry
	Offset  int
	Total   int64
}

// AuditLog is the text of one page of /audit: the title, which entries
// these are of how many, and each entry as AuditEntryText, times in loc.
func AuditLog(lang string, p AuditPage, loc *time.Location) string {
	lines := []string{T(lang, AuTitle)}
	switch {
	case p.Total == 0:
		lines = append(lines, T(lang, AuEmpty))
	case len(p.Entries) == 0:
		lines = append(lines, T(lang, AuPageEmpty))
	default:
		lines = append(lines, T(lang, AuRange, p.Offset+1, p.Offset+len(p.Entries), p.Total))
	}
	for _, e := range p.Entries {
		lines = append(lines, "", AuditEntryText(lang, e, loc))
	}
	return strings.Join(lines, "\n")
}

// AuditEntryText is one entry of the audit log on two to four lines of
// HTML: when (in loc) and who, what was done and how many it concerned,
// the time a broadcast is to go out when the entry has one, and the
// filter in the words of a broadcast's audience.
func AuditEntryText(lang string, e ikmbot.AuditEntry, loc *time.Location) string {
	who := T(lang, AuUnnamed, e.ActorID)
	if name := strings.TrimSpace(e.ActorName); name != "" {
		who = Escape(name)
	}
	lines := []string{T(lang, AuHead, FormatDateTime(lang, e.At, loc), who), auWhat(lang, e)}
	if at, ok := auSendAt(e); ok {
		lines = append(lines, T(lang, AuSendAt, FormatDateTime(lang, at, loc)))
	}
	if f := auFilter(lang, e); f != "" {
		lines = append(lines, T(lang, AuFilter, f))
	}
	return strings.Join(lines, "\n")
}

// auWhat says what an entry records, with its count.
func auWhat(lang string, e ikmbot.AuditEntry) string {
	ref := Escape(e.Ref)
	switch e.Action {
	case ikmbot.AuditExport:
		switch {
		case e.Detail == ikmbot.AuditFormatXLSX:
			return T(lang, AuExportXLSX, e.Rows)
		case strings.HasPrefix(e.Detail, ikmbot.AuditFormatCSV):
			return T(lang, AuExportCSV, Escape(exportTableName(lang, ExportTableID(strings.TrimPrefix(e.Detail, ikmbot.AuditFormatCSV)))), e.Rows)
		}
		return T(lang, AuExportOther, Escape(e.Detail), e.Rows)
	case ikmbot.AuditBroadcastSent:
		switch e.Detail {
		case ikmbot.AuditDetailDue:
			return T(lang, AuBcSentDue, ref, e.Rows)
		case ikmbot.AuditDetailLead:
			return T(lang, AuBcSentLead, ref, Escape(e.RefName), e.Rows)
		}
		return T(lang, AuBcSent, ref, e.Rows)
	case ikmbot.AuditBroadcastScheduled:
		return T(lang, AuBcScheduled, ref, e.Rows)
	case ikmbot.AuditBroadcastSubmitted:
		return T(lang, AuBcSubmitted, ref, e.Rows)
	case ikmbot.AuditBroadcastApproved:
		return T(lang, AuBcApproved, ref)
	case ikmbot.AuditBroadcastRejected:
		return T(lang, AuBcRejected, ref)
	case ikmbot.AuditBroadcastCancelled:
		switch ikmbot.BroadcastStatus(e.Detail) {
		case ikmbot.BroadcastSending, ikmbot.BroadcastPaused:
			return T(lang, AuBcStopped, ref, e.Rows)
		}
		return T(lang, AuBcCancelled, ref)
	case ikmbot.AuditMentorAssign:
		mentor := "#" + ref // one who never wrote to the bot has no name
		if name := strings.TrimSpace(e.RefName); name != "" {
			mentor = Escape(name)
		}
		return T(lang, AuMentorAssign, e.Rows, mentor)
	}
	return T(lang, AuOther, Escape(string(e.Action)))
}

// auSendAt is the time a broadcast entry says it is to go out, when it
// says one.
func auSendAt(e ikmbot.AuditEntry) (time.Time, bool) {
	switch e.Action {
	case ikmbot.AuditBroadcastScheduled, ikmbot.AuditBroadcastSubmitted, ikmbot.AuditBroadcastApproved:
	default:
		return time.Time{}, false
	}
	at, err := time.Parse(time.RFC3339, e.Detail)
	return at, err == nil
}

// auFilter is an entry's filter in words, "" for an entry without one: a
// broadcast's or an export's audience as AudienceLine says it, and for a
// bulk assignment the region and sector with the owners it took.
func auFilter(lang string, e ikmbot.AuditEntry) string {
	if e.Audience == nil {
		return ""
	}
	f := AudienceLine(lang, *e.Audience)
	if e.Action != ikmbot.AuditMentorAssign {
		return f
	}
	scope := MsTargetNew
	if e.Detail == ikmbot.AuditScopeReassign {
		scope = MsTargetAll
	}
	return f + " · " + T(lang, scope)
}
