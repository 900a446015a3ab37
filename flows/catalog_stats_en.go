package flows

func init() { addTexts(english, englishStats) }

// englishStats are the English texts of /statistik.
var englishStats = map[Key]string{
	StTitle:            "📊 <b>IKM statistics</b>",
	StFunnelTitle:      "<b>Stages</b> (share of those signed up)",
	StSignedUp:         "Signed up",
	StChecked:          "Readiness checked",
	StEnrolled:         "Took a class",
	StCompleted:        "Completed a class",
	StCertified:        "Fully certified",
	StExporting:        "Exporting",
	StStageLine:        "• %s: <b>%s</b>",
	StStageLinePct:     "• %s: <b>%s</b> (%s)",
	StTargetTitle:      "🎯 <b>Export target</b>",
	StTargetLine:       "%s of %s IKM = <b>%s</b> IKM",
	StTargetProgress:   "Exporting: <b>%s</b> (%s of the target)",
	StRegionsTitle:     "<b>Top regencies/cities</b> (signed up · exporting)",
	StRegionLine:       "%d. %s: %s · %s",
	StSectorsTitle:     "<b>Sectors</b> (signed up · exporting)",
	StSectorLine:       "• %s: %s · %s",
	StLevelsTitle:      "<b>Readiness levels</b>",
	StCountLine:        "• %s: %s",
	StSourcesTitle:     "<b>Sign-up sources</b>",
	StMore:             "… and %d more",
	StNone:             "none yet",
	StChartFunnel:      "From sign-up to export",
	StChartTarget:      "Toward the export target",
	StChartTargetLabel: "Target",
}
