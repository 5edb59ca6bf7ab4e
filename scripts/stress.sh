#!/usr/bin/env bash
# Concurrency stress check: many processes record into one ledger at once while a reader
# scores it, then the ledger must hold exactly the entries that were reported recorded and
# pass SQLite's integrity check.
#
#   scripts/stress.sh [WORKERS] [COMMANDS]      (defaults 8 and 200; or env N, M)
#
# Each worker runs COMMANDS recording commands (log-gift, log-touch, log-compliment, promise,
# in turn, over a few clients) and, half-way, delivers the first promise it made. One reader
# loops `score` and `timeline --limit 5` until every writer is done. Exit 0 only when no
# command failed, the entry count matches, every delivery is in the ledger and the integrity
# check is ok, and every entry has its whole facts blob. Needs bash, cargo and sqlite3.
# (Killed writers: scripts/crash.sh; WAL growth: scripts/wal-growth.sh.)
set -euo pipefail

N=${1:-${N:-8}}
M=${2:-${M:-200}}
case "$N$M" in *[!0-9]*) echo "usage: $0 [WORKERS] [COMMANDS]" >&2; exit 2 ;; esac
if (( N < 1 || M < 4 )); then
    echo "stress: need at least 1 worker and 4 commands each" >&2
    exit 2
