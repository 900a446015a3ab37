package flows

// indonesianOwnerFind are the Indonesian texts of staff finding an owner.
// Staff search on their phones, often with a number from a call or a
// half-remembered business name: say what can be typed.
var indonesianOwnerFind = map[Key]string{
	OfAsk:      "🔎 <b>Cari pemilik IKM</b>\n\nKetik sebagian <b>nama usaha</b> atau <b>nama pemilik</b>, atau <b>nomor HP</b>-nya (%d–%d huruf). Contoh: <i>keripik</i>, <i>Siti</i>, <i>0812 3456 7890</i>.",
	OfErrShort: "Terlalu pendek: ketik paling sedikit %d huruf, misalnya <i>kopi</i>.",

	OfFound: "🔎 Hasil pencarian <b>%s</b> (%d): pilih untuk membuka profil pemilik IKM.",
	OfMany:  "🔎 Banyak pemilik IKM cocok dengan <b>%s</b>; yang tampil hanya %d. Persempit pencarian: ketik lebih banyak kata dari nama usaha, atau nomor HP-nya.",
	OfNone:  "🔎 Tidak ada pemilik IKM yang cocok dengan <b>%s</b>.\n\nCoba sebagian lain dari nama usaha atau nama pemilik (satu kata saja sudah cukup), atau nomor HP lengkapnya.",

	OfProfileTitle:  "👤 <b>Profil pemilik IKM</b>",
	OfProfileLevel:  "<b>Level kesiapan ekspor</b>: %s",
	OfProfileMentor: "<b>Pendamping</b>: %s",

	BtnOfFind:  "🔎 Cari pemilik IKM",
	BtnOfAgain: "🔎 Cari lagi",
}

func init() { addTexts(indonesian, indonesianOwnerFind) }
