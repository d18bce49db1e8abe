#!/usr/bin/env bash
# `score --format csv` (and csv-long) of one wide CSV is scored a window of
# departments at a time (api/stream_api.c, docs/performance.md "Streaming"). It must write
# the bytes, the messages and the exit code of the general way
# (JIXIAO_STREAM=0 turns streaming off) for any window size and --jobs:
# `relative` against the best of the whole file, dept_ids repeated across
# windows, bad cells, ragged rows, rows without dept_id, quoted fields over
# several lines, CR LF, a BOM, blank lines at the end, an unterminated
# quote, rows failing an error check with and without --lenient, more than
# 20 rejected departments. A file the streaming reader does not take (not
# UTF-8 after the first window, no departments, a 自评表, a TSV, another
# encoding) goes the general way with its messages.
#
# usage: tests/cli/stream_csv.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

BENCH=bench/rules.yaml

# A trouble-laden batch from the benchmark's generator (every scoring
# method, two `relative` indicators, 是/否 and 不适用 cells).
python3 bench/gen_batch.py --n 3000 --seed 11 --out "$tmp/clean.csv" >/dev/null
python3 - "$tmp" <<'EOF'
import random, sys
tmp = sys.argv[1]
lines = open(tmp + '/clean.csv', encoding='utf-8').read().split('\n')
header, rows = lines[0], [l for l in lines[1:] if l]
rnd = random.Random(4)
out = []
for i, r in enumerate(rows):
    f = r.split(',')
    k = rnd.random()
    if k < 0.02 and i:
        f[0] = rows[rnd.randrange(i)].split(',')[0]      # a dept_id seen before
    elif k < 0.03:
        f[3] = 'abc'                                     # a word where a number is due
    elif k < 0.04:
        f = f[:-2]                                       # ragged
    elif k < 0.05:
        f[0] = ''                                        # no dept_id
    elif k < 0.08:
        f[1] = '"名称\n第二行, ""引号""\r\n第三行"'         # a field over three lines
    elif k < 0.09:
        f[2] = '0'                                       # budget 0: fails budget_reported
    out.append(','.join(f))
body = '\r\n'.join(out[:-5]) + '\r\n' + '\n'.join(out[-5:-1])
open(tmp + '/trouble.csv', 'w', encoding='utf-8', newline='').write(
    '\ufeff' + header + '\r\n' + body + '\n\n\r\n\n')
# an unterminated quote near the end: the rest of the file is its field
open(tmp + '/unterminated.csv', 'w', encoding='utf-8', newline='').write(
    header + '\n' + '\n'.join(out[:2900]) + '\n' + out[2900].replace(',', ',"', 1) +
    '\n' + '\n'.join(out[2901:]) + '\n')
