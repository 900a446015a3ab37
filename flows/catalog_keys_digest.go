package flows

// Keys of the mentoring digests: the weekly digest a mentor gets on
// Monday morning and the daily one that tells staff which mentors have
// owners overdue by twice the cadence.
const (
	MdDigestTitle      Key = "md_digest_title"
	MdDigestCounts     Key = "md_digest_counts"
	MdDigestAllOnTime  Key = "md_digest_all_on_time"
	MdDigestTopTitle   Key = "md_digest_top_title"
	MdDigestLine       Key = "md_digest_line"
	MdDigestLineRegion Key = "md_digest_line_region"
	MdDigestMore       Key = "md_digest_more"
	MdDigestNoName     Key = "md_digest_no_name"
	MdDigestHint       Key = "md_digest_hint"
	MdDays             Key = "md_days"
	MdOneDay           Key = "md_one_day"
	BtnMdOpenList      Key = "btn_md_open_list"
	MdEscTitle         Key = "md_esc_title"
	MdEscIntro         Key = "md_esc_intro"
	MdEscLine          Key = "md_esc_line"
	MdEscUnnamed       Key = "md_esc_unnamed"
	MdEscTotal         Key = "md_esc_total"
	MdEscHint          Key = "md_esc_hint"
)
