#!/usr/bin/env python3
"""reference.py - what the CLI gives, as SQL, for tests/postgres/run.sh.

    python3 tests/postgres/reference.py path/to/jixiao TMPDIR > reference.sql

Runs `jixiao score` on the shipped rules and fixtures and writes SQL that
fills the schema `cli` of the regression database, for the tests in
tests/postgres/sql/ to compare the extension's results with:

  cli.demo_csv(dept_id, dept_name, status, score, grade, rank)
      the demo batch as `--format csv` writes it (its first six columns)
  cli.demo_dept(dept_id, doc)
      the demo batch's department objects as `--format json` writes them
  cli.demo_alone(dept_id, doc)
      each demo department scored alone (a one-row CSV), without "rank"
  cli.fixture_dept(fixture, doc)
      each department document of fixtures/seed/ scored alone, without "rank"
  cli.fixture_doc(fixture, doc)
      those documents as jsonb: the .json file as it is; a .yaml file with
      every scalar kept as its text (what the engine's reader sees)

Run from the repository root. Python 3 with PyYAML (python3-yaml).
"""
import csv
import glob
import io
import json
import os
import subprocess
import sys

import yaml

RULES = "indicators/yueyang-women-federation"
DEMO = "fixtures/demo/departments.csv"


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def sql_json(obj):
    return sql_text(json.dumps(obj, ensure_ascii=False)) + "::jsonb"


def score(jx, path, fmt):
    run = subprocess.run([jx, "score", RULES, path, "--format", fmt, "--jobs", "1"],
                         capture_output=True)
    if run.returncode not in (0, 1):
        sys.exit(f"reference.py: jixiao score {path} exited {run.returncode}: "
                 f"{run.stderr.decode(errors='replace')}")
    return run.stdout.decode("utf-8")


def alone(jx, path):
    """The one department of `path`, scored alone, without its rank."""
    doc = json.loads(score(jx, path, "json"))
    (dept,) = doc["departments"]
    del dept["rank"]
    return dept


def main():
    jx, tmp = sys.argv[1], sys.argv[2]
    out = ["SET client_min_messages = warning;",
           "DROP SCHEMA IF EXISTS cli CASCADE;", "CREATE SCHEMA cli;"]

    out.append("CREATE TABLE cli.demo_csv (dept_id text, dept_name text, status text, "
               "score numeric, grade text, rank int);")
    rows = list(csv.reader(io.StringIO(score(jx, DEMO, "csv"))))
    for r in rows[1:]:
        cells = [sql_text(c) if c else "NULL" for c in r[:6]]
        out.append(f"INSERT INTO cli.demo_csv VALUES ({', '.join(cells)});")

    out.append("CREATE TABLE cli.demo_dept (dept_id text, doc jsonb);")
    for d in json.loads(score(jx, DEMO, "json"))["departments"]:
        out.append(f"INSERT INTO cli.demo_dept VALUES ({sql_text(d['id'])}, {sql_json(d)});")

    out.append("CREATE TABLE cli.demo_alone (dept_id text, doc jsonb);")
    with open(DEMO, encoding="utf-8", newline="") as f:
        demo = list(csv.reader(f))
    for k, r in enumerate(demo[1:]):
        one = os.path.join(tmp, f"demo-row-{k}.csv")
        with open(one, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([demo[0], r])
        out.append(f"INSERT INTO cli.demo_alone VALUES ({sql_text(r[0])}, "
                   f"{sql_json(alone(jx, one))});")

    out.append("CREATE TABLE cli.fixture_dept (fixture text, doc jsonb);")
    out.append("CREATE TABLE cli.fixture_doc (fixture text, doc jsonb);")
    for path in sorted(glob.glob("fixtures/seed/*.yaml") + glob.glob("fixtures/seed/*.json")):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if path.endswith(".json"):
            doc = sql_text(text) + "::jsonb"
        else:
            doc = sql_json(yaml.load(text, Loader=yaml.BaseLoader))
        out.append(f"INSERT INTO cli.fixture_doc VALUES ({sql_text(name)}, {doc});")
        out.append(f"INSERT INTO cli.fixture_dept VALUES ({sql_text(name)}, "
                   f"{sql_json(alone(jx, path))});")
    print("\n".join(out))


if __name__ == "__main__":
    main()
