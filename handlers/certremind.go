package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Kinds of the due items of certificates.
const (
	// DueCertExpiry reminds an owner that a certificate expires. ID:
	// "<owner>:<type>:<days before>:<expiry, yyyymmdd>", so a new expiry
	// date has new ids and its reminders are sent again.
	DueCertExpiry = "certexp"
	// DueCertProcess asks an owner once a month how an application is
	// going. ID: "<owner>:<type>:<since, yyyymmdd>:<n>".
	DueCertProcess = "certq"
)

// Timing of certificate reminders, in BOT_TIMEZONE: expiry reminders at
// 09.00 of their day, the monthly question at 10.00, every 30 days.
const (
	certReminderHour = 9
	certQuestionHour = 10
	certQuestionDays = 30
)

// certReminderDays are the days before expiry an owner is reminded on: the
// catalog's renewal lead, then 30 and 7 days before.
func certReminderDays(t ikmbot.CertType) []int {
	days := []int{30, 7}
	if t.RenewLeadDays > 0 && !slices.Contains(days, t.RenewLeadDays) {
		days = append([]int{t.RenewLeadDays}, days...)
	}
	slices.Sort(days)
	slices.Reverse(days)
	return days
}

// certDues are the due items of a recorded certificate from now on.
func (r *Router) certDues(owner int64, cert ikmbot.Certificate, now time.Time) []ikmbot.Due {
	t, ok := ikmbot.CertTypeByCode(cert.Type)
	if !ok {
		return nil
	}
	var out []ikmbot.Due
	switch cert.Status {
	case ikmbot.CertHeld:
		if cert.Expires.IsZero() {
			return nil
		}
		// Expires is the last valid day: it lapses at the end of it.
		lapses := r.atHour(cert.Expires.AddDate(0, 0, 1), 0)
		for _, days := range certReminderDays(t) {
			at := r.atHour(cert.Expires.AddDate(0, 0, -days), certReminderHour)
			if at.After(now) {
				out = append(out, ikmbot.Due{Kind: DueCertExpiry, ID: certDueID(owner, cert.Type, days, cert.Expires),
					Target: owner, Payload: cert.Type, At: at, Until: lapses})
			}
		}
	case ikmbot.CertApplying:
		from := cert.Since
		if from.Before(now) {
			from = now
		}
		out = append(out, r.processDue(owner, cert, from, 1))
	}
	return out
}

// certReschedule is what saving cert over old (zero when new) changes in
// the due items. An application saved again unchanged (same start) keeps
// the question it is waiting for: scheduling the first question again would
// reuse the id of one already sent, which the engine never sends twice.
func (r *Router) certReschedule(owner int64, old, cert ikmbot.Certificate, now time.Time) (schedule []ikmbot.Due, unschedule []string) {
	if old.Status == ikmbot.CertApplying && cert.Status == ikmbot.CertApplying && old.Since.Equal(cert.Since) {
		return nil, nil
	}
	if old.Type != "" {
		unschedule = r.certDueKeys(owner, old)
	}
	return r.certDues(owner, cert, now), unschedule
}

// processDue is the n-th monthly question about an application, a month
// after the day of from (in BOT_TIMEZONE).
func (r *Router) processDue(owner int64, cert ikmbot.Certificate, from time.Time, n int) ikmbot.Due {
	return ikmbot.Due{Kind: DueCertProcess, ID: certDueID(owner, cert.Type, n, cert.Since), Target: owner, Payload: cert.Type,
		At: r.atHour(r.dayOf(from).AddDate(0, 0, certQuestionDays), certQuestionHour)}
}

