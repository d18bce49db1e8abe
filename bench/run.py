#!/usr/bin/env python3
"""run.py - the jixiao benchmark: jixiao vs DuckDB vs pandas on the same batches.

    python3 bench/run.py [--batch messy|clean|both] [--sizes 10000,100000,500000,1000000]
                         [--rounds N] [--jixiao build/jixiao] [--jobs N] [--seed 1]
                         [--baseline-columns both|all|total] [--pandas-all] [--json FILE]

Two batches (--batch, default both):
  messy  bench/gen_batch.py, bench/rules.yaml: cells as departments type them
         (93.5%, 14,000, 是/否, 不适用, blanks, words, zero denominators), 21
         indicators with every scoring method; peers bench/pandas_score.py and
         bench/score.sql, which also compute the batch statistics;
  clean  bench/gen_clean.py, bench/rules-clean.yaml: typed numeric columns,
         every cell a plain number, 20 indicators with numeric methods only;
         peers bench/pandas_clean.py and bench/clean.sql, one typed read, one
         vectorised pass, one write, no statistics.

For each batch and size: generate the batch (cached in bench/data/), run every
program once and check that they agree on every department (the total to
0.005, grade and rank exactly, each indicator's score to 0.01; the first
mismatches are printed by dept_id and the run stops with exit 1), then time
them alternately (the order rotates each round) and print, per batch, the
medians of wall time, CPU time and peak RSS with each baseline's ratio to
jixiao, and whether the issue's targets hold at 500 000 departments (and
how the time grows from 500 000 to 1 000 000).

The programs (--baseline-columns picks the baselines):
  jixiao        JIXIAO score RULES DATA --format csv -o OUT --jobs N
  duckdb-all    node bench/duckdb_score.mjs DATA OUT --sql SQL --threads N --columns all
  duckdb-total  the same with --columns total
  pandas-total  /usr/bin/python3 PANDAS DATA OUT --columns total
  pandas-all    the same with --columns all
"all" baselines write the table jixiao writes (docs/data.md §6.2, every
indicator's score; not jixiao's flags and reason); "total" baselines only
dept_id, score, grade, rank (agreement then checked on those three).
  both (default)  jixiao, duckdb-all, duckdb-total, pandas-total, and
                  pandas-all with --pandas-all (it is slow: pandas' to_csv of
                  20 float columns takes several seconds at 500 000)
  all             jixiao, duckdb-all, pandas-all (the comparison of earlier runs)
  total           jixiao, duckdb-total, pandas-total (the narrower one)
Wall time is measured around the process; peak RSS comes from /usr/bin/time
-f %M (the child's own maximum, not RUSAGE_CHILDREN's max over all
children).

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

# What each batch is made of (docs/performance.md; bench/README.md).
BATCHES = {
    "messy": {"gen": "gen_batch.py", "file": "batch-%d-s%d.csv", "rules": "rules.yaml",
              "pandas": "pandas_score.py", "sql": "score.sql", "summary": True},
    "clean": {"gen": "gen_clean.py", "file": "clean-%d-s%d.csv", "rules": "rules-clean.yaml",
              "pandas": "pandas_clean.py", "sql": "clean.sql", "summary": False},
}

# The baselines and what they write; "all" ones write the table jixiao writes.
WRITES = {"jixiao": "the table (--format csv)",
          "duckdb-all": "the same table", "duckdb-total": "dept_id, score, grade, rank",
          "pandas-all": "the same table", "pandas-total": "dept_id, score, grade, rank"}

# The targets at 500 000 departments.
TARGET_DUCKDB_ALL = 5.0
TARGET_DUCKDB_TOTAL = 2.0
TARGET_PANDAS = 7.0
TARGET_RSS_MB = 300.0          # 10^6 bytes
TARGET_SCALING = 2.2           # t(1M) / t(500k) "about 2x"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def tools_for(args):
    if args.baseline_columns == "all":
        return ["jixiao", "duckdb-all", "pandas-all"]
    if args.baseline_columns == "total":
        return ["jixiao", "duckdb-total", "pandas-total"]
    tools = ["jixiao", "duckdb-all", "duckdb-total", "pandas-total"]
    if args.pandas_all:
        tools.append("pandas-all")
    return tools


def batch_path(args, batch, n):
    b = BATCHES[batch]
    path = os.path.join(args.data_dir, b["file"] % (n, args.seed))
    if not os.path.exists(path):
        log("generating %s ..." % os.path.relpath(path, ROOT))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(HERE, b["gen"]), "--n", str(n),
                        "--seed", str(args.seed), "--out", path], check=True)
        log("  %.1f s, %.1f MB" % (time.perf_counter() - t0, os.path.getsize(path) / 1e6))
    return path


def commands(args, batch, tools, data, outdir):
    b = BATCHES[batch]
    out = {t: os.path.join(outdir, "%s.csv" % t) for t in tools}
    cmds = {}
    for t in tools:
        if t == "jixiao":
            cmds[t] = [args.jixiao, "score", os.path.join(HERE, b["rules"]), data,
                       "--format", "csv", "-o", out[t], "--jobs", str(args.jobs)]
            continue
        prog, columns = t.split("-")
        if prog == "duckdb":
            cmd = [args.node, os.path.join(HERE, "duckdb_score.mjs"), data, out[t],
                   "--sql", os.path.join(HERE, b["sql"]), "--threads", str(args.jobs),
                   "--columns", columns]
        else:
            cmd = [args.python, os.path.join(HERE, b["pandas"]), data, out[t],
                   "--columns", columns]
        if b["summary"]:
            cmd += ["--summary", os.path.join(outdir, "%s-summary.json" % t)]
        cmds[t] = cmd
    return cmds, out


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


# The columns every program writes (jixiao's --format csv has flags and reason besides).
KEY = ("score", "grade", "rank")


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
    %.2f or a DECIMAL cast, which round the binary value; jixiao rounds as a
    spreadsheet, docs/rules.md §10)."""
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


