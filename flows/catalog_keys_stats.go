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

	// Chart titles and labels: plain text, no emoji (the charts' font
	// has none).
	StChartFunnel      Key = "st_chart_funnel"
	StChartTarget      Key = "st_chart_target"
	StChartTargetLabel Key = "st_chart_target_label"
)
