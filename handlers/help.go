package handlers

import (
	"context"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of help requests, "h:<action>[:<arg>]". Staff actions are
// checked against the role, an owner's against the request's owner.
const (
	cbHelpPfx     = "h:"
	cbHelpNew     = "h:n" // an owner asks; h:n:<code> about a certificate
	cbHelpQueue   = "h:l" // staff: open requests; h:l:<region> of one
	actHelpNew    = "n"
	actHelpQueue  = "l"
	actHelpView   = "v" // h:v:<id>
	actHelpTake   = "t"
	actHelpReply  = "r"
	actHelpClose  = "c"
	actHelpAnswer = "o" // the owner answers staff: h:o:<id>
	helpQueueMax  = 20
	helpOwnerMax  = 3
)

// helpCallback handles the help request buttons.
func (r *Router) helpCallback(ctx context.Context, c *call) error {
	parts := strings.Split(c.ev.CallbackData, ":")
	arg := ""
	if len(parts) == 3 {
		arg = parts[2]
	}
	switch {
	case len(parts) < 2 || len(parts) > 3:
	case parts[1] == actHelpNew:
		return r.askHelp(ctx, c, arg)
	case parts[1] == actHelpAnswer:
		return r.answerStaff(ctx, c, arg)
	case !c.user.Role.Allows(ikmbot.RoleStaff):
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	case parts[1] == actHelpQueue:
		return r.helpQueue(ctx, c, arg)
	case len(parts) == 3:
		return r.staffHelp(ctx, c, parts[1], arg)
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// askHelp opens the help request conversation, about certificate code
// when given.
func (r *Router) askHelp(ctx context.Context, c *call, code string) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	if _, ok := ikmbot.CertTypeByCode(code); !ok {
		code = ""
	}
	return r.startFlow(ctx, c, flows.HelpAsk, flows.HelpAskContext(offeredCerts(c.user.Profile), code), true)
}

// finishHelp opens the request the owner wrote and tells the staff.
func (r *Router) finishHelp(ctx context.Context, c *call, answers map[string]string) error {
	code, text := flows.HelpFromAnswers(answers)
	req, err := r.certStore().OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: c.ev.UserID, Region: c.user.Profile.Region,
		CertType: code, Text: text, CreatedAt: c.now})
	if err != nil {
		return err
	}
	c.say(c.t(flows.CdHelpSent, req.ID))
	r.helpPrompt(ctx, c.ev.UserID, req.ID)
	staff, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		// The request is stored and listed; only the heads-up is lost.
		r.log.Error("list staff for a help request", "help_id", req.ID, "err", err)
		return nil
	}
	var ids []int64
	for id, role := range staff {
		if role.Allows(ikmbot.RoleStaff) && id != c.ev.UserID {
			ids = append(ids, id)
		}
	}
	msgs, err := r.ownerMessages(ctx, ids, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.CdHelpNew, req.ID, flows.Escape(c.user.Profile.BusinessName),
			flows.Escape(regionName(req.Region)), flows.Escape(aboutName(lang, req.CertType)), flows.Escape(req.Text)),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnCdTake), Data: helpData(actHelpTake, req.ID)}}}}
	})
	if err != nil {
		r.log.Error("load staff for a help request", "help_id", req.ID, "err", err)
	}
	c.out = append(c.out, msgs...)
	return nil
}

// helpQueue lists the requests not done yet, newest first, of one
// kabupaten/kota or all, with a button per region that has some.
func (r *Router) helpQueue(ctx context.Context, c *call, region string) error {
	all, err := r.certStore().OpenHelpRequests(ctx, "", 200)
	if err != nil {
		return err
	}
	shown := all
	if region != "" {
		shown = nil
		for _, req := range all {
			if req.Region == region {
				shown = append(shown, req)
			}
		}
	}
	if len(shown) == 0 && region == "" {
		c.say(c.t(flows.CdQueueEmpty))
		return nil
	}
	text := c.t(flows.CdQueueTitle, len(shown))
	if region != "" {
		text += " " + c.t(flows.CdQueueRegion, flows.Escape(regionName(region)))
	}
	var buttons [][]ikmbot.Button
	for i, req := range shown {
		if i == helpQueueMax {
			break
		}
		label := c.t(flows.CdQueueButton, req.ID, regionName(req.Region), aboutName(c.lang, req.CertType))
		if req.Status == ikmbot.HelpTaken {
			label = c.t(flows.CdQueueTakenButton, label)
		}
		buttons = append(buttons, []ikmbot.Button{{Text: label, Data: helpData(actHelpView, req.ID)}})
	}
	// Filters by kabupaten/kota, for regions with requests.
	var row []ikmbot.Button
	seen := map[string]bool{}
	for _, req := range all {
		if req.Region == "" || seen[req.Region] || req.Region == region {
			continue
		}
		seen[req.Region] = true
		row = append(row, ikmbot.Button{Text: c.t(flows.BtnCdRegion, regionName(req.Region)), Data: cbHelpQueue + ":" + req.Region})
		if len(row) == 3 {
			buttons, row = append(buttons, row), nil
		}
	}
	if len(row) > 0 {
		buttons = append(buttons, row)
	}
	if region != "" {
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdAllRegions), Data: cbHelpQueue}})
	}
	c.say(text, buttons...)
	return nil
}

