#!/usr/bin/env bash
# Runs every test: unit, storage (against a real redis-server that the test
# helper starts on a free port) and end-to-end (the whole bot against the
# fake Bot API server). Installs redis-server first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/need-redis.sh
need_redis
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -race -count=1 ./... "$@"
