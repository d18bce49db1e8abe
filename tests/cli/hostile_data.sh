#!/bin/bash
# hostile_data.sh - hostile and edge-case input through the CLI (the
# hardening issue; limits and messages in docs/fuzzing.md).
#
# usage: tests/cli/hostile_data.sh path/to/jixiao
#
# Each case builds its input in a temporary folder, runs jixiao, and checks:
# the exit code (0 scored, 1 some rejected, 3 rule-set error, 4 data
# unreadable), that messages are located (file:line:col), that JSON on stdout
# is strict UTF-8 JSON with no NaN/Infinity tokens, and that every input
# department is in the output. Big inputs are generated, never stored.
. "$(dirname "$0")/lib.bash"
setup "$@"
command -v python3 >/dev/null || { echo "hostile_data: python3 needed" >&2; exit 2; }
RULES=$ROOT/$RULES
DEMO=$ROOT/$DEMO
NATIONAL=$ROOT/$NATIONAL
GBK_TABLE=$ROOT/fixtures/selfeval/yueyang-jiaoyu-2024-gbk.csv
cd "$tmp" || exit 2

# One line per case (case_end), not one per check.
PASS_QUIET=1

# run_case NAME EXPECTED_RC CMD... : runs with a time limit; stdout in
# NAME.out, stderr in NAME.err; checks the exit code. `score ARGS` is short
# for `jixiao score RULES ARGS` with the shipped rule set.
run_case() {
	local name=$1 want=$2
	shift 2
	[ "$1" = score ] && set -- "$JX" score "$RULES" "${@:2}"
	timeout 60 "$@" >"$name.out" 2>"$name.err"
	local rc=$?
	if [ "$rc" != "$want" ]; then
		fail "$name: exit $rc, expected $want; stderr: $(head -c 400 "$name.err")"
		return 1
	fi
	return 0
}

# json_ok NAME DEPTS : NAME.out is strict JSON with DEPTS departments (or
# DEPTS = - to skip the count); NaN/Infinity tokens and bad UTF-8 fail.
json_ok() {
	python3 - "$1.out" "$2" <<'PY' 2>&1 || { fail "$1: stdout is not the expected JSON (above)"; return 1; }
import json, sys
raw = open(sys.argv[1], 'rb').read()
text = raw.decode('utf-8', 'strict')
def bad_constant(tok):
    raise ValueError('non-JSON token ' + tok)
doc = json.loads(text, parse_constant=bad_constant)
if sys.argv[2] != '-':
    n = len(doc['departments'])
    if n != int(sys.argv[2]):
        raise SystemExit('%d departments in the output, expected %s' % (n, sys.argv[2]))
    total = doc['summary']['departments']['total']
    if total != n:
        raise SystemExit('summary says %d departments, the list has %d' % (total, n))
PY
}

# no_output NAME : nothing was written to NAME.out (the data was unreadable)
no_output() {
	[ ! -s "$1.out" ] || fail "$1: output written for an unreadable file"
}

# case_start / case_end NAME : the case passed if no check failed in between
case_start() { case_failures=$failures; }
case_end() { [ "$failures" = "$case_failures" ] && PASS_QUIET='' pass "$1"; }

# ---- data edge cases ---------------------------------------------------------

case_start; n=unterminated-quote
printf 'dept_id,dept_name\na,A\nb,"never closed\nc,C\n' >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n - &&
	has_re $n.err "$n\.csv:3:3: unterminated quoted field" $n
case_end $n

case_start; n=ragged-rows
printf 'dept_id,dept_name,staff.authorized\na,A,1\nb,B\nc,C,3,4\n' >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 3 &&
	has_re $n.err "$n\.csv:3:1: the row has 2 fields, the header 3" $n &&
	has_re $n.err "$n\.csv:4:1: the row has 4 fields, the header 3" $n
case_end $n

case_start; n=nul-byte
printf 'dept_id,dept_name\na,A\000B\nb,B\n' >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 2 &&
	has_re $n.err "$n\.csv:2:[0-9]+: NUL byte" $n
case_end $n

case_start; n=invalid-utf8
printf 'dept_id,dept_name\na,ok\nb,\377\376\n' >$n.csv
run_case $n 4 score $n.csv --format json &&
	has_re $n.err "$n\.csv:3:3: error: the file is not valid UTF-8" $n &&
	no_output $n
case_end $n

case_start; n=duplicate-ids
printf 'dept_id,dept_name\na,A\na,A2\nb,B\n' >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 3 &&
	has_re $n.err "$n\.csv:3:1: duplicate dept_id 'a'" $n
