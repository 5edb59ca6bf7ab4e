#!/usr/bin/env bash
# Benchmark harness for relaties: start-up, report/score/timeline on large generated ledgers,
# growth from 100k to 1M entries, one recorded gift against the sqlite3 shell doing the same
# INSERT, the JSON export of the 1M-entry ledger and its import into a new ledger (time and peak
# memory), peak memory, each against its target. Prints a markdown table and writes it to
# WORK/results.md. See benches/README.md.
#
#   benches/bench.sh [--quick | --io-only] [--pg] [--runs N] [--warmup N] [--seed S] [--dir PATH]
#
#   --quick      skip the 10k-client / 1M-entry ledger (and the rows that need it)
#   --io-only    only the export/import rows of the 10k-client / 1M-entry ledger
#   --pg         then the team ledger on PostgreSQL: benches/bench-pg.sh, with these options
#   --runs N     hyperfine runs per command (default 20)
#   --warmup N   hyperfine warm-up runs per command (default 3)
#   --seed S     demo seed for the ledgers (default 1)
#   --dir PATH   work folder (default target/bench, relative to the repository root);
#                ledgers there are reused between runs, keyed by size and seed
#
# Needs bash, cargo, python3 or jq; installs hyperfine, sqlite3 and GNU time (/usr/bin/time)
# with apt-get when they are missing. Exit 0 when every measurement ran (targets missed are
# marked in the table, not turned into a failure); non-zero when a step failed.
set -euo pipefail

usage() { sed -n '8,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

quick=0
io_only=0
pg=0
runs=20
warmup=3
seed=1
work=target/bench
while (( $# )); do
    case "$1" in
        --quick) quick=1 ;;
        --io-only) io_only=1 ;;
        --pg) pg=1 ;;
        --runs) runs=${2:?--runs needs a number}; shift ;;
        --warmup) warmup=${2:?--warmup needs a number}; shift ;;
        --seed) seed=${2:?--seed needs a number}; shift ;;
        --dir) work=${2:?--dir needs a path}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
