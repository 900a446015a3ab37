package telegramtest

import "context"

const queryInvalid = "Bad Request: query is too old and response timeout expired or query ID is invalid"

func (s *Server) answerCallbackQuery(_ context.Context, rq *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	cb := s.callbacks[rq.params["callback_query_id"]]
	if cb == nil || cb.answered {
		// Telegram accepts one answer per query; a second one fails like
		// an unknown id.
		return fail(400, queryInvalid)
	}
	if ttl := s.opts.CallbackTTL; ttl > 0 && s.now().Sub(cb.issued) > ttl {
		return fail(400, queryInvalid)
	}
	cb.answered = true
	s.notify()
	return okTrue
}

// UnansweredCallbacks returns the ids of callback queries (from UserPressed
// and UserPressedForged) the bot has not answered, oldest first. Telegram
// clients show a spinner until the answer, so a bot must answer every one.
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.cbOrder {
		if !s.callbacks[id].answered {
			out = append(out, id)
		}
	}
	return out
}
