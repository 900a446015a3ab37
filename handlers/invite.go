package handlers

import (
	"context"
	"fmt"

	"ikmbot"
	"ikmbot/flows"
)

// invitable are the roles an admin can invite to. Admins are made through
// ADMIN_IDS, not links, so a leaked link cannot make an admin.
var invitable = []ikmbot.Role{ikmbot.RoleStaff, ikmbot.RoleMentor}

var roleNames = map[ikmbot.Role]flows.Key{
	ikmbot.RoleOwner:  flows.RoleOwnerName,
	ikmbot.RoleMentor: flows.RoleMentorName,
	ikmbot.RoleStaff:  flows.RoleStaffName,
	ikmbot.RoleAdmin:  flows.RoleAdminName,
}

// invite asks the admin which role to invite to.
func (r *Router) invite(ctx context.Context, c *call) error {
	var row []ikmbot.Button
	for _, role := range invitable {
		row = append(row, ikmbot.Button{Text: c.t(roleNames[role]), Data: cbInvitePfx + string(role)})
	}
	c.say(c.t(flows.InvChoose), row)
	return nil
}

func (r *Router) createInvite(ctx context.Context, c *call, role ikmbot.Role) error {
	if role != ikmbot.RoleStaff && role != ikmbot.RoleMentor {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	code, err := r.cfg.Store.CreateInvite(ctx, role, c.ev.UserID, r.cfg.InviteTTL)
	if err != nil {
		return err
	}
	link := fmt.Sprintf("https://t.me/%s?start=inv_%s", r.cfg.BotUsername, code)
	until := flows.FormatDateTime(c.lang, c.now.Add(r.cfg.InviteTTL), r.cfg.Location)
	c.say(c.t(flows.InvCreated, c.t(roleNames[role]), until, link))
	r.log.Info("invite created", "chat_id", c.ev.ChatID, "role", string(role))
	return nil
}

// redeem gives the invited role to the user who opened the link. Someone
// who already holds a role keeps it: a staff member opening a mentor link
// must not be demoted, and the one-time link stays unused for its real
// recipient.
func (r *Router) redeem(ctx context.Context, c *call, code string) error {
	if c.user.Role != ikmbot.RoleOwner {
		c.say(c.t(flows.InvAlready, c.t(roleNames[c.user.Role])))
		return nil
	}
	role, err := r.cfg.Store.RedeemInvite(ctx, code, c.ev.UserID)
	switch {
	case ikmbot.IsNotFound(err):
		c.say(c.t(flows.InvInvalid))
		return nil
	case err != nil:
		return err
	}
	c.user.Role = role
	c.say(c.t(flows.InvRedeemed, c.t(roleNames[role])))
	c.out = append(c.out, menuMessage(c.ev.ChatID, role, c.lang))
	r.log.Info("invite redeemed", "chat_id", c.ev.ChatID, "role", string(role))
	return nil
}
