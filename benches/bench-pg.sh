#!/usr/bin/env bash
# Benchmarks for a team ledger on PostgreSQL (issue #17, "Speed"), on a local server over its
# Unix socket: one recorded gift against psql doing the same INSERT, `report` on 1k/100k
# against psql copying the entries out (COPY … TO STDOUT), and `report` on 10k/1M. Prints a
# markdown table and writes it to WORK/results-pg.md. See benches/README.md.
#
#   benches/bench-pg.sh [--quick] [--runs N] [--warmup N] [--seed S] [--dir PATH]
#
#   --quick      skip the 10k-client / 1M-entry ledger
#   --runs N     hyperfine runs per command (default 20)
#   --warmup N   hyperfine warm-up runs per command (default 3)
#   --seed S     demo seed for the ledgers (default 1)
#   --dir PATH   work folder (default target/bench, shared with bench.sh: its SQLite ledgers
#                are reused)
#
# The server: the one RELATIES_TEST_PG names (a superuser URL over the socket, as
# `eval "$(scripts/pg-server.sh start)"` exports), else a throw-away one started here with
# scripts/pg-server.sh and stopped at the end. Needs hyperfine, psql, sqlite3, and python3 or
# jq. Exit 0 when every measurement ran (missed targets are marked in the table); non-zero
# when a step failed.
set -euo pipefail

usage() { sed -n '7,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

quick=0
runs=20
warmup=3
seed=1
work=target/bench
while (( $# )); do
    case "$1" in
        --quick) quick=1 ;;
        --runs) runs=${2:?--runs needs a number}; shift ;;
        --warmup) warmup=${2:?--warmup needs a number}; shift ;;
        --seed) seed=${2:?--seed needs a number}; shift ;;
        --dir) work=${2:?--dir needs a path}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench-pg: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