case_end $n

case_start; n=non-finite-numbers
printf 'dept_id,staff.authorized,staff.in_post\nbig,1e400,1\nnan,NaN,1\ninf,Infinity,1\nninf,1,-inf\nnz,-0,7\nok,7,7\n' >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 6 &&
	has_re $n.err "$n\.csv:2:5: '1e400': number out of range" $n &&
	has_re $n.err "$n\.csv:3:5: 'NaN': not a finite number" $n &&
	has_re $n.err "$n\.csv:4:5: 'Infinity': not a finite number" $n &&
	has_re $n.err "$n\.csv:5:8: '-inf': not a finite number" $n &&
	python3 - $n.out <<'PY' || fail "$n: negative zero or non-finite handling"
import json, sys
doc = json.load(open(sys.argv[1]))
st = {d['id']: d['status'] for d in doc['departments']}
assert st['nz'] == 'scored' and st['ok'] == 'scored', st
# a negative zero never prints as "-0" / "-0.00"
import re
assert not re.search(r'(?<![0-9.eE])-0(\.0+)?(?![0-9.eE])', open(sys.argv[1]).read()), 'negative zero printed'
PY
case_end $n

case_start; n=header-only
head -1 "$DEMO" >$n.csv
run_case $n 0 score $n.csv --format json && json_ok $n 0
case_end $n

case_start; n=empty-file
: >$n.csv
run_case $n 4 score $n.csv --format json && has_re $n.err "$n\.csv:1:1: error: empty file" $n
case_end $n

case_start; n=stdin-empty
run_case $n 4 "$JX" score "$RULES" - --format json </dev/null && has_re $n.err "<stdin>:1:1: error: empty file" $n
case_end $n

case_start; n=100k-column-header
python3 -c "print('dept_id,dept_name,' + ','.join('c%d' % i for i in range(100000)))" >$n.csv
run_case $n 4 score $n.csv --format json && has_re $n.err "$n\.csv:1:1: error: more than 4096 columns" $n
case_end $n

case_start; n=5000-field-line
python3 -c "print('dept_id,dept_name'); print('a,A'); print('b,' + ','.join(['1'] * 4999)); print('c,C')" >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 3 &&
	has_re $n.err "$n\.csv:3:1: the row has 5000 fields, the header 2" $n
case_end $n

case_start; n=10mb-single-field
python3 -c "import sys; sys.stdout.write('dept_id,dept_name\na,' + 'x' * (10 << 20) + '\nb,\"' + 'y' * (10 << 20) + '\"\nc,C\n')" >$n.csv
run_case $n 1 score $n.csv --format json && json_ok $n 3 &&
	has_re $n.err "$n\.csv:2:3: field too long" $n && has_re $n.err "$n\.csv:3:3: field too long" $n
case_end $n

case_start; n=1mib-field-accepted
python3 -c "import sys; sys.stdout.write('dept_id,dept_name\na,' + 'x' * (1 << 20) + '\n')" >$n.csv
run_case $n 0 score $n.csv --format json && json_ok $n 1
case_end $n

case_start; n=deeply-nested-department
python3 -c "print('dept_id: d\nvalues: ' + '{a: ' * 10000 + '1' + '}' * 10000)" >$n.yaml
run_case $n 4 score $n.yaml --format json && has_re $n.err "$n\.yaml:2:[0-9]+: error: .*[Dd]epth" $n
case_end $n

case_start; n=deeply-nested-department-json
python3 -c "print('{\"dept_id\": \"d\", \"values\": ' + '[' * 5000 + ']' * 5000 + '}')" >$n.json
run_case $n 4 score $n.json --format json && has_re $n.err "$n\.json:1:[0-9]+: error: .*[Dd]epth" $n
case_end $n

case_start; n=department-nan-json
printf '{"departments": [{"dept_id": "n", "values": {"staff.authorized": .nan}}, {"dept_id": "i", "staff.authorized": "Infinity"}, {"dept_id": "ok", "staff.authorized": 7}]}\n' >$n.json
run_case $n 1 score $n.json --format json && json_ok $n 3 && has_re $n.err "$n\.json:1:[0-9]+: staff\.authorized" $n
case_end $n

case_start; n=nul-in-department
printf '{"dept_id": "a\\u0000b", "values": {"staff.authorized": "1\\u00002"}}\n' >$n.json
run_case $n 1 score $n.json --format json && json_ok $n 1
case_end $n

