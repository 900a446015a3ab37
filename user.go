package ikmbot

// User is everything the bot keeps about one Telegram user that handling an
// update may need: loaded in one round trip before each update.
type User struct {
	ID          int64
	Role        Role
	Language    string   // "id" or "en"; empty until chosen or guessed
	Profile     *Profile // nil until sign-up is saved
	Unreachable bool     // the user blocked the bot; bulk traffic skips them
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
}

// Empty reports whether the change changes nothing.
func (c Change) Empty() bool {
	return c.Session == nil && !c.ClearSession && c.Profile == nil && c.Language == ""
}
