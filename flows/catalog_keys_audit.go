package flows

// Keys of /audit (issue 8): the admins' page of the audit log, one entry
// per export, broadcast step and bulk mentor assignment.
const (
	CmdAudit Key = "cmd_audit"

	AuTitle     Key = "au_title"
	AuRange     Key = "au_range"
	AuEmpty     Key = "au_empty"
	AuPageEmpty Key = "au_page_empty"
	AuHead      Key = "au_head"
	AuUnnamed   Key = "au_unnamed"
	AuFilter    Key = "au_filter"
	AuSendAt    Key = "au_send_at"

	// What was done, one key per action and detail.
	AuExportXLSX   Key = "au_export_xlsx"
	AuExportCSV    Key = "au_export_csv"
	AuExportOther  Key = "au_export_other"
	AuBcSent       Key = "au_bc_sent"
	AuBcSentDue    Key = "au_bc_sent_due"
	AuBcSentLead   Key = "au_bc_sent_lead"
	AuBcScheduled  Key = "au_bc_scheduled"
	AuBcSubmitted  Key = "au_bc_submitted"
	AuBcApproved   Key = "au_bc_approved"
	AuBcRejected   Key = "au_bc_rejected"
	AuBcCancelled  Key = "au_bc_cancelled"
	AuBcStopped    Key = "au_bc_stopped"
	AuMentorAssign Key = "au_mentor_assign"
	AuOther        Key = "au_other"

	BtnAuNewer Key = "btn_au_newer"
	BtnAuOlder Key = "btn_au_older"
)
