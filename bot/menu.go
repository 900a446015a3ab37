package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ikmbot"
)

// SetDefaultMenu sets the command menu every chat without a menu of its own
// sees; lang "" is the fallback for all languages, otherwise the menu is for
// Telegram apps set to that language. Chat menus go through the Sender as
// ikmbot.Message.Menu.
func (c *Client) SetDefaultMenu(ctx context.Context, cmds []ikmbot.MenuCommand, lang string) error {
	list := make([]tgbotapi.BotCommand, 0, len(cmds))
	for _, m := range cmds {
		list = append(list, tgbotapi.BotCommand{Command: m.Command, Description: m.Description})
	}
	p := tgbotapi.Params{}
	if err := p.AddInterface("commands", list); err != nil {
		return fmt.Errorf("set default menu: %w", err)
	}
	if err := p.AddInterface("scope", tgbotapi.NewBotCommandScopeDefault()); err != nil {
		return fmt.Errorf("set default menu: %w", err)
	}
	p.AddNonEmpty("language_code", lang)
	if _, err := c.call(ctx, request{method: "setMyCommands", params: p}); err != nil {
		return fmt.Errorf("set default menu: %w", err)
	}
	return nil
}
