package handlers

import (
	"context"
	"ikmbot"
	"ikmbot/flows"
)

// command is one slash command: its Indonesian name, English alias, who may
// use it, and whether it is offered in the menu (only what works is).
type command struct {
	id, en string
	role   ikmbot.Role
	also   ikmbot.Role // a second role that may use it; empty for none
	desc   flows.Key
	menu   bool
	run    func(r *Router, ctx context.Context, c *call) error
}

// commands lists every command of DESIGN.md (and /audit); those with menu
// set are offered in the role's command menu. It is filled in init
// because some commands set the menu, which reads it.
var commands []command

func init() {
	commands = []command{
		{id: "start", en: "start", desc: flows.CmdStart, run: (*Router).start},
		{id: "daftar", en: "register", desc: flows.CmdSignUp, menu: true, run: (*Router).signUp},
		{id: "profil", en: "profile", desc: flows.CmdProfile, menu: true, run: (*Router).profile},
		{id: "cek", en: "check", desc: flows.CmdCheck, menu: true, run: (*Router).check},
		{id: "kelas", en: "classes", desc: flows.CmdClasses, menu: true, run: (*Router).classes},
		{id: "sertifikat", en: "certificates", desc: flows.CmdCerts, menu: true, run: (*Router).certs},
		{id: "pasar", en: "markets", desc: flows.CmdMarkets, menu: true, run: (*Router).markets},
		{id: "bahasa", en: "language", desc: flows.CmdLanguage, menu: true, run: (*Router).language},
		{id: "bantuan", en: "help", desc: flows.CmdHelp, menu: true, run: (*Router).help},
		{id: "batal", en: "cancel", desc: flows.CmdCancel, menu: true, run: (*Router).cancel},
		{id: "hapusdata", en: "deletedata", desc: flows.CmdDeleteData, menu: true, run: (*Router).deleteData},
		{id: "binaan", en: "mentees", role: ikmbot.RoleMentor, also: ikmbot.RoleStaff, desc: flows.CmdMentees, menu: true, run: (*Router).mentoring},
		{id: "kelasbaru", en: "newclass", role: ikmbot.RoleStaff, desc: flows.CmdNewClass, menu: true, run: (*Router).newClass},
		{id: "siaran", en: "broadcast", role: ikmbot.RoleStaff, desc: flows.CmdBroadcast, menu: true, run: (*Router).broadcast},
		{id: "statistik", en: "stats", role: ikmbot.RoleStaff, desc: flows.CmdStats, menu: true, run: (*Router).stats},
		{id: "ekspor", en: "export", role: ikmbot.RoleStaff, desc: flows.CmdExport, menu: true, run: (*Router).export},
		{id: "pembeli", en: "buyers", role: ikmbot.RoleStaff, desc: flows.CmdBuyers, menu: true, run: (*Router).leads},
		{id: "undang", en: "invite", role: ikmbot.RoleAdmin, desc: flows.CmdInvite, menu: true, run: (*Router).invite},
		{id: "audit", en: "audit", role: ikmbot.RoleAdmin, desc: flows.CmdAudit, menu: true, run: (*Router).auditLog},
	}
}

// allows reports whether a user holding role may use the command.
func (cmd command) allows(role ikmbot.Role) bool {
	return role.Allows(cmd.role) || (cmd.also != ikmbot.RoleOwner && role.Allows(cmd.also))
}

func lookup(name string) (command, bool) {
	for _, cmd := range commands {
		if cmd.id == name || cmd.en == name {
			return cmd, true
		}
	}
	return command{}, false
}

// command runs a slash command after checking the user's role. A command
// does not end a running flow unless it starts another one, so an owner who
// asks for /bantuan mid-sign-up continues where they were.
func (r *Router) command(ctx context.Context, c *call) error {
	cmd, ok := lookup(c.ev.Command)
	if !ok {
		c.say(c.t(flows.MsgUnknownCommand))
		return nil
	}
	if !cmd.allows(c.user.Role) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	return cmd.run(r, ctx, c)
}

// Menu returns the command menu for a role in lang: the commands that work
// and that the role may use.
func Menu(role ikmbot.Role, lang string) []ikmbot.MenuCommand {
	var menu []ikmbot.MenuCommand
	for _, cmd := range commands {
		if !cmd.menu || !cmd.allows(role) {
			continue
		}
		name := cmd.id
		if lang == "en" {
			name = cmd.en
		}
		menu = append(menu, ikmbot.MenuCommand{Command: name, Description: flows.T(lang, cmd.desc)})
	}
	return menu
}

// menuMessage sets the chat's command menu for its role and language.
func menuMessage(chatID int64, role ikmbot.Role, lang string) ikmbot.Message {
	return ikmbot.Message{ChatID: chatID, Menu: Menu(role, lang)}
}

// help lists what the user can do; an owner also sees their open help
// requests and can ask for help, staff get to the requests waiting.
func (r *Router) help(ctx context.Context, c *call) error {
	text := c.t(flows.MsgHelpOwner)
	if c.user.Role.Allows(ikmbot.RoleMentor) {
		text += "\n\n" + c.t(flows.MsgHelpMentor)
	}
	if c.user.Role.Allows(ikmbot.RoleStaff) {
		text += "\n\n" + c.t(flows.MsgHelpStaff)
	}
	if c.user.Role.Allows(ikmbot.RoleAdmin) {
		text += "\n\n" + c.t(flows.MsgHelpAdmin)
	}
	var buttons [][]ikmbot.Button
	if c.user.Profile != nil {
		if mine := r.ownHelpLines(ctx, c); mine != "" {
			text += "\n\n" + mine
		}
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdHelp), Data: cbHelpNew}})
		if b, ok := r.mentorContact(ctx, c); ok {
			buttons = append(buttons, []ikmbot.Button{b})
		}
	}
	if c.user.Role.Allows(ikmbot.RoleStaff) {
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdQueue), Data: cbHelpQueue}})
	}
	c.say(text, buttons...)
	return nil
}

// language switches between Indonesian and English, and re-asks a running
// flow's question in the new language.
func (r *Router) language(ctx context.Context, c *call) error {
	if c.lang == "en" {
		c.lang = "id"
	} else {
		c.lang = "en"
	}
	c.change.Language = c.lang
	c.user.Language = c.lang
	c.say(c.t(flows.MsgLanguageSet))
	c.out = append(c.out, menuMessage(c.ev.ChatID, c.user.Role, c.lang))
	if f := flowNamed(c.session.Flow); f != nil {
		res := f.Resume(c.ev.ChatID, c.lang, c.session, c.now)
		return r.runFlow(ctx, c, f, res)
	}
	return nil
}

func (r *Router) cancel(_ context.Context, c *call) error {
	if !c.session.Active() {
		// A keyboard left on screen by an older version goes too.
		c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, Text: c.t(flows.MsgNothingToCancel), RemoveKeyboard: true})
		return nil
	}
	// A contact step leaves a reply keyboard behind; take it away.
	c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, Text: c.t(flows.MsgCancelled), RemoveKeyboard: true})
	r.endFlow(c, c.session)
	return nil
}
