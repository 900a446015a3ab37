package flows

func init() { addTexts(indonesian, indonesianLeads) }

// indonesianLeads are the Indonesian texts of recording a buyer lead.
var indonesianLeads = map[Key]string{
	LdAskProduct:     "🤝 <b>Catat pembeli baru</b>\n\nProduk apa yang dicari pembeli? (misalnya: kopi robusta green bean grade 1)",
	LdAskSector:      "Produknya termasuk sektor apa?",
	LdAskCountry:     "Pembeli dari negara mana?",
	LdAskQuantity:    "Berapa jumlah yang diminta? (misalnya: 2 ton)",
	LdAskFrequency:   "Seberapa sering? (misalnya: tiap bulan, sekali saja)",
	LdAskCert:        "Sertifikat apa yang diwajibkan pembeli? Pilih yang paling penting.",
	LdAskLevel:       "Level kesiapan ekspor paling rendah yang diterima?",
	LdAskDeadline:    "Sampai tanggal berapa pelaku IKM bisa menjawab? Tulis seperti 31-12-2026 atau 31 Desember 2026.",
	LdAskContact:     "Bagaimana IKM yang tertarik menghubungi pembeli <b>lewat dinas</b>? Jangan tulis kontak pembeli sendiri. (misalnya: hubungi Bidang Ekspor, Bu Rina)",
	LdNoCert:         "Tidak ada",
	LdAnyLevel:       "Semua level",
	LdErrDeadline:    "Batas waktu paling cepat besok, %s.",
	LdErrDeadlineFar: "Batas waktu paling lambat setahun lagi, %s. Periksa tahunnya.",
	LdSummary:        "<b>Periksa data calon pembeli</b>\n\n%s\n\nSudah benar? Tekan <b>Simpan</b>, atau tekan tombol ✏️ untuk mengubah jawaban.",

	LdFieldProduct:   "Produk",
	LdFieldSector:    "Sektor",
	LdFieldCountry:   "Negara",
	LdFieldQuantity:  "Jumlah",
	LdFieldFrequency: "Frekuensi",
	LdFieldCert:      "Sertifikat wajib",
	LdFieldLevel:     "Level minimal",
	LdFieldDeadline:  "Batas waktu",
	LdFieldContact:   "Kontak lewat dinas",

	LdListTitle: "🤝 <b>Calon pembeli</b> (%d terbuka)",
	LdListEmpty: "🤝 Belum ada calon pembeli yang terbuka.\n\nKalau Bapak/Ibu mendengar ada pembeli (dari LPEI, atase perdagangan, pameran), catat di sini: bot menghitung berapa IKM yang cocok.",
	LdListMore:  "…dan %d lainnya, tenggatnya lebih jauh.",
	LdItem:      "<b>%s</b>\n%s · tenggat %s",
	LdMatches:   "👥 Cocok sekarang: %d IKM, %d di antaranya menargetkan %s",
	LdSaved:     "✅ Calon pembeli dicatat.",
	BtnLdNew:    "➕ Catat pembeli baru",
	BtnLdList:   "📋 Daftar pembeli",
}
