package handlers

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Staff find an owner by part of the business or owner's name or by phone
// number (flows.OwnerFind, from the /binaan overview) and open the
// owner's profile, whose mentor button assigns them one by one the same
// way as from a help request. The callbacks are mentor_staff.go's:
// "mg:f" starts a search, "mg:p:<owner>" opens a profile; staff and
// admins only.

// ofShown is how many owners a search lists; when more match, staff are
// asked to narrow it.
const ofShown = 10

// startOwnerFind asks staff what to look for. A conversation running is
// kept and resumes after the results, as with the bulk assignment.
func (r *Router) startOwnerFind(ctx context.Context, c *call) error {
	return r.startFlow(ctx, c, flows.OwnerFind, nil, true)
}

// finishOwnerFind lists the owners found, by business name, as buttons
// that open their profiles, with a button to search again: none found
// says what else to try, more than ofShown says to narrow the search.
func (r *Router) finishOwnerFind(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	query := flows.OwnerFindFrom(answers)
	found, err := r.mentorAdminStore().FindOwners(ctx, query, ofShown+1)
	if err != nil {
		return err
	}
	more := len(found) > ofShown
	found = found[:min(len(found), ofShown)]
	slices.SortFunc(found, func(a, b ikmbot.User) int {
		if n := strings.Compare(strings.ToLower(a.Profile.BusinessName), strings.ToLower(b.Profile.BusinessName)); n != 0 {
			return n
		}
		return cmp.Compare(a.ID, b.ID)
	})
	buttons := make([][]ikmbot.Button, 0, len(found)+2)
	for _, u := range found {
		buttons = append(buttons, []ikmbot.Button{{Text: flows.OwnerFindLabel(*u.Profile), Data: mgData(actMgProfile, strconv.FormatInt(u.ID, 10))}})
	}
	buttons = append(buttons,
		[]ikmbot.Button{{Text: c.t(flows.BtnOfAgain), Data: cbMgFind}},
		[]ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
	c.say(flows.OwnerFindResults(c.lang, query, len(found), more), buttons...)
	return nil
}

// ownerProfile shows staff an owner's profile (ownerArg, a button's id)
// with their readiness level and mentor, the button that chooses their
// mentor, and the way back to the search and the overview.
func (r *Router) ownerProfile(ctx context.Context, c *call, ownerArg string) error {
	owner, ok, err := r.mgOwner(ctx, c, ownerArg)
	if err != nil || !ok {
		return err
	}
	mentor, err := r.mgMentorName(ctx, c, owner.ID)
	if err != nil {
		return err
	}
	c.say(flows.OwnerProfile(c.lang, *owner.Profile, owner.Level, mentor),
		[]ikmbot.Button{mgOwnerButton(c, owner.ID, mentor)},
		[]ikmbot.Button{{Text: c.t(flows.BtnOfAgain), Data: cbMgFind}},
		[]ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
	return nil
}
