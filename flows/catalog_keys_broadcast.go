package flows

// Keys of the texts of composing and sending a broadcast (Sb): staff's
// questions, the preview, the progress message and the buttons the
// handler puts under them.
const (
	// Composing: questions, choices and summary fields.
	SbAskText        Key = "sb_ask_text"
	SbErrShort       Key = "sb_err_short"
	SbErrMedia       Key = "sb_err_media"
	SbErrCaptionLong Key = "sb_err_caption_long"
	SbAttachedPhoto  Key = "sb_attached_photo"
	SbAttachedDoc    Key = "sb_attached_doc"
	SbAskRegion      Key = "sb_ask_region"
	SbAskLevel       Key = "sb_ask_level"
	SbAskSector      Key = "sb_ask_sector"
	SbAskExport      Key = "sb_ask_export"
	SbAllRegions     Key = "sb_all_regions"
	SbAllLevels      Key = "sb_all_levels"
	SbAllSectors     Key = "sb_all_sectors"
	SbAllExports     Key = "sb_all_exports"
	SbExportNever    Key = "sb_export_never"
	SbExportIndirect Key = "sb_export_indirect"
	SbExportDirect   Key = "sb_export_direct"
	SbFieldText      Key = "sb_field_text"
	SbFieldRegion    Key = "sb_field_region"
	SbFieldLevel     Key = "sb_field_level"
	SbFieldSector    Key = "sb_field_sector"
	SbFieldExport    Key = "sb_field_export"

	// The audience and the preview.
	SbAudienceAll   Key = "sb_audience_all"
	SbPreview       Key = "sb_preview"
	SbPreviewTarget Key = "sb_preview_target"
	SbPreviewCount  Key = "sb_preview_count"

	// Sending: the messages of the handler and the progress message.
	SbQuietNow      Key = "sb_quiet_now"
	SbNobody        Key = "sb_nobody"
	SbStarted       Key = "sb_started"
	SbCancelled     Key = "sb_cancelled"
	SbNotDraft      Key = "sb_not_draft"
	SbStatusDraft   Key = "sb_status_draft"
	SbStatusSending Key = "sb_status_sending"
	SbStatusPaused  Key = "sb_status_paused"
	SbCounts        Key = "sb_counts"
	SbBar           Key = "sb_bar"
	SbEta           Key = "sb_eta"
	SbEtaSoon       Key = "sb_eta_soon"
	SbDone          Key = "sb_done"
	SbStopped       Key = "sb_stopped"

	// Buttons of the preview and the progress message.
	BtnSbSend   Key = "btn_sb_send"
	BtnSbCancel Key = "btn_sb_cancel"
	BtnSbPause  Key = "btn_sb_pause"
	BtnSbResume Key = "btn_sb_resume"
	BtnSbStop   Key = "btn_sb_stop"

	// Owners turning announcements off and on.
	BtnSbOptOut  Key = "btn_sb_opt_out"
	BtnSbOptIn   Key = "btn_sb_opt_in"
	SbOptedOut   Key = "sb_opted_out"
	SbOptedIn    Key = "sb_opted_in"
	SbProfileOff Key = "sb_profile_off"

	// Staff's list of broadcasts.
	SbListTitle Key = "sb_list_title"
	SbListEmpty Key = "sb_list_empty"
	SbListItem  Key = "sb_list_item"
	BtnSbNew    Key = "btn_sb_new"
	BtnSbList   Key = "btn_sb_list"

	// Scheduling a broadcast.
	BtnSbSchedule Key = "btn_sb_schedule"
	SjAskDate     Key = "sj_ask_date"
	SjAskTime     Key = "sj_ask_time"
	SbScheduled   Key = "sb_scheduled"
	SbDueStarted  Key = "sb_due_started"

	// Narrowing by classes and certificates (flow version 2).
	SbAskClass       Key = "sb_ask_class"
	SbClassEnrolled  Key = "sb_class_enrolled"
	SbClassCompleted Key = "sb_class_completed"
	SbClassNone      Key = "sb_class_none"
	SbAllClasses     Key = "sb_all_classes"
	SbAskCert        Key = "sb_ask_cert"
	SbAllCerts       Key = "sb_all_certs"
	SbAskCertHave    Key = "sb_ask_cert_have"
	SbCertHas        Key = "sb_cert_has"
	SbCertLacks      Key = "sb_cert_lacks"
	SbFieldClass     Key = "sb_field_class"
	SbFieldCert      Key = "sb_field_cert"
	SbFieldCertHave  Key = "sb_field_cert_have"
	SbLineCertHas    Key = "sb_line_cert_has"
	SbLineCertLacks  Key = "sb_line_cert_lacks"

	// Narrowing by the owners' target countries (flow version 3).
	SbAskMarket       Key = "sb_ask_market"
	SbAskMarketSector Key = "sb_ask_market_sector"
	SbAllMarkets      Key = "sb_all_markets"
	SbFieldMarket     Key = "sb_field_market"
	SbLineMarkets     Key = "sb_line_markets"
)
