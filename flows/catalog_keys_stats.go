package flows

// Keys of /statistik (issue 8): the funnel, the export target and the
// breakdowns staff read on their phones.
const (
	StTitle          Key = "st_title"
	StFunnelTitle    Key = "st_funnel_title"
	StSignedUp       Key = "st_signed_up"
	StChecked        Key = "st_checked"
	StEnrolled       Key = "st_enrolled"
	StCompleted      Key = "st_completed"
	StCertified      Key = "st_certified"
	StExporting      Key = "st_exporting"
	StStageLine      Key = "st_stage_line"
	StStageLinePct   Key = "st_stage_line_pct"
	StTargetTitle    Key = "st_target_title"
	StTargetLine     Key = "st_target_line"
	StTargetProgress Key = "st_target_progress"
	StRegionsTitle   Key = "st_regions_title"
	StRegionLine     Key = "st_region_line"
	StSectorsTitle   Key = "st_sectors_title"
	StSectorLine     Key = "st_sector_line"
	StLevelsTitle    Key = "st_levels_title"
	StCountLine      Key = "st_count_line"
	StSourcesTitle   Key = "st_sources_title"
	StMore           Key = "st_more"
	StNone           Key = "st_none"

	// The target countries owners chose in /pasar.
	StMarketsTitle Key = "st_markets_title"
	StMarketLine   Key = "st_market_line"

	// Sign-ups per week, mentoring and where owners give up.
	StWeeksTitle    Key = "st_weeks_title"
	StWeeksLine     Key = "st_weeks_line"
	StWeeksOnly     Key = "st_weeks_only"
	StMentorTitle   Key = "st_mentor_title"
	StMentorLine    Key = "st_mentor_line"
	StMentorOverdue Key = "st_mentor_overdue"
	StMentorNone    Key = "st_mentor_none"
	StMentorLess    Key = "st_mentor_unassigned"
	StStepsTitle    Key = "st_steps_title"
	StStepsFlow     Key = "st_steps_flow"
	StStepsStops    Key = "st_steps_stops"
	StStepsStop     Key = "st_steps_stop"
	StStepsNone     Key = "st_steps_none"
	StFlowSignUp    Key = "st_flow_signup"
	StFlowReadiness Key = "st_flow_readiness"
	StStepConsent   Key = "st_step_consent"
	StStepQuestion  Key = "st_step_question"
	StStepSummary   Key = "st_step_summary"
	StStepDone      Key = "st_step_done"

	// Chart titles and labels: plain text, no emoji (the charts' font
	// has none).
	StChartFunnel      Key = "st_chart_funnel"
	StChartTarget      Key = "st_chart_target"
	StChartTargetLabel Key = "st_chart_target_label"
	StChartWeeks       Key = "st_chart_weeks"
	StChartSteps       Key = "st_chart_steps"
)
