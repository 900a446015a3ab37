package telegramtest

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// webhook is what setWebhook configured; url "" means polling.
type webhook struct {
	url     string
	secret  string
	maxConn int
	allowed []string
	cert    bool
	lastSet time.Time
}

var secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Webhook returns the webhook URL and secret token the bot set, both
// empty in polling mode. The fake does not deliver updates to it.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.url, s.webhook.secret
}

func (s *Server) setWebhook(ctx context.Context, rq *request) reply {
	link := rq.params["url"]
	if link == "" {
		return s.deleteWebhook(ctx, rq)
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		s.report("setWebhook: url %q is not an https URL", link)
		return fail(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
	}
	switch u.Port() {
	case "", "443", "80", "88", "8443":
	default:
		s.report("setWebhook: port %s of %q is not 80, 88, 443 or 8443", u.Port(), link)
		return fail(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
	}
	secret := rq.params["secret_token"]
	if secret != "" && !secretRe.MatchString(secret) {
		s.report("setWebhook: secret_token has characters outside A-Za-z0-9_-")
		return fail(400, "Bad Request: secret token contains unallowed characters")
	}
	maxConn := 40
	if v := rq.params["max_connections"]; v != "" {
		n, _ := strconv.Atoi(v)
		maxConn = min(max(n, 1), 100)
	}
	var allowed []string
	if v, ok := rq.decoded["allowed_updates"].([]any); ok {
		for _, a := range v {
			allowed = append(allowed, str(a))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	// srv allows one setWebhook a second; enforced only with flood
	// simulation on, so ordinary tests can reconfigure freely.
	if (s.limits != Limits{}) && !s.webhook.lastSet.IsZero() && now.Sub(s.webhook.lastSet) < time.Second {
		return reply{err: &apiError{code: 429, desc: "Too Many Requests: retry after 1", retryAfter: 1}}
	}
	next := webhook{url: link, secret: secret, maxConn: maxConn, allowed: allowed, cert: rq.files["certificate"] != nil, lastSet: now}
	same := s.webhook.url == next.url && s.webhook.secret == next.secret && s.webhook.maxConn == next.maxConn &&
		slices.Equal(s.webhook.allowed, next.allowed) && !next.cert
	s.webhook = next
	s.kickPoll(conflictWebhook)
	if isTrue(rq.params["drop_pending_updates"]) {
		s.dropUpdates()
	}
	s.notify()
	if same {
		return reply{result: []byte("true"), desc: "Webhook is already set"}
	}
	return reply{result: []byte("true"), desc: "Webhook was set"}
}

func (s *Server) deleteWebhook(_ context.Context, rq *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	was := s.webhook.url != ""
	s.webhook = webhook{lastSet: s.webhook.lastSet}
	if isTrue(rq.params["drop_pending_updates"]) {
		s.dropUpdates()
	}
	s.notify()
	if was {
		return reply{result: []byte("true"), desc: "Webhook was deleted"}
	}
	return reply{result: []byte("true"), desc: "Webhook is already deleted"}
}

func (s *Server) getWebhookInfo(context.Context, *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := wireWebhookInfo{URL: s.webhook.url, HasCustomCertificate: s.webhook.cert, PendingUpdateCount: len(s.updates)}
	if s.webhook.url != "" {
		info.MaxConnections, info.AllowedUpdates = s.webhook.maxConn, s.webhook.allowed
	}
	return ok(info)
}

// dropUpdates forgets every queued update. Callers hold s.mu.
func (s *Server) dropUpdates() {
	clear(s.updates)
	s.updates = s.updates[:0]
}
