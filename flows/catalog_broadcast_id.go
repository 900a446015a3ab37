package flows

// indonesianBroadcast are the Indonesian texts of composing and sending a
// broadcast. Staff read them on their phones: short, one question at a
// time.
var indonesianBroadcast = map[Key]string{
	SbAskText: "📣 <b>Siaran baru</b>\n\nTulis <b>pengumuman</b> untuk pemilik IKM (%d–%d huruf).\n" +
		"Pesan dikirim <b>persis seperti yang Anda tulis</b>, termasuk baris baru, emoji dan format Telegram (tebal, miring, tautan); periksa ejaan, tanggal dan tautannya.\n" +
		"Anda juga bisa mengirim <b>foto</b> (misalnya brosur) atau <b>dokumen</b> (PDF) dengan keterangan.",
	SbErrShort:       "Pengumumannya terlalu pendek (paling sedikit %d huruf).",
	SbErrMedia:       "Kirim pengumumannya sebagai teks, atau sebagai foto atau dokumen (misalnya PDF) dengan keterangan.",
	SbErrCaptionLong: "Keterangan foto atau dokumen paling banyak %d huruf. Singkatkan, atau kirim pengumumannya sebagai teks saja.",
	SbAttachedPhoto:  "📷 Foto",
	SbAttachedDoc:    "📎 %s",
	SbAskRegion:      "📍 Untuk pemilik IKM di <b>kabupaten/kota</b> mana?",
	SbAskLevel:       "🎓 Untuk <b>tingkat</b> kesiapan ekspor mana?\nJika Anda memilih satu tingkat, pemilik yang belum mengisi cek kesiapan tidak ikut menerima.",
	SbAskSector:      "🏭 Untuk <b>sektor</b> usaha mana?",
	SbAskExport:      "🚢 Untuk pemilik dengan <b>status ekspor</b> apa?",
	SbAllRegions:     "Semua kabupaten/kota",
	SbAllLevels:      "Semua tingkat",
	SbAllSectors:     "Semua sektor",
	SbAllExports:     "Semua",
	SbExportNever:    "Belum pernah ekspor",
	SbExportIndirect: "Ekspor tidak langsung",
	SbExportDirect:   "Ekspor langsung",
	SbFieldText:      "Pengumuman",
	SbFieldRegion:    "Kabupaten/kota",
	SbFieldLevel:     "Tingkat",
	SbFieldSector:    "Sektor",
	SbFieldExport:    "Status ekspor",

	SbAudienceAll:   "Semua pemilik IKM",
	SbPreview:       "☝️ <b>Pratinjau</b>: pesan di atas persis seperti yang akan diterima pemilik IKM.",
	SbPreviewTarget: "🎯 <b>Penerima</b>: %s",
	SbPreviewCount:  "Akan dikirim ke <b>%d</b> pemilik IKM.",

	SbQuietNow:      "🌙 Sekarang jam istirahat (%02d.00–%02d.00). Siaran yang dikirim sekarang bisa membangunkan pemilik IKM; pertimbangkan 🕘 Jadwalkan untuk pagi hari.",
	SbNobody:        "⚠️ Tidak ada pemilik IKM yang cocok dengan penerima ini. Ubah pilihan penerimanya.",
	SbStarted:       "📣 Siaran mulai dikirim. Kemajuannya tampil di pesan di bawah ini.",
	SbCancelled:     "✖ Siaran dibatalkan. Tidak ada pesan yang dikirim.",
	SbNotDraft:      "Siaran ini sudah dikirim atau dibatalkan.",
	SbStatusDraft:   "📝 <b>Siaran belum dikirim</b>",
	SbStatusSending: "📣 <b>Siaran sedang dikirim…</b>",
	SbStatusPaused:  "⏸ <b>Siaran dijeda</b> — tekan Lanjutkan untuk meneruskan.",
	SbCounts:        "Terkirim: <b>%d</b> · Sisa: <b>%d</b> · Memblokir bot: <b>%d</b> · Gagal: <b>%d</b>",
	SbBar:           "%s %d%%",
	SbEta:           "⏱ sekitar %d menit lagi",
	SbEtaSoon:       "⏱ kurang dari 1 menit lagi",
	SbDone:          "✅ <b>Selesai</b>: %d dari %d pemilik IKM menerima siaran.\nMemblokir bot: %d · Gagal: %d",
	SbStopped:       "⏹ <b>Siaran dihentikan</b>: %d dari %d pemilik IKM sudah menerima; %d tidak dikirim.\nMemblokir bot: %d · Gagal: %d",

	BtnSbSend:     "📣 Kirim ke %d pemilik",
	BtnSbCancel:   "✖ Batal",
	BtnSbPause:    "⏸ Jeda",
	BtnSbResume:   "▶️ Lanjutkan",
	BtnSbOptOut:   "🔕 Berhenti terima pengumuman",
	BtnSbOptIn:    "🔔 Terima pengumuman lagi",
	SbOptedOut:    "Baik, Anda tidak akan menerima pengumuman dari Disperindag lagi. Pengingat kelas dan sertifikat tetap dikirim. Ingin menerima lagi? Tekan tombol di bawah atau lewat /profil.",
	SbOptedIn:     "🔔 Anda akan menerima pengumuman dari Disperindag lagi.",
	SbProfileOff:  "🔕 Pengumuman: dimatikan.",
	SbListTitle:   "📣 <b>Siaran</b> terakhir. Pilih salah satu untuk melihat laporannya.",
	SbListEmpty:   "Belum ada siaran. Tekan tombol di bawah untuk menulis yang pertama.",
	SbListItem:    "#%s · %s · %d/%d",
	BtnSbNew:      "✍️ Siaran baru",
	BtnSbList:     "« Daftar siaran",
	BtnSbSchedule: "🕘 Jadwalkan",
	SjAskDate:     "🕘 Tanggal berapa siaran ini dikirim? Tulis seperti 17-08-2026 atau 17 Agustus 2026.",
	SjAskTime:     "Jam berapa (WIB)? Misalnya 09.00 atau 13.30.",
	SbScheduled:   "🕘 Siaran dijadwalkan: <b>%s</b>, ke %d pemilik IKM saat ini. Penerimanya dihitung ulang saat dikirim.",
	SbDueStarted:  "📣 Siaran terjadwal mulai dikirim. Kemajuannya tampil di pesan berikut.",
	BtnSbStop:     "⏹ Hentikan",

	SbAskClass: "🎓 Untuk pemilik yang ikut <b>kelas</b> ekspor?\n" +
		"<i>Sedang ikut</i>: punya kursi di kelas yang belum selesai (bukan daftar tunggu).\n" +
		"<i>Belum ikut</i>: tidak sedang ikut dan belum pernah menyelesaikan kelas.",
	SbClassEnrolled:  "Sedang ikut kelas",
	SbClassCompleted: "Sudah menyelesaikan kelas",
	SbClassNone:      "Belum ikut kelas",
	SbAllClasses:     "Semua",
	SbAskCert:        "📜 Siaran ini untuk pemilik yang punya atau belum punya <b>sertifikat</b> tertentu? Pilih sertifikatnya, atau pilih Semua.",
	SbAllCerts:       "Semua",
	SbAskCertHave: "📜 %s: untuk pemilik yang <b>sudah punya</b>, atau yang <b>belum punya</b>?\n" +
		"Sertifikat yang sudah habis masa berlakunya atau masih diurus dihitung belum punya.",
	SbCertHas:       "Punya",
	SbCertLacks:     "Belum punya",
	SbFieldClass:    "Kelas",
	SbFieldCert:     "Sertifikat",
	SbFieldCertHave: "Punya sertifikat itu?",
	SbLineCertHas:   "punya %s",
	SbLineCertLacks: "belum punya %s",

	SbAskMarket: "🌍 Pemilik dengan <b>negara tujuan</b> pilihan mana?\n" +
		"Pemilik menandai sampai %d negara tujuan di /pasar. Jika Anda memilih satu negara, hanya pemilik yang menandai negara itu yang termasuk.",
	SbAskMarketSector: "Negara di bawah ini adalah yang ditawarkan /pasar kepada pemilik sektor <b>%s</b>.",
	SbAllMarkets:      "Semua negara",
	SbFieldMarket:     "Negara tujuan",
	SbLineMarkets:     "menargetkan %s",
}

func init() { addTexts(indonesian, indonesianBroadcast) }