fi
command -v sqlite3 >/dev/null || { echo "stress: sqlite3 is needed" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release --quiet
bin="$root/target/release/relaties"

work=$(mktemp -d "${TMPDIR:-/tmp}/relaties-stress.XXXXXX")
# On any exit, stop what is still running in the background, then clean up.
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/ledger.db"
# No user ledger or settings can leak in.
unset RELATIES_DB
export NO_COLOR=1

rel() { "$bin" --db "$db" "$@"; }

clients=("ACME B.V." "Globex" "Initech" "Café de Zon")
for c in "${clients[@]}"; do
    rel -q client add "$c"
done

# worker W: writes "recorded failed delivered" to $work/worker.W, failing stderr to errors.W.
worker() {
    local w=$1 recorded=0 failed=0 delivered=0 edited=0 voided=0 promise="" gift="" i client out
    local errors="$work/errors.$w"
    : >"$errors"
    for ((i = 0; i < M; i++)); do
        client=${clients[$(((w + i) % ${#clients[@]}))]}
        case $((i % 4)) in
            0) args=(log-gift "$client" "gift $w.$i" --cost "$((i % 90 + 10)).50"
                     --occasion thanks) ;;
            1) args=(log-touch "$client" "call $w.$i" --channel call --energy $((i % 5 + 1))) ;;
            2) args=(log-compliment "$client" "well done $w.$i" --for "work $i") ;;
            3) args=(promise "$client" "deliverable $w.$i" --due +14d) ;;
        esac
        if out=$(rel --json "${args[@]}" 2>>"$errors"); then
            recorded=$((recorded + 1))
            if [[ ${args[0]} == log-gift && -z $gift ]]; then
                gift=$(sed -n 's/^  "id": \([0-9][0-9]*\),$/\1/p' <<<"$out" | head -n 1)
            fi
            if [[ ${args[0]} == promise && -z $promise ]]; then
                promise=$(sed -n 's/^  "id": \([0-9][0-9]*\),$/\1/p' <<<"$out" | head -n 1)
                if [[ -z $promise ]]; then
                    echo "worker $w: no id in: $out" >>"$errors"
                    failed=$((failed + 1))
                fi
            fi
        else
            echo "worker $w: failed: ${args[*]}" >>"$errors"
            failed=$((failed + 1))
        fi
        # A quarter of the way, correct this worker's first gift; three quarters, void it.
        if ((i == M / 4)); then
            if [[ -n $gift ]] && rel -q edit "$gift" --note "edited by $w" 2>>"$errors"; then
                edited=$((edited + 1))
            else
                echo "worker $w: failed: edit ${gift:-<no gift>}" >>"$errors"
                failed=$((failed + 1))
            fi
        fi
        if ((i == 3 * M / 4)); then
            if [[ -n $gift ]] && rel -q void "$gift" --reason "stress" 2>>"$errors"; then
                voided=$((voided + 1))
            else
                echo "worker $w: failed: void ${gift:-<no gift>}" >>"$errors"
                failed=$((failed + 1))
            fi
        fi
        # Half-way, deliver this worker's own promise while the others keep writing.
        if ((i == M / 2)); then
            if [[ -n $promise ]] && rel -q deliver "$promise" --quality 4 2>>"$errors"; then
                delivered=$((delivered + 1))
            else
                echo "worker $w: failed: deliver ${promise:-<no promise>}" >>"$errors"
                failed=$((failed + 1))
            fi
        fi
    done
    echo "$recorded $failed $delivered $edited $voided" >"$work/worker.$w"
}

# reader: loops until $work/done exists; writes "rounds failed" to $work/reader.
reader() {
    local rounds=0 failed=0
    : >"$work/errors.reader"
    while [[ -d $work && ! -e $work/done ]]; do
        rel score >/dev/null 2>>"$work/errors.reader" || failed=$((failed + 1))
        rel timeline --limit 5 >/dev/null 2>>"$work/errors.reader" || failed=$((failed + 1))
        rel report >/dev/null 2>>"$work/errors.reader" || failed=$((failed + 1))
        rounds=$((rounds + 1))
    done
    echo "$rounds $failed" >"$work/reader"
}

start=$(date +%s)
reader &
reader_pid=$!
writer_pids=()
for ((w = 0; w < N; w++)); do
    worker "$w" &
    writer_pids+=($!)
done
died=0
for pid in "${writer_pids[@]}"; do
    wait "$pid" || died=$((died + 1))
done
touch "$work/done"
wait "$reader_pid" || died=$((died + 1))
secs=$(($(date +%s) - start))

recorded=0 failed=0 delivered=0 edited=0 voided=0 rounds=0 reader_failed=0
for ((w = 0; w < N; w++)); do
    if [[ -s $work/worker.$w ]]; then
        read -r r f d e v <"$work/worker.$w"
        recorded=$((recorded + r)) failed=$((failed + f)) delivered=$((delivered + d))
        edited=$((edited + e)) voided=$((voided + v))
    fi
done
[[ -s $work/reader ]] && read -r rounds reader_failed <"$work/reader"
failed=$((failed + reader_failed))

entries=$(sqlite3 "$db" "SELECT count(*) FROM entries")
kept=$(sqlite3 "$db" "SELECT count(*) FROM entries WHERE kind = 'commitment' AND delivered IS NOT NULL")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
void_rows=$(sqlite3 "$db" "SELECT count(*) FROM entries WHERE void = 1 AND note LIKE 'edited by %'")
# Every id handed out once: as many distinct ids as entries.
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT id) FROM entries")
# No half-written entry: the packed facts blob is written with the row: 44 bytes + 9 per reschedule.
half=$(sqlite3 "$db" "SELECT count(*) FROM entries WHERE facts IS NULL OR length(facts) < 44 OR (length(facts) - 44) % 9 != 0")

status=0
if ((died > 0)); then
    echo "stress: $died worker or reader process(es) died" >&2
    status=1
fi
if ((failed > 0)); then
    echo "stress: $failed command(s) failed; first errors:" >&2
    cat "$work"/errors.* | head -n 20 >&2
    status=1
fi
if ((entries != recorded)); then
    echo "stress: $entries entries in the ledger, but $recorded recording commands succeeded" >&2
    status=1
fi
if ((distinct != entries)); then
    echo "stress: $entries entries but only $distinct distinct ids" >&2
    status=1
fi
if ((kept != delivered)); then
    echo "stress: $kept delivered commitments in the ledger, but $delivered deliveries succeeded" >&2
    status=1
fi
if ((half != 0)); then
    echo "stress: $half entries without a whole facts blob" >&2
    status=1
fi
if ((void_rows != voided || edited != voided)); then
    echo "stress: $edited edits and $voided voids succeeded, but $void_rows edited-and-voided entries are in the ledger" >&2
    status=1
fi
if [[ $integrity != ok ]]; then
    echo "stress: integrity check: $integrity" >&2
    status=1
fi

echo "reader: $rounds rounds of score + timeline + report, $reader_failed failed; $delivered deliveries, $edited edits, $voided voids; ${secs}s"
echo "stress: $N x $M commands, $failed failed, $entries entries, integrity $integrity"
exit "$status"