// staffHelp shows, takes, replies to or closes a request.
func (r *Router) staffHelp(ctx context.Context, c *call, action, id string) error {
	store := r.certStore()
	req, err := store.Help(ctx, id)
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.CdHelpNotFound))
		return nil
	}
	if err != nil {
		return err
	}
	step := ikmbot.HelpStep{At: c.now, By: c.ev.UserID, Role: c.user.Role}
	switch action {
	case actHelpView:
		return r.showHelp(ctx, c, req, "")
	case actHelpTake:
		if req.Status == ikmbot.HelpTaken && req.TakenBy == c.ev.UserID {
			return r.showHelp(ctx, c, req, "") // a repeated tap
		}
		req, err = store.TakeHelp(ctx, id, c.ev.UserID, c.now)
		switch {
		case ikmbot.ErrorCode(err) == ikmbot.EConflict && req.Status == ikmbot.HelpClosed:
			return r.showHelp(ctx, c, req, c.t(flows.CdAlreadyClosed))
		case ikmbot.ErrorCode(err) == ikmbot.EConflict:
			return r.showHelp(ctx, c, req, c.t(flows.CdTakenByOther))
		case err != nil:
			return err
		}
		r.tellOwner(ctx, c, req, func(lang string) ikmbot.Message {
			return ikmbot.Message{Text: flows.T(lang, flows.CdHelpTakenOwner, req.ID)}
		})
		return r.showHelp(ctx, c, req, c.t(flows.CdTakenOK, req.ID))
	case actHelpReply:
		if req.Status == ikmbot.HelpClosed {
			return r.showHelp(ctx, c, req, c.t(flows.CdAlreadyClosed))
		}
		return r.startFlow(ctx, c, flows.HelpReply, map[string]string{flows.AnswerHelp: req.ID}, true)
	case actHelpClose:
		step.Kind = ikmbot.HelpStepClosed
		req, err = store.CloseHelp(ctx, id, step)
		if ikmbot.ErrorCode(err) == ikmbot.EConflict {
			return r.showHelp(ctx, c, req, c.t(flows.CdAlreadyClosed))
		}
		if err != nil {
			return err
		}
		r.tellOwner(ctx, c, req, func(lang string) ikmbot.Message {
			return ikmbot.Message{Text: flows.T(lang, flows.CdHelpClosedOwner, req.ID)}
		})
		c.say(c.t(flows.CdClosedOK, req.ID), []ikmbot.Button{{Text: c.t(flows.BtnCdQueueBack), Data: cbHelpQueue}})
		return nil
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// showHelp shows a request to staff with what they can do with it.
func (r *Router) showHelp(ctx context.Context, c *call, req ikmbot.HelpRequest, lead string) error {
	owner, business := "", ""
	if users, err := r.classStore().Users(ctx, []int64{req.OwnerID}); err != nil {
		return err
	} else if u, ok := users[req.OwnerID]; ok && u.Profile != nil {
		owner, business = c.t(flows.CdOwnerContact, u.Profile.OwnerName, u.Profile.Phone), u.Profile.BusinessName
	}
	text := flows.HelpRequestView(c.lang, req, owner, business, regionName(req.Region), r.cfg.Location)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	var buttons [][]ikmbot.Button
	switch {
	case req.Status == ikmbot.HelpOpen:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdTake), Data: helpData(actHelpTake, req.ID)}})
	case req.Status == ikmbot.HelpTaken && req.TakenBy == c.ev.UserID:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdReply), Data: helpData(actHelpReply, req.ID)},
			{Text: c.t(flows.BtnCdClose), Data: helpData(actHelpClose, req.ID)}})
	case req.Status == ikmbot.HelpTaken:
		// Another staff member has it; anyone may still close a request
		// left behind, so none is stuck with someone who left.
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdClose), Data: helpData(actHelpClose, req.ID)}})
	}
	if row := r.mgHelpRow(ctx, c, req.OwnerID); row != nil {
		buttons = append(buttons, row)
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdQueueBack), Data: cbHelpQueue}})
	c.say(text, buttons...)
	return nil
}

