#!/usr/bin/env bash
# Runs every test: unit, storage (against a real redis-server that the test
# helper starts on a free port) and end-to-end (the whole bot against the
# fake Bot API server), and the sandbox's browser test in headless chromium.
# Installs redis-server first when it is missing; chromium it leaves to you
# (CI installs it): without it the browser test skips, as said below.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/need-redis.sh
need_redis
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CI:-}" ]; then
  echo "chromium not found: the sandbox's browser test (TestSandboxBrowser) will skip; CI runs it." \
    "To run it here: sudo apt-get install chromium fonts-noto-color-emoji" >&2
fi
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -race -count=1 ./... "$@"
