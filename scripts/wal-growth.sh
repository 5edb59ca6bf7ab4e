#!/usr/bin/env bash
# WAL growth check: many short writing commands, one after another, must not make the ledger's
# write-ahead log grow without bound. SQLite checkpoints automatically once the WAL holds 1000
# pages (about 4 MB) and then reuses the file from its start, so its size levels off.
#
#   scripts/wal-growth.sh [COMMANDS]          (default 10000; or env COMMANDS)
#
# Env: HOLD=1 (default) keeps one idle sqlite3 connection open on the ledger the whole time,
# like a long-running reader would. Without it the last connection to close — every relaties
# command — checkpoints and deletes the WAL, and the check is trivially true; with it the WAL
# file persists between commands and only the auto-checkpoint keeps it bounded. HOLD=0 runs
# without the holder. LIMIT_MB (default 16) is the bound.
#
# Mixed log-touch / log-compliment commands over a few clients; the -wal size is read after
# every command (the maximum is what is checked) and shown every 1000. At the end `doctor`
# runs (its WAL line is printed) with the holder still open (idle: doctor's own TRUNCATE
# checkpoint fails, and doctor exits 1, while another connection holds a read open). Exit 0 only when every command
# succeeded, the WAL stayed below the bound, the entry count matches and doctor passed.
# Needs bash, cargo and sqlite3.
set -euo pipefail

COMMANDS=${1:-${COMMANDS:-10000}}
HOLD=${HOLD:-1}
LIMIT_MB=${LIMIT_MB:-16}
case "$COMMANDS$HOLD$LIMIT_MB" in *[!0-9]*) echo "usage: $0 [COMMANDS]" >&2; exit 2 ;; esac
command -v sqlite3 >/dev/null || { echo "wal-growth: sqlite3 is needed" >&2; exit 2; }
limit=$((LIMIT_MB * 1024 * 1024))
every=$((COMMANDS >= 10 ? COMMANDS / 10 : 1))

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release --quiet
bin="$root/target/release/relaties"

work=$(mktemp -d "${TMPDIR:-/tmp}/relaties-wal.XXXXXX")
holder=""
cleanup() {
    exec 3>&- 2>/dev/null || true
    [[ -n $holder ]] && kill "$holder" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
unset RELATIES_DB
export NO_COLOR=1
db="$work/ledger.db"
rel() { "$bin" --db "$db" "$@"; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }

clients=(acme globex initech zon)
for c in "ACME B.V." "Globex" "Initech" "Café de Zon"; do rel -q client add "$c"; done
base=$(sqlite3 "$db" "SELECT count(*) FROM entries")

if ((HOLD)); then
    # An idle connection that stays open: sqlite3 reading its commands from a FIFO.
    mkfifo "$work/holder.in"
    sqlite3 "$db" <"$work/holder.in" >"$work/holder.out" 2>&1 &
    holder=$!
    exec 3>"$work/holder.in"
    echo "SELECT 'holder', count(*) FROM entries;" >&3
fi

echo "wal-growth: $COMMANDS commands, holder connection: $( ((HOLD)) && echo open || echo none), bound $LIMIT_MB MB"
printf '%9s  %12s  %12s  %12s  %7s\n' commands "wal bytes" "max so far" "ledger bytes" seconds
failed=0 max=0 start=$(date +%s)
for ((i = 1; i <= COMMANDS; i++)); do
    c=${clients[i % ${#clients[@]}]}
    if ((i % 2)); then
        args=(log-touch "$c" "touch $i" --channel call --energy $((i % 5 + 1)))
    else
        args=(log-compliment "$c" "compliment $i" --for "work $i")
    fi
    if ! rel -q "${args[@]}" 2>>"$work/errors"; then
        failed=$((failed + 1))
    fi
    w=$(size "$db-wal")
    ((w > max)) && max=$w
    if ((i % every == 0)); then
        # The holder reads too now and then (a read that ends, so checkpoints can go on).
        ((HOLD)) && echo "SELECT 'holder', count(*) FROM entries;" >&3
        printf '%9d  %12d  %12d  %12d  %7d\n' "$i" "$w" "$max" "$(size "$db")" $(($(date +%s) - start))
    fi
done

entries=$(sqlite3 "$db" "SELECT count(*) FROM entries")
echo "before doctor: wal $(size "$db-wal") bytes (doctor checkpoints it, TRUNCATE, before measuring)"
status=0
doctor_ok=yes
if ! doctor=$(rel doctor 2>&1); then
    doctor_ok=no
    status=1
fi
echo "doctor: $(grep -E '^files' <<<"$doctor" || echo "$doctor")"
if ((HOLD)); then
    exec 3>&-
    wait "$holder" || true
    holder=""
    if grep -qv '^holder|' "$work/holder.out"; then
        echo "wal-growth: the holder connection reported: $(grep -v '^holder|' "$work/holder.out" | head -n 3)" >&2
        status=1
    fi
fi
echo "after the last connection closed: wal $(size "$db-wal") bytes, ledger $(size "$db") bytes"

if ((failed > 0)); then
    echo "wal-growth: $failed command(s) failed; first errors:" >&2
    head -n 5 "$work/errors" >&2
    status=1
fi
if ((entries != base + COMMANDS - failed)); then
    echo "wal-growth: $entries entries, expected $((base + COMMANDS - failed))" >&2
    status=1
fi
if ((max >= limit)); then
    echo "wal-growth: the WAL reached $max bytes, not below $LIMIT_MB MB: unbounded growth" >&2
    status=1
fi
[[ $doctor_ok == yes ]] || { echo "wal-growth: doctor failed: $(tail -n 1 <<<"$doctor")" >&2; }
secs=$(($(date +%s) - start))
echo "wal-growth: $COMMANDS commands in ${secs}s, $failed failed, $entries entries, max WAL $max bytes ($(awk "BEGIN{printf \"%.1f\", $max/1048576}") MB, bound $LIMIT_MB MB), doctor $doctor_ok: $( ((status == 0)) && echo bounded || echo FAILED)"
exit "$status"
