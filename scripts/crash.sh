#!/usr/bin/env bash
# Crash-safety check: SIGKILL relaties at random moments and check that SQLite's guarantees
# hold for the ledger — every write is one transaction, so a killed command leaves all of it or
# none of it, and a write that reported success is never lost.
#
#   scripts/crash.sh [KILLS] [BURSTS]        (defaults 24 and 24; or env KILLS, BURSTS)
#
# Env: ENTRIES (size of the big import, default 100000), WRITERS (parallel writer loops per
# burst, default 2), SEED (for $RANDOM; printed, so a run can be repeated).
#
# (a) Import killed: a JSON export of ENTRIES entries is imported, alternately into a small
#     non-empty ledger (a merge: known clients matched by name, new ids) and into an empty,
#     initialised one (ids kept), and SIGKILLed after a random delay between 0 and the
#     import's measured duration. After each kill: `PRAGMA integrity_check` is ok, no foreign
#     key points nowhere, `doctor` passes, and the ledger holds the base or base + the whole
#     import (entries and clients) — never part of it.
# (b) Writers killed: WRITERS shell loops run `log-touch --json` back to back in their own
#     process group; each id a command printed is appended to an "acknowledged" file. The whole
#     group (loops and the running relaties processes) is SIGKILLed at a random moment. After
#     each kill: integrity ok, every acknowledged id is in the ledger, no entry is half
#     written (facts blob present, 44 bytes + 9 per reschedule), no id twice, the id sequence is ahead of every
#     id, `doctor` passes, and the next write succeeds.
#
# Exit 0 only when no check failed. Needs bash, cargo, sqlite3, setsid, ps.
set -euo pipefail

KILLS=${1:-${KILLS:-24}}
BURSTS=${2:-${BURSTS:-24}}
ENTRIES=${ENTRIES:-100000}
WRITERS=${WRITERS:-2}
case "$KILLS$BURSTS$ENTRIES$WRITERS" in *[!0-9]*) echo "usage: $0 [KILLS] [BURSTS]" >&2; exit 2 ;; esac
for tool in sqlite3 setsid ps; do
    command -v "$tool" >/dev/null || { echo "crash: $tool is needed" >&2; exit 2; }
