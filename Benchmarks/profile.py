#!/usr/bin/env python3
"""Where `workbook build` spends its time, for whoever optimises it.

    python3 Benchmarks/profile.py --workbook .build/release/workbook

On a generated workbook of --chapters (default 100) chapters: `perf stat -e
task-clock` of one build, then one build under `valgrind --tool=callgrind`,
summarised as the top functions by inclusive and by self cost (Swift names
demangled). Writes Benchmarks/results/profile-<N>.txt. Needs valgrind and
linux-perf (apt); perf is skipped when missing or not permitted.

With --perf-record it also samples one build with `perf record -g` (cheap, so
it suits N=1,000, where costs that grow with N squared show up) and adds the
top functions by inclusive ("children") share.
"""

import argparse
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


def callgrind_rows(out_file, inclusive):
    """(cost, mangled name) rows of callgrind_annotate, biggest first, total."""
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
            if re.search(r"'\d+$", fn):   # a recursion level of a function in a cycle: counted twice
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


def annotate_only(cg, top):
    print("\n".join(callgrind_report(cg, top)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workbook", default=".build/release/workbook")
    ap.add_argument("--chapters", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--work", default="/tmp/workbook-bench")
    ap.add_argument("--perf-record", action="store_true", help="also sample one build with perf record -g")
    ap.add_argument("--no-callgrind", action="store_true", help="skip callgrind (slow: about 50x a build)")
    ap.add_argument("--output", default=None, help="default Benchmarks/results/profile-<N>.txt")
    args = ap.parse_args()
    wb = os.path.abspath(args.workbook)
    n = args.chapters
    work = os.path.join(args.work, f"profile-n{n}")
    generate.generate(n, args.seed, work)
    content = os.path.join(work, "workbook")
    out_dir = os.path.join(work, "out")
    report = [f"# workbook build profile, {n} generated chapters (Benchmarks/generate.py, seed {args.seed})",
              f"# binary: {wb}", f"# {subprocess.run(['git', '-C', os.path.dirname(HERE), 'describe', '--always', '--dirty'], capture_output=True, text=True).stdout.strip()}", ""]

    def build_cmd():
        shutil.rmtree(out_dir, ignore_errors=True)
        return [wb, "build", "--content", content, "--output", out_dir]

    if shutil.which("perf"):
        r = subprocess.run(["perf", "stat", "-e", "task-clock"] + build_cmd(), capture_output=True, text=True)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith("search-index.js")]
        report += ["## perf stat -e task-clock (one build)", ""] + ["    " + ln.strip() for ln in lines[-6:]] + [""]

    # Valgrind 3.19 cannot read the DWARF 5 that Swift 6 emits: profile a copy
    # without debug info (symbols kept), beside the original so it finds the theme.
    if not args.no_callgrind:
        nodebug = wb + "-nodebug"
        subprocess.run(["objcopy", "--strip-debug", wb, nodebug], check=True)
        cg = os.path.join(work, "callgrind.out")
        cmd = build_cmd()
        cmd[0] = nodebug
        try:
            subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}"] + cmd,
                           capture_output=True, text=True, check=True)
        finally:
            os.remove(nodebug)
        report += callgrind_report(cg, args.top)

    if args.perf_record and shutil.which("perf"):
        data = os.path.join(work, "perf.data")
        subprocess.run(["perf", "record", "-F", "499", "-g", "-o", data] + build_cmd(), capture_output=True, check=True)
        rep = subprocess.run(["perf", "report", "-i", data, "--children", "--sort", "symbol", "--stdio", "-g", "none"],
                             capture_output=True, text=True).stdout
        rows = []
        for line in rep.splitlines():
            m = re.match(r"^\s*([\d.]+)%\s+([\d.]+)%\s+\[\.\]\s+(.*)$", line)
            if m:
                rows.append((m.group(1), m.group(2), m.group(3)))
        names = demangle("\n".join(r[2] for r in rows)).splitlines()
        report += [f"## perf record -g: top {2 * args.top} functions by inclusive share (children, self)", ""]
        for (children, self_, _), name in list(zip(rows, names))[: 2 * args.top]:
            report.append(f"    {float(children):6.2f}%  {float(self_):6.2f}%  {shorten(name)}")
        report.append("")

    default = f"profile-{n}.txt" if not args.no_callgrind else f"profile-{n}-perf.txt"
    path = args.output or os.path.join(HERE, "results", default)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(report))
    print("\n".join(report))
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
