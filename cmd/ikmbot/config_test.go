package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	base := map[string]string{"TELEGRAM_BOT_TOKEN": "123456:ABC-def_ghi"}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // the variable the error must name; "" for no error
	}{
		{"defaults", nil, ""},
		{"no token", map[string]string{"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN"},
		{"bad token", map[string]string{"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN"},
		{"admin ids", map[string]string{"ADMIN_IDS": "1, 22,333"}, ""},
		{"bad admin ids", map[string]string{"ADMIN_IDS": "1,abc"}, "ADMIN_IDS"},
		{"bad timezone", map[string]string{"BOT_TIMEZONE": "Mars/Olympus"}, "BOT_TIMEZONE"},
		{"bad redis url", map[string]string{"REDIS_URL": "localhost:6379"}, "REDIS_URL"},
		{"bad send rate", map[string]string{"SEND_RATE": "fast"}, "SEND_RATE"},
		{"zero send rate", map[string]string{"SEND_RATE": "0"}, "SEND_RATE"},
		{"bad http addr", map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{"bad endpoint", map[string]string{"TELEGRAM_API_ENDPOINT": "http://x/bot"}, "TELEGRAM_API_ENDPOINT"},
		{"webhook without secret", map[string]string{"WEBHOOK_URL": "https://bot.example/hook"}, "WEBHOOK_SECRET"},
		{"webhook over http", map[string]string{"WEBHOOK_URL": "http://bot.example/hook", "WEBHOOK_SECRET": "s3cret"}, "WEBHOOK_URL"},
		{"webhook", map[string]string{"WEBHOOK_URL": "https://bot.example/hook", "WEBHOOK_SECRET": "s3cret"}, ""},
		{"class reminders", map[string]string{"CLASS_REMINDERS": "3d, 12h,30m"}, ""},
		{"bad class reminders", map[string]string{"CLASS_REMINDERS": "7d,soon"}, "CLASS_REMINDERS"},
		{"negative class reminder", map[string]string{"CLASS_REMINDERS": "-2h"}, "CLASS_REMINDERS"},
		{"quiet hours", map[string]string{"QUIET_HOURS": "22-6"}, ""},
		{"bad quiet hours", map[string]string{"QUIET_HOURS": "22"}, "QUIET_HOURS"},
		{"quiet hours out of range", map[string]string{"QUIET_HOURS": "21-24"}, "QUIET_HOURS"},
		{"quiet hours empty", map[string]string{"QUIET_HOURS": "0-0"}, "QUIET_HOURS"},
		{"population", map[string]string{"IKM_POPULATION": "120000"}, ""},
		{"bad population", map[string]string{"IKM_POPULATION": "banyak"}, "IKM_POPULATION"},
		{"zero population", map[string]string{"IKM_POPULATION": "0"}, "IKM_POPULATION"},
		{"population too large", map[string]string{"IKM_POPULATION": "2000000000"}, "IKM_POPULATION"},
		{"target percent", map[string]string{"EXPORT_TARGET_PERCENT": "12.5%"}, ""},
		{"bad target percent", map[string]string{"EXPORT_TARGET_PERCENT": "thirty"}, "EXPORT_TARGET_PERCENT"},
		{"zero target percent", map[string]string{"EXPORT_TARGET_PERCENT": "0"}, "EXPORT_TARGET_PERCENT"},
		{"target percent above 100", map[string]string{"EXPORT_TARGET_PERCENT": "150"}, "EXPORT_TARGET_PERCENT"},
		{"target percent not a number", map[string]string{"EXPORT_TARGET_PERCENT": "NaN"}, "EXPORT_TARGET_PERCENT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tt.env {
				env[k] = v
			}
			c, err := ConfigFromEnv(func(k string) string { return env[k] })
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want one naming %s", err, tt.wantErr)
			case tt.wantErr != "" && strings.Contains(err.Error(), "\n"):
				t.Errorf("error spans lines: %q", err)
			}
			if err == nil && tt.name == "defaults" {
				if c.RedisURL != "redis://localhost:6379/0" || c.HTTPAddr != ":8080" || c.SendRate != 25 || c.Location.String() != "Asia/Jakarta" {
					t.Errorf("defaults = %+v", c)
				}
			}
			if err == nil && tt.name == "defaults" && (c.QuietStart != 21 || c.QuietEnd != 7 || c.ClassReminders != nil) {
				t.Errorf("reminder defaults = %d-%d, %v", c.QuietStart, c.QuietEnd, c.ClassReminders)
			}
			if err == nil && tt.name == "class reminders" && !slices.Equal(c.ClassReminders, []time.Duration{72 * time.Hour, 12 * time.Hour, 30 * time.Minute}) {
				t.Errorf("ClassReminders = %v", c.ClassReminders)
			}
			if err == nil && tt.name == "quiet hours" && (c.QuietStart != 22 || c.QuietEnd != 6) {
				t.Errorf("quiet hours = %d-%d", c.QuietStart, c.QuietEnd)
			}
			if err == nil && tt.name == "defaults" && (c.Population != 95000 || c.TargetPercent != 30) {
				t.Errorf("target defaults = %d IKM, %v%%", c.Population, c.TargetPercent)
			}
			if err == nil && tt.name == "population" && c.Population != 120000 {
				t.Errorf("Population = %d, want 120000", c.Population)
			}
			if err == nil && tt.name == "target percent" && c.TargetPercent != 12.5 {
				t.Errorf("TargetPercent = %v, want 12.5", c.TargetPercent)
			}
			if err == nil && tt.name == "admin ids" && len(c.AdminIDs) != 3 {
				t.Errorf("AdminIDs = %v, want 3 ids", c.AdminIDs)
			}
			if err != nil && strings.Contains(err.Error(), "ABC-def_ghi") {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}
