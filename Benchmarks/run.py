#!/usr/bin/env python3
"""`make bench`: time `workbook build` against Hugo and the cmark CLI on the
same generated chapters, and write Benchmarks/results/latest.json.

    python3 Benchmarks/run.py --workbook .build/release/workbook

Steps, all on one generated corpus per size (Benchmarks/generate.py):

1. N chapters (default 1,000): `workbook check` must report 0 errors and
   0 warnings; then interleaved runs (workbook, hugo, cmark, workbook, ...),
   each into a cold (absent) output folder, wall-clock, peak RSS (GNU time
   `%M`) and minor page faults (`%R`) per run, median and min reported. The output of a previous run is
   moved aside, not deleted, until the bench ends: on a file system that skips
   recently deleted inodes when it allocates new ones (ext4 without a journal,
   like the development machine's), every file created in the 30 s after
   thousands were deleted costs a scan past all of them, and the runs would
   measure the bench's own clean-up (3,000 files: 2.8 s right after deleting
   3,000 others, 0.07 s otherwise). Dirty pages are flushed (`sync`, untimed)
   before each run, so one run's write-back is not timed in the next (a
   workbook build writes about 50 MB). Each run's user and system CPU is in the
   JSON: on the development machine a run's system time still varies (0.3 s
   to 2.1 s for the same workbook build, its user time 1.8-2.2 s), as the file
   system's inode allocation meets inodes deleted in the minutes before.
   The bench's own clean-up at the end deletes about 100,000 files, and a
   bench started within half an hour of it measured the build with 0.3-1.6 s
   of system time a run instead of 0.2-0.3 s: the bench notes when the last
   clean-up was (`since_last_cleanup_s` in the JSON) and warns under 30 minutes;
2. the rebuild after editing one chapter (the CLI build into its previous
   output folder) and, when `workbook serve` exists, the in-process incremental
   rebuild (otherwise a placeholder that says what it needs);
3. the scaling size (default 10,000 chapters): the same interleaved runs, fewer
   of them.

The machine is noisy and the tools differ by orders of magnitude, so runs are
bounded: a tool stops repeating at a size once its runs there have used
--budget seconds (at least one run is always made), a run is killed after
--timeout seconds or when its RSS passes --max-rss-mb, and a tool that failed
or was killed at a size is not run again at that size. Every run made, and
every run skipped and why, is in the JSON.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the repo
import generate  # noqa: E402

TOOLS = ["workbook", "hugo", "cmark"]

# The issue's targets (Benchmarks is where they are shown, not timed tests).
TARGET_HUGO_RATIO = 3.0        # hugo / workbook at N, at least
TARGET_CMARK_RATIO = 2.0       # workbook / cmark at N, at most
TARGET_RSS_MB = 250.0          # workbook peak RSS at N, at most
TARGET_INCREMENTAL_MS = 30.0   # rebuild after one edited chapter, at most
LINEAR_SLACK = 1.10            # memory "grows linearly": RSS ratio <= size ratio x this


# ---------------------------------------------------------------------------
# Running one command, measured

def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def first_line(cmd):
    try:
        out = sh(cmd, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception as e:  # noqa: BLE001 - machine info is best effort
        return f"unavailable ({e.__class__.__name__})"


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def proc_status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(cmd, log_path, timeout, max_rss_mb, stdout_path=None, cwd=None):
    """Runs cmd under GNU time; returns a dict: wall_s, max_rss_mb, user_s, sys_s, minor_faults, status.
    Its stdout goes to stdout_path (default log_path), its stderr to log_path + '.err'.

    The wall time ends when the process does: the main thread blocks in
    waitpid while a watcher thread checks the timeout and the RSS limit every
    50 ms. (Polling for the end instead would round every run up to the next
    50 ms tick: a 0.46 s build read as 0.51 s, a 1.16 s one as 1.21 s.)"""
    tfile = log_path + ".time"
    if os.path.exists(tfile):
        os.remove(tfile)
    with open(stdout_path or log_path, "wb") as out, open(log_path + ".err", "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%e %M %U %S %R", "-o", tfile] + cmd,
                             stdout=out, stderr=err, cwd=cwd, start_new_session=True)
        watch = {"status": "ok", "hwm_kb": 0}
        ended = threading.Event()

        def watcher():
            while not ended.wait(0.05):
                for c in children(p.pid):
                    watch["hwm_kb"] = max(watch["hwm_kb"], proc_status_kb(c, "VmHWM"))
                elapsed = time.perf_counter() - start
                if elapsed > timeout:
                    watch["status"] = f"killed: over the {timeout:.0f} s timeout"
                elif watch["hwm_kb"] / 1024 > max_rss_mb:
                    watch["status"] = f"killed: RSS over {max_rss_mb:.0f} MB"
                if watch["status"] != "ok":
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    return

        thread = threading.Thread(target=watcher, daemon=True)
        thread.start()
        p.wait()
        wall = time.perf_counter() - start
        ended.set()
        thread.join()
        status, watched_hwm_kb = watch["status"], watch["hwm_kb"]
    result = {"wall_s": round(wall, 4), "status": status, "exit": p.returncode}
    try:
        with open(tfile) as f:
            fields = f.read().split()[-5:]
        _, rss_kb, user, system, faults = fields
        result.update(max_rss_mb=round(int(rss_kb) / 1024, 1), user_s=float(user), sys_s=float(system),
                      minor_faults=int(faults))
    except (OSError, ValueError):
        result.update(max_rss_mb=round(watched_hwm_kb / 1024, 1), user_s=None, sys_s=None, minor_faults=None)
    if status == "ok" and p.returncode != 0:
        with open(log_path + ".err", errors="replace") as f:
            tail = f.read()[-400:]
        result["status"] = f"failed: exit {p.returncode}: {tail.strip()}"
    return result


# ---------------------------------------------------------------------------
# One size: corpus, commands, interleaved runs

class Size:
    def __init__(self, args, n, runs, timeout):
        self.args, self.n, self.runs, self.timeout = args, n, runs, timeout
        self.dir = os.path.join(args.work, f"n{n}")
        self.content = os.path.join(self.dir, "workbook")
        self.out = os.path.join(self.dir, "out")
        os.makedirs(self.out, exist_ok=True)

    def ensure_corpus(self):
        stamp = os.path.join(self.dir, "corpus.json")
        want = {"generator_version": generate.GENERATOR_VERSION, "chapters": self.n, "seed": self.args.seed,
                "generator_digest": generate.generator_digest()}
        if os.path.exists(stamp):
            with open(stamp) as f:
                have = json.load(f)
            if all(have.get(k) == v for k, v in want.items()):
                print(f"  corpus: reusing {self.dir} (same generator, N and seed)")
                self.corpus = have
                return
        start = time.perf_counter()
        self.corpus = generate.generate(self.n, self.args.seed, self.dir)
        print(f"  corpus: generated {self.n} chapters in {time.perf_counter() - start:.1f} s into {self.dir}")

    def command(self, tool, out):
        if tool == "workbook":
            return [self.args.workbook, "build", "--content", self.content, "--output", out]
        if tool == "hugo":
            return ["hugo", "--quiet", "-s", os.path.join(self.dir, "hugo"), "-d", out]
        return ["cmark", os.path.join(self.dir, "cmark", "all.md")]

    def cold(self, tool):
        """The tool's output folder, absent: an earlier run's output is moved
        aside (deleted when the bench ends, see the module's docstring)."""
        out = os.path.join(self.out, tool)
        if os.path.exists(out):
            aside = os.path.join(self.args.work, "discarded")
            os.makedirs(aside, exist_ok=True)
            os.rename(out, os.path.join(aside, f"{self.n}-{tool}-{time.monotonic_ns()}"))
        return out

    def run_once(self, tool):
        """One timed run into a cold (absent) output folder; cmark's HTML goes to /dev/null."""
        out = self.cold(tool)
        log = os.path.join(self.out, f"{tool}.log")
        os.sync()
        return measure(self.command(tool, out), log, self.timeout, self.args.max_rss_mb,
                       stdout_path="/dev/null" if tool == "cmark" else None)

    def check(self):
        """`workbook check`: the corpus must be clean. Also times load + check alone."""
        start = time.perf_counter()
        try:
            out = sh([self.args.workbook, "check", "--content", self.content], timeout=self.timeout)
        except subprocess.TimeoutExpired:
            print(f"  check: not finished within {self.timeout:.0f} s (not verified at this size)")
            return {"status": f"killed: over the {self.timeout:.0f} s timeout", "wall_s": None}
        wall = time.perf_counter() - start
        summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()[-300:]
        clean = out.returncode == 0 and summary.endswith(": 0 errors, 0 warnings")
        print(f"  check: {summary} ({wall:.2f} s)")
        if not clean:
            print(out.stderr[-2000:])
            sys.exit("the generated workbook is not clean: fix Benchmarks/generate.py")
        return {"status": "ok", "summary": summary, "wall_s": round(wall, 3)}

    def interleaved(self, warmup):
        runs = {t: [] for t in TOOLS}
        skipped = {t: None for t in TOOLS}
        if warmup:
            for tool in ("hugo", "cmark"):   # workbook's warm-up is `check` (reads every file)
                self.run_once(tool)
        for i in range(self.runs):
            for tool in TOOLS:
                if skipped[tool]:
                    continue
                done = runs[tool]
                used = sum(r["wall_s"] for r in done)
                if done and used + statistics.median(r["wall_s"] for r in done) > self.args.budget:
                    skipped[tool] = (f"budget: {len(done)} of {self.runs} runs fit in {self.args.budget:.0f} s "
                                     f"({used:.1f} s used)")
                    continue
                r = self.run_once(tool)
                r["run"] = i + 1
                done.append(r)
                mark = "" if r["status"] == "ok" else f"  [{r['status']}]"
                print(f"  {tool:<8} run {i + 1}: {r['wall_s']:8.3f} s  {r['max_rss_mb']:8.1f} MB{mark}", flush=True)
                if r["status"] != "ok":
                    skipped[tool] = f"not repeated after: {r['status']}"
        self.runs_by_tool, self.skipped = runs, skipped
        self.workbook_output = output_stats(os.path.join(self.out, "workbook"))
        self.hugo_output = output_stats(os.path.join(self.out, "hugo"))
        return runs

    def summary(self, tool):
        rs = self.runs_by_tool[tool]
        ok = [r for r in rs if r["status"] == "ok"]
        s = {"runs": rs, "completed": len(ok), "skipped": self.skipped[tool]}
        if ok:
            walls = [r["wall_s"] for r in ok]
            rss = [r["max_rss_mb"] for r in ok]
            faults = [r["minor_faults"] for r in ok if r.get("minor_faults") is not None]
            s.update(median_s=round(statistics.median(walls), 4), min_s=round(min(walls), 4),
                     median_rss_mb=round(statistics.median(rss), 1), max_rss_mb=round(max(rss), 1),
                     median_minor_faults=round(statistics.median(faults)) if faults else None)
        elif rs:
            s.update(lower_bound_s=round(max(r["wall_s"] for r in rs), 3),
                     rss_at_kill_mb=round(max(r["max_rss_mb"] for r in rs), 1))
        return s


def output_stats(folder):
    files, size = 0, 0
    for root, _, names in os.walk(folder):
        for n in names:
            files += 1
            try:
                size += os.path.getsize(os.path.join(root, n))
            except OSError:
                pass
    return {"files": files, "bytes": size}


# ---------------------------------------------------------------------------
# Incremental rebuild

def edit_chapter(size, k):
    """Appends one sentence to the middle chapter's first paragraph; returns (path, original text)."""
    chapters = sorted(os.listdir(os.path.join(size.content, "chapters")))
    path = os.path.join(size.content, "chapters", chapters[len(chapters) // 2])
    with open(path, encoding="utf-8") as f:
        original = f.read()
    edit_text(path, original, k)
    return path, original


def incremental_cli(size, runs):
    """`workbook build` into the output folder of a previous build, after one chapter changed.
    The CLI has no incremental mode: this is a full rebuild with a warm output folder."""
    out = os.path.join(size.out, "workbook")
    if not os.path.isdir(out):   # the last timed run was killed: nothing to rebuild on
        return {"status": "not measured: no completed full build at this size", "runs": []}
    results = []
    for k in range(1, runs + 1):
        path, original = edit_chapter(size, k)
        try:
            r = measure(size.command("workbook", out), os.path.join(size.out, "incremental.log"),
                        size.timeout, size.args.max_rss_mb)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        r["run"] = k
        results.append(r)
        print(f"  rebuild after one edit (CLI) run {k}: {r['wall_s']:8.3f} s  {r['max_rss_mb']:8.1f} MB", flush=True)
        used = sum(x["wall_s"] for x in results)
        if r["status"] != "ok" or used + r["wall_s"] > size.args.budget:
            break
    ok = [r["wall_s"] for r in results if r["status"] == "ok"]
    s = {"what": "workbook build into its previous output folder after one chapter changed (a full rebuild: "
                 "the CLI has no incremental mode)", "runs": results, "status": "ok" if ok else results[-1]["status"]}
    if ok:
        s.update(median_s=round(statistics.median(ok), 4), min_s=round(min(ok), 4))
    return s


def has_serve(workbook):
    try:
        out = sh([workbook, "serve", "--help"], timeout=30)
        return out.returncode == 0 and "--port" in out.stdout
    except (OSError, subprocess.TimeoutExpired):
        return False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def incremental_live(size, workbook, runs, budget):
    """The in-process rebuild after one edited chapter, the number the 30 ms target is about:
    `workbook serve` (LiveBuild.rebuild(changed:) behind an inotify watcher) on this machine's
    loopback; each edit of one chapter is followed by serve's line `Rebuilt N pages ... in X ms`.
    Reported: X (serve's own measure of the rebuild) and the wall time from the write to that
    line (adds the watcher's 50 ms debounce). The first edit is checked in the served page."""
    if not has_serve(workbook):
        why = ("needs `workbook serve` (being written): an entry point that runs LiveBuild.rebuild(changed:) "
               "after one edited chapter and prints its duration")
        print(f"  incremental: not measured ({why})")
        return {"status": "not measured", "needs": why}
    port = free_port()
    err_path = os.path.join(size.out, "serve.log.err")
    cmd = [workbook, "serve", "--content", size.content, "--port", str(port)]
    lines = queue.Queue()
    with open(err_path, "wb") as err:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1, start_new_session=True)

    def pump():
        for line in p.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))
        lines.put((time.perf_counter(), None))
    threading.Thread(target=pump, daemon=True).start()

    def wait_for(pattern, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None, None
            try:
                at, line = lines.get(timeout=left)
            except queue.Empty:
                return None, None
            if line is None:
                return None, None
            m = re.search(pattern, line)
            if m:
                return at, m

    result = {"what": "workbook serve: one chapter edited, serve's reported rebuild time (LiveBuild.rebuild)",
              "command": " ".join(cmd[1:]), "runs": []}
    path, original = None, None
    try:
        start = time.perf_counter()
        _, m = wait_for(r"^Serving .* at (\S+)", size.timeout)
        if not m:
            result["status"] = f"not measured: serve printed no `Serving ... at URL` within {size.timeout:.0f} s"
            print(f"  incremental: {result['status']}")
            return result
        url = m.group(1).rstrip("/")
        result["first_build_s"] = round(time.perf_counter() - start, 3)
        print(f"  serve: first build and listening after {result['first_build_s']:.2f} s", flush=True)
        used = 0.0
        for k in range(1, runs + 1):
            path, original = edit_chapter(size, k) if path is None else (path, original)
            if k > 1:
                edit_text(path, original, k)
            t0 = time.perf_counter()
            at, m = wait_for(r"^Rebuilt (\d+) pages?(?: and (\d+) other files?)? in (\d+) ms", size.timeout)
            if not m:
                result["runs"].append({"run": k, "status": f"no `Rebuilt ...` line within {size.timeout:.0f} s"})
                break
            r = {"run": k, "rebuild_ms": int(m.group(3)), "edit_to_line_ms": round((at - t0) * 1000, 1),
                 "pages": int(m.group(1)), "other_files": int(m.group(2) or 0), "status": "ok"}
            if k == 1:
                r["served_page_has_edit"] = served_has(url, path, "Edit number 1 ")
            result["runs"].append(r)
            print(f"  incremental (serve) run {k}: rebuild {r['rebuild_ms']} ms, edit -> line "
                  f"{r['edit_to_line_ms']:.0f} ms, {r['pages']} pages changed", flush=True)
            used += at - t0
            if used + (at - t0) > budget:
                result["skipped"] = f"budget: {k} of {runs} runs fit in {budget:.0f} s"
                break
        result["peak_rss_mb"] = round(proc_status_kb(p.pid, "VmHWM") / 1024, 1)
    finally:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        if path is not None:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
    ok = [r["rebuild_ms"] for r in result["runs"] if r.get("status") == "ok"]
    result["status"] = "ok" if ok else (result["runs"][-1]["status"] if result["runs"] else "no runs")
    if ok:
        result.update(median_ms=statistics.median(ok), min_ms=min(ok),
                      median_edit_to_line_ms=statistics.median(
                          r["edit_to_line_ms"] for r in result["runs"] if r.get("status") == "ok"))
    return result


def edit_text(path, original, k):
    head, sep, body = original.partition("\n---\n\n")
    first, rest = body.split("\n\n", 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{head}{sep}{first} Edit number {k} for the incremental benchmark.\n\n{rest}")


def served_has(url, chapter_path, marker):
    name = os.path.basename(chapter_path)[:-3]
    try:
        with urllib.request.urlopen(f"{url}/chapters/{name}.html", timeout=30) as r:
            return marker in r.read().decode("utf-8", "replace")
    except OSError:
        return None


# ---------------------------------------------------------------------------
# Report

def fmt_s(x):
    return "-" if x is None else (f"{x:.3f}" if x < 100 else f"{x:.1f}")


def print_table(size):
    c = size.corpus
    print()
    print(f"N = {size.n} chapters ({c['chapter_bytes'] / 1e6:.1f} MB of chapter Markdown, "
          f"{c['stories']} stories, {c['score_entries']} score entries)")
    print(f"  {'tool':<10}{'runs':>6}{'median s':>11}{'min s':>10}{'peak RSS MB':>13}{'page faults':>13}   notes")
    for tool in TOOLS:
        s = size.summary(tool)
        if "median_s" in s:
            faults = "-" if s["median_minor_faults"] is None else f"{s['median_minor_faults']:,}"
            cells = (f"{s['completed']:>6}{fmt_s(s['median_s']):>11}{fmt_s(s['min_s']):>10}{s['max_rss_mb']:>13.1f}"
                     f"{faults:>13}")
        elif "lower_bound_s" in s:
            cells = f"{0:>6}{'> ' + fmt_s(s['lower_bound_s']):>11}{'-':>10}{'>= ' + format(s['rss_at_kill_mb'], '.1f'):>13}{'-':>13}"
        else:
            cells = f"{0:>6}{'-':>11}{'-':>10}{'-':>13}{'-':>13}"
        print(f"  {tool:<10}{cells}   {s['skipped'] or ''}")


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workbook", default=".build/release/workbook", help="the workbook binary (a release build)")
    ap.add_argument("--chapters", type=int, default=1000)
    ap.add_argument("--scale-chapters", type=int, default=10000, help="0 skips the scaling step")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale-runs", type=int, default=3)
    ap.add_argument("--incremental-runs", type=int, default=5)
    ap.add_argument("--incremental-budget", type=float, default=150.0,
                    help="seconds of incremental rebuilds after which they stop repeating")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/workbook-bench", help="generated corpora and outputs (not the repo)")
    ap.add_argument("--json", default=os.path.join(HERE, "results", "latest.json"))
    ap.add_argument("--budget", type=float, default=300.0,
                    help="seconds of runs per tool per size after which it stops repeating")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before one run at N is killed")
    ap.add_argument("--scale-timeout", type=float, default=120.0,
                    help="seconds before one run at the scaling size is killed; raised to 1.5x linear scaling of "
                         "workbook's median at N (the size ratio x 1.5 x that median), up to --scale-timeout-max")
    ap.add_argument("--scale-timeout-max", type=float, default=300.0)
    ap.add_argument("--max-rss-mb", type=float, default=8000.0, help="a run whose RSS passes this is killed")
    ap.add_argument("--scale-check", action="store_true",
                    help="also run `workbook check` at the scaling size (same generator, so off by default)")
    args = ap.parse_args()
    args.workbook = os.path.abspath(args.workbook)
    began = time.perf_counter()

    for tool in ("/usr/bin/time", "hugo", "cmark", args.workbook):
        if not shutil.which(tool):
            sys.exit(f"missing {tool}: `make bench` installs hugo, cmark and time with apt-get")

    machine = {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_model(),
        "mem_total_mb": mem_total_mb(),
        "kernel": platform.release(),
        "workbook": first_line([args.workbook, "--version"]),
        "workbook_binary": args.workbook,
        "workbook_binary_built": datetime.datetime.fromtimestamp(os.path.getmtime(args.workbook)).isoformat(timespec="seconds"),
        "workbook_git": first_line(["git", "-C", os.path.dirname(HERE), "describe", "--always", "--dirty"]),
        "hugo": first_line(["hugo", "version"]),
        "cmark": first_line(["cmark", "--version"]),
        "swift": first_line(["swift", "--version"]),
        "python": platform.python_version(),
    }
    print(f"machine: {machine['nproc']} cores, {machine['cpu_model']}, {machine['mem_total_mb']} MB")
    print(f"tools:   workbook {machine['workbook']} ({machine['workbook_git']}); {machine['hugo']}; {machine['cmark']}")

    results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "machine": machine, "settings": {k: v for k, v in vars(args).items() if k != "json"},
               "targets": {}, "sizes": {}}

    since = since_last_cleanup(args.work)
    machine["since_last_cleanup_s"] = None if since is None else round(since)
    if since is not None and since < QUIET_AFTER_CLEANUP_S:
        print(f"warning: the last bench deleted its outputs {since / 60:.0f} min ago; on this machine's file system "
              f"files created in the next {QUIET_AFTER_CLEANUP_S // 60} min cost extra system time, which inflates "
              f"the build's figures most (it creates the most files): wait, or read the runs' user time")
    shutil.rmtree(os.path.join(args.work, "discarded"), ignore_errors=True)   # left by a killed bench
    sizes = []
    for n, runs, timeout in [(args.chapters, args.runs, args.timeout),
                             (args.scale_chapters, args.scale_runs, args.scale_timeout)]:
        if n <= 0:
            continue
        if n != args.chapters and sizes:
            wb_median = sizes[0].summary("workbook").get("median_s")
            if wb_median:
                linear = 1.5 * (n / args.chapters) * wb_median
                timeout = min(args.scale_timeout_max, max(timeout, linear))
            print(f"\n(a run at {n} chapters is killed after {timeout:.0f} s)")
        size = Size(args, n, runs, timeout)
        print(f"\n== {n} chapters: {runs} interleaved runs of workbook, hugo, cmark ==")
        size.ensure_corpus()
        entry = {"corpus": size.corpus, "runs_wanted": runs, "timeout_s": round(timeout, 1)}
        if n == args.chapters or args.scale_check:
            entry["check"] = size.check()
        else:
            entry["check"] = {"status": "skipped", "why": f"same generator as N={args.chapters}, checked there"}
            print(f"  check: skipped (same generator, verified at {args.chapters}; --scale-check runs it)")
        size.interleaved(warmup=(n == args.chapters))
        entry["tools"] = {t: size.summary(t) for t in TOOLS}
        entry["workbook_output"] = size.workbook_output
        entry["hugo_output"] = size.hugo_output
        if n == args.chapters:
            live = incremental_live(size, args.workbook, args.incremental_runs, args.incremental_budget)
            entry["incremental_live"] = live
            if live.get("status") == "not measured":
                # No serve: the nearest the CLI has, a full rebuild into the previous output.
                entry["rebuild_after_one_edit_cli"] = incremental_cli(size, args.incremental_runs)
        results["sizes"][str(n)] = entry
        sizes.append(size)
        print_table(size)

    # Ratios and targets, from the same run.
    base = results["sizes"][str(args.chapters)]["tools"]
    wb, hu, cm = (base[t].get("median_s") for t in TOOLS)
    wb_rss = base["workbook"].get("max_rss_mb")
    hugo_ratio = ratio(hu, wb)
    cmark_ratio = ratio(wb, cm)
    t = results["targets"]
    t["hugo_over_workbook"] = {"value": hugo_ratio, "target": f">= {TARGET_HUGO_RATIO}",
                               "met": None if hugo_ratio is None else hugo_ratio >= TARGET_HUGO_RATIO}
    t["workbook_over_cmark"] = {"value": cmark_ratio, "target": f"<= {TARGET_CMARK_RATIO}",
                                "met": None if cmark_ratio is None else cmark_ratio <= TARGET_CMARK_RATIO}
    t["peak_rss_mb"] = {"value": wb_rss, "target": f"<= {TARGET_RSS_MB}",
                        "met": None if wb_rss is None else wb_rss <= TARGET_RSS_MB}
    inc = results["sizes"][str(args.chapters)]["incremental_live"]
    inc_ms = inc.get("median_ms")
    t["incremental_ms"] = {"value": inc_ms, "target": f"<= {TARGET_INCREMENTAL_MS}",
                           "met": None if inc_ms is None else inc_ms <= TARGET_INCREMENTAL_MS,
                           "note": inc.get("needs") or inc.get("what")}
    cli = results["sizes"][str(args.chapters)].get("rebuild_after_one_edit_cli", {})

    print(f"\nRatios at N = {args.chapters} (medians, this run):")
    print(f"  hugo / workbook   = {fmt_ratio(hugo_ratio)}   target >= {TARGET_HUGO_RATIO:.0f}x: "
          f"{verdict(t['hugo_over_workbook']['met'])}{shortfall(ratio(TARGET_HUGO_RATIO, hugo_ratio), 'faster')}")
    print(f"  workbook / cmark  = {fmt_ratio(cmark_ratio)}   target <= {TARGET_CMARK_RATIO:.0f}x: "
          f"{verdict(t['workbook_over_cmark']['met'])}{shortfall(ratio(cmark_ratio, TARGET_CMARK_RATIO), 'faster')}")
    print(f"  workbook peak RSS = {wb_rss if wb_rss is not None else '-'} MB   target <= {TARGET_RSS_MB:.0f} MB: "
          f"{verdict(t['peak_rss_mb']['met'])}{shortfall(ratio(wb_rss, TARGET_RSS_MB), 'less memory')}")
    if inc_ms is not None:
        print(f"  incremental rebuild (serve, one chapter edited) = {inc_ms:.0f} ms median of {len(inc['runs'])} "
              f"(edit -> rebuilt line {inc['median_edit_to_line_ms']:.0f} ms)   target <= {TARGET_INCREMENTAL_MS:.0f} ms: "
              f"{verdict(t['incremental_ms']['met'])}{shortfall(ratio(inc_ms, TARGET_INCREMENTAL_MS), 'faster')}")
    else:
        print(f"  incremental rebuild = not measured ({inc.get('needs') or inc.get('status')})   "
              f"target <= {TARGET_INCREMENTAL_MS:.0f} ms: n/a")
    if "median_s" in cli:
        print(f"  rebuild after one edit (CLI, a full rebuild) = {cli['median_s'] * 1000:.0f} ms median")

    if args.scale_chapters > 0:
        scale = results["sizes"][str(args.scale_chapters)]["tools"]["workbook"]
        k = args.scale_chapters / args.chapters
        big_t = scale.get("median_s")
        big_rss = scale.get("max_rss_mb")
        time_ratio = ratio(big_t, wb)
        rss_ratio = ratio(big_rss, wb_rss)
        linear = None if rss_ratio is None else rss_ratio <= k * LINEAR_SLACK
        t["rss_grows_linearly"] = {"value": rss_ratio, "target": f"<= {k * LINEAR_SLACK:.1f} ({k:.0f}x chapters)",
                                   "met": linear}
        t["scaling_time_ratio"] = {"value": time_ratio, "note": f"{k:.0f}x chapters; linear would be {k:.0f}"}
        print(f"\nScaling, workbook {args.chapters} -> {args.scale_chapters} chapters ({k:.0f}x):")
        if big_t is not None:
            print(f"  build time {fmt_s(wb)} s -> {fmt_s(big_t)} s = {fmt_ratio(time_ratio)}")
            print(f"  peak RSS   {wb_rss} MB -> {big_rss} MB = {fmt_ratio(rss_ratio)}   "
                  f"linear (<= {k * LINEAR_SLACK:.1f}x): {verdict(linear)}")
        else:
            lb = scale.get("lower_bound_s")
            print(f"  build did not complete: {scale.get('skipped') or 'no run'}")
            if lb is not None:
                lb_rss = scale.get("rss_at_kill_mb")
                lb_ratio = ratio(lb_rss, wb_rss)
                # A lower bound already past linear growth settles the memory target.
                over = None if lb_ratio is None or lb_ratio <= k * LINEAR_SLACK else False
                t["rss_grows_linearly"].update(value=lb_ratio, lower_bound=True, met=over)
                t["scaling_time_ratio"].update(value=ratio(lb, wb), lower_bound=True)
                print(f"  build time {fmt_s(wb)} s -> > {fmt_s(lb)} s = > {fmt_ratio(ratio(lb, wb))} (when killed)")
                print(f"  peak RSS   {wb_rss} MB -> >= {lb_rss} MB = >= {fmt_ratio(lb_ratio)}   "
                      f"linear (<= {k * LINEAR_SLACK:.1f}x): {verdict(over)}")
        others = results["sizes"][str(args.scale_chapters)]["tools"]
        for tool in ("hugo", "cmark"):
            a, b = base[tool].get("median_s"), others[tool].get("median_s")
            if a and b:
                print(f"  ({tool}: {fmt_s(a)} s -> {fmt_s(b)} s = {fmt_ratio(b / a)})")

    shutil.rmtree(os.path.join(args.work, "discarded"), ignore_errors=True)
    mark_cleanup(args.work)
    results["elapsed_s"] = round(time.perf_counter() - began, 1)
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    shown = os.path.relpath(args.json) if os.path.abspath(args.json).startswith(os.getcwd() + os.sep) else args.json
    print(f"\nWrote {shown} ({results['elapsed_s']:.0f} s in all)")


QUIET_AFTER_CLEANUP_S = 1800
CLEANUP_MARK = "last-cleanup"


def mark_cleanup(work):
    """Records that the bench has just deleted its outputs (the marker's mtime)."""
    with open(os.path.join(work, CLEANUP_MARK), "w") as f:
        f.write("the last bench deleted its outputs at this file's modification time\n")


def since_last_cleanup(work, now=None):
    """Seconds since the last bench's clean-up, or None when none is recorded."""
    try:
        stamp = os.stat(os.path.join(work, CLEANUP_MARK)).st_mtime
    except OSError:
        return None
    return max(0.0, (time.time() if now is None else now) - stamp)


def fmt_ratio(x):
    return "-" if x is None else f"{x:.2f}x"


def shortfall(factor, what):
    """' (workbook needs 3.2x faster)' when a target is missed by that factor."""
    if factor is None or factor <= 1:
        return ""
    return f" (workbook needs {factor:.1f}x {what})"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total_mb():
    try:
        with open("/proc/meminfo") as f:
            return int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1)) // 1024
    except (OSError, AttributeError):
        return None


if __name__ == "__main__":
    main()
