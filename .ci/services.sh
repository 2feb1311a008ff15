#!/usr/bin/env bash
# Makes sure what the tests use is here: PostgreSQL and Redis running (the production configuration),
# Prometheus and Alertmanager binaries (real servers in the observability tests; the tests start and
# stop them), and Chromium (browser tests). Installs from Debian's packages when missing, starts the
# services when stopped. Prints only to stderr.
set -uo pipefail
exec 1>&2

apt_ready=0
apt_install() {
  if [ "$apt_ready" = 0 ]; then apt-get update -qq >/dev/null && apt_ready=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
command -v chromium >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install --no-install-recommends "${missing[@]}" || echo "services: could not install ${missing[*]}"
fi
pg_isready -h 127.0.0.1 -p 5432 || echo "services: PostgreSQL is not ready"
redis-cli -h 127.0.0.1 ping || echo "services: Redis is not ready"
