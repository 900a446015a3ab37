package flows

func init() { addTexts(indonesian, indonesianProgress) }

// indonesianProgress are the Indonesian texts of the owner's progress on
// /profil.
var indonesianProgress = map[Key]string{
	PgTitle:    "🧭 <b>Langkah menuju ekspor: %d dari %d</b>",
	PgStepDone: "✅ %s",
	PgStepTodo: "⬜ %s",

	PgSignedUp:  "Daftar",
	PgChecked:   "Cek kesiapan ekspor",
	PgEnrolled:  "Ikut kelas pelatihan",
	PgCompleted: "Lulus kelas",
	PgCertified: "Sertifikat lengkap",
	PgExporting: "Mulai ekspor",

	PgNextSignedUp:  "👉 <b>Langkah berikutnya:</b> daftarkan usaha Anda.",
	PgNextChecked:   "👉 <b>Langkah berikutnya:</b> cek kesiapan ekspor. Jawab beberapa pertanyaan singkat, lalu kami sarankan kelas yang cocok.",
	PgNextEnrolled:  "👉 <b>Langkah berikutnya:</b> ikut kelas pelatihan. Pilih kelas yang cocok dari daftar kelas.",
	PgNextCompleted: "👉 <b>Langkah berikutnya:</b> selesaikan kelas yang sedang Anda ikuti sampai lulus.",
	PgNextCertified: "👉 <b>Langkah berikutnya:</b> lengkapi sertifikat yang dibutuhkan usaha Anda.",
	PgNextExporting: "👉 <b>Langkah berikutnya:</b> mulai ekspor. Tim kami siap membantu langkah pertamanya, tanyakan saja.",
	PgAllDone:       "🎉 <b>Selamat!</b> Semua langkah sudah Anda lalui. Terus kembangkan ekspor usaha Anda!",

	BtnPgSignedUp:  "📝 Daftar sekarang",
	BtnPgChecked:   "📊 Cek kesiapan ekspor",
	BtnPgEnrolled:  "🎓 Pilih kelas",
	BtnPgCompleted: "🎓 Kelas saya",
	BtnPgCertified: "📄 Lengkapi sertifikat",
	BtnPgExporting: "🆘 Minta bantuan ekspor",
}
