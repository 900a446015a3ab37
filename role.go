package ikmbot

// Role is what a Telegram user may do. Roles are ordered: each role may do
// everything the roles below it may, except that mentors and staff are
// separate branches above owner (see Allows).
type Role string

// Roles known to the bot. The zero value is an owner (or a visitor who has not
// signed up yet: being an owner needs no invitation).
const (
	RoleOwner  Role = ""
	RoleMentor Role = "mentor"
	RoleStaff  Role = "staff"
	RoleAdmin  Role = "admin"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleOwner, RoleMentor, RoleStaff, RoleAdmin:
		return true
	}
	return false
}

// Allows reports whether a user holding r may act as need. Admins may do
// everything; staff may do staff and owner things; mentors mentor and owner
// things; everyone may do owner things.
func (r Role) Allows(need Role) bool {
	switch need {
	case RoleOwner:
		return true
	case RoleMentor:
		return r == RoleMentor || r == RoleAdmin
	case RoleStaff:
		return r == RoleStaff || r == RoleAdmin
	case RoleAdmin:
		return r == RoleAdmin
	}
	return false
}
