#!/usr/bin/env python3
"""run.py - the jixiao benchmark: jixiao vs DuckDB vs pandas on the same batch.

    python3 bench/run.py [--sizes 10000,100000,500000,1000000] [--rounds N]
                         [--jixiao build/jixiao] [--jobs N] [--seed 1]
                         [--baseline-columns all|total]

For each size: generate the batch (bench/gen_batch.py, cached in bench/data/),
run the three once and check that they agree on every department (the total
to 0.005, grade and rank exactly, each indicator's score to 0.01; the first
mismatches are printed by dept_id and the run stops with exit 1), then time them alternately (the order rotates
each round) and print the medians of wall time and peak RSS, with the ratios
duckdb/jixiao and pandas/jixiao, and whether the issue's targets hold at
500 000 departments.

The three programs:
  jixiao  JIXIAO score bench/rules.yaml DATA --format csv -o OUT --jobs N
  pandas  /usr/bin/python3 bench/pandas_score.py DATA OUT --summary S
  duckdb  node bench/duckdb_score.mjs DATA OUT --summary S --threads N
Each computes the batch statistics too (jixiao always does). Wall time is
measured around the process; peak RSS comes from /usr/bin/time -f %M (the
child's own maximum, not RUSAGE_CHILDREN's max over all children).

Needs: a Release build of jixiao (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
&& cmake --build build -j), then scripts/bench-deps.sh (python3-pandas, the
pinned @duckdb/node-api). Standard library only here.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_ROUNDS = {10000: 5, 100000: 5, 500000: 3, 1000000: 2}
TOOLS = ["jixiao", "duckdb", "pandas"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def batch_path(data_dir, n, seed):
    path = os.path.join(data_dir, "batch-%d-s%d.csv" % (n, seed))
    if not os.path.exists(path):
        log("generating %s ..." % os.path.relpath(path, ROOT))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, "gen_batch.py"), "--n", str(n),
                        "--seed", str(seed), "--out", path], check=True)
        log("  %.1f s, %.1f MB" % (time.perf_counter() - t0, os.path.getsize(path) / 1e6))
    return path


def commands(args, data, outdir):
    out = {t: os.path.join(outdir, "%s.csv" % t) for t in TOOLS}
    return {
        "jixiao": [args.jixiao, "score", os.path.join(HERE, "rules.yaml"), data,
                   "--format", "csv", "-o", out["jixiao"], "--jobs", str(args.jobs)],
        "pandas": [args.python, os.path.join(HERE, "pandas_score.py"), data, out["pandas"],
                   "--summary", os.path.join(outdir, "pandas-summary.json"),
                   "--columns", args.baseline_columns],
        "duckdb": [args.node, os.path.join(HERE, "duckdb_score.mjs"), data, out["duckdb"],
                   "--summary", os.path.join(outdir, "duckdb-summary.json"),
                   "--threads", str(args.jobs), "--columns", args.baseline_columns],
    }, out


def timed(cmd, tmpdir):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in MiB,
    user + system CPU seconds)."""
    tf = os.path.join(tmpdir, "time.txt")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        log("command failed (exit %d): %s\n%s" % (p.returncode, " ".join(cmd),
                                                  p.stderr.decode("utf-8", "replace")[-3000:]))
        sys.exit(2)
    with open(tf) as f:
        line = f.read().strip().splitlines()[-1]
    f = line.split()
    return wall, int(f[1]) / 1024.0, float(f[2]) + float(f[3])


# The columns all three write (jixiao's --format csv has flags and reason besides).
KEY = ("score", "grade", "rank")
BASELINE_WRITES = {"all": "the table jixiao writes",
                   "total": "only dept_id, score, grade, rank"}


def load(path):
    """dept_id -> {column: text} for every column but dept_id."""
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return {row.pop("dept_id"): row for row in r}


def close(x, y, tolerance):
    if x == "" or y == "":
        return x == y
    return abs(float(x) - float(y)) <= tolerance


