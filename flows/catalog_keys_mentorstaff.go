package flows

// Keys of the texts of staff assigning owners to mentors (Ms): the
// overview of /binaan, the bulk assignment conversation and its preview,
// the one-by-one choice from an owner's help request, and what owners and
// mentors are told.
const (
	// The overview.
	MsTitle       Key = "ms_title"
	MsNoMentors   Key = "ms_no_mentors"
	MsNeverWrote  Key = "ms_never_wrote"
	MsLine        Key = "ms_line"
	MsLineOverdue Key = "ms_line_overdue"
	MsUnassigned  Key = "ms_unassigned"
	MsHint        Key = "ms_hint"
	MsCadenceSet  Key = "ms_cadence_set"

	// The bulk assignment conversation.
	MsAskRegion    Key = "ms_ask_region"
	MsAskSector    Key = "ms_ask_sector"
	MsAskScope     Key = "ms_ask_scope"
	MsAskMentor    Key = "ms_ask_mentor"
	MsAllRegions   Key = "ms_all_regions"
	MsAllSectors   Key = "ms_all_sectors"
	MsScopeNew     Key = "ms_scope_new"
	MsScopeAll     Key = "ms_scope_all"
	MsFieldRegion  Key = "ms_field_region"
	MsFieldSector  Key = "ms_field_sector"
	MsFieldScope   Key = "ms_field_scope"
	MsFieldMentor  Key = "ms_field_mentor"
	MsMentorChoice Key = "ms_mentor_choice"
	MsUnnamed      Key = "ms_unnamed"

	// The preview before assigning, and the report after.
	MsTargetNew      Key = "ms_target_new"
	MsTargetAll      Key = "ms_target_all"
	MsPreview        Key = "ms_preview"
	MsPreviewMentor  Key = "ms_preview_mentor"
	MsPreviewTarget  Key = "ms_preview_target"
	MsPreviewNobody  Key = "ms_preview_nobody"
	MsPreviewCount   Key = "ms_preview_count"
	MsPreviewMoved   Key = "ms_preview_moved"
	MsPreviewAlready Key = "ms_preview_already"
	MsDone           Key = "ms_done"
	MsDoneMoved      Key = "ms_done_moved"
	MsDoneNone       Key = "ms_done_none"
	MsDoneTold       Key = "ms_done_told"
	MsCancelled      Key = "ms_cancelled"
	MsChanged        Key = "ms_changed"

	// One owner at a time, from their help request.
	MsPickFor      Key = "ms_pick_for"
	MsNoneYet      Key = "ms_none_yet"
	MsOneDone      Key = "ms_one_done" // both told
	MsOneAssigned  Key = "ms_one_assigned"
	MsOneOwnerTold Key = "ms_one_owner_told"
	MsOneOwnerLost Key = "ms_one_owner_lost"
	MsOneAlready   Key = "ms_one_already"
	MsOwnerUnknown Key = "ms_owner_unknown"
	MsNotMentor    Key = "ms_not_mentor"

	// What owners and mentors are told.
	MsOwnerTold       Key = "ms_owner_told"
	MsOwnerToldNoName Key = "ms_owner_told_no_name"
	MsMentorTold      Key = "ms_mentor_told"
	MsMentorLost      Key = "ms_mentor_lost"

	// What staff are told of telling the mentor.
	MsToldMentor      Key = "ms_told_mentor"
	MsMentorNotOpened Key = "ms_mentor_not_opened"
	MsMentorNotTold   Key = "ms_mentor_not_told"

	// Buttons.
	BtnMsAssign      Key = "btn_ms_assign"
	BtnMsCadence     Key = "btn_ms_cadence"
	BtnMsCadenceOn   Key = "btn_ms_cadence_on"
	BtnMsConfirm     Key = "btn_ms_confirm"
	BtnMsCancel      Key = "btn_ms_cancel"
	BtnMsChange      Key = "btn_ms_change"
	BtnMsOverview    Key = "btn_ms_overview"
	BtnMsOwnerMentor Key = "btn_ms_owner_mentor"
	BtnMsMentorOn    Key = "btn_ms_mentor_on"
)
