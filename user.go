package ikmbot

// User is everything the bot keeps about one Telegram user that handling an
// update may need: loaded in one round trip before each update.
type User struct {
	ID          int64
	Role        Role
	Language    string   // "id" or "en"; empty until chosen or guessed
	Profile     *Profile // nil until sign-up is saved
	Unreachable bool     // the user blocked the bot; bulk traffic skips them
	// Level and LevelRegion are the latest readiness result's level and the
	// region it was counted under; empty before the first check.
	Level       Level
	LevelRegion string
	// NoBroadcasts: the owner turned announcements off (the button under
	// each broadcast); broadcasts leave them out.
	NoBroadcasts bool
	// Name is the Telegram first name of a staff member, mentor or admin,
	// kept so others see who they deal with (an owner their mentor, staff
	// the mentors); owners have their name in the profile instead.
	Name string
	// TargetMarkets are the owner's chosen target countries (ISO 3166
	// alpha-2, at most MaxTargetMarkets) in the order chosen; nil for none.
	TargetMarkets []string
}

// Lang returns the user's language, Indonesian unless English was chosen.
func (u User) Lang() string {
	if u.Language == "en" {
		return "en"
	}
	return "id"
}

// Change is what handling one event changes in a user's record. Storage
// applies it atomically, in one round trip.
type Change struct {
	UserID       int64
	Session      *Session // saved when set
	ClearSession bool     // the flow ended; wins over Session
	Profile      *Profile // saved when set (sign-up or profile edit)
	SignUp       bool     // Profile is a new sign-up, counted in the statistics
	Language     string   // set when non-empty
	// Assessment is a finished readiness check to keep; it becomes the
	// user's latest result and moves them in the counts by level and
	// region (out of the counts of User.Level and LevelRegion).
	Assessment *Assessment
	// PreviousLevel and PreviousRegion are what the user was counted under
	// before Assessment: the loaded User.Level and User.LevelRegion, which
	// the handler passes on because storage cannot read inside the
	// transaction that applies the change. Ignored without Assessment.
	PreviousLevel  Level
	PreviousRegion string
	// Schedule and Unschedule change due items of the reminder engine
	// (Due.Key values to remove) with the rest, such as the nudges that
	// follow a conversation.
	Schedule   []Due
	Unschedule []string
	// Broadcasts, when set, turns announcements on (true) or off (false).
	Broadcasts *bool
	// Name, when non-empty, is saved as User.Name.
	Name string
	// Progress records how far the owner got in followed conversations
	// (see FlowProgress): a finished sign-up that goes straight on to the
	// readiness check records both.
	Progress []FlowProgress
	// Markets, when set, replaces the owner's target countries (an empty
	// slice removes them all); PreviousMarkets is the loaded
	// User.TargetMarkets, which the handler passes on so storage can move
	// the anonymous counts per country, as with PreviousLevel.
	Markets         *[]string
	PreviousMarkets []string
}

// Empty reports whether the change changes nothing.
func (c Change) Empty() bool {
	return c.Session == nil && !c.ClearSession && c.Profile == nil && c.Language == "" && c.Assessment == nil &&
		len(c.Schedule) == 0 && len(c.Unschedule) == 0 && c.Broadcasts == nil && c.Name == "" && len(c.Progress) == 0 && c.Markets == nil
}
