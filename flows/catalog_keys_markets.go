package flows

// Keys of /pasar (issue 10): the destination countries of the owner's
// sector, what a country asks of them, and their target countries.
const (
	PmTitle         Key = "pm_title"
	PmIntroSector   Key = "pm_intro_sector"
	PmIntroProvince Key = "pm_intro_province"
	PmSourceNote    Key = "pm_source_note"
	PmTargets       Key = "pm_targets"
	PmNoTargets     Key = "pm_no_targets"
	PmPick          Key = "pm_pick"

	PmCountryTitle  Key = "pm_country_title"
	PmCountryIntro  Key = "pm_country_intro"
	PmGroupCore     Key = "pm_group_core"
	PmGroupMarket   Key = "pm_group_market"
	PmGroupNoRules  Key = "pm_group_no_rules"
	PmGroupPacked   Key = "pm_group_packed"
	PmPackedEither  Key = "pm_packed_either"
	PmHeld          Key = "pm_held"
	PmApplying      Key = "pm_applying"
	PmMissing       Key = "pm_missing"
	PmExpired       Key = "pm_expired"
	PmShipment      Key = "pm_shipment"
	PmNext          Key = "pm_next"
	PmScore         Key = "pm_score"
	PmRecordHint    Key = "pm_record_hint"
	PmNoSector      Key = "pm_no_sector"
	PmIsTarget      Key = "pm_is_target"
	PmTargetAdded   Key = "pm_target_added"
	PmTargetRemoved Key = "pm_target_removed"
	PmLimit         Key = "pm_limit"
	PmUnknown       Key = "pm_unknown"

	BtnMarkets      Key = "btn_markets"
	BtnPmTarget     Key = "btn_pm_target"
	BtnPmUntarget   Key = "btn_pm_untarget"
	BtnPmOthers     Key = "btn_pm_others"
	BtnPmCountry    Key = "btn_pm_country"
	BtnPmCountryTgt Key = "btn_pm_country_target"
)
