package flows

// indonesian is the default language of the bot: Bahasa Indonesia, plain and
// friendly, for owners who may be using a bot for the first time. Texts are
// HTML (Telegram's HTML parse mode); %s verbs get escaped values.
var indonesian = map[Key]string{
	MsgWelcomeNew: "Selamat datang di <b>Bot Ekspor IKM Lampung</b> 👋\n\n" +
		"Bot ini dari Dinas Perindustrian dan Perdagangan Provinsi Lampung untuk membantu industri kecil dan menengah (IKM) mulai ekspor: " +
		"cek kesiapan ekspor, kelas pelatihan ekspor, bantuan sertifikasi, dan pendampingan.\n\n" +
		"Pendaftaran hanya butuh sekitar 3 menit. Tekan tombol di bawah untuk mulai.",
	MsgWelcomeBack:     "Halo, <b>%s</b>! 👋 Senang bertemu lagi.\nMau lakukan apa hari ini?",
	MsgApology:         "Maaf, ada gangguan di sistem kami 🙏 Silakan coba lagi sebentar lagi. Data Anda tetap aman.",
	MsgNotAllowed:      "Maaf, perintah ini tidak tersedia untuk Anda. Ketik /bantuan untuk melihat yang bisa Anda lakukan.",
	MsgUnknownCommand:  "Maaf, saya tidak mengenal perintah itu. Ketik /bantuan untuk melihat daftar perintah.",
	MsgStaleButton:     "Tombol itu sudah tidak berlaku.",
	MsgIdle:            "Saya belum mengerti pesan itu 🙂 Silakan pilih salah satu tombol di bawah, atau ketik /bantuan.",
	MsgNeedSignUp:      "Anda belum terdaftar. Daftar dulu, ya — hanya sekitar 3 menit.",
	MsgNothingToCancel: "Tidak ada yang sedang berjalan, jadi tidak ada yang perlu dibatalkan.",
	MsgCancelled:       "Dibatalkan. Isian tadi tidak disimpan. Anda bisa mulai lagi kapan saja.",
	MsgLanguageSet:     "Bahasa diganti ke Bahasa Indonesia 🇮🇩. Ketik /bahasa untuk mengganti lagi.",
	MsgHelpOwner: "<b>Yang bisa Anda lakukan</b>\n" +
		"/daftar — daftar sebagai IKM\n" +
		"/profil — lihat dan ubah profil usaha\n" +
		"/cek — cek kesiapan ekspor\n" +
		"/kelas — kelas pelatihan ekspor: daftar, jadwal, keluar\n" +
		"/sertifikat — sertifikat usaha dan produk Anda, dan pengingat masa berlakunya\n" +
		"/pasar — negara tujuan ekspor, syarat tiap negara, dan calon pembeli\n" +
		"/bahasa — ganti bahasa (English)\n" +
		"/batal — batalkan isian yang sedang berjalan\n" +
		"/hapusdata — hapus semua data Anda\n\n" +
		"Ada kendala, misalnya mengurus sertifikat? Tekan <b>Butuh bantuan</b> di bawah: petugas Dinas Perindustrian dan Perdagangan Provinsi Lampung membalas lewat bot ini.",
	MsgHelpMentor:   "<b>Untuk pendamping</b>\n/binaan — IKM yang Anda dampingi",
	MsgHelpStaff:    "<b>Untuk staf dinas</b>\n/kelasbaru — buat kelas\n/kelas — kelola kelas: peserta, absensi, jadwal, pembatalan\n/bantuan → <b>Permintaan bantuan</b> — tangani, balas dan tutup permintaan pemilik IKM\n/siaran — kirim pengumuman ke pemilik IKM\n/binaan — tetapkan pendamping dan lihat tindak lanjutnya\n/statistik — kemajuan menuju target ekspor\n/ekspor — unduh data IKM sebagai file Excel atau CSV\n/pembeli — catat calon pembeli dan kirim ke IKM yang cocok",
	MsgHelpAdmin:    "<b>Untuk admin</b>\n/undang — buat tautan undangan staf atau pendamping\n/audit — catatan siapa mengekspor data, mengirim siaran dan menetapkan pendamping",
	MsgResume:       "Kita lanjutkan dari pertanyaan terakhir 👇",
	MsgUnreadable:   "Maaf, saya belum bisa membaca pesan seperti itu di sini.",
	MsgChooseButton: "Silakan pilih salah satu tombol di bawah pertanyaan.",
	MsgProgress:     "<i>Langkah %d dari %d</i>",
	MsgSwitching:    "Baik 👌",
	MsgTaken:        "✅ %s",
	MsgFlowUpdated:  "Pertanyaan pendaftaran sudah diperbarui sejak Anda terakhir mengisi. Jawaban Anda yang masih berlaku tetap tersimpan.",

	BtnSignUp:      "📝 Daftar sekarang",
	BtnCheck:       "📊 Cek kesiapan ekspor",
	BtnProfile:     "👤 Profil saya",
	BtnLanguage:    "🇬🇧 English",
	BtnBack:        "« Kembali",
	BtnCancel:      "✖ Batal",
	BtnHelp:        "❓ Bantuan",
	BtnEditProfile: "✏️ Ubah profil",
	BtnDeleteData:  "🗑 Hapus data saya",

	SuConsent: "<b>Sebelum mulai: persetujuan data pribadi</b>\n\n" +
		"Yang kami simpan: nama Anda, nomor HP, nama usaha, NIB, kabupaten/kota, sektor, produk, jumlah pekerja, kapasitas produksi, dan status ekspor, serta jawaban dan hasil cek kesiapan ekspor bila Anda mengikutinya.\n\n" +
		"Untuk apa: memetakan kesiapan ekspor IKM Lampung, menempatkan Anda di kelas pelatihan yang pas, dan menghubungi Anda tentang program ekspor. " +
		"Data hanya dipakai Dinas Perindustrian dan Perdagangan Provinsi Lampung dan mitra program (OJK, LPEI) untuk program ini.\n\n" +
		"Menghapus: ketik /hapusdata kapan saja, dan semua data pribadi Anda kami hapus.\n\n" +
		"Apakah Anda setuju?",
	SuAgree:    "✅ Setuju",
	SuDisagree: "Tidak setuju",
	SuDeclined: "Tidak apa-apa. Tanpa persetujuan Anda, kami tidak menyimpan data apa pun. " +
		"Jika berubah pikiran, ketik /daftar kapan saja.",
	SuOwnerName:      "Siapa <b>nama lengkap</b> Anda sebagai pemilik usaha?",
	SuPhone:          "Berapa <b>nomor HP</b> Anda?\nTekan tombol <b>📱 Kirim nomor saya</b> di bawah, atau ketik nomornya, misalnya 0812 3456 7890.",
	SuShareContact:   "📱 Kirim nomor saya",
	SuBusinessName:   "Apa <b>nama usaha</b> Anda?",
	SuNIB:            "Berapa <b>NIB</b> (Nomor Induk Berusaha) usaha Anda? NIB terdiri dari 13 angka.\nJika belum punya, tekan <b>Belum punya NIB</b>.",
	SuNoNIB:          "Belum punya NIB",
	SuRegion:         "Di <b>kabupaten/kota</b> mana usaha Anda berada?",
	SuSector:         "Apa <b>sektor</b> usaha Anda?\n\n%s",
	SuSectorOther:    "Lainnya",
	SuSectorOtherAsk: "Tulis <b>sektor</b> usaha Anda dengan singkat, misalnya: madu hutan.",
	SuProducts:       "Apa <b>produk utama</b> Anda? Tulis singkat, misalnya: kopi bubuk robusta, keripik pisang.",
	SuWorkers:        "Berapa <b>jumlah pekerja</b> di usaha Anda, termasuk Anda sendiri?",
	SuWorkersLabel:   "%s orang",
	SuCapacity:       "Berapa <b>kapasitas produksi per bulan</b>? Tulis dengan satuannya, misalnya: 500 kg, 2.000 bungkus.",
	SuExportStatus:   "Bagaimana <b>status ekspor</b> usaha Anda saat ini?",
	SuExportNever:    "Belum pernah ekspor",
	SuExportIndirect: "Ekspor lewat pedagang/eksportir lain",
	SuExportDirect:   "Ekspor langsung",
	SuSummary:        "<b>Periksa data Anda</b>\n\n%s\n\nSudah benar? Tekan <b>Simpan</b>, atau tekan tombol ✏️ untuk mengubah jawaban.",
	SuSave:           "💾 Simpan",
	SuSaved: "Terima kasih, <b>%s</b>! Profil usaha Anda sudah tersimpan 🎉\n\n" +
		"Langkah berikutnya: <b>cek kesiapan ekspor</b> untuk mengetahui posisi usaha Anda dan kelas pelatihan yang cocok.",
	SuProfileUpdated:  "Profil Anda sudah diperbarui ✅",
	SuEditPrefix:      "✏️ %s",
	ErrName:           "Nama perlu paling sedikit 2 huruf, misalnya: Siti Rahayu. Silakan tulis lagi.",
	ErrPhone:          "Nomor HP belum benar. Tulis seperti 0812 3456 7890 atau +62 812 3456 7890, atau tekan tombol 📱 Kirim nomor saya.",
	ErrContactNotOwn:  "Itu kontak orang lain. Tekan tombol 📱 Kirim nomor saya untuk mengirim nomor Anda sendiri, atau ketik nomor Anda.",
	ErrBusinessName:   "Nama usaha perlu paling sedikit 2 huruf, misalnya: Kopi Tanggamus Jaya. Silakan tulis lagi.",
	ErrNIB:            "NIB harus 13 angka, misalnya 1234567890123. Periksa lagi, atau tekan Belum punya NIB.",
	ErrTooLong:        "Jawaban terlalu panjang (paling banyak %d huruf). Silakan tulis lebih singkat.",
	ErrProducts:       "Tulis produk utama Anda dengan kata-kata, misalnya: keripik pisang.",
	ErrCapacity:       "Tulis kapasitas dengan angka dan satuannya, misalnya: 500 kg.",
	ErrSectorOther:    "Tulis sektor usaha Anda dengan kata-kata, misalnya: madu hutan.",
	FieldOwnerName:    "Nama pemilik",
	FieldPhone:        "Nomor HP",
	FieldBusinessName: "Nama usaha",
	FieldNIB:          "NIB",
	FieldRegion:       "Kabupaten/kota",
	FieldSector:       "Sektor",
	FieldSectorOther:  "Sektor lainnya",
	FieldProducts:     "Produk utama",
	FieldWorkers:      "Jumlah pekerja",
	FieldCapacity:     "Kapasitas per bulan",
	FieldExportStatus: "Status ekspor",
	ValueNoNIB:        "belum punya",

	ProfileView: "<b>Profil usaha Anda</b>\n\n%s",
	DelConfirm: "<b>Hapus semua data Anda?</b>\n\n" +
		"Profil usaha dan semua isian Anda akan dihapus dan tidak bisa dikembalikan. " +
		"Yang tersisa hanya hitungan tanpa nama untuk statistik program.",
	DelYes:  "🗑 Ya, hapus semua",
	DelNo:   "Tidak jadi",
	DelDone: "Data pribadi Anda sudah dihapus. Terima kasih sudah mencoba. Anda bisa mendaftar lagi kapan saja dengan /daftar.",
	DelKept: "Baik, tidak jadi dihapus. Data Anda tetap aman.",

	RoleOwnerName:  "pemilik IKM",
	RoleMentorName: "pendamping",
	RoleStaffName:  "staf dinas",
	RoleAdminName:  "admin",
	InvChoose:      "Buat tautan undangan untuk peran apa?",
	InvCreated: "Tautan undangan sekali pakai untuk peran <b>%s</b>, berlaku sampai %s:\n\n%s\n\n" +
		"Kirim tautan ini hanya kepada orang yang dimaksud.",
	InvRedeemed: "Selamat datang! Anda sekarang terdaftar sebagai <b>%s</b>. Menu perintah Anda sudah diperbarui; ketik /bantuan untuk melihatnya.",
	InvInvalid:  "Tautan undangan ini tidak berlaku: mungkin sudah dipakai atau kedaluwarsa. Silakan minta tautan baru kepada admin.",
	InvAlready:  "Anda sudah memiliki peran <b>%s</b>.",

	CmdStart:      "Mulai",
	CmdSignUp:     "Daftar sebagai IKM",
	CmdCheck:      "Cek kesiapan ekspor",
	CmdProfile:    "Profil usaha saya",
	CmdClasses:    "Kelas pelatihan ekspor",
	CmdCerts:      "Sertifikat saya",
	CmdMarkets:    "Pasar ekspor",
	CmdHelp:       "Bantuan",
	CmdCancel:     "Batalkan isian",
	CmdLanguage:   "Ganti bahasa",
	CmdDeleteData: "Hapus data saya",
	CmdNewClass:   "Buat kelas baru",
	CmdBroadcast:  "Kirim pengumuman",
	CmdStats:      "Statistik program",
	CmdExport:     "Unduh data",
	CmdBuyers:     "Calon pembeli",
	CmdMentees:    "IKM binaan saya",
	CmdInvite:     "Undang staf atau pendamping",

	RcIntro:           "<b>Cek kesiapan ekspor</b> 📊\n\nAda %d pertanyaan pilihan, sekitar 5 menit. Jawab dengan menekan huruf jawaban Anda. Anda bisa kembali ke pertanyaan sebelumnya atau berhenti kapan saja.",
	RcResult:          "<b>Hasil cek kesiapan ekspor</b>\n\nSkor total: <b>%s</b> dari 100\nKelas yang cocok: <b>%s</b>\n%s",
	RcRecommendations: "<b>Langkah yang paling menaikkan skor Anda</b>",
	RcLevelUp:         "🎉 <b>Naik kelas!</b> Dari %s ke %s. Selamat, terus lanjutkan!",
	RcRetake:          "🔁 Ulangi cek",
	RcNeedsSignUp:     "Cek kesiapan ekspor memakai profil usaha Anda. Kita daftar dulu (sekitar 3 menit), lalu langsung lanjut ke cek.",
	ProfileReadiness:  "<b>Kesiapan ekspor</b>: %s, skor %s dari 100 (cek %s)",
	ProfileChange:     "Sejak cek pertama (%s): %s, skor %s → %s",
	ProfileNoCheck:    "<b>Kesiapan ekspor</b>: belum dicek. Cek sekarang untuk tahu kelas pelatihan yang cocok.",
}
