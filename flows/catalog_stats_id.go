package flows

func init() { addTexts(indonesian, indonesianStats) }

// indonesianStats are the Indonesian texts of /statistik.
var indonesianStats = map[Key]string{
	StTitle:            "📊 <b>Statistik IKM</b>",
	StFunnelTitle:      "<b>Tahapan</b> (persentase dari yang terdaftar)",
	StSignedUp:         "Terdaftar",
	StChecked:          "Sudah cek kesiapan",
	StEnrolled:         "Ikut kelas",
	StCompleted:        "Lulus kelas",
	StCertified:        "Sertifikat lengkap",
	StExporting:        "Sudah ekspor",
	StStageLine:        "• %s: <b>%s</b>",
	StStageLinePct:     "• %s: <b>%s</b> (%s)",
	StTargetTitle:      "🎯 <b>Target ekspor</b>",
	StTargetLine:       "%s dari %s IKM = <b>%s</b> IKM",
	StTargetProgress:   "Sudah ekspor: <b>%s</b> (%s dari target)",
	StRegionsTitle:     "<b>Kabupaten/kota teratas</b> (terdaftar · ekspor)",
	StRegionLine:       "%d. %s: %s · %s",
	StSectorsTitle:     "<b>Sektor</b> (terdaftar · ekspor)",
	StSectorLine:       "• %s: %s · %s",
	StLevelsTitle:      "<b>Tingkat kesiapan</b>",
	StCountLine:        "• %s: %s",
	StSourcesTitle:     "<b>Sumber pendaftaran</b>",
	StMore:             "… dan %d lainnya",
	StNone:             "belum ada",
	StChartFunnel:      "Dari pendaftaran ke ekspor",
	StChartTarget:      "Menuju target ekspor",
	StChartTargetLabel: "Target",
}
