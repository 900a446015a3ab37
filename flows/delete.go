package flows

// DeleteData asks an owner to confirm deleting all their data. Done means
// confirmed; the caller deletes.
var DeleteData = &Flow{
	Name:    "del",
	Version: 1,
	Steps: []Step{
		{ID: "confirm", Ask: fixed(DelConfirm), Columns: 1, Abort: "no", AbortText: DelKept,
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{"yes", T(lang, DelYes)}, {"no", T(lang, DelNo)}}
			}},
	},
}
