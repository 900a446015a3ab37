package flows

// Keys of the texts of staff finding an owner and seeing their profile
// (Of).
const (
	// The search.
	OfAsk      Key = "of_ask"
	OfErrShort Key = "of_err_short"

	// The results.
	OfFound Key = "of_found"
	OfMany  Key = "of_many"
	OfNone  Key = "of_none"

	// The owner's profile as staff see it.
	OfProfileTitle  Key = "of_profile_title"
	OfProfileLevel  Key = "of_profile_level"
	OfProfileMentor Key = "of_profile_mentor"

	// Buttons.
	BtnOfFind  Key = "btn_of_find"
	BtnOfAgain Key = "btn_of_again"
)
