package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Config is everything the bot reads from its environment, parsed and
// checked. End-to-end tests build one in code.
type Config struct {
	Token         string
	APIEndpoint   string // go-telegram-bot-api format: .../bot%s/%s
	RedisURL      string
	AdminIDs      []int64
	Location      *time.Location
	HTTPAddr      string
	WebhookURL    string
	WebhookSecret string
	SendRate      float64
	PollTimeout   time.Duration // long-poll timeout; tests shorten it
}

const defaultEndpoint = "https://api.telegram.org/bot%s/%s"

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// ConfigFromEnv reads the variables DESIGN.md lists through getenv
// (os.Getenv in production) and applies defaults. The error names the
// first variable that is missing or malformed, in one line.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Token:         strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN")),
		APIEndpoint:   or(getenv("TELEGRAM_API_ENDPOINT"), defaultEndpoint),
		RedisURL:      or(getenv("REDIS_URL"), "redis://localhost:6379/0"),
		HTTPAddr:      or(getenv("HTTP_ADDR"), ":8080"),
		WebhookURL:    getenv("WEBHOOK_URL"),
		WebhookSecret: getenv("WEBHOOK_SECRET"),
		SendRate:      25,
		PollTimeout:   30 * time.Second,
	}
	if v := strings.TrimSpace(getenv("ADMIN_IDS")); v != "" {
		for _, part := range strings.Split(v, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
			if err != nil || id <= 0 {
				return c, fmt.Errorf("ADMIN_IDS: %q is not a Telegram user id (want comma-separated numbers)", strings.TrimSpace(part))
			}
			c.AdminIDs = append(c.AdminIDs, id)
		}
	}
	tz := or(getenv("BOT_TIMEZONE"), "Asia/Jakarta")
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return c, fmt.Errorf("BOT_TIMEZONE: %q is not a time zone (want a name such as Asia/Jakarta)", tz)
	}
	c.Location = loc
	if v := getenv("SEND_RATE"); v != "" {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return c, fmt.Errorf("SEND_RATE: %q is not a number of messages per second", v)
		}
		c.SendRate = rate
	}
	return c, c.Validate()
}

// Validate checks a Config, whether read from the environment or built in
// code, and names the variable at fault.
func (c Config) Validate() error {
	switch {
	case c.Token == "":
		return errors.New("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather (see README.md)")
	case !tokenPattern.MatchString(c.Token):
		return errors.New("TELEGRAM_BOT_TOKEN is malformed: want the form 123456789:AA... that @BotFather gives")
	case strings.Count(c.APIEndpoint, "%s") != 2:
		return fmt.Errorf("TELEGRAM_API_ENDPOINT: %q must contain %%s twice, like %s", c.APIEndpoint, defaultEndpoint)
	case c.SendRate <= 0 || c.SendRate > 100000:
		// Telegram allows about 30 a second (1000 paid); the high ceiling is
		// for benchmarks against the fake Bot API.
		return fmt.Errorf("SEND_RATE: %v must be between 0 and 100000 messages per second", c.SendRate)
	case c.Location == nil:
		return errors.New("BOT_TIMEZONE is not set")
	}
	if _, err := redis.ParseURL(c.RedisURL); err != nil {
		return fmt.Errorf("REDIS_URL: %q is not a redis:// or rediss:// URL", c.RedisURL)
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return fmt.Errorf("HTTP_ADDR: %q is not host:port (for example :8080)", c.HTTPAddr)
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("WEBHOOK_URL: %q must be an https:// URL", c.WebhookURL)
		}
		if !secretPattern.MatchString(c.WebhookSecret) {
			return errors.New("WEBHOOK_SECRET must be set with WEBHOOK_URL: 1-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	return nil
}

func or(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}