// dayOf is the date of t in BOT_TIMEZONE, as a UTC midnight like the
// certificate dates: 06.30 WIB is still that day, though UTC says the day
// before.
func (r *Router) dayOf(t time.Time) time.Time {
	y, m, d := t.In(r.cfg.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// certDueKeys are the keys of a recorded certificate's due items, past and
// future, for unscheduling when it changes or goes.
func (r *Router) certDueKeys(owner int64, cert ikmbot.Certificate) []string {
	t, ok := ikmbot.CertTypeByCode(cert.Type)
	if !ok {
		return nil
	}
	var keys []string
	if cert.Status == ikmbot.CertHeld && !cert.Expires.IsZero() {
		for _, days := range certReminderDays(t) {
			keys = append(keys, ikmbot.Due{Kind: DueCertExpiry, ID: certDueID(owner, cert.Type, days, cert.Expires)}.Key())
		}
	}
	if cert.Status == ikmbot.CertApplying {
		// The question pending is the next of those asked so far; the
		// months since the application bound how many there were.
		months := int(r.cfg.Now().Sub(cert.Since).Hours()/24/certQuestionDays) + 2
		for n := 1; n <= months && n < 240; n++ {
			keys = append(keys, ikmbot.Due{Kind: DueCertProcess, ID: certDueID(owner, cert.Type, n, cert.Since)}.Key())
		}
	}
	return keys
}

func certDueID(owner int64, code string, n int, day time.Time) string {
	return fmt.Sprintf("%d:%s:%d:%s", owner, code, n, day.UTC().Format("20060102"))
}

// atHour is hour o'clock in BOT_TIMEZONE on day's date (a UTC midnight).
func (r *Router) atHour(day time.Time, hour int) time.Time {
	y, m, d := day.UTC().Date()
	return time.Date(y, m, d, hour, 0, 0, 0, r.cfg.Location).UTC()
}

// unscheduleCerts removes the due items of every certificate the owner
// recorded.
func (r *Router) unscheduleCerts(ctx context.Context, owner int64) error {
	certs, err := r.certStore().Certificates(ctx, owner)
	if err != nil {
		return err
	}
	var keys []string
	for _, cert := range certs {
		keys = append(keys, r.certDueKeys(owner, cert)...)
	}
	if len(keys) == 0 {
		return nil
	}
	return r.certStore().Unschedule(ctx, keys...)
}

// certOfDue loads the certificate a due item is about, if it is still
// recorded as the item's id says; ok is false for anything else (changed,
// deleted, the owner gone), which sends nothing.
func (r *Router) certOfDue(ctx context.Context, d ikmbot.Due) (u ikmbot.User, t ikmbot.CertType, cert ikmbot.Certificate, n int, ok bool, err error) {
	parts := strings.Split(d.ID, ":")
	if len(parts) != 4 {
		r.log.Warn("malformed certificate reminder", "id", d.ID)
		return u, t, cert, 0, false, nil
	}
	n, err = strconv.Atoi(parts[2])
	if t, ok = ikmbot.CertTypeByCode(parts[1]); !ok || err != nil {
		return u, t, cert, 0, false, nil
	}
	u, _, err = r.classStore().LoadUser(ctx, d.Target)
	if err != nil || u.Profile == nil || u.Unreachable {
		return u, t, cert, 0, false, err
	}
	have, err := r.certStore().Certificates(ctx, d.Target)
	if err != nil {
		return u, t, cert, 0, false, err
	}
	i := slices.IndexFunc(have, func(c ikmbot.Certificate) bool { return c.Type == t.Code })
	if i < 0 {
		return u, t, cert, 0, false, nil
	}
	cert = have[i]
	day := cert.Expires
	if d.Kind == DueCertProcess {
		day = cert.Since
	}
	return u, t, cert, n, day.UTC().Format("20060102") == parts[3], nil
}

// FireCertExpiry is the reminder engine's handler of DueCertExpiry: the
// owner is told the certificate expires, and what to do to renew it.
func (r *Router) FireCertExpiry(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	u, t, cert, _, ok, err := r.certOfDue(ctx, d)
	if err != nil || !ok || cert.Status != ikmbot.CertHeld {
		return nil, err
	}
	lang := u.Lang()
	today := now.In(r.cfg.Location)
	y, m, day := today.Date()
	daysLeft := int(cert.Expires.Sub(time.Date(y, m, day, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	return []ikmbot.Message{{ChatID: d.Target, Text: flows.CertReminderText(lang, t, cert, daysLeft),
		Buttons: [][]ikmbot.Button{
			{{Text: flows.T(lang, flows.BtnCdRenewed), Data: certData(actCertRenewed, t.Code)}},
			{{Text: flows.T(lang, flows.BtnCdHelp), Data: helpData(actHelpNew, t.Code)}},
		}}}, nil
}

// FireCertProcess is the reminder engine's handler of DueCertProcess: it
// asks how an application is going, and schedules the next month's
// question.
func (r *Router) FireCertProcess(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	u, t, cert, n, ok, err := r.certOfDue(ctx, d)
	if err != nil || !ok || cert.Status != ikmbot.CertApplying {
		return nil, err
	}
	if err := r.certStore().Schedule(ctx, r.processDue(d.Target, cert, now, n+1)); err != nil {
		return nil, err
	}
	lang := u.Lang()
	return []ikmbot.Message{{ChatID: d.Target, Text: flows.CertProcessQuestion(lang, t, cert),
		Buttons: [][]ikmbot.Button{
			{{Text: flows.T(lang, flows.BtnCdIssued), Data: certData(actCertIssued, t.Code)}, {Text: flows.T(lang, flows.BtnCdStill), Data: certData(actCertStill, t.Code)}},
			{{Text: flows.T(lang, flows.BtnCdHelp), Data: helpData(actHelpNew, t.Code)}},
		}}}, nil
}
