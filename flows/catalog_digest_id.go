package flows

func init() { addTexts(indonesian, indonesianDigest) }

// indonesianDigest are the Indonesian texts of the mentoring digests.
var indonesianDigest = map[Key]string{
	MdDigestTitle:      "📋 <b>Ringkasan pendampingan mingguan</b>\n%s",
	MdDigestCounts:     "Pemilik IKM binaan Anda: <b>%d</b>\nBelum ditindaklanjuti lebih dari %d hari: <b>%d</b>",
	MdDigestAllOnTime:  "Semua binaan sudah ditindaklanjuti tepat waktu. Terima kasih! 🙏",
	MdDigestTopTitle:   "Paling lama tanpa tindak lanjut:",
	MdDigestLine:       "%d. <b>%s</b> — %s (sejak %s)",
	MdDigestLineRegion: "%d. <b>%s</b>, %s — %s (sejak %s)",
	MdDigestMore:       "… dan %d lainnya.",
	MdDigestNoName:     "IKM #%d",
	MdDigestHint:       "Catat tindak lanjut lewat daftar binaan.",
	MdDays:             "%d hari",
	MdOneDay:           "1 hari",
	BtnMdOpenList:      "📋 Buka daftar binaan",
	MdEscTitle:         "⚠️ <b>Pendampingan terlambat</b>\n%s",
	MdEscIntro:         "Pemilik IKM yang belum ditindaklanjuti lebih dari %d hari (dua kali jadwal %d hari), per pendamping:",
	MdEscLine:          "• %s: <b>%d</b>",
	MdEscUnnamed:       "Pendamping #%d",
	MdEscTotal:         "Jumlah terlambat: <b>%d</b> · pendamping: %d",
	MdEscHint:          "Buka /binaan untuk melihat beban pendamping dan menugaskan ulang.",
}
