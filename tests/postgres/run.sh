#!/usr/bin/env bash
# The PostgreSQL extension end to end (docs/postgres.md): builds postgres/
# against the CMake build that holds the given jixiao, installs it into the
# PostgreSQL found by pg_config, starts a throwaway cluster and runs the
# regression SQL of tests/postgres/sql/ against tests/postgres/expected/
# with pg_regress, after loading what the CLI gives for the same rules and
# data (reference.py) for the tests to compare with.
#
# usage: tests/postgres/run.sh path/to/jixiao
#
#   PG_CONFIG    pg_config of the PostgreSQL to use (default: PostgreSQL 15's
#                Debian path, else pg_config on PATH)
#
# The cluster: initdb in a temporary folder, as the postgres user when run
# as root (PostgreSQL refuses to run as root), else as the current user;
# listening only on a Unix socket in that folder (listen_addresses = ''),
# stopped and removed at exit, also when a step fails. Installing the
# extension writes into PostgreSQL's own folders: as root, or with
# passwordless sudo; otherwise the script stops and says so.
#
# Exit 0 all passed, 1 a failure, 77 skipped because PostgreSQL cannot run
# here at all (not installed, or no postgres user to run it as root).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/postgres

# Loud: a banner on stderr, which scripts/test.sh repeats at the end of its
# run (it finds "SKIPPED:" in ctest's log).
skip() {
	{
		echo "postgres: =================================================================="
		echo "postgres: SKIPPED: $*"
		echo "postgres: the PostgreSQL extension was NOT tested"
		echo "postgres: =================================================================="
	} >&2
	exit 77
}
die() {
	echo "postgres: FAIL: $*"
	exit 1
}

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 path/to/jixiao" >&2
	exit 2
fi
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BUILD=$(dirname "$JX")
[ -f "$BUILD/libjixiao.a" ] || die "$BUILD/libjixiao.a not found (the CMake build of $JX)"

# ---- PostgreSQL ----------------------------------------------------------------
if [ -z "${PG_CONFIG:-}" ]; then
	if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then
		PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
	else
		PG_CONFIG=$(command -v pg_config || true)
	fi
fi
if [ -z "$PG_CONFIG" ] || [ ! -x "$PG_CONFIG" ]; then
	skip "no pg_config: PostgreSQL is not installed (scripts/setup-deps.sh installs postgresql-15 and postgresql-server-dev-15)"
fi
BIN=$("$PG_CONFIG" --bindir)
for b in initdb pg_ctl postgres psql; do
	[ -x "$BIN/$b" ] || skip "$BIN/$b not found: the PostgreSQL server is not installed (postgresql-15)"
done
PGXS=$("$PG_CONFIG" --pgxs)
[ -f "$PGXS" ] || die "no PGXS at $PGXS: install postgresql-server-dev-15 (scripts/setup-deps.sh)"
PG_REGRESS=$(dirname "$PGXS")/../test/regress/pg_regress
[ -x "$PG_REGRESS" ] || die "no pg_regress beside PGXS ($PG_REGRESS)"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 || skip "running as root and there is no postgres user to run PostgreSQL as"
	RUN_AS=(runuser -u postgres --)
fi
python3 -c 'import yaml' 2>/dev/null || die "python3-yaml is needed (scripts/setup-deps.sh)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-pg.XXXXXX")
chmod 755 "$tmp"
started=
cleanup() {
	if [ -n "$started" ]; then
		"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- build and install the extension ---------------------------------------------
echo "== build postgres/ against $BUILD"
# a copy of postgres/, so that the source folder gets no build products
mkdir -p "$tmp/ext"
cp "$ROOT"/postgres/Makefile "$ROOT"/postgres/*.[ch] "$ROOT"/postgres/*.control \
	"$ROOT"/postgres/*.sql "$tmp/ext/"
make_ext() {
	make -s -C "$tmp/ext" PG_CONFIG="$PG_CONFIG" JIXIAO_BUILD="$BUILD" JIXIAO_ROOT="$ROOT" "$@"
}
make_ext >"$tmp/make.log" 2>&1 || {
	cat "$tmp/make.log"
	die "the extension does not build"
}
if grep -q 'warning:' "$tmp/make.log"; then
	cat "$tmp/make.log"
	die "the extension builds with warnings"
fi
if [ -w "$("$PG_CONFIG" --pkglibdir)" ] && [ -w "$("$PG_CONFIG" --sharedir)/extension" ]; then
	make_ext install >"$tmp/install.log" 2>&1
elif sudo -n true 2>/dev/null; then
	# shellcheck disable=SC2024 # the log is ours: only make needs root
	sudo -n make -s -C "$tmp/ext" PG_CONFIG="$PG_CONFIG" JIXIAO_BUILD="$BUILD" \
		JIXIAO_ROOT="$ROOT" install >"$tmp/install.log" 2>&1
else
	die "cannot install into $("$PG_CONFIG" --pkglibdir): run as root or with passwordless sudo (docs/postgres.md)"
fi || {
	cat "$tmp/install.log"
	die "make install failed"
}

# ---- a throwaway cluster ---------------------------------------------------------
echo "== start a cluster in $tmp (Unix socket only)"
[ ${#RUN_AS[@]} -eq 0 ] || chown postgres "$tmp"
"${RUN_AS[@]}" "$BIN/initdb" -D "$tmp/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
	--no-sync >"$tmp/initdb.log" 2>&1 || {
	cat "$tmp/initdb.log"
	die "initdb failed"
}
started=1
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$tmp' -c fsync=off -c max_worker_processes=8 -c max_parallel_workers=8" \
	start >/dev/null || {
	cat "$tmp/server.log"
	die "the server did not start"
}
export PGHOST=$tmp PGUSER=postgres PGPORT=5432
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE jixiao_regress" || die "createdb failed"

echo "== what the CLI gives (reference.py)"
cd "$ROOT" || exit 1
python3 "$HERE/reference.py" "$JX" "$tmp" >"$tmp/reference.sql" || die "reference.py failed"
psql -d jixiao_regress -f "$tmp/reference.sql" >/dev/null || die "loading the CLI's results failed"

# ---- the regression SQL ------------------------------------------------------------
echo "== pg_regress"
"$PG_REGRESS" --use-existing --dbname=jixiao_regress --host="$tmp" --port=5432 --user=postgres \
	--bindir="$BIN" --inputdir="$HERE" --outputdir="$tmp/regress" --schedule="$HERE/schedule"
rc=$?
if [ $rc -ne 0 ]; then
	[ -f "$tmp/regress/regression.diffs" ] && head -n 200 "$tmp/regress/regression.diffs"
	# kept for a look (not tracked): tests/postgres/results/NAME.out
	rm -rf "$HERE/results" && cp -r "$tmp/regress/results" "$HERE/results" 2>/dev/null &&
		echo "postgres: the outputs are in tests/postgres/results/"
	echo "postgres: server log tail:"
	tail -n 20 "$tmp/server.log"
	die "pg_regress: differences from tests/postgres/expected/"
fi
echo "postgres: all passed"