done
SEED=${SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release --quiet
bin="$root/target/release/relaties"

work=$(mktemp -d "${TMPDIR:-/tmp}/relaties-crash.XXXXXX")
groups=()   # process groups started here, killed on exit
pids=()
cleanup() {
    local g p
    for g in "${groups[@]}"; do kill -9 -- "-$g" 2>/dev/null || true; done
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
unset RELATIES_DB
export NO_COLOR=1

violations=0
fail() {
    echo "crash: VIOLATION: $*" >&2
    violations=$((violations + 1))
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# A random whole number of milliseconds in [lo, hi).
rand_ms() { local lo=$1 hi=$2; echo $(( lo + ( (RANDOM << 15 | RANDOM) % (hi - lo > 0 ? hi - lo : 1) ) )); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
q() { sqlite3 -bail "$1" "$2"; }
wal_size() { stat -c %s "$1-wal" 2>/dev/null || echo 0; }

# The checks every ledger must pass after a kill; $2 names the situation for messages.
check_ledger() {
    local db=$1 what=$2 r
    r=$(q "$db" "PRAGMA integrity_check" 2>&1) || true
    [[ $r == ok ]] || fail "$what: integrity_check: $r"
    r=$(q "$db" "PRAGMA foreign_key_check" 2>&1) || true
    [[ -z $r ]] || fail "$what: foreign_key_check: $(head -n 3 <<<"$r")"
    r=$(q "$db" "SELECT count(*) FROM entries WHERE facts IS NULL OR length(facts) < 44 OR (length(facts) - 44) % 9 != 0" 2>&1) || true
    [[ $r == 0 ]] || fail "$what: $r entries without a whole facts blob"
    r=$(q "$db" "SELECT count(*) FROM entries WHERE id >= (SELECT next FROM sequences WHERE name = 'entries')" 2>&1) || true
    [[ $r == 0 ]] || fail "$what: $r entries at or past the id sequence"
    if ! r=$("$bin" --db "$db" doctor 2>&1); then
        fail "$what: doctor failed: $(tail -n 1 <<<"$r")"
    fi
}

echo "crash: seed $SEED, work folder $work"

# ---------------------------------------------------------------- (a) import killed
src="$work/src.db"
big="$work/big.json"
"$bin" --db "$src" -q demo --clients 1000 --entries "$ENTRIES" --seed 1
"$bin" --db "$src" -q export -o "$big"
src_clients=$(q "$src" "SELECT count(*) FROM clients")
src_sum=$(q "$src" "SELECT count(*) || ':' || sum(id) FROM entries")

# A small ledger to merge into: two clients the export knows (by name), one it does not.
merge_base="$work/merge-base.db"
for c in "ACME B.V." "Globex" "Zzz Nieuwe Klant"; do "$bin" --db "$merge_base" -q client add "$c"; done
"$bin" --db "$merge_base" -q log-touch acme "kickoff call" --channel call --energy 4
"$bin" --db "$merge_base" -q log-gift globex "Wine box" --cost 45,50
"$bin" --db "$merge_base" -q log-compliment zzz "Quick payer"
# An empty ledger (schema, no clients): the import keeps ids.
empty_base="$work/empty-base.db"
"$bin" --db "$empty_base" -q config set weight.trust 2
"$bin" --db "$empty_base" -q config unset weight.trust
for b in "$merge_base" "$empty_base"; do
    q "$b" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    rm -f "$b-wal" "$b-shm"
done
base_entries=([0]=$(q "$merge_base" "SELECT count(*) FROM entries") [1]=0)
base_clients=([0]=$(q "$merge_base" "SELECT count(*) FROM clients") [1]=0)
variant_name=([0]=merge [1]=empty)

# Measure each variant once, uninterrupted: its duration and what "all of it" looks like.
all_clients=()
dur_ms=()
for v in 0 1; do
    base=$merge_base; ((v == 1)) && base=$empty_base
    l="$work/measure.$v.db"
    cp "$base" "$l"
    t0=$(now_ms)
    "$bin" --db "$l" -q import "$big"
    dur_ms[v]=$(( $(now_ms) - t0 ))
    n=$(q "$l" "SELECT count(*) FROM entries")
    if ((n != base_entries[v] + ENTRIES)); then
        echo "crash: the uninterrupted ${variant_name[v]} import left $n entries, expected $((base_entries[v] + ENTRIES))" >&2
        exit 1
    fi
    all_clients[v]=$(q "$l" "SELECT count(*) FROM clients")
    if ((v == 1)) && [[ $(q "$l" "SELECT count(*) || ':' || sum(id) FROM entries") != "$src_sum" ]]; then
        echo "crash: the import into an empty ledger did not keep the ids" >&2
        exit 1
    fi
    rm -f "$l" "$l-wal" "$l-shm"
done
echo "import of $ENTRIES entries: merge ${dur_ms[0]} ms (+$((all_clients[0] - base_clients[0])) clients), into empty ${dur_ms[1]} ms"

during=0 in_write=0 none=0 all=0
for ((i = 0; i < KILLS; i++)); do
    v=$((i % 2))
    base=$merge_base; ((v == 1)) && base=$empty_base
    l="$work/kill.$i.db"
    cp "$base" "$l"
    # Up to 95% of the measured duration, so that most kills land while it runs.
    delay=$(rand_ms 0 $((dur_ms[v] * 95 / 100)))
    "$bin" --db "$l" import "$big" >"$work/import.out" 2>"$work/import.err" &
    pid=$!
    pids+=("$pid")
    sleep_ms "$delay"
    wal=$(wal_size "$l")
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    pids=()
    what="kill $((i + 1)) (${variant_name[v]}, after ${delay} ms)"
    if ((rc == 137)); then
        during=$((during + 1))
        ((wal > 0)) && in_write=$((in_write + 1))
    elif ((rc != 0)); then
        fail "$what: the import failed by itself (exit $rc): $(tail -n 1 "$work/import.err")"
    fi
    check_ledger "$l" "$what"
    n=$(q "$l" "SELECT count(*) FROM entries")
    nc=$(q "$l" "SELECT count(*) FROM clients")
    if ((n == base_entries[v] && nc == base_clients[v])); then
        none=$((none + 1)); state=none
    elif ((n == base_entries[v] + ENTRIES && nc == all_clients[v])); then
        all=$((all + 1)); state=all
        if ((v == 1)) && [[ $(q "$l" "SELECT count(*) || ':' || sum(id) FROM entries") != "$src_sum" ]]; then
            fail "$what: all entries but not with the export's ids"
        fi
    else
        state=PART
        fail "$what: $n entries and $nc clients: neither the base ($((base_entries[v])), $((base_clients[v]))) nor all ($((base_entries[v] + ENTRIES)), ${all_clients[v]})"
    fi
    if ((rc == 0)) && [[ $state != all ]]; then
        fail "$what: the import reported success but the ledger holds $state of it"
    fi
    printf '  kill %2d  %-5s  after %5d ms  %-9s  wal %9d B at the kill  -> %s\n' \
        $((i + 1)) "${variant_name[v]}" "$delay" "$( ((rc == 137)) && echo killed || echo completed)" "$wal" "$state"
    rm -f "$l" "$l-wal" "$l-shm"
done
if ((violations == 0)); then
    summary_a="crash: $KILLS kills, $during during the import ($in_write with its write under way), all ok (none or all: $none none, $all all)"
else
    summary_a="crash: $KILLS kills, $during during the import, $violations VIOLATIONS ($none none, $all all)"
fi
echo "$summary_a"
violations_a=$violations

# ---------------------------------------------------------------- (b) writers killed
db="$work/burst.db"
acked="$work/acked"
: >"$acked"
for c in "ACME B.V." "Globex" "Initech"; do "$bin" --db "$db" -q client add "$c"; done

# One writer loop: log-touch after log-touch; the id of each one that printed success is
# appended to the acknowledged file (one short write, atomic with O_APPEND).
cat >"$work/writer.sh" <<'EOF'
bin=$1 db=$2 acked=$3 tag=$4
clients=(acme globex initech)
i=0
while :; do
    i=$((i + 1))
    if out=$("$bin" --db "$db" --json log-touch "${clients[i % 3]}" "burst $tag.$i" \
            --channel call --energy $((i % 5 + 1)) 2>/dev/null); then
        id=$(sed -n 's/^  "id": \([0-9][0-9]*\),$/\1/p' <<<"$out" | head -n 1)
        [[ -n $id ]] && echo "$id" >>"$acked"
    fi
done
EOF
# The group: WRITERS loops under one leader, all in a new session (one process group).
cat >"$work/burst.sh" <<'EOF'
for ((w = 0; w < $5; w++)); do bash "$1" "$2" "$3" "$4" "$6.$w" & done
wait
EOF

hot=0 unacked=0 total_acked=0
for ((r = 0; r < BURSTS; r++)); do
    setsid bash "$work/burst.sh" "$work/writer.sh" "$bin" "$db" "$acked" "$WRITERS" "$r" &
    g=$!
    groups+=("$g")
    pgid=$(ps -o pgid= -p "$g" | tr -d ' ')
    if [[ $pgid != "$g" ]]; then
        echo "crash: the burst is not its own process group ($g in $pgid)" >&2
        exit 2
    fi
    sleep_ms "$(rand_ms 50 1500)"
    kill -9 -- "-$g" 2>/dev/null || true
    wait "$g" 2>/dev/null || true
    # Wait for every process of the group to be gone (they are orphans now, reaped by init).
    for ((t = 0; t < 200; t++)); do
        kill -0 -- "-$g" 2>/dev/null || break
        sleep 0.01
    done
    if kill -0 -- "-$g" 2>/dev/null; then
        fail "burst $((r + 1)): processes of the group survived SIGKILL"
    fi
    groups=()
    what="burst $((r + 1))"
    # A WAL left behind means a relaties process died with the ledger open (a clean close
    # checkpoints and removes it).
    (( $(wal_size "$db") > 0 )) && hot=$((hot + 1))
    check_ledger "$db" "$what"
    dup=$(sort "$acked" | uniq -d | head -n 3)
    [[ -z $dup ]] || fail "$what: ids acknowledged twice: $dup"
    lost=$(comm -23 <(sort -u "$acked") <(q "$db" "SELECT id FROM entries" | sort -u))
    [[ -z $lost ]] || fail "$what: acknowledged but not in the ledger: $(head -n 5 <<<"$lost" | tr '\n' ' ')"
    # The next write goes through (no lock or damage left behind) and is acknowledged too.
    if out=$("$bin" --db "$db" --json log-touch acme "after burst $r" 2>&1); then
        sed -n 's/^  "id": \([0-9][0-9]*\),$/\1/p' <<<"$out" | head -n 1 >>"$acked"
    else
        fail "$what: the next write failed: $(tail -n 1 <<<"$out")"
    fi
done
total_acked=$(sort -u "$acked" | wc -l)
entries=$(q "$db" "SELECT count(*) FROM entries WHERE description LIKE 'burst %' OR description LIKE 'after burst %'")
unacked=$((entries - total_acked))
violations_b=$((violations - violations_a))
if ((violations_b == 0)); then
    summary_b="crash: $BURSTS writer bursts killed ($WRITERS loops each), $total_acked acknowledged writes all present, $unacked committed but unacknowledged, $hot kills left a hot WAL, integrity ok, no half-written entry"
else
    summary_b="crash: $BURSTS writer bursts killed, $violations_b VIOLATIONS ($total_acked acknowledged, $entries in the ledger)"
fi
echo "$summary_b"

echo
echo "$summary_a"
echo "$summary_b"
((violations == 0)) || exit 1
