package flows

// Keys of the texts of approving broadcasts (SbAp…), of the bylines that
// name who wrote and who approved a broadcast, and of the broadcast list.
const (
	// Who wrote and who decided, in the report.
	SbByline         Key = "sb_byline"
	SbBylineApproved Key = "sb_byline_approved"
	SbBylineRejected Key = "sb_byline_rejected"

	// Statuses shown in the report of a broadcast not sent yet.
	SbStatusPending   Key = "sb_status_pending"
	SbStatusRejected  Key = "sb_status_rejected"
	SbStatusScheduled Key = "sb_status_scheduled"

	// The list of broadcasts, one label per status.
	SbListDraft     Key = "sb_list_draft"
	SbListScheduled Key = "sb_list_scheduled"
	SbListPending   Key = "sb_list_pending"
	SbListRejected  Key = "sb_list_rejected"
	SbListCancelled Key = "sb_list_cancelled"

	// Asking for approval, to the author and to the admins.
	BtnSbAskApproval  Key = "btn_sb_ask_approval"
	SbApApprovalSent  Key = "sb_ap_sent"
	SbApSentAt        Key = "sb_ap_sent_at"
	SbApNoAdmin       Key = "sb_ap_no_admin"
	SbApRequest       Key = "sb_ap_request"
	SbApWhenNow       Key = "sb_ap_when_now"
	BtnSbApprove      Key = "btn_sb_approve"
	BtnSbReject       Key = "btn_sb_reject"
	SbApApprovedYou   Key = "sb_ap_approved_you"
	SbApRejectedYou   Key = "sb_ap_rejected_you"
	SbApApproved      Key = "sb_ap_approved"
	SbApApprovedAt    Key = "sb_ap_approved_at"
	SbApApprovedLate  Key = "sb_ap_approved_late"
	BtnSbOpen         Key = "btn_sb_open"
	BtnSbSendNow      Key = "btn_sb_send_now"
	SbApRejected      Key = "sb_ap_rejected"
	SbApNotPending    Key = "sb_ap_not_pending"
	SbApSettingOn     Key = "sb_ap_setting_on"
	SbApSettingOff    Key = "sb_ap_setting_off"
	BtnSbApprovalOn   Key = "btn_sb_approval_on"
	BtnSbApprovalOff  Key = "btn_sb_approval_off"
	SbApNeedsApproval Key = "sb_ap_needs_approval"
)
