#!/usr/bin/env bash
# Installs (if needed) and starts PostgreSQL on loopback for the storage tests, and prints the JDBC URL
# of an empty test database. Used by .ci/run; also handy locally:  export TAKEDOWN_TEST_POSTGRES_URL=$(.ci/postgres.sh)
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi
# Loopback only: the project never listens beyond this machine.
pg_conftool "$version" main set listen_addresses localhost >&2 || true
pg_ctlcluster "$version" main start >&2 2>/dev/null || pg_ctlcluster "$version" main status >&2
port=$(pg_conftool -s "$version" main show port 2>/dev/null || echo 5432)
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -qAtc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='takedown') THEN CREATE ROLE takedown LOGIN PASSWORD 'takedown'; END IF; END\\\$\\\$\"" >&2
su postgres -c "psql -p $port -qAtc \"SELECT 1 FROM pg_database WHERE datname='takedown_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O takedown takedown_test" >&2
echo "jdbc:postgresql://127.0.0.1:$port/takedown_test?user=takedown&password=takedown"
