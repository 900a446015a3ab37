package telegramtest

// ParseHTML parses s as Telegram parses a text sent with parse_mode HTML
// (tdlib's rules, the fake's parser) and returns the plain text a user
// would see, before white space is trimmed. err is Telegram's description
// of why s would be refused. It lets tests of code that writes HTML check
// that Telegram accepts it without a server.
func ParseHTML(s string) (text string, err error) {
	text, _, err = parseHTML(s)
	return text, err
}
