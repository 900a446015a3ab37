package handlers

import (
	"context"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of buttons that are not part of a flow. They never go
// stale: each is the same as typing the command.
const (
	cbSignUp      = "m:signup"
	cbProfile     = "m:profile"
	cbCheck       = "m:check"
	cbHelp        = "m:help"
	cbLanguage    = "m:lang"
	cbEditProfile = "m:edit"
	cbDeleteData  = "m:delete"
	cbInvitePfx   = "inv:" // inv:<role>, admins only
)

// menuActions maps the buttons above to what they do.
var menuActions = map[string]func(r *Router, ctx context.Context, c *call) error{
	cbSignUp:      (*Router).signUp,
	cbProfile:     (*Router).profile,
	cbCheck:       (*Router).check,
	cbHelp:        (*Router).help,
	cbLanguage:    (*Router).language,
	cbEditProfile: (*Router).editProfile,
	cbDeleteData:  (*Router).deleteData,
	cbOptOut:      (*Router).optBroadcasts,
	cbOptIn:       (*Router).optBroadcasts,
}

// prefixActions route the buttons whose data starts with a feature's
// prefix; each checks the role itself. Flows' names must not start with
// any of these (TestFlowNamesUnique).
var prefixActions = []struct {
	prefix string
	act    func(r *Router, ctx context.Context, c *call) error
}{
	{cbInvitePfx, (*Router).inviteCallback},
	{cbStaffClassesPfx, (*Router).staffClassCallback},
	{cbClassesPfx, (*Router).classCallback},
	{cbCertsPfx, (*Router).certCallback},
	{cbHelpPfx, (*Router).helpCallback},
	{cbBroadcastPfx, (*Router).broadcastCallback},
	{cbMentorPfx, (*Router).mentorCallback},
	{cbMgPfx, (*Router).mgCallback},
	{cbRelayPfx, (*Router).relayCallback},
	{cbAuditPfx, (*Router).auditCallback},
	{cbMarketsPfx, (*Router).marketCallback},
	{cbLeadsPfx, (*Router).leadCallback},
	{cbOwnerLeadPfx, (*Router).ownerLeadCallback},
}

// inviteCallback creates an invitation for the role named after
// cbInvitePfx; admins only.
func (r *Router) inviteCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleAdmin) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	return r.createInvite(ctx, c, ikmbot.Role(strings.TrimPrefix(c.ev.CallbackData, cbInvitePfx)))
}

// callback routes a button tap. Callback data comes from the user's client
// and can be forged: it is checked against the user's role and state, and
// anything unknown gets a polite refusal, never an action.
func (r *Router) callback(ctx context.Context, c *call) error {
	data := c.ev.CallbackData
	if act, ok := menuActions[data]; ok {
		return act(r, ctx, c)
	}
	for _, pa := range prefixActions {
		if strings.HasPrefix(data, pa.prefix) {
			return pa.act(r, ctx, c)
		}
	}
	if f := flowNamed(c.session.Flow); f != nil && f.Owns(data) {
		return r.runFlow(ctx, c, f, f.Handle(c.session, c.ev, c.lang, c.now))
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}
