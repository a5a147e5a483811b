# Sourced by .ci/run: makes sure a Postgres server is reachable for the tests and tells
# them where, in SPOTLIGHT_TEST_POSTGRES_URL (tests/it/postgres_db.rs).
#
# 1. SPOTLIGHT_TEST_POSTGRES_URL already set: used as it is.
# 2. The machine's server on 127.0.0.1 (port SPOTLIGHT_CI_POSTGRES_PORT, 5432 by default)
#    answers and lets user postgres in without a password: used.
# 3. Otherwise Debian's postgresql is installed if missing, and a throwaway cluster is
#    started in a temporary directory on a free port (as user postgres when run as root:
#    initdb refuses root), stopped and deleted when the calling script exits.

ci_postgres_trusts() { # URL: whether the server at URL lets us in
  psql "$1" -XAtqc 'SELECT 1' >/dev/null 2>&1
}

ci_postgres_bin() { # the newest installed server's bin directory, if any
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ci_postgres_start_temporary() {
  local bin dir port run=()
  bin=$(ci_postgres_bin)
  if [ -z "$bin" ] || ! command -v psql >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1; then
      echo "no Postgres server answers and apt-get is missing: the Postgres tests will not run" >&2
      return 0
    fi
    echo "installing Debian's postgresql for the Postgres tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ci_postgres_bin)
    [ -n "$bin" ] || { echo "postgresql installed, but no server found in /usr/lib/postgresql" >&2; return 1; }
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/spotlight-pg.XXXXXX")
  CI_POSTGRES_DIR=$dir
  CI_POSTGRES_STOP=()
  trap 'ci_postgres_stop' EXIT
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # No durability needed: the cluster is deleted at the end.
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  CI_POSTGRES_STOP=("${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop)
  export SPOTLIGHT_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "started a temporary Postgres ($("$bin/postgres" --version)) in $dir on port $port" >&2
}

ci_postgres_stop() { # at exit: the temporary cluster stopped (if it started) and deleted
  if [ ${#CI_POSTGRES_STOP[@]} -gt 0 ]; then
    "${CI_POSTGRES_STOP[@]}" >/dev/null 2>&1 || true
  fi
  rm -rf "$CI_POSTGRES_DIR"
}

if [ -z "${SPOTLIGHT_TEST_POSTGRES_URL:-}" ]; then
  ci_pg_port=${SPOTLIGHT_CI_POSTGRES_PORT:-5432}
  ci_pg_url="postgres://postgres@127.0.0.1:$ci_pg_port/postgres"
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$ci_pg_port" \
    && ci_postgres_trusts "$ci_pg_url"; then
    export SPOTLIGHT_TEST_POSTGRES_URL=$ci_pg_url
    echo "Postgres tests: the server on 127.0.0.1:$ci_pg_port" >&2
  else
    ci_postgres_start_temporary
  fi
fi
