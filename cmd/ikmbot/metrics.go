package main

import (
	"fmt"
	"net/http"

	"ikmbot/bot"
	"ikmbot/handlers"
	"ikmbot/storage"
)

// metrics serves the bot's counters in Prometheus' text format: events
// handled, Redis round trips and commands, and the outcome of every request
// to Telegram. The benchmark reads it too.
func metrics(router *handlers.Router, store *storage.Store, redisCount *storage.Counter, sender *bot.Sender, outbox *bot.Outbox) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		st := sender.Stats()
		handled, duplicates := router.Counts()
		fmt.Fprintf(w, "# HELP ikmbot_events_handled_total Telegram updates handled.\n# TYPE ikmbot_events_handled_total counter\nikmbot_events_handled_total %d\n", handled)
		fmt.Fprintf(w, "# HELP ikmbot_events_duplicate_total Redelivered updates skipped.\n# TYPE ikmbot_events_duplicate_total counter\nikmbot_events_duplicate_total %d\n", duplicates)
		fmt.Fprintf(w, "# HELP ikmbot_redis_round_trips_total Round trips to Redis (a pipeline or transaction is one).\n# TYPE ikmbot_redis_round_trips_total counter\nikmbot_redis_round_trips_total %d\n", redisCount.RoundTrips())
		fmt.Fprintf(w, "# HELP ikmbot_redis_commands_total Redis commands sent.\n# TYPE ikmbot_redis_commands_total counter\nikmbot_redis_commands_total %d\n", redisCount.Commands())
		fmt.Fprintf(w, "# HELP ikmbot_telegram_requests_total Requests to Telegram by outcome.\n# TYPE ikmbot_telegram_requests_total counter\n")
		for _, o := range []struct {
			name string
			n    int64
		}{
			{"sent", st.Sent}, {"not_modified", st.NotModified}, {"retried_429", st.Retried429}, {"retried", st.Retried},
			{"unreachable", st.Unreachable}, {"bad_request", st.BadRequest}, {"failed", st.Failed},
		} {
			fmt.Fprintf(w, "ikmbot_telegram_requests_total{outcome=%q} %d\n", o.name, o.n)
		}
		sent, failed := outbox.Counts()
		fmt.Fprintf(w, "# HELP ikmbot_bulk_messages_total Reminders and other bulk messages handed to the outbox, by outcome.\n# TYPE ikmbot_bulk_messages_total counter\n")
		fmt.Fprintf(w, "ikmbot_bulk_messages_total{outcome=\"sent\"} %d\nikmbot_bulk_messages_total{outcome=\"failed\"} %d\n", sent, failed)
		fmt.Fprintf(w, "# HELP ikmbot_bulk_messages_pending Bulk messages waiting in the outbox.\n# TYPE ikmbot_bulk_messages_pending gauge\nikmbot_bulk_messages_pending %d\n", outbox.Pending())
		// Read from Redis: a scrape while Redis is down leaves them out
		// rather than failing the counters above. The reads are not
		// counted as round trips, so watching does not move the counts.
		rctx := storage.Uncounted(r.Context())
		if n, err := store.DueCount(rctx); err == nil {
			fmt.Fprintf(w, "# HELP ikmbot_due_items Reminders, nudges and scheduled broadcasts waiting for their time.\n# TYPE ikmbot_due_items gauge\nikmbot_due_items %d\n", n)
		}
		if counts, err := store.HelpCounts(rctx); err == nil {
			fmt.Fprintf(w, "# HELP ikmbot_help_requests_total Help requests opened and closed.\n# TYPE ikmbot_help_requests_total counter\n")
			fmt.Fprintf(w, "ikmbot_help_requests_total{event=\"opened\"} %d\nikmbot_help_requests_total{event=\"closed\"} %d\n", counts["opened"], counts["closed"])
		}
	}
}
