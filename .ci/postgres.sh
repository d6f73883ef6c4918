# Start a throwaway PostgreSQL 15 server for the tests: `. .ci/postgres.sh && start_postgres`.
# A cluster in a temporary folder, owned by a non-root user, on a free port of 127.0.0.1 only, trust
# authentication for that address (nothing else can reach it). Sets CLAIMTRACK_TEST_PG; stop_postgres ends it.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "installing PostgreSQL 15 (Debian packages)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) || return 1
  fi
  PG_DATA=$(mktemp -d /tmp/claimtrack-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" = 0 ]; then  # initdb refuses root: the cluster belongs to the postgres user
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DATA"
    run=(runuser -u postgres --)
  fi
  PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DATA/data" -U claimtrack --auth=trust -E UTF8 --locale=C >/dev/null || return 1
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || {
      cat "$PG_DATA/server.log" >&2; return 1; }
  export CLAIMTRACK_TEST_PG="postgresql://claimtrack@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT for the tests" >&2
}

stop_postgres() {
  [ -n "${PG_DATA:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PG_DATA"
}