def differences(x, y, columns):
    """The columns where y differs from x: the total to 0.005 (both round
    half away from zero on two decimals), grade, rank, name and status
    exactly, each indicator's score to 0.01 (pandas and DuckDB format with
    %.2f, which rounds a tie to even; jixiao rounds as a spreadsheet)."""
    if y is None:
        return ["(missing)"]
    bad = []
    for c in columns:
        if c not in y:
            bad.append(c + " (no column)")
        elif c == "score":
            if not close(x[c], y[c], 0.005):
                bad.append(c)
        elif c in ("grade", "rank", "dept_name", "status"):
            if x[c] != y[c]:
                bad.append(c)
        elif not close(x[c], y[c], 0.01 + 1e-9):
            bad.append(c)
    return bad


def verify(outs, narrow=False, limit=10):
    """Every department's score, grade, rank and indicator scores agree (only
    score, grade and rank when the baselines write only those)."""
    res = {t: load(p) for t, p in outs.items()}
    ref = res["jixiao"]
    columns = [c for c in next(iter(ref.values()), {}) if c not in ("flags", "reason")]
    if narrow:
        columns = list(KEY)
    bad = {}
    for t in ("pandas", "duckdb"):
        other = res[t]
        if len(other) != len(ref):
            log("%s has %d departments, jixiao %d" % (t, len(other), len(ref)))
        for dept, v in ref.items():
            cols = differences(v, other.get(dept), columns)
            if cols:
                bad.setdefault(dept, []).append("%s: %s" % (t, ", ".join(cols)))
        for dept in other:
            if dept not in ref:
                bad.setdefault(dept, []).append("%s only" % t)
    if not bad:
        return len(ref)
    log("DISAGREEMENT on %d department(s); the first ones:" % len(bad))
    for d in list(bad)[:limit]:
        row = lambda t: tuple(res[t].get(d, {}).get(c) for c in KEY)  # noqa: E731
        log("  %s (%s): jixiao %s  pandas %s  duckdb %s" % (
            d, "; ".join(bad[d]), row("jixiao"), row("pandas"), row("duckdb")))
    return -1


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.2f" % x


