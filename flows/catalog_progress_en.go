package flows

func init() { addTexts(english, englishProgress) }

// englishProgress are the English texts of the owner's progress on
// /profil.
var englishProgress = map[Key]string{
	PgTitle:    "🧭 <b>Steps toward export: %d of %d</b>",
	PgStepDone: "✅ %s",
	PgStepTodo: "⬜ %s",

	PgSignedUp:  "Sign up",
	PgChecked:   "Export-readiness check",
	PgEnrolled:  "Join a training class",
	PgCompleted: "Complete a class",
	PgCertified: "Certificates complete",
	PgExporting: "Start exporting",

	PgNextSignedUp:  "👉 <b>Next step:</b> register your business.",
	PgNextChecked:   "👉 <b>Next step:</b> the export-readiness check. Answer a few short questions and we suggest the classes that fit.",
	PgNextEnrolled:  "👉 <b>Next step:</b> join a training class. Pick one that fits from the class list.",
	PgNextCompleted: "👉 <b>Next step:</b> finish the class you are in.",
	PgNextCertified: "👉 <b>Next step:</b> complete the certificates your business needs.",
	PgNextExporting: "👉 <b>Next step:</b> start exporting. Our team is ready to help with the first steps: just ask.",
	PgAllDone:       "🎉 <b>Congratulations!</b> You have taken every step. Keep growing your exports!",

	BtnPgSignedUp:  "📝 Sign up now",
	BtnPgChecked:   "📊 Export-readiness check",
	BtnPgEnrolled:  "🎓 Choose a class",
	BtnPgCompleted: "🎓 My classes",
	BtnPgCertified: "📄 Complete my certificates",
	BtnPgExporting: "🆘 Ask for export help",
}
