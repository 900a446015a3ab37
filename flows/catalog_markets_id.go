package flows

func init() { addTexts(indonesian, indonesianMarkets) }

// indonesianMarkets are the Indonesian texts of /pasar.
var indonesianMarkets = map[Key]string{
	PmTitle:         "🌍 <b>Pasar tujuan</b>",
	PmIntroSector:   "Negara yang biasa membeli produk <b>%s</b> dari Lampung. Pilih negara untuk melihat apa yang diminta dan apa yang sudah Anda punya.",
	PmIntroProvince: "Kami belum punya daftar negara untuk sektor <b>%s</b>, jadi ini negara tujuan ekspor utama Lampung. Pilih negara untuk melihat apa yang diminta.",
	PmSourceNote:    "<i>Daftar ini dari berita dan pernyataan resmi, bukan peringkat perdagangan.</i>",
	PmTargets:       "⭐ Negara target Anda: %s",
	PmNoTargets:     "Anda bisa menandai sampai %d negara sebagai target.",
	PmPick:          "Pilih negara:",

	PmCountryTitle:  "%s <b>%s</b>",
	PmCountryIntro:  "Yang dibutuhkan untuk mengirim produk <b>%s</b> ke %s:",
	PmGroupCore:     "<b>Wajib untuk setiap ekspor</b>",
	PmGroupMarket:   "<b>Khusus %s</b>",
	PmGroupNoRules:  "<b>Khusus %s</b>: tidak ada syarat tambahan dalam data kami. Tanyakan ke pembeli apa yang mereka minta.",
	PmGroupPacked:   "<b>Bila dijual dalam kemasan eceran</b>",
	PmPackedEither:  "<i>Pilih SPP-IRT untuk pangan rumahan berisiko rendah, BPOM MD untuk lainnya.</i>",
	PmHeld:          "✅ %s",
	PmApplying:      "⏳ %s (sedang diurus)",
	PmMissing:       "⬜ %s",
	PmExpired:       "⬜ %s (sudah kedaluwarsa, perlu diperpanjang)",
	PmShipment:      "📄 %s (disiapkan tiap pengiriman)",
	PmNext:          "   ➜ %s",
	PmScore:         "Syarat wajib yang sudah Anda punya: <b>%d dari %d</b>.",
	PmRecordHint:    "Sudah punya salah satunya? Catat di /sertifikat, daftar ini ikut berubah.",
	PmNoSector:      "Kami belum punya daftar persyaratan untuk sektor Anda. Tekan \"Butuh bantuan\" dan petugas akan membantu.",
	PmIsTarget:      "⭐ Negara ini salah satu target Anda.",
	PmTargetAdded:   "⭐ %s sekarang jadi negara target Anda.",
	PmTargetRemoved: "%s tidak lagi jadi negara target Anda.",
	PmLimit:         "Anda sudah memilih %d negara target: %s. Supaya fokus, batasnya %d negara. Buka salah satunya dan tekan \"%s\", lalu pilih %s lagi.",
	PmUnknown:       "Negara itu tidak ada dalam daftar kami. Ketik /pasar untuk melihat daftar terbaru.",

	BtnMarkets:      "🌍 Pasar tujuan",
	BtnPmTarget:     "⭐ Jadikan target",
	BtnPmUntarget:   "✖️ Hapus dari target",
	BtnPmOthers:     "⬅️ Negara lain",
	BtnPmCountry:    "%s %s",
	BtnPmCountryTgt: "⭐ %s %s",
}
