#!/usr/bin/env bash
# Installs redis-server from Debian's packages when it is missing. Sourced by
# the other scripts; uses sudo when not root.
need_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  echo "redis-server not found: installing it from Debian's packages" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
}
