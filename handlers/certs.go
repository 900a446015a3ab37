package handlers

import (
	"context"
	"slices"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of the certification buttons, "c:<action>[:<code>]". They
// carry no state: each tap is checked against the owner's stored record.
const (
	cbCertsPfx     = "c:"
	cbCerts        = "c:l" // the owner's page
	cbCertAdd      = "c:a" // record another
	actCertEdit    = "e"   // c:e:<code>
	actCertDelete  = "d"   // c:d:<code> asks
	actCertDeleted = "D"   // c:D:<code> confirmed
	actCertIssued  = "i"   // c:i:<code>: an application's certificate came
	actCertStill   = "p"   // c:p:<code>: still in process
	actCertRenewed = "r"   // c:r:<code>: renewed, new number and dates
)

// certs is /sertifikat: the certifications that matter for the owner's
// sector, each held, applied for or missing, with buttons to record,
// change or delete one and to ask for help.
func (r *Router) certs(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	have, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	text := flows.CertList(c.lang, ikmbot.SectorCertTypes(c.user.Profile.Sector, true), have, c.now)
	var buttons [][]ikmbot.Button
	for _, cert := range have {
		t, ok := ikmbot.CertTypeByCode(cert.Type)
		if !ok {
			continue
		}
		buttons = append(buttons, []ikmbot.Button{
			{Text: c.t(flows.BtnCdEdit, t.Short(c.lang)), Data: certData(actCertEdit, t.Code)},
			{Text: c.t(flows.BtnCdDelete), Data: certData(actCertDelete, t.Code)},
		})
	}
	buttons = append(buttons,
		[]ikmbot.Button{{Text: c.t(flows.BtnCdAdd), Data: cbCertAdd}},
		[]ikmbot.Button{{Text: c.t(flows.BtnCdHelp), Data: cbHelpNew}})
	c.say(text, buttons...)
	return nil
}

// offeredCerts are the codes the certificate conversation offers: the
// owner's sector's first, then every other one an owner can hold.
func offeredCerts(p *ikmbot.Profile) []string {
	var codes []string
	if p != nil {
		for _, t := range ikmbot.SectorCertTypes(p.Sector, true) {
			codes = append(codes, t.Code)
		}
	}
	for _, t := range ikmbot.CertTypes() {
		if t.Held() && !slices.Contains(codes, t.Code) {
			codes = append(codes, t.Code)
		}
	}
	return codes
}

// certCallback handles the certification buttons.
func (r *Router) certCallback(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	switch c.ev.CallbackData {
	case cbCerts:
		return r.certs(ctx, c)
	case cbCertAdd:
		return r.startFlow(ctx, c, flows.CertEntry, flows.CertEntryContext(offeredCerts(c.user.Profile), ""), true)
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	t, ok := ikmbot.CertTypeByCode(parts[len(parts)-1])
	if len(parts) != 3 || !ok {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	have, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(have, func(x ikmbot.Certificate) bool { return x.Type == t.Code })
	switch parts[1] {
	case actCertEdit, actCertIssued, actCertRenewed:
		prefill := flows.CertEntryContext(offeredCerts(c.user.Profile), t.Code)
		if i < 0 {
			return r.startFlow(ctx, c, flows.CertEntry, prefill, true)
		}
		if parts[1] == actCertIssued || parts[1] == actCertRenewed {
			// The application came through, or the certificate was
			// renewed: the same conversation, asking for the new number
			// and dates.
			return r.startFlow(ctx, c, flows.CertEntry, flows.CertIssuedContext(offeredCerts(c.user.Profile), t.Code), true)
		}
		answers := flows.CertAnswers(have[i])
		for k, v := range prefill {
			answers[k] = v
		}
		answers, err := r.interrupt(c, flows.CertEntry, answers)
		if err != nil {
			return err
		}
		r.leaveKeyboard(c)
		return r.runFlow(ctx, c, flows.CertEntry, flows.CertEntry.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now))
	case actCertStill:
		if i < 0 || have[i].Status != ikmbot.CertApplying {
			// An old question: the certificate was issued or deleted since.
			c.say(c.t(flows.MsgStaleButton), []ikmbot.Button{{Text: c.t(flows.BtnCdCerts), Data: cbCerts}})
			return nil
		}
		c.say(c.t(flows.CdStillNoted), []ikmbot.Button{{Text: c.t(flows.BtnCdHelp), Data: helpData(actHelpNew, t.Code)}})
		return nil
	case actCertDelete, actCertDeleted:
		if i < 0 {
			c.say(c.t(flows.CdNotRecorded), []ikmbot.Button{{Text: c.t(flows.BtnCdCerts), Data: cbCerts}})
			return nil
		}
		if parts[1] == actCertDelete {
			c.say(c.t(flows.CdDeleteConfirm, flows.Escape(t.Short(c.lang))),
				[]ikmbot.Button{{Text: c.t(flows.BtnCdDeleteYes), Data: certData(actCertDeleted, t.Code)}, {Text: c.t(flows.BtnCdKeep), Data: cbCerts}})
			return nil
		}
		if err := r.certStore().DeleteCertificate(ctx, c.ev.UserID, t.Code, r.certDueKeys(c.ev.UserID, have[i])); err != nil {
			return err
		}
		c.say(c.t(flows.CdDeleted, flows.Escape(t.Short(c.lang))), []ikmbot.Button{{Text: c.t(flows.BtnCdCerts), Data: cbCerts}})
		return nil
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// finishCert saves a recorded certificate with its reminders: the old
// record's go, the new one's are scheduled.
func (r *Router) finishCert(ctx context.Context, c *call, answers map[string]string) error {
	cert, err := flows.CertificateFromAnswers(answers, c.now)
	if err != nil {
		return err
	}
	t, _ := ikmbot.CertTypeByCode(cert.Type)
	have, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	var old ikmbot.Certificate
	if i := slices.IndexFunc(have, func(x ikmbot.Certificate) bool { return x.Type == cert.Type }); i >= 0 {
		old = have[i]
	}
	schedule, unschedule := r.certReschedule(c.ev.UserID, old, cert, c.now)
	if err := r.certStore().SaveCertificate(ctx, c.ev.UserID, cert, schedule, unschedule); err != nil {
		return err
	}
	text := c.t(flows.CdSaved, flows.Escape(t.Short(c.lang)))
	switch {
	case cert.Status == ikmbot.CertApplying:
		text += "\n" + c.t(flows.CdSavedApplying)
	case len(schedule) > 0:
		text += "\n" + c.t(flows.CdSavedReminders, flows.FormatDate(c.lang, cert.Expires, r.cfg.Location))
	}
	// A button back to the page, not the whole page again: the chat
	// would fill with copies of it.
	c.say(text, []ikmbot.Button{{Text: c.t(flows.BtnCdCerts), Data: cbCerts}, {Text: c.t(flows.BtnCdAdd), Data: cbCertAdd}})
	return nil
}

func certData(action, code string) string { return cbCertsPfx + action + ":" + code }