# ---- the long CSV of declared indicators (--indicators) ------------------------
#
# One department whose rows fill the national scheme exactly (预算执行率 10,
# 产出 50, 效益 30, 满意度 10); each case changes one cell.

long_head='dept_id,dept_name,indicator,path,weight,target,actual,note'
long_rows() {
	printf '%s\n' "$long_head" \
		'u1,单位,预算执行率,预算执行率,10,≥100%,100%,' \
		'u1,单位,培训场次,产出指标/数量指标,50,≥5场,6场,' \
		'u1,单位,宣传成效,效益指标/社会效益指标,30,达成,达成,' \
		'u1,单位,服务对象满意度,满意度指标/服务对象满意度指标,10,≥90%,95%,'
}
# nat NAME RC ARGS... : jixiao score indicators/national ARGS
nat() {
	local name=$1 want=$2
	shift 2
	run_case "$name" "$want" "$JX" score "$NATIONAL" "$@"
}

case_start; n=long-baseline
long_rows >$n.csv
nat $n 0 --indicators $n.csv --format json && json_ok $n 1 &&
	python3 - $n.out <<'PY' || fail "$n: the baseline table does not score 100"
import json, sys
d = json.load(open(sys.argv[1]))['departments'][0]
assert d['status'] == 'scored' and d['score'] == 100, (d['status'], d['score'], d['reason'])
PY
case_end $n

case_start; n=long-wrong-unit
long_rows | sed 's/,6场,$/,6万元,/' >$n.csv
nat $n 1 --indicators $n.csv --format json && json_ok $n 1 &&
	has_re $n.err "$n\.csv:3:29: actual '6万元': unit '万元' does not fit the target's unit '场'" $n
case_end $n

case_start; n=long-unknown-unit
# a measure word no catalogue holds is a unit of its own: it must match
long_rows | sed 's/,6场,$/,6匹,/' >$n.csv
nat $n 1 --indicators $n.csv --format json && json_ok $n 1 &&
	has_re $n.err "$n\.csv:3:29: actual '6匹': unit '匹' does not fit the target's unit '场'" $n
case_end $n

case_start; n=long-bad-target
# 'xyz' is a measure word of its own (docs/data.md §3): the actual's 场 does not fit it
long_rows | sed 's/,≥5场,/,≥5xyz,/' >$n.csv
nat $n 1 --indicators $n.csv --format json && json_ok $n 1 &&
	has_re $n.err "$n\.csv:3:31: actual '6场': unit '场' does not fit the target's unit 'xyz'" $n
long_rows | sed 's/,≥5场,/,≥abc,/' >$n-2.csv
nat $n-2 1 --indicators $n-2.csv --format json && json_ok $n-2 1 &&
	has_re $n-2.err "$n-2\.csv:3:26: target '≥abc': expected a number" $n
case_end $n

case_start; n=long-missing-column
long_rows | cut -d, -f1-6,8 >$n.csv
nat $n 4 --indicators $n.csv --format json &&
	has_re $n.err "$n\.csv:1:1: error: the header has no 'actual' column" $n &&
	no_output $n
case_end $n

case_start; n=long-gbk-without-encoding
cp "$GBK_TABLE" $n.csv
nat $n 4 --indicators $n.csv --format json &&
	has_re $n.err "$n\.csv:2:[0-9]+: error: the file is not valid UTF-8.*--encoding gbk" $n &&
	no_output $n
nat $n-with-encoding 0 --indicators $n.csv --encoding gbk --format json && json_ok $n-with-encoding 1
case_end $n

case_start; n=long-not-applicable
long_rows | sed 's/,95%,$/,不适用,/' >$n.csv
nat $n 0 --indicators $n.csv --format json && json_ok $n 1 &&
	python3 - $n.out <<'PY' || fail "$n: the 不适用 row was not excluded (or the total not rescaled)"
import json, sys
d = json.load(open(sys.argv[1]))['departments'][0]
assert d['status'] == 'scored', d
na = [i for i in d['indicators'] if i['name'] == '服务对象满意度']
assert len(na) == 1 and na[0]['id'] in d['excluded'], (d['excluded'], na)
assert na[0]['status'] == 'excluded', na[0]
assert d['score'] == 100, d['score']   # 90 of 90 points, rescaled to 100
PY
case_end $n

