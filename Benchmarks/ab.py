#!/usr/bin/env python3
"""Alternating builds of two or more `workbook` binaries on one generated
workbook: the way to compare a change with what it replaces on a shared
machine, where the same build takes 10% more or less from one minute to the
next and a `make bench` an hour later says little about a 2% change.

    swift build -c release --static-swift-stdlib --product workbook
    cp .build/release/workbook /tmp/before     # then make the change, build again
    python3 Benchmarks/ab.py /tmp/before .build/release/workbook --runs 12

Builds take turns (A, B, A, B, ...) into a fresh output folder on tmpfs
(/dev/shm), so the file system's inode scans (Benchmarks/run.py) stay out of
it. Each run is a fork and exec, timed with `wait4`: wall and CPU time to the
microsecond (GNU time rounds to 10 ms), page faults and peak RSS. `--pause`
waits between builds, as `make bench` does between tools: a build after a
pause of a few seconds takes about 9% longer on the development machine.
Each binary is copied into a folder of its own beside a link to this
repository's Themes, where it finds the default theme.

Besides the medians, each binary's builds are set against the first's of the
same round (its paired ratio): a spell of a slow machine slows both builds of a
round, so the middle of those ratios moves less than the medians do.

`--instructions` counts instead of timing: one build of each binary under
`valgrind --tool=callgrind` (about 50 times slower; use `--chapters 200`), and
the user-space instructions it executed, in all and in the functions that
cost the most on this machine: reference counting (`swift_retain`,
`swift_release` and their kin) and the allocator. The counts are the same from
run to run within 0.1%, whatever else the machine does, so they show a change
of 1% in the work a build does where time cannot; they leave out the kernel
(page faults, file writes) and how fast each instruction ran.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the repo
import profile  # noqa: E402  (Benchmarks/profile.py: the callgrind runner and reader)


def run(binary, content, output, env):
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execve(binary, [binary, "build", "--content", content, "--output", output], env)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} failed (status {status}); run it by hand to see why")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "sys": usage.ru_stime,
            "faults": usage.ru_minflt, "rss_mb": usage.ru_maxrss / 1024}


# Functions whose instructions `--instructions` reports apart: reference
# counting and the allocator (mimalloc's and the Swift runtime's entry points).
GROUPS = {
    "reference counting": re.compile(r"^(swift_retain|swift_release|swift_bridgeObjectRetain|swift_bridgeObjectRelease"
                                     r"|swift_retain_n|swift_release_n|swift_isUniquelyReferenced\w*)(\'\d+)?$"),
    "allocation": re.compile(r"^(malloc|free|mi_\w+|_mi_\w+|swift_allocObject|swift_slowAlloc|swift_deallocObject"
                             r"|swift_slowDealloc|swift_deallocClassInstance)(\'\d+)?$"),
}


def instructions(binary, content, output, env, work):
    """One build under callgrind: (total instructions, {group: instructions})."""
    shutil.rmtree(output, ignore_errors=True)
    out_file = os.path.join(work, os.path.basename(os.path.dirname(binary)) + ".callgrind")
    result = profile.run_callgrind([binary, "build", "--content", content, "--output", output], out_file, env)
    if result.returncode != 0:
        sys.exit(f"{binary} failed under valgrind:\n{result.stderr[-2000:]}")
    total, rows = profile.callgrind_rows(out_file, inclusive=False, levels=True)
    groups = {name: sum(cost for cost, function in rows if pattern.match(function)) for name, pattern in GROUPS.items()}
    return total, groups


def paired(runs, base_runs):
    """The middle of each round's wall-time ratio to the first binary's, and the middle half of them."""
    ratios = sorted(r["wall"] / b["wall"] for r, b in zip(runs, base_runs))
    k = len(ratios)
    return statistics.median(ratios), ratios[k // 4], ratios[(3 * k) // 4], sum(x < 1 for x in ratios), k


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binaries", nargs="+", help="workbook binaries; the first is the baseline")
    ap.add_argument("--runs", type=int, default=10, help="builds of each binary")
    ap.add_argument("--chapters", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/workbook-bench", help="where generated corpora are kept")
    ap.add_argument("--pause", type=float, default=0.0, help="seconds between builds")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for every build (repeatable)")
    ap.add_argument("--instructions", action="store_true",
                    help="count each binary's instructions under callgrind instead of timing it (one build each)")
    args = ap.parse_args()

    corpus = os.path.join(args.work, f"n{args.chapters}")
    if not os.path.exists(os.path.join(corpus, "workbook", "workbook.yaml")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--chapters", str(args.chapters),
                        "--seed", str(args.seed), "--out", corpus], check=True)
    content = os.path.join(corpus, "workbook")
    env = dict(os.environ)
    for pair in args.env:
        name, _, value = pair.partition("=")
        env[name] = value

    scratch = tempfile.mkdtemp(prefix="workbook-ab-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        binaries = []
        for n, given in enumerate(args.binaries):
            folder = os.path.join(scratch, str(n))
            os.makedirs(folder)
            shutil.copy2(given, os.path.join(folder, "workbook"))
            os.symlink(os.path.join(REPO, "Themes"), os.path.join(folder, "Themes"))
            binaries.append(os.path.join(folder, "workbook"))
        if args.instructions:
            counts = [instructions(binary, content, os.path.join(scratch, f"out-{n}"), env, scratch) for n, binary in enumerate(binaries)]
        else:
            results = [[] for _ in binaries]
            for _ in range(args.runs):
                for n, binary in enumerate(binaries):
                    if args.pause:
                        time.sleep(args.pause)
                    results[n].append(run(binary, content, os.path.join(scratch, f"out-{n}"), env))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if args.instructions:
        base_total, base_groups = counts[0]
        for given, (total, groups) in zip(args.binaries, counts):
            parts = "  ".join(f"{name} {cost:,} ({cost / base_groups[name]:.3f}x)" if base_groups[name] else f"{name} {cost:,}"
                              for name, cost in groups.items())
            print(f"{given}")
            print(f"  instructions {total:,} ({total / base_total:.4f}x of the first)  {parts}")
        return

    base = None
    for given, runs in zip(args.binaries, results):
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        base = base or median
        print(f"{given}")
        print(f"  wall {median['wall'] * 1000:7.1f} ms (min {min(r['wall'] for r in runs) * 1000:.1f})"
              f"  CPU {median['cpu'] * 1000:7.1f} ms (system {median['sys'] * 1000:.1f})"
              f"  page faults {median['faults']:,.0f}  peak RSS {median['rss_mb']:.0f} MB"
              f"  wall {median['wall'] / base['wall']:.3f}x, CPU {median['cpu'] / base['cpu']:.3f}x of the first")
        if runs is not results[0]:
            middle, low, high, faster, rounds = paired(runs, results[0])
            print(f"  paired with the first: {middle:.3f}x (middle half {low:.3f}-{high:.3f}), faster in {faster} of {rounds} rounds")
        print("  runs (ms):", " ".join(f"{r['wall'] * 1000:.0f}" for r in runs))


if __name__ == "__main__":
    main()