def verify(outs, limit=10):
    """Every department's score, grade, rank and indicator scores agree with
    jixiao's (only score, grade and rank for a baseline writing only those)."""
    res = {t: load(p) for t, p in outs.items()}
    ref = res["jixiao"]
    full = [c for c in next(iter(ref.values()), {}) if c not in ("flags", "reason")]
    others = [t for t in outs if t != "jixiao"]
    bad = {}
    for t in others:
        other = res[t]
        columns = list(KEY) if t.endswith("-total") else full
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
    log("DISAGREEMENT on %d department(s); the first ones (score, grade, rank):" % len(bad))
    for d in list(bad)[:limit]:
        row = lambda t: tuple(res[t].get(d, {}).get(c) for c in KEY)  # noqa: E731
        log("  %s (%s): %s" % (d, "; ".join(bad[d]),
                               "  ".join("%s %s" % (t, row(t)) for t in outs)))
    return -1


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.2f" % x


def run_batch(args, batch, tools, sizes):
    """Verifies and times one batch at every size; returns its result rows,
    or None on a disagreement."""
    rows = []
    for n in sizes:
        data = batch_path(args, batch, n)
        mb = os.path.getsize(data) / 1e6
        rounds = args.rounds or DEFAULT_ROUNDS.get(n, 3 if n < 1000000 else 2)
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-", dir=args.data_dir) as tmp:
            cmds, outs = commands(args, batch, tools, data, tmp)
            log("%s batch, %d departments (%.1f MB): checking agreement ..." % (batch, n, mb))
            for t in tools:
                timed(cmds[t], tmp)  # also warms the page cache
            agreed = verify(outs)
            if agreed < 0:
                return None
            log("  all %d agree on %d departments; timing %d round(s)" % (len(tools), agreed,
                                                                          rounds))
            walls = {t: [] for t in tools}
            rsss = {t: [] for t in tools}
            cpus = {t: [] for t in tools}
            for k in range(rounds):
                s = k % len(tools)
                for t in tools[s:] + tools[:s]:
                    w, r, c = timed(cmds[t], tmp)
                    walls[t].append(w)
                    rsss[t].append(r)
                    cpus[t].append(c)
                log("  round %d: %s" % (k + 1, "  ".join(
                    "%s %.2fs/%.2fcpu/%.0fMiB" % (t, walls[t][-1], cpus[t][-1], rsss[t][-1])
                    for t in tools)))
        rows.append({"batch": batch, "n": n, "mb": mb, "rounds": rounds, "agreed": agreed,
                     "tools": tools,
                     "wall": {t: statistics.median(walls[t]) for t in tools},
                     "rss": {t: statistics.median(rsss[t]) for t in tools},
                     "cpu": {t: statistics.median(cpus[t]) for t in tools},
                     "walls": walls, "rsss": rsss, "cpus": cpus})
    return rows


def verdict(ok):
    return "met" if ok else "NOT met"


