package flows

// indonesianMentorStaff are the Indonesian texts of staff assigning owners
// to mentors, and of what owners and mentors are told. Staff read them on
// their phones: short lines, numbers in bold.
var indonesianMentorStaff = map[Key]string{
	MsTitle:       "🤝 <b>Pendampingan IKM</b>\nTindak lanjut setiap <b>%d hari</b>; binaan yang lebih lama tanpa tindak lanjut dihitung <b>terlambat</b>.",
	MsNoMentors:   "Belum ada pendamping. Admin dapat mengundang pendamping dengan /undang.",
	MsNeverWrote:  " (belum membuka bot)",
	MsLine:        "• <b>%s</b>: %d binaan",
	MsLineOverdue: "• <b>%s</b>: %d binaan, ⚠️ %d terlambat",
	MsUnassigned:  "Belum punya pendamping: <b>%d</b> pemilik IKM.",
	MsHint:        "Tetapkan pendamping per kabupaten/kota dan sektor dengan tombol di bawah, atau satu per satu: cari pemiliknya dengan 🔎 atau buka permintaan bantuannya. Tombol hari mengubah jadwal tindak lanjut.",
	MsCadenceSet:  "✅ Tindak lanjut kini setiap <b>%d hari</b>.",

	MsAskRegion:    "👥 <b>Tetapkan pendamping</b>\n\n📍 Pemilik IKM di <b>kabupaten/kota</b> mana?",
	MsAskSector:    "🏭 Dari <b>sektor</b> usaha apa?",
	MsAskScope:     "🤝 Bagaimana dengan pemilik yang <b>sudah punya pendamping</b>?",
	MsAskMentor:    "🧑‍🏫 Siapa <b>pendamping</b> mereka?\nAngka dalam kurung: jumlah binaan sekarang.",
	MsAllRegions:   "Semua kabupaten/kota",
	MsAllSectors:   "Semua sektor",
	MsScopeNew:     "Hanya yang belum punya pendamping",
	MsScopeAll:     "Semua, yang sudah punya ikut dipindah",
	MsFieldRegion:  "Kabupaten/kota",
	MsFieldSector:  "Sektor",
	MsFieldScope:   "Pemilik",
	MsFieldMentor:  "Pendamping",
	MsMentorChoice: "%s (%d binaan)",
	MsUnnamed:      "Pendamping #%d",

	MsTargetNew:      "belum punya pendamping",
	MsTargetAll:      "termasuk yang sudah punya pendamping",
	MsPreview:        "👥 <b>Periksa sebelum menetapkan</b>",
	MsPreviewMentor:  "🧑‍🏫 Pendamping: <b>%s</b>",
	MsPreviewTarget:  "🎯 Pemilik IKM: %s",
	MsPreviewNobody:  "⚠️ Tidak ada pemilik IKM yang perlu ditetapkan. Ubah pilihannya.",
	MsPreviewCount:   "Akan ditetapkan: <b>%d</b> pemilik IKM. Mereka akan diberi tahu siapa pendampingnya.",
	MsPreviewMoved:   "🔁 %d di antaranya pindah dari pendamping lain.",
	MsPreviewAlready: "%d sudah didampingi %s dan tidak berubah.",
	MsDone:           "✅ <b>%d</b> pemilik IKM kini didampingi <b>%s</b>.",
	MsDoneMoved:      "🔁 %d di antaranya pindah dari pendamping lain.",
	MsDoneNone:       "Tidak ada yang berubah: tidak ada pemilik IKM yang perlu ditetapkan ke <b>%s</b>.",
	MsDoneTold:       "Pemilik IKM akan diberi tahu siapa pendampingnya dalam beberapa menit ke depan, atau esok pagi bila sekarang sudah malam; yang memblokir bot tidak dapat diberi tahu.",
	MsCancelled:      "✖ Dibatalkan. Tidak ada pendamping yang diubah.",
	MsChanged:        "⚠️ Jumlahnya berubah sejak pratinjau (tadinya %d pemilik). Belum ada yang diubah; periksa lagi:",

	MsPickFor:      "👤 Pilih pendamping untuk <b>%s</b>.\nSekarang: <b>%s</b>",
	MsNoneYet:      "belum ada",
	MsOneDone:      "✅ <b>%s</b> kini didampingi <b>%s</b>. Keduanya sudah diberi tahu.",
	MsOneAssigned:  "✅ <b>%s</b> kini didampingi <b>%s</b>.",
	MsOneOwnerTold: "Pemilik IKM sudah diberi tahu.",
	MsOneOwnerLost: "Pemilik IKM tidak dapat diberi tahu: bot tidak bisa mengirim pesan kepadanya (mungkin bot diblokir).",
	MsOneAlready:   "<b>%s</b> sudah didampingi <b>%s</b>.",
	MsOwnerUnknown: "Pemilik IKM ini tidak ditemukan; mungkin datanya sudah dihapus.",
	MsNotMentor:    "Orang ini bukan pendamping (lagi). Pilih dari daftar terbaru di /binaan.",

	MsOwnerTold: "🤝 <b>Pendamping usaha Anda</b>\n\nDinas Perindustrian dan Perdagangan Provinsi Lampung menunjuk <b>%s</b> sebagai pendamping Anda menuju ekspor.\n\n" +
		"Pendamping akan menghubungi Anda secara berkala (kunjungan, telepon atau chat) untuk membantu langkah berikutnya: legalitas, sertifikasi, kemasan dan pasar. Ada yang mendesak? Tulis lewat /bantuan.",
	MsOwnerToldNoName: "🤝 <b>Pendamping usaha Anda</b>\n\nDinas Perindustrian dan Perdagangan Provinsi Lampung menunjuk seorang pendamping untuk Anda menuju ekspor.\n\n" +
		"Pendamping akan menghubungi Anda secara berkala (kunjungan, telepon atau chat) untuk membantu langkah berikutnya: legalitas, sertifikasi, kemasan dan pasar. Ada yang mendesak? Tulis lewat /bantuan.",
	MsMentorTold: "🤝 Anda mendapat <b>%d</b> binaan baru. Lihat daftarnya dengan /binaan.",
	MsMentorLost: "ℹ️ <b>%d</b> binaan Anda dipindahkan ke pendamping lain. Daftar terbaru: /binaan.",

	MsToldMentor:      "%s sudah diberi tahu.",
	MsMentorNotOpened: "%s belum pernah membuka bot, jadi belum dapat diberi tahu; daftar binaannya ada di /binaan setelah ia membukanya.",
	MsMentorNotTold:   "%s tidak dapat diberi tahu: bot tidak bisa mengirim pesan kepadanya (mungkin bot diblokir).",

	BtnMsAssign:      "👥 Tetapkan pendamping",
	BtnMsCadence:     "%d hari",
	BtnMsCadenceOn:   "✅ %d hari",
	BtnMsConfirm:     "✅ Tetapkan %d pemilik",
	BtnMsCancel:      "✖ Batal",
	BtnMsChange:      "✏️ Ubah pilihan",
	BtnMsOverview:    "« Daftar pendamping",
	BtnMsOwnerMentor: "👤 Pendamping: %s",
	BtnMsMentorOn:    "✅ %s",
}

func init() { addTexts(indonesian, indonesianMentorStaff) }