case "$runs$warmup$seed" in *[!0-9]*) echo "bench: --runs, --warmup and --seed take whole numbers" >&2; exit 2 ;; esac
(( runs >= 2 )) || { echo "bench: --runs must be at least 2" >&2; exit 2; }
(( quick && io_only )) && { echo "bench: --io-only needs the 1M-entry ledger that --quick skips" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
case "$work" in /*) ;; *) work="$root/$work" ;; esac
mkdir -p "$work"

log() { printf 'bench: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# 1. Tools and build

apt_install() {  # apt_install PACKAGE: install, and refresh the package lists only on failure
    local sudo=()
    if (( EUID != 0 )); then
        command -v sudo >/dev/null || { log "need root or sudo to install $1"; exit 1; }
        sudo=(sudo)
    fi
    log "installing $1"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get install -y -qq "$1" >/dev/null; then
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" apt-get install -y -qq "$1" >/dev/null
    fi
}
(( io_only )) || command -v hyperfine >/dev/null || apt_install hyperfine
command -v sqlite3 >/dev/null || apt_install sqlite3
[[ -x /usr/bin/time ]] || apt_install time
if command -v python3 >/dev/null; then json_tool=python3
elif command -v jq >/dev/null; then json_tool=jq
else log "need python3 or jq to read hyperfine's JSON"; exit 1
fi

# What is measured: the tree as it is when the build starts.
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

# No user ledger, settings or colour can leak in.
unset RELATIES_DB
export NO_COLOR=1

# ---------------------------------------------------------------------------------------------
# 2. Ledgers

tmp="$work/tmp.$$"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# entries_in FILE: the number of entries the ledger has handed out ids for (empty if unreadable)
entries_in() { sqlite3 "$1" "SELECT next - 1 FROM sequences WHERE name='entries'" 2>/dev/null || true; }

# demo_timed CLIENTS ENTRIES FILE: build a demo ledger at FILE (which must not exist) under
# /usr/bin/time; sets build_s (wall seconds) and build_kb (peak resident KB).
demo_timed() {
    rm -f "$3" "$3-wal" "$3-shm"
    if ! /usr/bin/time -f '%e %M' -o "$tmp/demo.time" \
            "$bin" demo --db "$3" --clients "$1" --entries "$2" --seed "$seed" -q 2>"$tmp/demo.err"; then
        cat "$tmp/demo.err" >&2
        log "demo --clients $1 --entries $2 failed"
        exit 1
    fi
    read -r build_s build_kb < <(tail -n 1 "$tmp/demo.time")
}

# ledger CLIENTS ENTRIES: path of the ledger of that size and seed, built when missing (or
# incomplete, e.g. after an interrupted build). Built under a temporary name, then moved.
ledger() {
    local f="$work/ledger-c$1-e$2-s$seed.db"
    if [[ -f "$f" && "$(entries_in "$f")" == "$2" ]]; then
        log "reusing $(basename "$f")"
        # Built by an older relaties: `doctor` (a writing command) brings its schema up to date.
        "$bin" --db "$f" -q doctor >&2 || { log "doctor found problems in $(basename "$f")"; exit 1; }
    else
        log "building $(basename "$f") ($1 clients, $2 entries)"
        demo_timed "$1" "$2" "$f.part"
        [[ "$(entries_in "$f.part")" == "$2" ]] || { log "$f.part does not hold $2 entries"; exit 1; }
        mv -f "$f.part" "$f"
        log "built in ${build_s} s"
    fi
    printf '%s\n' "$f"
}

# The 1k/100k demo build is always timed afresh (about 2 s), into a scratch file; it becomes
# the 1k/100k ledger when there is none yet.
L1="$work/ledger-c1000-e100000-s$seed.db"
if (( ! io_only )); then
log "timing demo --clients 1000 --entries 100000"
demo_timed 1000 100000 "$tmp/demo-build.db"
demo_s=$build_s demo_kb=$build_kb
if [[ ! -f "$L1" || "$(entries_in "$L1")" != 100000 ]]; then
    mv -f "$tmp/demo-build.db" "$L1"
    log "kept the timed build as $(basename "$L1")"
fi
rm -f "$tmp/demo-build.db"
L1=$(ledger 1000 100000)
fi
L2=
(( quick )) || L2=$(ledger 10000 1000000)

# ---------------------------------------------------------------------------------------------
# 3. Measurements

# stats FILE INDEX: "median min max stddev" in milliseconds from a hyperfine JSON export
stats() {
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

# hf NAME CMD...: hyperfine (shell-less) over the given commands, exported to WORK/NAME.json
hf() {
    local name=$1; shift
    log "hyperfine: $name"
    hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$work/$name.json" "$@" >&2
}

# peak_mb CMD...: peak resident memory of one run, in MB
peak_mb() {
    if ! /usr/bin/time -f '%M' -o "$tmp/mem" "$@" >/dev/null 2>"$tmp/mem.err"; then
        cat "$tmp/mem.err" >&2
        log "failed: $*"
        exit 1
    fi
    awk '{ v = $1 } END { printf "%.1f", v / 1024 }' "$tmp/mem"
}

fmt_ms() {  # fmt_ms MS: "1.23 ms", "45.6 ms", "1.234 s"
    awk -v v="$1" 'BEGIN {
        if (v >= 1000) printf "%.3f s", v / 1000
        else if (v >= 10) printf "%.1f ms", v
        else printf "%.2f ms", v }'
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }   # le A B: A <= B
met() { if "$@"; then echo yes; else echo "**no**"; fi; }

rows=()
row() {  # row WHAT LEDGER MEDIAN SPREAD MEMORY TARGET MET (cells are trimmed)
    local out='|' c
    for c in "$@"; do
        c="${c#"${c%%[![:space:]]*}"}"
        c="${c%"${c##*[![:space:]]}"}"
        out+=" $c |"
    done
    rows+=("$out")
}

# time_row WHAT LEDGER JSON INDEX MEM_MB TARGET_MS [TARGET_MB [TARGET_LABEL]]: a row from a
# hyperfine result; sets med (median in ms)
time_row() {
    local what=$1 led=$2 json=$3 idx=$4 mb=$5 tms=$6 tmb=${7:-} target=${8:-} min max sd ok
    read -r med min max sd < <(stats "$json" "$idx")
    [[ -n $target ]] || target="≤ $(awk -v v="$tms" 'BEGIN { printf "%g", v }') ms"
    ok=$(met le "$med" "$tms")
    if [[ -n $tmb ]]; then
        target+=", ≤ $tmb MB"
        if [[ $ok == yes ]]; then ok=$(met le "$mb" "$tmb"); fi
    fi
    row " $what " " $led " " $(fmt_ms "$med") " \
        " $(fmt_ms "$min") – $(fmt_ms "$max") (σ $(fmt_ms "$sd")) " " $mb MB " " $target " " $ok "
}

skipped() { row " $1 " " $2 " " — " " — " " — " " $3 " " skipped (--quick) "; }

# Export and import of the 10k/1M ledger: one run each under /usr/bin/time (wall time and
# peak resident memory). The export goes to a file, then is imported into a new ledger whose own
# export must be byte-identical to it (ids and write times are kept into an empty ledger).
io_rows() {
    local doc="$tmp/export-1m.json" db="$tmp/import-1m.db" again="$tmp/export-1m-again.json"
    local s kb mb
    rm -f "$doc" "$db" "$db-wal" "$db-shm"
    log "export --format json of 10k/1M"
    /usr/bin/time -f '%e %M' -o "$tmp/io.time" "$bin" --db "$L2" -q export --format json -o "$doc" \
        || { log "export failed"; exit 1; }
    read -r s kb < <(tail -n 1 "$tmp/io.time")
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    row ' `export --format json -o FILE` (1 run) ' ' 10k/1M ' " $s s " " — " " $mb MB " \
        " ≤ 100 MB " " $(met le "$mb" 100) "
    log "import of that file ($(du -m "$doc" | cut -f1) MB) into a new ledger"
    /usr/bin/time -f '%e %M' -o "$tmp/io.time" "$bin" --db "$db" -q import "$doc" \
        || { log "import failed"; exit 1; }
    read -r s kb < <(tail -n 1 "$tmp/io.time")
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    "$bin" --db "$db" -q export --format json -o "$again"
    local same="**no**"
    cmp -s "$doc" "$again" && same=yes
    row ' `import FILE` of that export into a new ledger (1 run) ' ' 10k/1M → new ' " $s s " " — " \
        " $mb MB " " ≤ 300 MB " " $(met le "$mb" 300) "
    row ' export → import → export byte-identical (`cmp`) ' ' 10k/1M ' " — " " — " " — " \
        " identical " " $same "
    rm -f "$doc" "$again" "$db" "$db-wal" "$db-shm"
}

if (( io_only )); then
    io_rows
else

# demo build (one run of /usr/bin/time)
row " \`demo --clients 1000 --entries 100000\` (1 run) " " 1k/100k " " $demo_s s " " — " \
    " $(awk -v k="$demo_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB " " < 10 s " \
    " $(met awk -v s="$demo_s" 'BEGIN { exit !(s < 10) }') "

# start-up
q() { printf '%q' "$1"; }   # quoting for hyperfine's shell-less command splitting
hf version "$(q "$bin") --version"
time_row '`--version`' '—' "$work/version.json" 0 "$(peak_mb "$bin" --version)" 2

# report on 1k/100k
hf report-100k "$(q "$bin") --db $(q "$L1") report"
time_row '`report`' '1k/100k' "$work/report-100k.json" 0 "$(peak_mb "$bin" --db "$L1" report)" 50
med_100k=$med

# Shell completion on Tab (what `relaties completions fish` runs): client names, open ids
for what in clients ids; do
    if [[ $what == clients ]]; then words=(log-touch a); label='Tab: client names (`log-touch a`)'
    else words=(deliver ''); label="Tab: open commitment ids (\`deliver ''\`)"; fi
    hf "complete-$what" "env RELATIES_COMPLETE=fish $(q "$bin") -- relaties --db $(q "$L1") ${words[0]} $(q "${words[1]}")"
    time_row "$label" '1k/100k' "$work/complete-$what.json" 0 \
        "$(peak_mb env RELATIES_COMPLETE=fish "$bin" -- relaties --db "$L1" "${words[@]}")" 50
done

if [[ -n $L2 ]]; then
    hf report-1m "$(q "$bin") --db $(q "$L2") report"
    time_row '`report`' '10k/1M' "$work/report-1m.json" 0 "$(peak_mb "$bin" --db "$L2" report)" 500 100
    med_1m=$med

    hf score-1m "$(q "$bin") --db $(q "$L2") score --json"
    time_row '`score --json`' '10k/1M' "$work/score-1m.json" 0 "$(peak_mb "$bin" --db "$L2" score --json)" 500

    hf timeline-1m "$(q "$bin") --db $(q "$L2") timeline --limit 20"
    time_row '`timeline --limit 20`' '10k/1M' "$work/timeline-1m.json" 0 \
        "$(peak_mb "$bin" --db "$L2" timeline --limit 20)" 20

    growth=$(awk -v a="$med_1m" -v b="$med_100k" 'BEGIN { printf "%.2f", a / b }')
    row ' growth: median `report` 1M ÷ 100k ' ' 10k/1M vs 1k/100k ' " ${growth}× " " — " " — " \
        " ≤ 12× " " $(met le "$med_1m" "$(awk -v b="$med_100k" 'BEGIN { print b * 12 }')") "
else
    skipped '`report`' '10k/1M' '≤ 500 ms, ≤ 100 MB'
    skipped '`score --json`' '10k/1M' '≤ 500 ms'
    skipped '`timeline --limit 20`' '10k/1M' '≤ 20 ms'
    skipped 'growth: median `report` 1M ÷ 100k' '10k/1M vs 1k/100k' '≤ 12×'
fi

# One recorded gift against the sqlite3 shell doing the equivalent transaction. Each writes to
# its own copy of the 1k/100k ledger, made afresh on every run of this script.
W_REL="$work/write-relaties.db" W_SQL="$work/write-sqlite3.db"
for f in "$W_REL" "$W_SQL"; do
    rm -f "$f" "$f-wal" "$f-shm"
    cp "$L1" "$f"
done
floor_sql="PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; BEGIN IMMEDIATE; \
INSERT INTO entries (id, client_id, kind, date, description, cost_cents, currency, created_at, facts) \
VALUES ((SELECT next FROM sequences WHERE name='entries'), 1, 'gift', date('now'), 'x', 1000, \
'EUR', datetime('now'), zeroblob(44)); UPDATE sequences SET next = next + 1 WHERE name='entries'; COMMIT;"
hf write-100k "$(q "$bin") --db $(q "$W_REL") log-gift acme x --cost 10" \
    "sqlite3 $(q "$W_SQL") \"$floor_sql\""
read -r sql_med sql_min sql_max sql_sd < <(stats "$work/write-100k.json" 1)
sql_mb=$(peak_mb sqlite3 "$W_SQL" "$floor_sql")
limit=$(awk -v s="$sql_med" 'BEGIN { print s * 1.3 }')
time_row '`log-gift acme x --cost 10`' '1k/100k (copy)' "$work/write-100k.json" 0 \
    "$(peak_mb "$bin" --db "$W_REL" log-gift acme x --cost 10)" "$limit" '' \
    "≤ 1.3 × sqlite3 (≤ $(fmt_ms "$limit"))"
rel_med=$med
row ' sqlite3 shell, one equivalent INSERT (floor) ' ' 1k/100k (copy) ' " $(fmt_ms "$sql_med") " \
    " $(fmt_ms "$sql_min") – $(fmt_ms "$sql_max") (σ $(fmt_ms "$sql_sd")) " " $sql_mb MB " \
    ' reference ' ' — '
ratio=$(awk -v a="$rel_med" -v b="$sql_med" 'BEGIN { printf "%.2f", a / b }')
row ' `log-gift` ÷ sqlite3 (medians) ' ' 1k/100k (copy) ' " ${ratio}× " " — " " — " " ≤ 1.3× " \
    " $(met le "$rel_med" "$limit") "

if [[ -n $L2 ]]; then
    io_rows
else
    skipped '`export --format json -o FILE`' '10k/1M' '≤ 100 MB'
    skipped '`import FILE` into a new ledger' '10k/1M → new' '≤ 300 MB'
fi
fi

# ---------------------------------------------------------------------------------------------
# 4. The table

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mode="hyperfine -N, $warmup warm-up + $runs runs per command"
(( quick )) && mode+=", --quick"
(( io_only )) && mode="--io-only: one run per command under /usr/bin/time"

{
    hf_version=$(hyperfine --version 2>/dev/null || echo "no hyperfine")
    printf '%s\n' "Machine: $(nproc) cores, ${cpu:-unknown CPU}, Linux $(uname -r) · $started · commit $commit · $hf_version ($mode) · demo seed $seed"
    echo
    echo '| what | ledger | median | spread (min–max) | peak memory | target | met? |'
    echo '|---|---|---|---|---|---|---|'
    printf '%s\n' "${rows[@]}"
} >"$work/results.md"

echo
cat "$work/results.md"
echo
log "table written to $work/results.md; raw hyperfine JSON in $work/*.json"

if (( pg )); then
    pg_args=(--runs "$runs" --warmup "$warmup" --seed "$seed" --dir "$work")
    (( quick )) && pg_args+=(--quick)
    "$root/benches/bench-pg.sh" "${pg_args[@]}"
fi