// answerStaff lets an owner write back about their own request.
func (r *Router) answerStaff(ctx context.Context, c *call, id string) error {
	req, err := r.certStore().Help(ctx, id)
	if ikmbot.IsNotFound(err) || (err == nil && req.OwnerID != c.ev.UserID) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	if err != nil {
		return err
	}
	if req.Status == ikmbot.HelpClosed {
		c.say(c.t(flows.CdHelpClosedOwner, req.ID))
		return nil
	}
	return r.startFlow(ctx, c, flows.HelpReply, map[string]string{flows.AnswerHelp: req.ID, flows.AnswerHelpFromOwner: "1"}, true)
}

// finishHelpReply sends a written reply: staff to the owner, or the owner
// to the staff member handling the request.
func (r *Router) finishHelpReply(ctx context.Context, c *call, answers map[string]string) error {
	id, text := flows.HelpReplyFrom(answers)
	store := r.certStore()
	req, err := store.Help(ctx, id)
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.CdHelpNotFound))
		return nil
	}
	if err != nil {
		return err
	}
	fromOwner := req.OwnerID == c.ev.UserID
	if !fromOwner && !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	step := ikmbot.HelpStep{At: c.now, By: c.ev.UserID, Role: c.user.Role, Kind: ikmbot.HelpStepReply, Text: text}
	if fromOwner {
		step.Kind, step.Role = ikmbot.HelpStepNote, ikmbot.RoleOwner
	}
	req, err = store.AddHelpStep(ctx, id, step)
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.CdAlreadyClosed))
		return nil
	}
	if err != nil {
		return err
	}
	if fromOwner {
		c.say(c.t(flows.CdNoteSent))
		if req.TakenBy != 0 {
			msgs, err := r.ownerMessages(ctx, []int64{req.TakenBy}, func(lang string) ikmbot.Message {
				return ikmbot.Message{Text: flows.T(lang, flows.CdNoteToStaff, req.ID, flows.Escape(text)),
					Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnCdReply), Data: helpData(actHelpReply, req.ID)}}}}
			})
			if err != nil {
				return err
			}
			c.out = append(c.out, msgs...)
		}
		return nil
	}
	r.tellOwner(ctx, c, req, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.CdHelpReplyOwner, req.ID, flows.Escape(text)),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnCdReplyOwner), Data: helpData(actHelpAnswer, req.ID)}}}}
	})
	return r.showHelp(ctx, c, req, c.t(flows.CdReplySent))
}

// tellOwner sends the request's owner a message in their language; a
// failure to load them is logged, since the request itself has changed.
func (r *Router) tellOwner(ctx context.Context, c *call, req ikmbot.HelpRequest, msg func(lang string) ikmbot.Message) {
	msgs, err := r.ownerMessages(ctx, []int64{req.OwnerID}, msg)
	if err != nil {
		r.log.Error("tell owner about their help request", "help_id", req.ID, "chat_id", req.OwnerID, "err", err)
	}
	c.out = append(c.out, msgs...)
}

// ownHelpLines shows the owner's requests not closed, for /bantuan.
func (r *Router) ownHelpLines(ctx context.Context, c *call) string {
	reqs, err := r.certStore().HelpOf(ctx, c.ev.UserID)
	if err != nil {
		r.log.Error("load own help requests", "chat_id", c.ev.ChatID, "err", err)
		return ""
	}
	var lines []string
	for _, req := range reqs {
		if req.Status != ikmbot.HelpClosed && len(lines) < helpOwnerMax {
			lines = append(lines, flows.HelpOwnerStatus(c.lang, req))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return c.t(flows.CdMyHelp) + "\n" + strings.Join(lines, "\n")
}

func helpData(action, arg string) string { return cbHelpPfx + action + ":" + arg }

// regionName is a kabupaten/kota's name, or its code when unknown.
func regionName(code string) string {
	if r, ok := ikmbot.RegionByCode(code); ok {
		return r.Name
	}
	return code
}

// aboutName names what a request is about: a certification or "general".
func aboutName(lang, code string) string {
	if t, ok := ikmbot.CertTypeByCode(code); ok {
		return t.Short(lang)
	}
	return flows.T(lang, flows.CdHelpGeneralLabel)
}
