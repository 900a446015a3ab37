package flows

// Keys of /pembeli (issue 10, part 2): recording a buyer lead.
const (
	LdAskProduct     Key = "ld_ask_product"
	LdAskSector      Key = "ld_ask_sector"
	LdAskCountry     Key = "ld_ask_country"
	LdAskQuantity    Key = "ld_ask_quantity"
	LdAskFrequency   Key = "ld_ask_frequency"
	LdAskCert        Key = "ld_ask_cert"
	LdAskLevel       Key = "ld_ask_level"
	LdAskDeadline    Key = "ld_ask_deadline"
	LdAskContact     Key = "ld_ask_contact"
	LdNoCert         Key = "ld_no_cert"
	LdAnyLevel       Key = "ld_any_level"
	LdErrDeadline    Key = "ld_err_deadline"
	LdSummary        Key = "ld_summary"
	LdErrDeadlineFar Key = "ld_err_deadline_far"

	LdFieldProduct   Key = "ld_field_product"
	LdFieldSector    Key = "ld_field_sector"
	LdFieldCountry   Key = "ld_field_country"
	LdFieldQuantity  Key = "ld_field_quantity"
	LdFieldFrequency Key = "ld_field_frequency"
	LdFieldCert      Key = "ld_field_cert"
	LdFieldLevel     Key = "ld_field_level"
	LdFieldDeadline  Key = "ld_field_deadline"
	LdFieldContact   Key = "ld_field_contact"
)

// Keys of /pembeli's list of open leads and of a lead just saved.
const (
	LdListTitle Key = "ld_list_title"
	LdListEmpty Key = "ld_list_empty"
	LdListMore  Key = "ld_list_more"
	LdItem      Key = "ld_item"
	LdMatches   Key = "ld_matches"
	LdSaved     Key = "ld_saved"
	BtnLdNew    Key = "btn_ld_new"
	BtnLdList   Key = "btn_ld_list"
)
