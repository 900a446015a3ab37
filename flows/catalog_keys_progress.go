package flows

// Keys of the owner's own progress toward export on /profil (issue 8):
// the steps of the funnel /statistik counts, in the owner's words.
const (
	PgTitle    Key = "pg_title"
	PgStepDone Key = "pg_step_done"
	PgStepTodo Key = "pg_step_todo"

	// The steps, by ikmbot.FunnelStage.
	PgSignedUp  Key = "pg_signed_up"
	PgChecked   Key = "pg_checked"
	PgEnrolled  Key = "pg_enrolled"
	PgCompleted Key = "pg_completed"
	PgCertified Key = "pg_certified"
	PgExporting Key = "pg_exporting"

	// What the next step is, and its button, by the stage it reaches.
	PgNextSignedUp  Key = "pg_next_signed_up"
	PgNextChecked   Key = "pg_next_checked"
	PgNextEnrolled  Key = "pg_next_enrolled"
	PgNextCompleted Key = "pg_next_completed"
	PgNextCertified Key = "pg_next_certified"
	PgNextExporting Key = "pg_next_exporting"
	PgAllDone       Key = "pg_all_done"

	BtnPgSignedUp  Key = "btn_pg_signed_up"
	BtnPgChecked   Key = "btn_pg_checked"
	BtnPgEnrolled  Key = "btn_pg_enrolled"
	BtnPgCompleted Key = "btn_pg_completed"
	BtnPgCertified Key = "btn_pg_certified"
	BtnPgExporting Key = "btn_pg_exporting"
)