# not UTF-8 after the first windows: the general reader says where
raw = (header + '\n' + '\n'.join(out) + '\n').encode('utf-8')
at = raw.index(b'\n', len(raw) * 3 // 4) + 1
open(tmp + '/latin.csv', 'wb').write(raw[:at] + b'd9,\xe9t\xe9' + raw[at:])
open(tmp + '/header.csv', 'w', encoding='utf-8').write(header + '\n')
open(tmp + '/noid.csv', 'w', encoding='utf-8').write(
    header.replace('dept_id', 'id') + '\n' + '\n'.join(out[:10]) + '\n')
open(tmp + '/tabs.tsv', 'w', encoding='utf-8').write(
    '\n'.join(l.replace(',', '\t') for l in [header] + rows[:50] if '"' not in l) + '\n')
EOF

# same NAME RULES DATA [ARGS...]: the general way and streaming with
# several window sizes and thread counts give the same bytes, messages and
# exit code, in both formats that stream (csv and csv-long).
same() {
	local name=$1 rules=$2 data=$3 format
	shift 3
	for format in csv csv-long; do
		same_as "$name ($format)" "$rules" "$data" "$format" "$@"
	done
}
same_as() {
	local name=$1 rules=$2 data=$3 format=$4
	shift 4
	rm -f "$tmp/want.csv"
	JIXIAO_STREAM=0 "$JX" score "$rules" "$data" --format "$format" -o "$tmp/want.csv" "$@" \
		>/dev/null 2>"$tmp/want.err"
	local want=$? differ=0
	for window in 1 97 5000 65536 ""; do
		for jobs in 1 3; do
			rm -f "$tmp/got.csv"
			JIXIAO_WINDOW_BYTES=$window "$JX" score "$rules" "$data" --format "$format" \
				-o "$tmp/got.csv" --jobs "$jobs" "$@" >/dev/null 2>"$tmp/got.err"
			local rc=$?
			if [ "$rc" -ne "$want" ] || ! cmp -s "$tmp/want.err" "$tmp/got.err" ||
				{ [ -e "$tmp/want.csv" ] && ! cmp -s "$tmp/want.csv" "$tmp/got.csv"; }; then
				fail "$name: window ${window:-default}, --jobs $jobs: exit $rc (want $want)"
				diff "$tmp/want.err" "$tmp/got.err" | head -n 5
				[ -e "$tmp/want.csv" ] && diff "$tmp/want.csv" "$tmp/got.csv" | head -n 5
				differ=1
			fi
		done
	done
	[ "$differ" -eq 0 ] && pass "$name: the same bytes, messages and exit $want"
}

# streams NAME RULES DATA WANT [FORMAT]: whether the run was scored in
# windows (streamed) or read whole (general: also after trying the windows)
streams() {
	JIXIAO_TRACE=1 JIXIAO_WINDOW_BYTES=4096 "$JX" score "$2" "$3" --format "${5:-csv}" \
		-o "$tmp/trace.csv" 2>"$tmp/trace.err" >/dev/null
	if grep -q "stream: window read" "$tmp/trace.err" && ! grep -q "read: open" "$tmp/trace.err"; then
		expect_eq streamed "$4" "$1"
	else
		expect_eq general "$4" "$1"
	fi
}

same "trouble (relative, duplicates, bad rows, multi-line fields, CR LF, BOM)" \
	"$BENCH" "$tmp/trouble.csv"
same "the same, --lenient" "$BENCH" "$tmp/trouble.csv" --lenient
same "the same to standard output" "$BENCH" "$tmp/trouble.csv" -o /dev/stdout
same "an unterminated quote" "$BENCH" "$tmp/unterminated.csv"
same "the clean batch" "$BENCH" "$tmp/clean.csv"
same "the demo batch, shipped rules" "$RULES" "$DEMO"
same "the clean-numeric rules (no relative)" bench/rules-clean.yaml \
	"$(ls bench/data/clean-10000-s1.csv 2>/dev/null || echo "$tmp/clean.csv")"
streams "trouble.csv is read in windows" "$BENCH" "$tmp/trouble.csv" streamed
streams "the demo batch is read in windows" "$RULES" "$DEMO" streamed
streams "csv-long is read in windows" "$BENCH" "$tmp/trouble.csv" streamed csv-long
streams "csv-long with rules chosen by the data's year goes the general way" \
	"$RULES" "$DEMO" general csv-long

# The general way, with its messages, for what the windows do not read.
same "not UTF-8 in the last quarter" "$BENCH" "$tmp/latin.csv"
has "$tmp/got.err" "not valid UTF-8" "the general reader's message on latin.csv"
same "a header and no departments" "$BENCH" "$tmp/header.csv"
same "no dept_id column" "$BENCH" "$tmp/noid.csv"
same "tab-separated" "$BENCH" "$tmp/tabs.tsv"
streams "header.csv goes the general way" "$BENCH" "$tmp/header.csv" general
streams "latin.csv goes the general way" "$BENCH" "$tmp/latin.csv" general

# Formats other than csv, and standard input, never stream.
JIXIAO_TRACE=1 "$JX" score "$BENCH" "$tmp/trouble.csv" --format json -o "$tmp/t.json" \
	2>"$tmp/trace.err" >/dev/null
lacks "$tmp/trace.err" "stream:" "--format json is not streamed"
JIXIAO_TRACE=1 "$JX" score "$BENCH" - --format csv <"$tmp/trouble.csv" >"$tmp/stdin.csv" \
	2>"$tmp/trace.err"
has "$tmp/stdin.csv" "dept_id,dept_name" "standard input is scored"
lacks "$tmp/trace.err" "stream:" "standard input is not streamed"
finish
