package flows

// indonesianRelay are the Indonesian texts of messages between an owner
// and their mentor. Owners may be new to bots: say where the answer will
// come and that the phone number stays hidden.
var indonesianRelay = map[Key]string{
	MrAskToMentor:       "💬 <b>Pesan untuk pendamping Anda, %s</b>\n\nKetik pesan Anda di sini (%d–%d huruf). Balasannya akan masuk di chat ini.\n🔒 Nomor HP Anda tidak ditampilkan.",
	MrAskToMentorNoName: "💬 <b>Pesan untuk pendamping Anda</b>\n\nKetik pesan Anda di sini (%d–%d huruf). Balasannya akan masuk di chat ini.\n🔒 Nomor HP Anda tidak ditampilkan.",
	MrAskToOwner:        "💬 <b>Pesan untuk pemilik IKM %s</b>\n\nKetik pesan Anda di sini (%d–%d huruf). Pesan dikirim lewat bot.\n🔒 Nomor HP Anda tidak ditampilkan.",
	MrConfirm:           "Pesan untuk <b>%s</b>:\n\n<i>%s</i>\n\nTekan <b>✅ Kirim</b> untuk mengirim, atau <b>« Kembali</b> untuk menulis ulang.",
	MrNoName:            "pendamping Anda",
	MrErrNotText:        "Maaf, saya hanya bisa meneruskan pesan tulisan 🙏 Stiker, foto dan pesan suara tidak bisa dikirim. Silakan ketik pesan Anda.",
	MrErrShort:          "Pesan terlalu pendek: tulis paling sedikit %d huruf.",
	MrErrLong:           "Pesan terlalu panjang: paling banyak %d huruf, pesan Anda %d huruf. Silakan persingkat, atau kirim sebagian dulu.",
	MrErrNotSent:        "Pesan belum terkirim. Tekan <b>✅ Kirim</b> untuk mengirim, <b>« Kembali</b> untuk menulis ulang, atau <b>✖ Batal</b>.",

	MrFromOwner:        "💬 <b>Pesan dari pemilik IKM %s</b> (%s):\n\n%s",
	MrFromMentor:       "💬 <b>Pesan dari pendamping Anda, %s:</b>\n\n%s",
	MrFromMentorNoName: "💬 <b>Pesan dari pendamping Anda:</b>\n\n%s",
	MrSent:             "✅ Pesan Anda sudah dikirim ke <b>%s</b>. Balasannya akan masuk di chat ini.",
	MrNotDelivered:     "Pesan Anda sudah dicatat, tetapi <b>%s</b> belum bisa menerima pesan dari bot saat ini. Silakan coba lagi nanti.",

	MrNoMentor:      "Saat ini Anda belum punya pendamping, jadi pesan tidak bisa dikirim. Staf Disperindag akan memberi tahu bila pendamping sudah ditentukan. Ada pertanyaan? Buka /bantuan.",
	MrMentorChanged: "Pendamping Anda baru saja berganti, jadi pesan ini belum dikirim:\n\n<i>%s</i>\n\nTekan tombol di bawah untuk menulis ke pendamping Anda yang sekarang.",
	MrNotYourOwner:  "Maaf, pemilik IKM ini tidak Anda dampingi (lagi), jadi pesan tidak bisa dikirim. IKM dampingan Anda ada di /binaan.",

	MrProfileMentor:       "🤝 <b>Pendamping:</b> %s. Kirim pesan lewat /bantuan.",
	MrProfileMentorNoName: "🤝 Anda punya pendamping. Kirim pesan lewat /bantuan.",

	BtnMrSend:          "✅ Kirim",
	BtnMrReply:         "↩️ Balas",
	BtnMrContact:       "💬 Hubungi pendamping (%s)",
	BtnMrContactNoName: "💬 Hubungi pendamping",
}

func init() { addTexts(indonesian, indonesianRelay) }