def main(argv=None):
    ap = argparse.ArgumentParser(description="jixiao vs DuckDB vs pandas")
    ap.add_argument("--sizes", default="10000,100000,500000,1000000",
                    help="comma-separated department counts")
    ap.add_argument("--rounds", type=int, default=None,
                    help="timed rounds per size (default 5 at <=100k, 3 at 500k, 2 at 1M)")
    ap.add_argument("--jixiao", default=os.path.join(ROOT, "build", "jixiao"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="threads for jixiao (--jobs) and DuckDB (threads); pandas is single-threaded")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", default=os.path.join(HERE, "data"))
    ap.add_argument("--python", default="/usr/bin/python3", help="python with pandas")
    ap.add_argument("--node", default="node")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--baseline-columns", choices=["all", "total"], default="all",
                    help="all: pandas and DuckDB write the table jixiao writes (default); "
                         "total: only dept_id, score, grade, rank, the narrower baseline of "
                         "earlier runs (docs/performance.md)")
    args = ap.parse_args(argv)

    if not os.access(args.jixiao, os.X_OK):
        log("no jixiao at %s: build it with cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "
            "&& cmake --build build -j" % args.jixiao)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.makedirs(args.data_dir, exist_ok=True)
    results = []
    for n in sizes:
        data = batch_path(args.data_dir, n, args.seed)
        mb = os.path.getsize(data) / 1e6
        rounds = args.rounds or DEFAULT_ROUNDS.get(n, 3 if n < 1000000 else 2)
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-", dir=args.data_dir) as tmp:
            cmds, outs = commands(args, data, tmp)
            log("%d departments (%.1f MB): checking agreement ..." % (n, mb))
            for t in TOOLS:
                timed(cmds[t], tmp)  # also warms the page cache
            agreed = verify(outs, narrow=args.baseline_columns == "total")
            if agreed < 0:
                return 1
            log("  all three agree on %d departments; timing %d round(s)" % (agreed, rounds))
            walls = {t: [] for t in TOOLS}
            rsss = {t: [] for t in TOOLS}
            cpus = {t: [] for t in TOOLS}
            for k in range(rounds):
                order = TOOLS[k % 3:] + TOOLS[:k % 3]
                for t in order:
                    w, r, c = timed(cmds[t], tmp)
                    walls[t].append(w)
                    rsss[t].append(r)
                    cpus[t].append(c)
                log("  round %d: %s" % (k + 1, "  ".join(
                    "%s %.2fs/%.2fcpu/%.0fMiB" % (t, walls[t][-1], cpus[t][-1], rsss[t][-1]) for t in TOOLS)))
        row = {"n": n, "mb": mb, "rounds": rounds, "agreed": agreed,
               "wall": {t: statistics.median(walls[t]) for t in TOOLS},
               "rss": {t: statistics.median(rsss[t]) for t in TOOLS},
               "cpu": {t: statistics.median(cpus[t]) for t in TOOLS},
               "walls": walls, "rsss": rsss, "cpus": cpus}
        results.append(row)

    print()
    print("jobs=%d (jixiao --jobs, DuckDB threads; pandas single-threaded), medians; "
          "pandas and DuckDB write %s" % (args.jobs, BASELINE_WRITES[args.baseline_columns]))
    print()
    print("| departments | CSV MB | rounds | jixiao s | DuckDB s | pandas s | DuckDB/jixiao "
          "| pandas/jixiao | jixiao RSS MiB | DuckDB RSS MiB | pandas RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        w, m = r["wall"], r["rss"]
        print("| %d | %.1f | %d | %s | %s | %s | %.2f× | %.2f× | %.0f | %.0f | %.0f |" % (
            r["n"], r["mb"], r["rounds"], fmt_s(w["jixiao"]), fmt_s(w["duckdb"]),
            fmt_s(w["pandas"]), w["duckdb"] / w["jixiao"], w["pandas"] / w["jixiao"],
            m["jixiao"], m["duckdb"], m["pandas"]))
    print()
    print("CPU time (user + system), medians:")
    print()
    print("| departments | jixiao CPU s | DuckDB CPU s | pandas CPU s | DuckDB/jixiao | pandas/jixiao |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c = r["cpu"]
        print("| %d | %s | %s | %s | %.2f× | %.2f× |" % (
            r["n"], fmt_s(c["jixiao"]), fmt_s(c["duckdb"]), fmt_s(c["pandas"]),
            c["duckdb"] / c["jixiao"], c["pandas"] / c["jixiao"]))
    try:
        load1 = os.getloadavg()[0]
        print()
        print("load average at the end: %.2f on %d CPUs (a loaded machine makes wall times noisy)"
              % (load1, os.cpu_count() or 1))
    except OSError:
        pass
    for r in results:
        if r["n"] == 500000:
            w, m = r["wall"], r["rss"]
            ok = (w["duckdb"] / w["jixiao"] >= 3, w["pandas"] / w["jixiao"] >= 10,
                  m["jixiao"] <= m["duckdb"])
            print()
            print("targets at 500 000 (baselines writing %s): DuckDB/jixiao >= 3: %s "
                  "(%.2f×); pandas/jixiao >= 10: %s (%.2f×); jixiao RSS <= DuckDB RSS: %s "
                  "(%.0f vs %.0f MiB)" % (BASELINE_WRITES[args.baseline_columns],
                      "met" if ok[0] else "NOT met", w["duckdb"] / w["jixiao"],
                      "met" if ok[1] else "NOT met", w["pandas"] / w["jixiao"],
                      "met" if ok[2] else "NOT met", m["jixiao"], m["duckdb"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"jobs": args.jobs, "jixiao": args.jixiao,
                       "baseline_columns": args.baseline_columns, "results": results}, f,
                      indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
