#!/usr/bin/env bash
# Seed the corpora from seeds/, build every fuzz target once, then run them one after another.
#
#   fuzz/run.sh [RUNS] [TARGET...]      RUNS defaults to 1000000; TARGETs default to all.
#
# Each target also stops after MAX_TIME seconds (default 600), whichever comes first.
# Extra libFuzzer flags can be given in FUZZ_ARGS, e.g. FUZZ_ARGS="-max_len=256".
# Prints one line per target: `target: N runs, crashes: K` (plus the duration libFuzzer reports).
# Full libFuzzer output goes to fuzz/logs/<target>.log; crashing inputs to fuzz/artifacts/<target>/.
set -uo pipefail

cd "$(dirname "$0")"
runs="${1:-1000000}"
shift || true
all=(parse_date parse_amount client_ref vcard clients_csv json_import)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

cargo +nightly fuzz build || exit 1
mkdir -p logs

status=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
    before=$(ls "artifacts/$t" | wc -l)
    log="logs/$t.log"
    # shellcheck disable=SC2086
    cargo +nightly fuzz run "$t" -- -runs="$runs" -max_total_time="${MAX_TIME:-600}" -rss_limit_mb=2048 ${FUZZ_ARGS:-} >"$log" 2>&1
    rc=$?
    after=$(ls "artifacts/$t" | wc -l)
    crashes=$((after - before))
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n1)
    if [ -n "$done_line" ]; then
        n=$(sed -E 's/^Done ([0-9]+) runs.*/\1/' <<<"$done_line")
        secs=$(sed -E 's/.* in ([0-9]+) second.*/\1/' <<<"$done_line")
    else
        # Stopped early (a crash): the last status line has the count so far.
        n=$(grep -oE '^#[0-9]+' "$log" | tail -n1 | tr -d '#')
        secs="?"
    fi
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="? (exit $rc, see $log)"; fi
    line="$t: ${n:-0} runs, crashes: $crashes (${secs}s)"
    echo "$line"
    summary+=("$line")
    [ "$rc" -ne 0 ] && status=1
    if [ "$after" -gt "$before" ]; then
        ls -t "artifacts/$t" | head -n "$((after - before))" | sed "s|^|    artifacts/$t/|"
    fi
done

echo
echo "summary:"
printf '  %s\n' "${summary[@]}"
exit "$status"