def report(args, batch, rows):
    b = BATCHES[batch]
    print()
    print("## %s batch (%s, %s; peers %s, %s)" % (batch, b["gen"], b["rules"], b["pandas"],
                                                   b["sql"]))
    print()
    print("jobs=%d (jixiao --jobs, DuckDB threads; pandas single-threaded), medians; "
          "×jixiao = the program's time over jixiao's" % args.jobs)
    print()
    print("| departments | CSV MB | rounds | program | writes | wall s | ×jixiao | CPU s "
          "| ×jixiao CPU | peak RSS MiB |")
    print("|---:|---:|---:|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        w, c, m = r["wall"], r["cpu"], r["rss"]
        for t in r["tools"]:
            print("| %d | %.1f | %d | %s | %s | %s | %s | %s | %s | %.0f |" % (
                r["n"], r["mb"], r["rounds"], t, WRITES[t], fmt_s(w[t]),
                "—" if t == "jixiao" else "%.2f×" % (w[t] / w["jixiao"]),
                fmt_s(c[t]), "—" if t == "jixiao" else "%.2f×" % (c[t] / c["jixiao"]),
                m[t]))
    by_n = {r["n"]: r for r in rows}
    r = by_n.get(500000)
    if r:
        w, m = r["wall"], r["rss"]
        goals = []
        if "duckdb-all" in w:
            x = w["duckdb-all"] / w["jixiao"]
            goals.append("DuckDB same table ≥ %g×: %s (%.2f×)" % (
                TARGET_DUCKDB_ALL, verdict(x >= TARGET_DUCKDB_ALL), x))
        if "duckdb-total" in w:
            x = w["duckdb-total"] / w["jixiao"]
            goals.append("DuckDB four columns ≥ %g×: %s (%.2f×)" % (
                TARGET_DUCKDB_TOTAL, verdict(x >= TARGET_DUCKDB_TOTAL), x))
        for t, what in (("pandas-total", "four columns"), ("pandas-all", "same table")):
            if t in w:
                x = w[t] / w["jixiao"]
                goals.append("pandas %s ≥ %g×: %s (%.2f×)" % (
                    what, TARGET_PANDAS, verdict(x >= TARGET_PANDAS), x))
        mbytes = m["jixiao"] * 1024 * 1024 / 1e6
        goals.append("jixiao peak RSS ≤ %g MB: %s (%.0f MB)" % (
            TARGET_RSS_MB, verdict(mbytes <= TARGET_RSS_MB), mbytes))
        print()
        print("targets at 500 000 (%s batch): %s" % (batch, "; ".join(goals)))
    if 500000 in by_n and 1000000 in by_n:
        x = by_n[1000000]["wall"]["jixiao"] / by_n[500000]["wall"]["jixiao"]
        print()
        print("jixiao t(1 000 000) / t(500 000) = %.2f (about 2×, ≤ %g: %s)" % (
            x, TARGET_SCALING, verdict(x <= TARGET_SCALING)))


def main(argv=None):
    ap = argparse.ArgumentParser(description="jixiao vs DuckDB vs pandas")
    ap.add_argument("--batch", choices=["messy", "clean", "both"], default="both",
                    help="messy: bench/gen_batch.py + rules.yaml; clean: bench/gen_clean.py + "
                         "rules-clean.yaml; both (default)")
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
    ap.add_argument("--baseline-columns", choices=["both", "all", "total"], default="both",
                    help="both: DuckDB writing the same table and four columns, pandas writing "
                         "four columns (default); all: DuckDB and pandas writing the table "
                         "jixiao writes; total: both writing only dept_id, score, grade, rank")
    ap.add_argument("--pandas-all", action="store_true",
                    help="with --baseline-columns both, also time pandas writing the same table "
                         "(slow)")
    args = ap.parse_args(argv)

    if not os.access(args.jixiao, os.X_OK):
        log("no jixiao at %s: build it with cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "
            "&& cmake --build build -j" % args.jixiao)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s]
    batches = ["messy", "clean"] if args.batch == "both" else [args.batch]
    tools = tools_for(args)
    os.makedirs(args.data_dir, exist_ok=True)
    results = {}
    for batch in batches:
        rows = run_batch(args, batch, tools, sizes)
        if rows is None:
            return 1
        results[batch] = rows

    for batch in batches:
        report(args, batch, results[batch])
    try:
        load1 = os.getloadavg()[0]
        print()
        print("load average at the end: %.2f on %d CPUs (a loaded machine makes wall times noisy)"
              % (load1, os.cpu_count() or 1))
    except OSError:
        pass
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"jobs": args.jobs, "jixiao": args.jixiao,
                       "baseline_columns": args.baseline_columns, "tools": tools,
                       "results": [r for b in batches for r in results[b]]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
