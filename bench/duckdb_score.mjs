#!/usr/bin/env node
// duckdb_score.mjs - runs bench/score.sql (bench/rules.yaml written by hand in
// DuckDB SQL) on a wide CSV from bench/gen_batch.py, or with --sql another
// script: bench/clean.sql (bench/rules-clean.yaml) on a batch from
// bench/gen_clean.py.
//
//   node bench/duckdb_score.mjs DATA.csv OUT.csv [--summary SUMMARY.json] [--threads N]
//                               [--columns all|total] [--sql FILE]
//
// OUT.csv gets the table jixiao's --format csv writes (--columns all, the
// default) or only dept_id,score,grade,rank (total); the script marks the two
// COPY statements with "-- @columns". SUMMARY.json gets the batch statistics
// of score.sql (computed either way; without --summary they go to a temporary
// file); clean.sql computes none and takes no --summary.
// Needs @duckdb/node-api (npm ci --prefix bench) and node >= 20.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function usage(msg) {
  if (msg) console.error(`duckdb_score: ${msg}`);
  console.error('usage: node bench/duckdb_score.mjs DATA.csv OUT.csv [--summary FILE] [--threads N] [--columns all|total] [--sql FILE]');
  process.exit(2);
}

const args = process.argv.slice(2);
const pos = [];
let summary = null;
let threads = null;
let columns = 'all';
let sqlFile = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--summary') summary = args[++i];
  else if (args[i] === '--threads') threads = args[++i];
  else if (args[i] === '--columns') columns = args[++i];
  else if (args[i] === '--sql') sqlFile = args[++i];
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else pos.push(args[i]);
}
if (pos.length !== 2) usage();
if (columns !== 'all' && columns !== 'total') usage(`--columns all or total, not ${columns}`);
const [data, out] = pos;

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
const here = dirname(fileURLToPath(import.meta.url));
const text = readFileSync(sqlFile ?? join(here, 'score.sql'), 'utf8');
if (summary && !text.includes('${SUMMARY}')) usage(`${sqlFile} writes no summary`);
let scratch = null;
if (!summary && text.includes('${SUMMARY}')) {
  scratch = mkdtempSync(join(tmpdir(), 'jixiao-duckdb-'));
  summary = join(scratch, 'summary.json');
}

// Keeps the "-- @columns <columns>" block of the output statements, drops the other.
function pickColumns(text) {
  let keep = true;
  return text.split('\n').filter((line) => {
    const m = line.match(/^-- @columns (\w+)$/);
    if (m) {
      keep = m[1] === 'end' || m[1] === columns;
      return false;
    }
    return keep;
  }).join('\n');
}

let sql = pickColumns(text).replaceAll('${DATA}', quote(data)).replaceAll('${OUT}', quote(out));
if (summary) sql = sql.replaceAll('${SUMMARY}', quote(summary));

const options = {};
if (threads) options.threads = String(threads);
const instance = await DuckDBInstance.create(':memory:', options);
const connection = await instance.connect();
try {
  await connection.run(sql);
} catch (e) {
  console.error(`duckdb_score: ${e.message}`);
  process.exitCode = 1;
} finally {
  connection.closeSync?.();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
