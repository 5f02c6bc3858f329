#!/usr/bin/env python3
"""Where `workbook build` spends its time, for whoever optimises it.

    python3 Benchmarks/profile.py --workbook .build/release/workbook

On a generated workbook of --chapters (default 100) chapters: `perf stat -e
task-clock` of one build, then one build under `valgrind --tool=callgrind`,
summarised as the top functions by inclusive and by self cost (Swift names
demangled). Writes Benchmarks/results/profile-<N>.txt. Needs valgrind and
linux-perf (apt); perf is skipped when missing or not permitted.

With --perf-record (and whenever callgrind fails: valgrind 3.19 crashes on
binaries whose main is async) it also samples one build with `perf record
--call-graph fp` (frame pointers: steadier than dwarf unwinding here) and adds the top functions by inclusive ("children") and
self share. That is cheap, so with --no-callgrind it suits N=1,000, where costs
that grow with N squared show up.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the repo
import generate  # noqa: E402


def demangle(text):
    if not shutil.which("swift"):
        return text
    return subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True).stdout


def shorten(name, width=150):
    name = re.sub(r"\s+", " ", name.strip())
    return name if len(name) <= width else name[: width - 1] + "…"


TRAMPOLINE = re.compile(r"^(\?\?\?:)?(_dispatch_|___swift_dispatch|\$sSi|start_thread|__libc_start|_start$|main$|"
                        r"\$s\w*TA$|\$s\w*TR$|\$s\w*TRTA$)")


# Frames every thread or task passes through: they only repeat the figure of what they call.
RUNTIME_FRAMES = re.compile(r"^(clone3|swift_job_run|swift::runJobInEstablishedExecutorContext|"
                            r"static AsyncParsableCommand\.main|static DispatchQueue\.concurrentPerform|"
                            r"_dispatch_\w+|dispatch_apply_f|start_thread)")


def run_callgrind(cmd, out_file, env=None):
    """Runs `cmd` (a workbook build) under callgrind; the completed process.
    Valgrind 3.19 cannot read the DWARF 5 that Swift 6 emits: it runs a copy of
    the binary without debug info (symbols kept), beside the original so it
    finds the theme."""
    nodebug = cmd[0] + "-nodebug"
    subprocess.run(["objcopy", "--strip-debug", cmd[0], nodebug], check=True)
    try:
        return subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", nodebug] + cmd[1:],
                              capture_output=True, text=True, env=env)
    finally:
        os.remove(nodebug)


def callgrind_rows(out_file, inclusive, levels=False):
    """(cost, mangled name) rows of callgrind_annotate, biggest first, total.
    A recursion level of a function in a cycle (`f'2`) is left out, as its
    inclusive cost is counted twice; with `levels`, self costs, which are not,
    keep their rows."""
    ann = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100",
                          out_file], capture_output=True, text=True).stdout
    total, rows = None, []
    for line in ann.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(?\s*[\d.]*%?\)?\s*PROGRAM TOTALS", line)
        if m:
            total = int(m.group(1).replace(",", ""))
            continue
        m = re.match(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*?)\s*$", line)
        if m and total and ":" in m.group(2):
            where = m.group(2)
            fn = where.split(":", 1)[1] if not where.startswith("???:") else where[4:]
            fn = re.sub(r"\s*\[[^\]]*\]\s*$", "", fn)
            if not levels and re.search(r"'\d+$", fn):
                continue
            rows.append((int(m.group(1).replace(",", "")), fn))
    return total, rows


def named(rows):
    names = demangle("\n".join(fn for _, fn in rows)).splitlines()
    return [(cost, mangled, name) for (cost, mangled), name in zip(rows, names)]


def table(rows, total, top):
    return [f"    {100 * cost / total:6.2f}%  {cost:>15,}  {shorten(name)}" for cost, _, name in rows[:top]]


def callgrind_report(cg, top):
    report = []
    total, rows = callgrind_rows(cg, inclusive=True)
    rows = named(rows)
    plain = [r for r in rows if not TRAMPOLINE.match(r[1]) and not r[2].startswith(("thunk for", "partial apply"))
             and not r[2].startswith(("(below main)", "0x"))]
    report += [f"## callgrind: top {top} functions by inclusive cost (instructions, all threads)", "",
               f"    program total: {total:,} Ir. Left out: dispatch and thunk trampolines (parallelMap's",
               "    workers and closure thunks), `main` and unnamed addresses, which only repeat the figure",
               "    of the function they call.", ""]
    report += table(plain, total, top) + [""]
    own = [r for r in plain if re.match(r"\$s(8Workbook|16WorkbookMarkdown|11WorkbookCLI)", r[1])]
    report += [f"## callgrind: workbook's own functions by inclusive cost (top {2 * top})", ""]
    report += table(own, total, 2 * top) + [""]
    total, rows = callgrind_rows(cg, inclusive=False)
    report += [f"## callgrind: top {top} functions by self cost", ""]
    report += table(named(rows), total, top) + [""]
    return report


def perf_report(data, top):
    """Top functions by inclusive ("children") and self share of perf samples, all threads."""
    out = []
    for mode in ("--children", "--no-children"):
        rep = subprocess.run(["perf", "report", "-i", data, mode, "--sort", "symbol", "--stdio", "-g", "none",
                              "--percent-limit", "0.5"], capture_output=True, text=True).stdout
        rows = []
        for line in rep.splitlines():
            m = re.match(r"^\s*([\d.]+)%\s+(?:([\d.]+)%\s+)?\[[.k]\]\s+(.*?)\s*$", line)
            if m:
                rows.append((float(m.group(1)), m.group(3)))
        names = demangle("\n".join(r[1] for r in rows)).splitlines()
        merged, seen = [], set()
        for (pct, mangled), name in zip(rows, names):
            name = re.sub(r"(\s+-)+\s*$", "", name).strip()
            base = name.removesuffix(" (inlined)")
            if base in seen:   # an inlined copy of a function already listed
                continue
            seen.add(base)
            merged.append((pct, mangled, base))
        rows = merged
        if mode == "--children":
            plain = [r for r in rows if not TRAMPOLINE.match(r[1])
                     and not r[2].startswith(("thunk for", "partial apply", "(below main)", "0x", "[unknown]"))
                     and not RUNTIME_FRAMES.match(r[2])]
            out += [f"## perf record --call-graph fp: top {top} functions by inclusive share (all threads)", "",
                    "    Left out: thread, task and dispatch trampolines, thunks, `main` and unknown frames;",
                    "    an inlined copy of a function is counted under its first listing.", ""]
            out += [f"    {pct:6.2f}%  {shorten(name)}" for pct, _, name in plain[:top]] + [""]
            own = [r for r in plain if re.match(r"\$s(8Workbook|16WorkbookMarkdown|11WorkbookCLI|13WorkbookServe)", r[1])]
            out += [f"## perf: workbook's own functions by inclusive share (top {2 * top})", ""]
            out += [f"    {pct:6.2f}%  {shorten(name)}" for pct, _, name in own[:2 * top]] + [""]
        else:
            out += [f"## perf: top {top} functions by self share", ""]
            out += [f"    {pct:6.2f}%  {shorten(name)}" for pct, _, name in rows[:top]] + [""]
    return out


def annotate_only(cg, top):
    print("\n".join(callgrind_report(cg, top)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workbook", default=".build/release/workbook")
    ap.add_argument("--chapters", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--work", default="/tmp/workbook-bench")
    ap.add_argument("--perf-record", action="store_true",
                    help="also sample one build with perf record (done anyway when callgrind fails)")
    ap.add_argument("--perf-builds", type=int, default=None,
                    help="builds in a row under perf record (default: 5 up to 200 chapters, else 1)")
    ap.add_argument("--no-callgrind", action="store_true", help="skip callgrind (slow: about 50x a build)")
    ap.add_argument("--output", default=None, help="default Benchmarks/results/profile-<N>.txt")
    args = ap.parse_args()
    wb = os.path.abspath(args.workbook)
    if args.perf_builds is None:
        args.perf_builds = 5 if args.chapters <= 200 else 1
    n = args.chapters
    work = os.path.join(args.work, f"profile-n{n}")
    generate.generate(n, args.seed, work)
    content = os.path.join(work, "workbook")
    out_dir = os.path.join(work, "out")
    report = [f"# workbook build profile, {n} generated chapters (Benchmarks/generate.py, seed {args.seed})",
              f"# binary: {wb}, built {datetime.datetime.fromtimestamp(os.path.getmtime(wb)).isoformat(timespec='seconds')}",
              f"# source tree: {subprocess.run(['git', '-C', os.path.dirname(HERE), 'describe', '--always', '--dirty'], capture_output=True, text=True).stdout.strip()}", ""]

    def build_cmd():
        shutil.rmtree(out_dir, ignore_errors=True)
        return [wb, "build", "--content", content, "--output", out_dir]

    if shutil.which("perf"):
        r = subprocess.run(["perf", "stat", "-e", "task-clock"] + build_cmd(), capture_output=True, text=True)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith("search-index.js")]
        report += ["## perf stat -e task-clock (one build)", ""] + ["    " + ln.strip() for ln in lines[-6:]] + [""]

    callgrind_failed = None
    if not args.no_callgrind:
        cg = os.path.join(work, "callgrind.out")
        r = run_callgrind(build_cmd(), cg)
        if r.returncode == 0:
            report += callgrind_report(cg, args.top)
        else:
            why = [ln for ln in r.stderr.splitlines() if "INTERNAL ERROR" in ln or "impossible" in ln or "rror" in ln]
            callgrind_failed = (why[0] if why else r.stderr.strip().splitlines()[-1]).strip("=-0123456789 ")
            report += ["## callgrind: failed on this binary", "",
                       f"    valgrind exited {r.returncode}: {callgrind_failed}",
                       "    (valgrind 3.19 crashes even on `workbook --version` since the CLI's main became async;",
                       "    sampled with perf below instead: percentages of samples, not instruction counts)", ""]

    if (args.perf_record or args.no_callgrind or callgrind_failed) and shutil.which("perf"):
        data = os.path.join(work, "perf.data")
        builds = max(1, args.perf_builds)
        loop = " && ".join([" ".join(build_cmd())] * builds)   # later builds replace their own output
        subprocess.run(["perf", "record", "-F", "2999", "--call-graph", "fp", "-o", data, "--", "sh", "-c", loop],
                       capture_output=True, check=True)
        report += [f"    perf record: {builds} build(s) in a row, sampled at 2999 Hz", ""]
        report += perf_report(data, args.top)

    default = f"profile-{n}.txt" if not args.no_callgrind else f"profile-{n}-perf.txt"
    path = args.output or os.path.join(HERE, "results", default)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(report))
    print("\n".join(report))
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