# A table off the scheme (产出 40 where the scheme says 50) is scored on its
# own points, rescaled to 100 and flagged (docs/data.md §3) ...
case_start; n=long-weights-do-not-add-up
long_rows | sed 's/,50,≥5场,/,40,≥5场,/' >$n.csv
nat $n 0 --indicators $n.csv --format json && json_ok $n 1 &&
	python3 - $n.out <<'PY' || fail "$n: not scored on its own points, rescaled and flagged"
import json, sys
d = json.load(open(sys.argv[1]))['departments'][0]
assert d['status'] == 'scored' and 'weights_off_scheme' in d['flags'], (d['status'], d['flags'])
# every row met: 90 of 90 points, rescaled to 100
assert d['score'] == '100.00' or d['score'] == 100.0, d['score']
PY
case_end $n

# ... and rejected, naming the group, under `declared: {weights: strict}`.
case_start; n=long-weights-strict
mkdir -p $n-rules
sed 's/^  tolerance: 10%$/  tolerance: 10%\n  weights: strict/' "$NATIONAL/rules.yaml" >$n-rules/rules.yaml
grep -q 'weights: strict' $n-rules/rules.yaml || fail "$n: could not write the strict rule set"
long_rows | sed 's/,50,≥5场,/,40,≥5场,/' >$n.csv
run_case $n 1 "$JX" score $n-rules --indicators $n.csv --format json && json_ok $n 1 &&
	has_re $n.err "rejected u1: .*group '产出指标' add up to 40, the group's weight is 50" $n
case_end $n

# ---- hostile rule sets ---------------------------------------------------------

rules_head='jixiao: 1
ruleset: {id: hostile, name: 恶意输入, version: "1"}
weights: free
indicators:
  - id: a
    name: 甲
    weight: 100
    target: ">= 1"
    value: '

case_start; n=billion-laughs-rules
python3 - >$n.yaml <<'PY'
print('jixiao: 1')
print('a: &a [' + ', '.join(['"lol"'] * 9) + ']')
for prev, name in zip('abcdefgh', 'bcdefghi'):
    print('%s: &%s [%s]' % (name, name, ', '.join(['*' + prev] * 9)))
PY
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml:3:[0-9]+: error: YAML aliases" $n
case_end $n

case_start; n=deeply-nested-rules
python3 -c "print('jixiao: 1\nruleset: ' + '[' * 5000 + ']' * 5000)" >$n.yaml
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml:2:[0-9]+: error: .*[Dd]epth" $n
case_end $n

case_start; n=10000-indicators
python3 - >$n.yaml <<'PY'
print('jixiao: 1\nruleset: {id: many, name: 多指标, version: "1"}\nweights: free\nindicators:')
for i in range(10000):
    print('  - id: i%d\n    name: 指标%d\n    weight: 0.01\n    value: v.x%d / v.total\n    target: ">= 95%%"' % (i, i, i))
PY
# (a blow-up, say quadratic in the indicators, runs into run_case's time
# limit; no wall-clock assertion, which a loaded machine or ASan would fail)
run_case $n 0 "$JX" check $n.yaml && has_re $n.out "10000 indicators" $n
printf 'dept_id,v.total,v.x0,v.x9999\na,10,10,1\n' >$n.csv
run_case $n-score 0 "$JX" score $n.yaml $n.csv --format json && json_ok $n-score 1
case_end $n

case_start; n=expression-depth
{ printf '%s' "$rules_head"; python3 -c "print('(' * 300 + 'v.x' + ')' * 300)"; } >$n.yaml
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml:9:[0-9]+: error: .*nested too deeply \(limit 256\)" $n
{ printf '%s' "$rules_head"; python3 -c "print('(' * 250 + 'v.x' + ')' * 250)"; } >$n-ok.yaml
run_case $n-ok 0 "$JX" check $n-ok.yaml
case_end $n

case_start; n=expression-length
{ printf '%s' "$rules_head"; python3 -c "print('v.x' + ' + 1' * 20000)"; } >$n.yaml
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml:9:[0-9]+: error: .*expression too long .*65536" $n
case_end $n

case_start; n=rules-file-size
python3 -c "import sys; sys.stdout.write('jixiao: 1\n# ' + 'x' * (17 << 20) + '\n')" >$n.yaml
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml: error: file is larger than 16 MiB" $n
case_end $n

case_start; n=rules-invalid-utf8
printf '%s' "$rules_head" >$n.yaml
printf 'v.x\n  - id: b\n    name: \377\n    weight: 1\n    value: v.y\n' >>$n.yaml
run_case $n 3 "$JX" check $n.yaml && has_re $n.err "$n\.yaml:[0-9]+:[0-9]+: error" $n
case_end $n

