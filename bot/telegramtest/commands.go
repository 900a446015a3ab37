package telegramtest

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
)

// commandKey is one command list: a scope and a language ("" for all).
type commandKey struct {
	scope  string // BotCommandScope type: default, all_private_chats, chat, ...
	chatID int64
	userID int64
	lang   string
}

var commandRe = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// scopeKey reads the scope and language_code params. Callers hold s.mu.
func (s *Server) scopeKey(rq *request) (commandKey, *apiError) {
	k := commandKey{scope: "default", lang: rq.params["language_code"]}
	obj, ok := rq.decoded["scope"].(map[string]any)
	if !ok {
		return k, nil
	}
	k.scope = str(obj["type"])
	switch v := obj["chat_id"].(type) {
	case json.Number:
		c := s.chatByParam(v.String())
		if c == nil {
			return k, badRequest("Bad Request: chat not found")
		}
		k.chatID = c.id
	case string:
		c := s.chatByParam(v)
		if c == nil {
			return k, badRequest("Bad Request: chat not found")
		}
		k.chatID = c.id
	}
	if n, ok := obj["user_id"].(json.Number); ok {
		k.userID, _ = n.Int64()
	}
	return k, nil
}

func (s *Server) setMyCommands(_ context.Context, rq *request) reply {
	raw, _ := rq.decoded["commands"].([]any)
	if len(raw) > 100 {
		s.report("setMyCommands: %d commands, at most 100 allowed", len(raw))
		return fail(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
	}
	cmds := make([]BotCommand, 0, len(raw))
	for _, r := range raw {
		o, _ := r.(map[string]any)
		c := BotCommand{Command: str(o["command"]), Description: str(o["description"])}
		if !commandRe.MatchString(c.Command) {
			s.report("setMyCommands: command %q is not [a-z0-9_]{1,32}", c.Command)
			return fail(400, "Bad Request: BOT_COMMAND_INVALID")
		}
		cmds = append(cmds, c)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.scopeKey(rq)
	if e != nil {
		return reply{err: e}
	}
	if len(cmds) == 0 {
		delete(s.commands, k)
	} else {
		s.commands[k] = cmds
	}
	s.notify()
	return okTrue
}

func (s *Server) getMyCommands(_ context.Context, rq *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.scopeKey(rq)
	if e != nil {
		return reply{err: e}
	}
	out := make([]wireBotCommand, 0, len(s.commands[k]))
	for _, c := range s.commands[k] {
		out = append(out, wireBotCommand(c))
	}
	return ok(out)
}

func (s *Server) deleteMyCommands(_ context.Context, rq *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.scopeKey(rq)
	if e != nil {
		return reply{err: e}
	}
	delete(s.commands, k)
	s.notify()
	return okTrue
}

// Commands returns the command menu a private chat shows, resolved like
// Telegram: the chat's own scope, then all private chats, then the
// default, each first in the user's language and then for all languages.
func (s *Server) Commands(chatID int64) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	lang := ""
	if u := s.users[chatID]; u != nil {
		lang = u.lang
	}
	for _, k := range []commandKey{
		{scope: "chat", chatID: chatID}, {scope: "all_private_chats"}, {scope: "default"},
	} {
		for _, l := range []string{lang, ""} {
			k.lang = l
			if cmds, ok := s.commands[k]; ok {
				return slices.Clone(cmds)
			}
		}
	}
	return nil
}
