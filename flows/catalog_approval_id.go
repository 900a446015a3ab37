package flows

// indonesianApproval are the Indonesian texts of approving broadcasts and
// of the broadcast list.
var indonesianApproval = map[Key]string{
	SbByline:         "✍️ Ditulis oleh %s",
	SbBylineApproved: "✍️ Ditulis oleh %s · ✅ disetujui oleh %s",
	SbBylineRejected: "✍️ Ditulis oleh %s · ❌ ditolak oleh %s",

	SbStatusPending:   "⏳ <b>Menunggu persetujuan admin</b>",
	SbStatusRejected:  "❌ <b>Siaran ditolak</b>. Tidak ada pesan yang dikirim.",
	SbStatusScheduled: "🕘 <b>Dijadwalkan</b>: %s",

	SbListDraft:     "#%s · %s · belum dikirim",
	SbListScheduled: "#%s · 🕘 %s",
	SbListPending:   "#%s · %s · ⏳ menunggu persetujuan",
	SbListRejected:  "#%s · %s · ❌ ditolak",
	SbListCancelled: "#%s · %s · ⏹ %d/%d",

	BtnSbAskApproval: "📨 Minta persetujuan (%d pemilik)",
	SbApApprovalSent: "📨 Siaran #%s dikirim ke admin untuk disetujui. Anda akan diberi tahu begitu diputuskan.",
	SbApSentAt:       "📨 Siaran #%s akan dikirim <b>%s</b> jika disetujui admin. Anda akan diberi tahu begitu diputuskan.",
	SbApNoAdmin:      "⚠️ Belum ada admin yang bisa menyetujui siaran di bot ini. Siaran #%s menunggu; minta admin membuka /siaran.",
	SbApRequest: "📨 <b>Permintaan persetujuan siaran #%s</b> (pesannya di atas)\n" +
		"Dari: <b>%s</b>\nPenerima: %s — <b>%d</b> pemilik IKM saat ini\nDikirim: %s",
	SbApWhenNow:       "segera setelah disetujui",
	BtnSbApprove:      "✅ Setujui",
	BtnSbReject:       "❌ Tolak",
	SbApApprovedYou:   "✅ Anda menyetujui siaran #%s. Penulisnya sudah diberi tahu.",
	SbApRejectedYou:   "❌ Anda menolak siaran #%s. Penulisnya sudah diberi tahu.",
	SbApApproved:      "✅ Siaran #%s disetujui oleh %s dan mulai dikirim. Kemajuannya tampil di pesan berikut.",
	SbApApprovedAt:    "✅ Siaran #%s disetujui oleh %s dan akan dikirim <b>%s</b>.",
	SbApApprovedLate:  "✅ Siaran #%s disetujui oleh %s, tetapi waktunya (%s) sudah lewat, jadi belum dikirim. Buka siaran ini untuk mengirimnya sekarang atau menjadwalkan ulang.",
	BtnSbOpen:         "📣 Buka siaran",
	BtnSbSendNow:      "📣 Kirim sekarang",
	SbApRejected:      "❌ Siaran #%s ditolak oleh %s, jadi tidak dikirim. Anda bisa menulis siaran baru lewat /siaran.",
	SbApNotPending:    "Siaran ini sudah tidak menunggu persetujuan (sudah diputuskan atau dibatalkan).",
	SbApSettingOn:     "🔒 Persetujuan admin: <b>aktif</b>. Siaran dari staf menunggu persetujuan admin sebelum dikirim.",
	SbApSettingOff:    "🔓 Persetujuan admin: <b>nonaktif</b>. Staf bisa langsung mengirim siaran.",
	BtnSbApprovalOn:   "🔒 Wajibkan persetujuan admin",
	BtnSbApprovalOff:  "🔓 Matikan persetujuan admin",
	SbApNeedsApproval: "🔒 Siaran dari staf perlu disetujui admin sebelum dikirim.",
}

func init() { addTexts(indonesian, indonesianApproval) }
