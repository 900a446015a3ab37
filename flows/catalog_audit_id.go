package flows

func init() { addTexts(indonesian, indonesianAudit) }

// indonesianAudit are the Indonesian texts of /audit.
var indonesianAudit = map[Key]string{
	CmdAudit: "Catatan ekspor, siaran dan penugasan",

	AuTitle:     "🗂 <b>Catatan audit</b>",
	AuRange:     "Catatan %d–%d dari %d, terbaru di atas.",
	AuEmpty:     "Belum ada catatan. Setiap ekspor data, siaran dan penugasan pendamping massal dicatat di sini.",
	AuPageEmpty: "Tidak ada catatan di halaman ini.",
	AuHead:      "<b>%s</b> · %s",
	AuUnnamed:   "pengguna #%d",
	AuFilter:    "Filter: %s",
	AuSendAt:    "Waktu kirim: %s",

	AuExportXLSX:   "📤 Ekspor Excel (.xlsx): %d pemilik IKM",
	AuExportCSV:    "📤 Ekspor CSV tabel %s: %d pemilik IKM",
	AuExportOther:  "📤 Ekspor %s: %d pemilik IKM",
	AuBcSent:       "📣 Siaran #%s dikirim ke %d pemilik IKM",
	AuBcSentDue:    "📣 Siaran terjadwal #%s dikirim ke %d pemilik IKM",
	AuBcSentLead:   "🤝 Calon pembeli (siaran #%s) «%s» dikirim ke %d pemilik IKM yang cocok",
	AuBcScheduled:  "🕒 Siaran #%s dijadwalkan (saat itu %d pemilik IKM)",
	AuBcSubmitted:  "📝 Siaran #%s diajukan untuk disetujui (saat itu %d pemilik IKM)",
	AuBcApproved:   "✅ Siaran #%s disetujui",
	AuBcRejected:   "❌ Siaran #%s ditolak",
	AuBcCancelled:  "🚫 Siaran #%s dibatalkan sebelum dikirim",
	AuBcStopped:    "⏹ Siaran #%s dihentikan setelah sampai ke %d pemilik IKM",
	AuMentorAssign: "🤝 %d pemilik IKM ditugaskan ke pendamping %s",
	AuOther:        "Tindakan %s",

	BtnAuNewer: "« Lebih baru",
	BtnAuOlder: "Lebih lama »",
}