case "$runs$warmup$seed" in *[!0-9]*) echo "bench-pg: --runs, --warmup and --seed take whole numbers" >&2; exit 2 ;; esac
(( runs >= 2 )) || { echo "bench-pg: --runs must be at least 2" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
case "$work" in /*) ;; *) work="$root/$work" ;; esac
mkdir -p "$work"

log() { printf 'bench-pg: %s\n' "$*" >&2; }
q() { printf '%q' "$1"; }   # quoting for hyperfine's shell-less command splitting

for tool in hyperfine psql sqlite3; do
    command -v "$tool" >/dev/null || { log "needs $tool (Debian: hyperfine, postgresql-client, sqlite3)"; exit 1; }
done
if command -v python3 >/dev/null; then json_tool=python3
elif command -v jq >/dev/null; then json_tool=jq
else log "needs python3 or jq to read hyperfine's JSON"; exit 1
fi

# The psql that is measured: Debian's /usr/bin/psql is a Perl wrapper (pg_wrapper) that picks a
# version and costs ~40 ms of start-up itself; the real binary is beside the server's.
psql_bin=$(command -v psql)
if head -c 20 "$psql_bin" 2>/dev/null | grep -q perl; then
    real=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $real && -x $real ]] && psql_bin=$real
fi

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --quiet HEAD -- src Cargo.toml Cargo.lock build.rs 2>/dev/null; then
    commit+=" + uncommitted changes"
fi
started=$(date '+%Y-%m-%d %H:%M %Z')
log "building (cargo build --release --locked)"
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/relaties"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
[[ -x "$bin" ]] || { log "no binary at $bin"; exit 1; }

unset RELATIES_DB PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE PGSERVICE
export NO_COLOR=1

tmp="$work/tmp-pg.$$"
mkdir -p "$tmp"
cleanup() {
    rm -rf "$tmp"
    if [[ -n ${own_server:-} ]]; then
        "$root/scripts/pg-server.sh" stop "$own_server" || true
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# 1. The server, and logins: an owner (makes the ledgers) and a member (is measured)

own_server=
if [[ -z ${RELATIES_TEST_PG:-} ]]; then
    log "starting a throw-away server (scripts/pg-server.sh)"
    eval "$("$root/scripts/pg-server.sh" start)"
    own_server=$RELATIES_TEST_PG_DIR
fi
: "${RELATIES_TEST_PG_SOCKET:?RELATIES_TEST_PG is set but RELATIES_TEST_PG_SOCKET is not: use scripts/pg-server.sh}"
: "${RELATIES_TEST_PG_PORT:?RELATIES_TEST_PG_PORT is not set}"
admin=$RELATIES_TEST_PG
sock=$RELATIES_TEST_PG_SOCKET
port=$RELATIES_TEST_PG_PORT
pg_version=$(psql -X -At -d "$admin" -c "SHOW server_version")
pg_settings=$(psql -X -At -d "$admin" -c \
    "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings \
     WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers')")

OWNER=bench_owner MEMBER=bench_member
# url LOGIN DATABASE: the login over the socket (trust authentication there)
url() { printf 'postgres://%s@/%s?host=%s&port=%s' "$1" "$2" "$sock" "$port"; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d "$admin" "$@"; }
psql_admin -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER') THEN
        CREATE ROLE $OWNER LOGIN CREATEROLE; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$MEMBER') THEN
        CREATE ROLE $MEMBER LOGIN; END IF;
END \$\$" >/dev/null

# ---------------------------------------------------------------------------------------------
# 2. Ledgers: the SQLite demo ledger (bench.sh's, when there), exported, imported into a fresh
#    team ledger, with the member granted

entries_in() { sqlite3 "$1" "SELECT next - 1 FROM sequences WHERE name='entries'" 2>/dev/null || true; }
pg_entries_in() {
    psql -X -At -d "$(url "$OWNER" "$1")" \
        -c "SELECT next - 1 FROM relaties.sequences WHERE name = 'entries'" 2>/dev/null || true
}

sqlite_ledger() {  # sqlite_ledger CLIENTS ENTRIES: path of the demo ledger, built when missing
    local f="$work/ledger-c$1-e$2-s$seed.db"
    if [[ -f "$f" && "$(entries_in "$f")" == "$2" ]]; then
        "$bin" --db "$f" -q doctor >&2 || { log "doctor found problems in $(basename "$f")"; exit 1; }
    else
        log "building $(basename "$f") ($1 clients, $2 entries)"
        rm -f "$f.part"
        "$bin" demo --db "$f.part" --clients "$1" --entries "$2" --seed "$seed" -q >&2
        mv -f "$f.part" "$f"
    fi
    printf '%s\n' "$f"
}

# copy_in FILE NAME: copies the SQLite ledger FILE's rows into the (empty) team ledger NAME,
# table by table, with COPY: the columns both have (a team ledger's tables mirror a SQLite
# ledger's), blobs as hex; then the id counters. The owner keeps each row's recorded_by.
copy_in() {
    local f=$1 u t cols sel c type
    u=$(url "$OWNER" "$2")
    for t in clients contacts entries entry_contacts settings; do
        cols=() sel=()
        while IFS='|' read -r c type; do
            sqlite3 "$f" "SELECT 1 FROM pragma_table_info('$t') WHERE name = '$c'" | grep -q 1 || continue
            cols+=("$c")
            if [[ $type == bytea ]]; then sel+=("'\\x' || hex($c)"); else sel+=("$c"); fi
        done < <(psql -X -At -d "$u" -c "SELECT column_name, data_type FROM information_schema.columns \
                 WHERE table_schema = 'relaties' AND table_name = '$t' ORDER BY ordinal_position")
        local IFS=,
        sqlite3 -csv "$f" "SELECT ${sel[*]} FROM $t" \
            | psql -X -q -v ON_ERROR_STOP=1 -d "$u" \
                -c "\\copy relaties.$t (${cols[*]}) FROM pstdin WITH (FORMAT csv)" >&2
        unset IFS
    done
    sqlite3 "$f" "SELECT name, next FROM sequences UNION ALL SELECT name, seq + 1 FROM sqlite_sequence" |
        while IFS='|' read -r t c; do
            psql -X -q -v ON_ERROR_STOP=1 -d "$u" -c \
                "UPDATE relaties.sequences SET next = greatest(next, $c) WHERE name = '$t'" >&2
        done
}

# team_ledger CLIENTS ENTRIES: name of the team ledger database of that size, made when missing:
# the SQLite demo ledger's JSON export imported with `relaties import` (timed), or for the
# 10k/1M ledger copied in with COPY (under a minute, against about 100 s for its import; the
# answers are the same: see docs/PERFORMANCE.md)
team_ledger() {
    local name="bench_c$1_e$2_s$seed" f doc s kb
    if [[ "$(pg_entries_in "$name")" == "$2" ]]; then
        log "reusing database $name"
    else
        f=$(sqlite_ledger "$1" "$2")
        psql_admin -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name OWNER $OWNER" >/dev/null
        "$bin" --db "$(url "$OWNER" "$name")" -q team init >&2
        "$bin" --db "$(url "$OWNER" "$name")" -q team grant "$MEMBER" member >&2
        if (( $2 > 100000 )); then
            log "copying $(basename "$f") into $name (COPY)"
            /usr/bin/time -f '%e' -o "$tmp/copy.time" bash -c "$(declare -f copy_in url); \
                OWNER=$OWNER sock=$(q "$sock") port=$port copy_in $(q "$f") $name" \
                || { log "copy failed"; exit 1; }
            printf '| rows copied in with `COPY` (1 run) | %s/%s | %s s | — | — | — | — |\n' \
                "$1" "$2" "$(tail -n 1 "$tmp/copy.time")" >>"$tmp/import-rows"
            [[ "$(pg_entries_in "$name")" == "$2" ]] || { log "$name does not hold $2 entries"; exit 1; }
            psql -X -q -d "$(url "$OWNER" "$name")" -c "VACUUM ANALYZE" >&2
            printf '%s\n' "$name"
            return
        fi
        doc="$tmp/$name.json"
        log "export of $(basename "$f")"
        "$bin" --db "$f" -q export --format json -o "$doc"
        log "import into $name"
        /usr/bin/time -f '%e %M' -o "$tmp/import.time" \
            "$bin" --db "$(url "$OWNER" "$name")" -q import "$doc" >&2 || { log "import failed"; exit 1; }
        read -r s kb < <(tail -n 1 "$tmp/import.time")
        printf '| `import FILE` of its JSON export into a new team ledger (1 run) | %s/%s | %s s | — | %s MB | — | — |\n' \
            "$1" "$2" "$s" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$tmp/import-rows"
        rm -f "$doc"
        [[ "$(pg_entries_in "$name")" == "$2" ]] || { log "$name does not hold $2 entries"; exit 1; }
        psql -X -q -d "$(url "$OWNER" "$name")" -c "VACUUM ANALYZE" >&2
    fi
    printf '%s\n' "$name"
}

L1=$(team_ledger 1000 100000)
L2=
(( quick )) || L2=$(team_ledger 10000 1000000)

# ---------------------------------------------------------------------------------------------
# 3. Measurements (the member's login, over the socket)

stats() {  # stats FILE INDEX: "median min max stddev" in ms from a hyperfine JSON export
    if [[ $json_tool == python3 ]]; then
        python3 - "$1" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print(" ".join("%.6f" % ((r.get(k) or 0.0) * 1000) for k in ("median", "min", "max", "stddev")))
EOF
    else
        jq -r --argjson i "$2" '.results[$i] | [.median, .min, .max, (.stddev // 0)]
            | map(. * 1000 | tostring) | join(" ")' "$1"
    fi
}
hf() {  # hf NAME CMD...: hyperfine (shell-less), exported to WORK/NAME.json
    local name=$1; shift
    log "hyperfine: $name"
    hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$work/$name.json" "$@" >&2
}
peak_mb() {  # peak_mb CMD...: peak resident memory of one run, in MB
    /usr/bin/time -f '%M' -o "$tmp/mem" "$@" >/dev/null 2>"$tmp/mem.err" \
        || { cat "$tmp/mem.err" >&2; log "failed: $*"; exit 1; }
    awk '{ v = $1 } END { printf "%.1f", v / 1024 }' "$tmp/mem"
}
fmt_ms() {
    awk -v v="$1" 'BEGIN {
        if (v >= 1000) printf "%.3f s", v / 1000
        else if (v >= 10) printf "%.1f ms", v
        else printf "%.2f ms", v }'
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
met() { if "$@"; then echo yes; else echo "**no**"; fi; }

rows=()
# time_row WHAT LEDGER JSON INDEX MEM TARGET_LABEL LIMIT_MS: a row; sets med
time_row() {
    local min max sd
    read -r med min max sd < <(stats "$3" "$4")
    rows+=("| $1 | $2 | $(fmt_ms "$med") | $(fmt_ms "$min") – $(fmt_ms "$max") (σ $(fmt_ms "$sd")) | $5 MB | $6 | $(met le "$med" "$7") |")
}
ref_row() {  # ref_row WHAT LEDGER JSON INDEX MEM: a reference row (no target)
    local min max sd
    read -r med min max sd < <(stats "$3" "$4")
    rows+=("| $1 | $2 | $(fmt_ms "$med") | $(fmt_ms "$min") – $(fmt_ms "$max") (σ $(fmt_ms "$sd")) | $5 MB | reference | — |")
}

U1=$(url "$MEMBER" "$L1")

# One recorded gift against psql doing the same transaction in one round trip: lock the
# change counter, take the next entry id, insert the entry (44-byte facts, as relaties
# writes), bump both counters. Each writes to its own copy of the 1k/100k ledger.
W_REL=bench_write_relaties W_SQL=bench_write_psql
for d in "$W_REL" "$W_SQL"; do
    psql_admin -c "DROP DATABASE IF EXISTS $d" -c "CREATE DATABASE $d TEMPLATE $L1 OWNER $OWNER" >/dev/null
done
floor_sql="BEGIN; SELECT next FROM relaties.sequences WHERE name = 'changes' FOR UPDATE; \
INSERT INTO relaties.entries (id, client_id, kind, date, description, cost_cents, currency, \
created_at, facts, uuid) VALUES ((SELECT next FROM relaties.sequences WHERE name = 'entries'), \
1, 'gift', to_char(current_date, 'YYYY-MM-DD'), 'x', 1000, 'EUR', \
to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), decode(repeat('00', 44), 'hex'), \
gen_random_uuid()::text); \
UPDATE relaties.sequences SET next = next + 1 WHERE name IN ('entries', 'changes'); COMMIT;"
UW_REL=$(url "$MEMBER" "$W_REL") UW_SQL=$(url "$MEMBER" "$W_SQL")
hf pg-write-100k "$(q "$bin") --db $(q "$UW_REL") log-gift acme x --cost 10" \
    "$(q "$psql_bin") -X -q -d $(q "$UW_SQL") -c \"$floor_sql\""
read -r sql_med _ < <(stats "$work/pg-write-100k.json" 1)
limit=$(awk -v s="$sql_med" 'BEGIN { print s * 1.5 }')
time_row '`log-gift acme x --cost 10`' '1k/100k (copy)' "$work/pg-write-100k.json" 0 \
    "$(peak_mb "$bin" --db "$UW_REL" log-gift acme x --cost 10)" \
    "≤ 1.5 × psql (≤ $(fmt_ms "$limit"))" "$limit"
rel_med=$med
ref_row 'psql, the same INSERT in one transaction (floor)' '1k/100k (copy)' \
    "$work/pg-write-100k.json" 1 "$(peak_mb "$psql_bin" -X -q -d "$UW_SQL" -c "$floor_sql")"
ratio=$(awk -v a="$rel_med" -v b="$sql_med" 'BEGIN { printf "%.2f", a / b }')
rows+=("| \`log-gift\` ÷ psql (medians) | 1k/100k (copy) | ${ratio}× | — | — | ≤ 1.5× | $(met le "$rel_med" "$limit") |")
psql_admin -c "DROP DATABASE IF EXISTS $W_REL" -c "DROP DATABASE IF EXISTS $W_SQL" >/dev/null

# report against psql copying out what the report's scan reads, in the scan's order
copy_sql="COPY (SELECT id, client_id, facts, description FROM relaties.entries \
ORDER BY client_id, id) TO STDOUT"
hf pg-report-100k "$(q "$bin") --db $(q "$U1") report" "$(q "$psql_bin") -X -q -d $(q "$U1") -c \"$copy_sql\""
read -r copy_med _ < <(stats "$work/pg-report-100k.json" 1)
limit=$(awk -v s="$copy_med" 'BEGIN { print s * 1.5 }')
time_row '`report`' '1k/100k' "$work/pg-report-100k.json" 0 \
    "$(peak_mb "$bin" --db "$U1" report)" "≤ 1.5 × psql COPY (≤ $(fmt_ms "$limit"))" "$limit"
rep_med=$med
ref_row 'psql `COPY (SELECT id, client_id, facts, description …) TO STDOUT`' '1k/100k' \
    "$work/pg-report-100k.json" 1 "$(peak_mb "$psql_bin" -X -q -d "$U1" -c "$copy_sql")"
ratio=$(awk -v a="$rep_med" -v b="$copy_med" 'BEGIN { printf "%.2f", a / b }')
rows+=("| \`report\` ÷ psql COPY (medians) | 1k/100k | ${ratio}× | — | — | ≤ 1.5× | $(met le "$rep_med" "$limit") |")

if [[ -n $L2 ]]; then
    U2=$(url "$MEMBER" "$L2")
    hf pg-report-1m "$(q "$bin") --db $(q "$U2") report" "$(q "$psql_bin") -X -q -d $(q "$U2") -c \"$copy_sql\""
    time_row '`report`' '10k/1M' "$work/pg-report-1m.json" 0 \
        "$(peak_mb "$bin" --db "$U2" report)" '≤ 2 s' 2000
    ref_row 'psql `COPY (…) TO STDOUT`, as above' '10k/1M' "$work/pg-report-1m.json" 1 \
        "$(peak_mb "$psql_bin" -X -q -d "$U2" -c "$copy_sql")"
else
    rows+=("| \`report\` | 10k/1M | — | — | — | ≤ 2 s | skipped (--quick) |")
fi

# ---------------------------------------------------------------------------------------------
# 4. The table

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mode="hyperfine -N, $warmup warm-up + $runs runs per command"
(( quick )) && mode+=", --quick"
{
    printf '%s\n' "Machine: $(nproc) cores, ${cpu:-unknown CPU}, Linux $(uname -r) · $started · commit $commit · $(hyperfine --version) ($mode) · demo seed $seed · PostgreSQL $pg_version over its Unix socket ($pg_settings) · as a member login · psql: $psql_bin"
    echo
    echo '| what | ledger | median | spread (min–max) | peak memory | target | met? |'
    echo '|---|---|---|---|---|---|---|'
    printf '%s\n' "${rows[@]}"
    if [[ -f "$tmp/import-rows" ]]; then cat "$tmp/import-rows"; fi
} >"$work/results-pg.md"

echo
cat "$work/results-pg.md"
echo
log "table written to $work/results-pg.md; raw hyperfine JSON in $work/pg-*.json"
cleanup
trap - EXIT
