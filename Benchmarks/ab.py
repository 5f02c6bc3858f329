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
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binaries", nargs="+", help="workbook binaries; the first is the baseline")
    ap.add_argument("--runs", type=int, default=10, help="builds of each binary")
    ap.add_argument("--chapters", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/workbook-bench", help="where generated corpora are kept")
    ap.add_argument("--pause", type=float, default=0.0, help="seconds between builds")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for every build (repeatable)")
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
        results = [[] for _ in binaries]
        for _ in range(args.runs):
            for n, binary in enumerate(binaries):
                if args.pause:
                    time.sleep(args.pause)
                results[n].append(run(binary, content, os.path.join(scratch, f"out-{n}"), env))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    base = None
    for given, runs in zip(args.binaries, results):
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        base = base or median
        print(f"{given}")
        print(f"  wall {median['wall'] * 1000:7.1f} ms (min {min(r['wall'] for r in runs) * 1000:.1f})"
              f"  CPU {median['cpu'] * 1000:7.1f} ms (system {median['sys'] * 1000:.1f})"
              f"  page faults {median['faults']:,.0f}  peak RSS {median['rss_mb']:.0f} MB"
              f"  wall {median['wall'] / base['wall']:.3f}x, CPU {median['cpu'] / base['cpu']:.3f}x of the first")
        print("  runs (ms):", " ".join(f"{r['wall'] * 1000:.0f}" for r in runs))


if __name__ == "__main__":
    main()
