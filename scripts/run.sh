#!/usr/bin/env bash
# Runs the bot. Needs TELEGRAM_BOT_TOKEN (from @BotFather); every other
# variable has a default (see README.md). When REDIS_URL is not set and no
# Redis answers on localhost:6379, it starts one for you with AOF in ./.data
# (installing redis-server first when it is missing) and stops it when the
# bot stops, so no Redis outlives the checkout it keeps its data in.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TELEGRAM_BOT_TOKEN:-}" ]; then
  echo "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather (see README.md), then run" >&2
  echo "  TELEGRAM_BOT_TOKEN=123456789:AA... bash scripts/run.sh" >&2
  exit 2
fi
started_redis=""
if [ -z "${REDIS_URL:-}" ]; then
  source scripts/need-redis.sh
  need_redis
  if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    mkdir -p .data
    echo "starting redis-server on localhost:6379 with AOF in .data/" >&2
    redis-server --port 6379 --bind 127.0.0.1 --dir "$PWD/.data" --appendonly yes --appendfsync everysec --daemonize yes --logfile "$PWD/.data/redis.log"
    for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.1; done
    started_redis=1
  fi
fi
if [ -z "$started_redis" ]; then
  exec go run ./cmd/ikmbot
fi
# The data is in .data/appendonly: shutting down writes it out.
trap 'redis-cli -p 6379 shutdown >/dev/null 2>&1 || true' EXIT
go run ./cmd/ikmbot
