package main

import (
	"errors"
	"fmt"
	"math"
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
	// ClassReminders are how long before each class meeting owners are
	// reminded (CLASS_REMINDERS).
	ClassReminders []time.Duration
	// QuietStart and QuietEnd are the hours (in Location) between which
	// reminders wait for the morning (QUIET_HOURS).
	QuietStart, QuietEnd int
	// Population is the number of IKM in the province (IKM_POPULATION)
	// and TargetPercent the share of them meant to export
	// (EXPORT_TARGET_PERCENT), for /statistik. Zero, in a Config built in
	// code, means the handlers' defaults (95000 and 30).
	Population    int
	TargetPercent float64
	// Now is the clock; nil means time.Now. Tests and the sandbox move it.
	Now func() time.Time
	// ticks, when set, runs a reminder tick for each value received, on
	// top of the cron schedule: tests move the clock and tick at once.
	ticks <-chan chan<- tickResult
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
		QuietStart:    21,
		QuietEnd:      7,
		Population:    95000,
		TargetPercent: 30,
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
	if v := getenv("CLASS_REMINDERS"); v != "" {
		if c.ClassReminders, err = parseOffsets(v); err != nil {
			return c, fmt.Errorf("CLASS_REMINDERS: %v", err)
		}
	}
	if v := strings.TrimSpace(getenv("QUIET_HOURS")); v != "" {
		from, to, ok := strings.Cut(v, "-")
		start, err1 := strconv.Atoi(strings.TrimSpace(from))
		end, err2 := strconv.Atoi(strings.TrimSpace(to))
		if !ok || err1 != nil || err2 != nil || start < 0 || start > 23 || end < 0 || end > 23 || start == end {
			// Equal hours would mean no quiet hours to the engine, except
			// 0-0, which means its defaults: refused, so neither surprises.
			return c, fmt.Errorf("QUIET_HOURS: %q is not two different hours such as 21-7 (quiet from 21:00 to 07:00)", v)
		}
		c.QuietStart, c.QuietEnd = start, end
	}
	if v := strings.TrimSpace(getenv("IKM_POPULATION")); v != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(v, "_", ""))
		if err != nil || n <= 0 {
			return c, fmt.Errorf("IKM_POPULATION: %q is not a number of IKM (want a whole number such as 95000)", v)
		}
		c.Population = n
	}
	if v := strings.TrimSpace(getenv("EXPORT_TARGET_PERCENT")); v != "" {
		p, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil || p <= 0 {
			return c, fmt.Errorf("EXPORT_TARGET_PERCENT: %q is not a percentage (want a number above 0 and at most 100, such as 30)", v)
		}
		c.TargetPercent = p
	}
	return c, c.Validate()
}

// parseOffsets reads "7d,1d,2h": durations before a meeting, with d for
// days on top of Go's units.
func parseOffsets(v string) ([]time.Duration, error) {
	var out []time.Duration
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		var d time.Duration
		var err error
		if days, ok := strings.CutSuffix(part, "d"); ok {
			var n int
			n, err = strconv.Atoi(days)
			d = time.Duration(n) * 24 * time.Hour
		} else {
			d, err = time.ParseDuration(part)
		}
		if err != nil || d <= 0 || d > 60*24*time.Hour {
			return nil, fmt.Errorf("%q is not a time before the meeting (want a list such as 7d,1d,2h)", part)
		}
		out = append(out, d)
	}
	return out, nil
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
	case c.Population < 0 || c.Population > 100_000_000:
		return fmt.Errorf("IKM_POPULATION: %d must be between 1 and 100000000 IKM", c.Population)
	case c.TargetPercent < 0 || c.TargetPercent > 100 || math.IsNaN(c.TargetPercent):
		return fmt.Errorf("EXPORT_TARGET_PERCENT: %v must be above 0 and at most 100", c.TargetPercent)
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
