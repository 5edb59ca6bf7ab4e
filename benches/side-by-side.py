#!/usr/bin/env python3
"""Times commands in turn, round after round (in a new random order each round, so that no
command always follows the same one), and prints each one's median and its ratio to the first:
a comparison that a busy machine skews less than hyperfine's one command after the other (a slow
minute then falls on every command alike). See benches/README.md.

    benches/side-by-side.py [--runs N] [--warmup N] NAME 'COMMAND' NAME 'COMMAND' ...

A COMMAND is split as a shell would split it (shlex) and run without a shell, its output thrown
away. It runs in the current folder, with the current environment. Exit 1 when a command failed
(its stderr is shown), 2 on a bad command line.
"""

import random
import shlex
import statistics
import subprocess
import sys
import time


def main(argv):
    runs, warmup = 30, 3
    args = list(argv)
    while args and args[0].startswith("--"):
        flag = args.pop(0)
        if flag in ("--runs", "--warmup") and args and args[0].isdigit():
            value = int(args.pop(0))
            if flag == "--runs":
                runs = value
            else:
                warmup = value
        else:
            print(f"side-by-side: unknown option or missing number: {flag}", file=sys.stderr)
            return 2
    if runs < 1 or len(args) < 2 or len(args) % 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    cases = [(name, shlex.split(cmd)) for name, cmd in zip(args[::2], args[1::2])]
    times = {name: [] for name, _ in cases}
    order = list(cases)
    for i in range(warmup + runs):
        random.shuffle(order)
        for name, cmd in order:
            start = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            took = time.perf_counter() - start
            if done.returncode != 0:
                err = done.stderr.decode(errors="replace").strip()
                print(f"side-by-side: {name} failed (exit {done.returncode}): {err}", file=sys.stderr)
                return 1
            if i >= warmup:
                times[name].append(took)
    first = statistics.median(times[cases[0][0]])
    print(f"{'command':<16} {'median':>10} {'p25':>10} {'p75':>10} {'÷ first':>8}")
    for name, _ in cases:
        t = sorted(times[name])
        med = statistics.median(t)
        q1, q3 = t[len(t) // 4], t[(3 * len(t)) // 4]
        print(f"{name:<16} {med * 1e3:>8.2f}ms {q1 * 1e3:>8.2f}ms {q3 * 1e3:>8.2f}ms {med / first:>7.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