# ---- outputs ---------------------------------------------------------------------

case_start; n=csv-formula-cells
printf 'dept_id,dept_name\neq,=HYPERLINK("x")\nplus,+1+2\nminus,-3\nat,@SUM(A1)\ntab,"\tx"\ncr,"\ry"\n=id,ok\n' >$n.csv
for fmt in csv csv-long; do
	run_case $n-$fmt 0 score $n.csv --format $fmt &&
		python3 - $n-$fmt.out <<'PY' || fail "$n-$fmt: a cell a spreadsheet would run as a formula"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
cells = [c for r in rows[1:] for c in r[:2]]
assert len(rows) > 7, len(rows)
bad = [c for c in cells if c[:1] in ('=', '+', '-', '@', '\t', '\r')]
assert not bad, bad
PY
done
case_end $n

case_start; n=output-in-missing-folder
run_case $n 4 score "$DEMO" -o "$tmp/no/such/folder/out.json" &&
	has_re $n.err "no/such/folder/out.json" $n &&
	{ [ ! -e "$tmp/no" ] || fail "$n: something was created"; }
case_end $n

# -o onto a device that fails every write (/dev/full, reached through a
# symlink so the test never risks the real device node): the run must fail
# with exit 4 and leave no file behind, the symlink untouched.
case_start; n=output-write-fails
if [ -c /dev/full ]; then
	mkdir out && ln -s /dev/full out/result.json
	run_case $n 4 score "$DEMO" -o out/result.json
	[ -L out/result.json ] || fail "$n: the output path was replaced by a regular file"
	[ "$(ls out)" = result.json ] || fail "$n: left behind: $(ls out | tr '\n' ' ')"
	# onto standard output: exit 4, and the message says why (jx_strerror
	# and the system's reason), not only that it failed
	rc=0
	timeout 60 "$JX" score "$RULES" "$DEMO" --format json >/dev/full 2>$n-stdout.err || rc=$?
	[ "$rc" = 4 ] || fail "$n: stdout onto /dev/full: exit $rc, expected 4"
	has_re $n-stdout.err "cannot write the output: .*No space left on device" $n-stdout
else
	fail "$n: no /dev/full (a Linux /dev has it): cannot test a failing write"
fi
case_end $n

case_start; n=output-replaced-atomically
echo previous >old.json
run_case $n-bad 4 score "$PWD/invalid-utf8.csv" -o old.json
[ "$(cat old.json)" = previous ] || fail "$n: a failed run changed the existing output"
[ "$(ls old.json* | wc -l)" = 1 ] || fail "$n: temporary files left: $(ls old.json*)"
# a good run replaces it (the rename runs beside the freeing of the result,
# cli/options.c: it must have landed when the command exits)
run_case $n-good 0 score "$DEMO" --format json -o old.json
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["departments"]' old.json ||
	fail "$n: the output was not replaced: $(head -c 80 old.json)"
[ "$(ls old.json* | wc -l)" = 1 ] || fail "$n: temporary files left: $(ls old.json*)"
case_end $n

# ---- the maps' keys never reach the output -----------------------------------------

# Each run (and each chunk of a big file) hashes dept_ids and words under a
# key of its own (engine/common/strmap.h): the output must not depend on it.
# A batch over 2 MiB, read in chunks, with every dept_id twice (the second
# rejected as a duplicate) and words in many cells: byte-identical runs.
case_start; n=map-keys-do-not-show
python3 "$ROOT/scripts/gen_synthetic_batch.py" --n 9000 --seed 5 --out $n-half.csv
{ cat $n-half.csv; tail -n +2 $n-half.csv; } >$n.csv
for run in 1 2; do
	for fmt in json csv; do
		run_case $n-$run-$fmt 1 score $n.csv --format $fmt --jobs 2
	done
done
for fmt in json csv; do
	cmp -s $n-1-$fmt.out $n-2-$fmt.out || fail "$n: two runs wrote different $fmt"
done
grep -c "duplicate dept_id" $n-1-csv.out | grep -qx 9000 || fail "$n: not every second dept_id rejected"
case_end $n

# ---- the exit codes --------------------------------------------------------------

case_start; n=exit-codes
run_case $n-usage 2 "$JX" score
run_case $n-rules 3 "$JX" score "$tmp/expression-depth.yaml" "$DEMO"
run_case $n-data 4 score "$tmp/no-such-file.csv"
has_re $n-data.err "no-such-file\.csv" $n
case_end $n

finish
