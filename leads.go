package ikmbot

import (
	"slices"
	"time"
)

// Buyer leads (issue 10, part 2): a buyer staff heard of (from LPEI, a
// trade attaché, an exhibition), recorded so the owners who qualify can be
// counted and, later, told. The buyer's own contact is never kept: owners
// reach the buyer through the office, by the route staff write down.

// LeadStatus is where a lead stands.
type LeadStatus string

// Lead statuses.
const (
	LeadOpen   LeadStatus = "open"
	LeadClosed LeadStatus = "closed"
)

// Lead is one prospective buyer as staff recorded it.
type Lead struct {
	ID      string `json:"id"`      // decimal, handed out by storage
	Product string `json:"product"` // what the buyer wants, in staff's words
	Sector  string `json:"sector"`  // Sector.Code; never SectorOther
	Country string `json:"country"` // ISO 3166 alpha-2 of the destination
	// Quantity and Frequency are staff's words ("2 ton", "tiap bulan").
	Quantity  string `json:"quantity"`
	Frequency string `json:"frequency"`
	// Certs are the CertType codes the buyer requires, in catalog order;
	// each must be one an owner can hold (CertType.Held).
	Certs []string `json:"certs,omitempty"`
	// MinLevel is the lowest readiness level the buyer accepts; empty for
	// any owner, checked or not.
	MinLevel Level     `json:"min_level,omitempty"`
	Deadline time.Time `json:"deadline"` // UTC; the lead closes then
	// Contact is how an interested owner reaches the buyer through the
	// office ("hubungi Bidang Ekspor, Bu Rina"): never the buyer's own
	// phone or address.
	Contact   string     `json:"contact"`
	CreatedBy int64      `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	Status    LeadStatus `json:"status"`
	// BroadcastID is the broadcast that carried the lead to the owners it
	// matched (Broadcast.LeadID points back); empty until staff send it.
	// A lead is sent once: later matches find it under /pasar.
	BroadcastID string    `json:"broadcast_id,omitempty"`
	SentAt      time.Time `json:"sent_at,omitzero"`
	ClosedAt    time.Time `json:"closed_at,omitzero"` // when the reminder engine closed it
}

// Reasons LeadMatches gives in missing besides certification codes (which
// are upper case, so they never clash with these).
const (
	LeadNeedProfile = "profile" // not signed up
	LeadNeedSector  = "sector"  // another sector: nothing would qualify them
	LeadNeedLevel   = "level"   // a readiness level below Lead.MinLevel
)

// Validate checks what a lead must have before it is saved: a product, a
// known sector, a known country, known certifications an owner can hold
// (each once), a known or empty level, a deadline after now and a contact
// route. The error is an EInvalid *Error.
func (l Lead) Validate(now time.Time) error {
	switch {
	case l.Product == "":
		return Errorf(EInvalid, "lead: no product")
	case l.Contact == "":
		return Errorf(EInvalid, "lead: no contact route")
	case !l.Deadline.After(now):
		return Errorf(EInvalid, "lead: deadline %s not after %s", l.Deadline.Format(time.RFC3339), now.Format(time.RFC3339))
	case l.MinLevel != "" && l.MinLevel.rank() == 0:
		return Errorf(EInvalid, "lead: unknown level %q", l.MinLevel)
	}
	if _, ok := SectorByCode(l.Sector); !ok {
		return Errorf(EInvalid, "lead: unknown sector %q", l.Sector)
	}
	if _, ok := CountryByCode(l.Country); !ok {
		return Errorf(EInvalid, "lead: unknown country %q", l.Country)
	}
	for i, code := range l.Certs {
		t, ok := CertTypeByCode(code)
		switch {
		case !ok:
			return Errorf(EInvalid, "lead: unknown certification %q", code)
		case !t.Held():
			return Errorf(EInvalid, "lead: %s is prepared per shipment, not held", code)
		case slices.Contains(l.Certs[:i], code):
			return Errorf(EInvalid, "lead: %s twice", code)
		}
	}
	return nil
}

// Open reports whether the lead still takes answers at now: open and
// before its deadline.
func (l Lead) Open(now time.Time) bool { return l.Status == LeadOpen && now.Before(l.Deadline) }

// LeadMatches reports whether the owner qualifies for the lead at now, and
// if not, what they lack, in this order: LeadNeedProfile or LeadNeedSector
// alone (nothing else would help), else LeadNeedLevel when their latest
// readiness level is below the lead's minimum (never checked counts as
// below any minimum), then the code of each required certification not
// held at now (none recorded, only applying, or expired: CertStanding), in
// the lead's order. ok is true exactly when missing is empty.
//
// The owner's target countries play no part: a buyer in a country the
// owner has not picked is still a buyer, and target countries are a plan
// that a real order may well change. LeadInTargets says whether the lead
// is in one of them, for counts and ordering.
func LeadMatches(lead Lead, user User, certs []Certificate, now time.Time) (ok bool, missing []string) {
	switch {
	case user.Profile == nil:
		return false, []string{LeadNeedProfile}
	case user.Profile.Sector != lead.Sector:
		return false, []string{LeadNeedSector}
	}
	if lead.MinLevel != "" && lead.MinLevel.Above(user.Level) {
		missing = append(missing, LeadNeedLevel)
	}
	for _, code := range lead.Certs {
		t, known := CertTypeByCode(code)
		if !known {
			missing = append(missing, code)
			continue
		}
		if status, _ := CertStanding(certs, t, now); status != ChecklistHeld && status != ChecklistShipment {
			missing = append(missing, code)
		}
	}
	return len(missing) == 0, missing
}

// LeadInTargets reports whether the lead's country is one of the owner's
// target countries.
func LeadInTargets(lead Lead, user User) bool {
	return slices.Contains(user.TargetMarkets, lead.Country)
}

// LeadCount is how many owners a lead matches.
type LeadCount struct {
	// Matches is how many owners qualify (LeadMatches), reachable
	// or not.
	Matches int
	// InTargets is how many of them chose the lead's country as a target
	// (LeadInTargets).
	InTargets int
	// Reachable is how many of the matches a send would reach: those who
	// neither blocked the bot nor turned announcements off, as a
	// broadcast's audience.
	Reachable int
}

// LeadAnswer is one answer an owner gave to a lead: interested or not.
type LeadAnswer struct {
	Interested bool      `json:"interested"`
	At         time.Time `json:"at"`
}

// LeadResponse is an owner's answer to a lead: the latest, and every one
// before it, oldest first, since an owner may change their mind while the
// lead is open.
type LeadResponse struct {
	Owner   int64        `json:"owner"`
	Latest  LeadAnswer   `json:"latest"`
	History []LeadAnswer `json:"history,omitempty"`
}

// Answer adds a to the response: it becomes the latest, the one before
// joins the history.
func (r LeadResponse) Answer(a LeadAnswer) LeadResponse {
	if !r.Latest.At.IsZero() {
		r.History = append(slices.Clip(r.History), r.Latest)
	}
	r.Latest = a
	return r
}
