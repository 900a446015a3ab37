package handlers

import (
	"context"
	"time"

	"ikmbot"
)

// CertStore is what the certification desk needs of storage.
type CertStore interface {
	// Certificates returns the owner's recorded certificates in catalog
	// order; errors are Redis failures.
	Certificates(ctx context.Context, ownerID int64) ([]ikmbot.Certificate, error)
	// SaveCertificate records a certificate and changes its due items in
	// the same transaction; EInvalid for one that does not validate.
	SaveCertificate(ctx context.Context, ownerID int64, c ikmbot.Certificate, schedule []ikmbot.Due, unschedule []string) error
	// DeleteCertificate removes one and its due items.
	DeleteCertificate(ctx context.Context, ownerID int64, certType string, unschedule []string) error
	// Schedule adds due items (the next monthly question).
	Schedule(ctx context.Context, items ...ikmbot.Due) error
	// Unschedule removes due items by key.
	Unschedule(ctx context.Context, keys ...string) error
	// OpenHelp records a new help request; EInvalid for one without text.
	OpenHelp(ctx context.Context, r ikmbot.HelpRequest) (ikmbot.HelpRequest, error)
	// Help loads one request; ENotFound when there is none.
	Help(ctx context.Context, id string) (ikmbot.HelpRequest, error)
	// OpenHelpRequests lists requests not closed, newest first, of one
	// region or ("") all.
	OpenHelpRequests(ctx context.Context, region string, limit int) ([]ikmbot.HelpRequest, error)
	// HelpOf lists the owner's requests, newest first.
	HelpOf(ctx context.Context, ownerID int64) ([]ikmbot.HelpRequest, error)
	// TakeHelp gives an open request to a staff member; EConflict (with
	// the request) when someone else has it, ENotFound when there is none.
	TakeHelp(ctx context.Context, id string, staffID int64, now time.Time) (ikmbot.HelpRequest, error)
	// AddHelpStep adds a reply or note; EConflict when it is closed.
	AddHelpStep(ctx context.Context, id string, step ikmbot.HelpStep) (ikmbot.HelpRequest, error)
	// CloseHelp closes a request; EConflict when it already is.
	CloseHelp(ctx context.Context, id string, step ikmbot.HelpStep) (ikmbot.HelpRequest, error)
	// UsersWithRole lists staff, mentors and admins, to tell staff of new
	// requests.
	UsersWithRole(ctx context.Context) (map[int64]ikmbot.Role, error)
}
