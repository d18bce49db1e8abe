#!/usr/bin/env bash
# A large wide CSV is read in chunks on the --jobs threads (load/batch_csv.c):
# the output, the messages and the exit code must be those of --jobs 1, also
# when a cut falls inside a quoted field that spans lines, with CR LF and
# lone CR line ends, blank lines, duplicate dept_ids across chunks, ragged
# rows, bad cells and an unterminated quote.
#
# usage: tests/cli/chunked_read.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

# ~4 MB from the demo rows, with every kind of trouble above.
python3 - "$DEMO" "$tmp" <<'EOF'
import random, sys
demo, out = sys.argv[1], sys.argv[2]
lines = open(demo, encoding='utf-8').read().split('\n')
header, rows = lines[0], [l for l in lines[1:] if l]
def build(seed, big, eols):
    rnd = random.Random(seed)
    text = [header + ',note.screening_completion,extra']
    n = 17000  # more than the 16384 rows the CSV writers thread from
    for i in range(n):
        r = rows[i % len(rows)]
        rid = r.split(',')[0] + '-%d' % i
        if rnd.random() < 0.004 and i:
            j = rnd.randrange(i)
            rid = rows[j % len(rows)].split(',')[0] + '-%d' % j
        note = ''
        if rnd.random() < 0.03:
            note = '"two\nlines, ""quoted""\r\nthree"'
        if big and i in (n // 2 - 2, n // 3, 2 * n // 3 + 1, n // 5):
            note = '"' + 'long\n' * rnd.randint(2000, 9000) + '"'
        line = rid + r[r.index(','):] + ',' + note + ',' + ('5" screen' if rnd.random() < 0.01 else '')
        if rnd.random() < 0.003:
            line += ',ragged'
        if rnd.random() < 0.003:
            line = line.replace(',', ',x', 3)
        if rnd.random() < 0.002:
            line = ''
        if seed == 3 and i == n - 50:
            line = line.replace(',', ',"never closed', 1)
        text.append(line)
    return ''.join(l + rnd.choice(eols) for l in text)
for name, seed, big, eols in [('plain', 1, False, ['\n']), ('spans', 2, True, ['\n']),
                              ('mixed', 3, True, ['\n', '\r\n', '\r']), ('crlf', 4, False, ['\r\n'])]:
    open('%s/%s.csv' % (out, name), 'w', encoding='utf-8', newline='').write(build(seed, big, eols))
EOF

# same_as_one LABEL JOBS... -- ARGS: `jixiao score ARGS` on each --jobs N
# writes what --jobs 1 writes (standard output, messages, exit code).
same_as_one() {
	local label=$1
	shift
	local jobs=()
	while [ "$1" != "--" ]; do
		jobs+=("$1")
		shift
	done
	shift
	"$JX" score "$@" --jobs 1 >"$tmp/one.out" 2>"$tmp/one.err"
	echo "exit $?" >>"$tmp/one.err"
	for j in "${jobs[@]}"; do
		"$JX" score "$@" --jobs "$j" >"$tmp/many.out" 2>"$tmp/many.err"
		echo "exit $?" >>"$tmp/many.err"
		if cmp -s "$tmp/one.out" "$tmp/many.out" && cmp -s "$tmp/one.err" "$tmp/many.err"; then
			pass "$label: --jobs $j as --jobs 1"
		else
			fail "$label: --jobs $j differs from --jobs 1"
			diff "$tmp/one.err" "$tmp/many.err" | head -5
		fi
	done
}

for data in plain spans mixed crlf; do
	fmts="json csv"
	[ $data = mixed ] && fmts="json csv csv-long"
	for fmt in $fmts; do
		same_as_one "$data.csv, $fmt" 2 5 -- "$RULES" "$tmp/$data.csv" --lenient --format $fmt
	done
done
# the last output: the CSV of crlf.csv, whose reasons name the duplicates
grep -q "duplicate dept_id" "$tmp/one.out" || fail "no duplicate dept_id in the batch (the test data changed?)"

# Two big files in one batch: the second file's chunks write after the
# first file's rows (their windows start at the batch's row count).
same_as_one "plain.csv + spans.csv" 2 4 -- "$RULES" "$tmp/plain.csv" "$tmp/spans.csv" --lenient \
	--format csv

# A byte that is not UTF-8 in a big file (checked in parts on the threads,
# cut where characters start): the same first bad byte is reported, also
# when it sits right where a part would start or inside a character there.
python3 - "$tmp" <<'EOF'
import sys
out = sys.argv[1]
row = 'd%07d,华容县农业农村局妇女联合会,2024' + ',1' * 10 + '\n'
body = ''.join(row % i for i in range(150000)).encode('utf-8')  # ~10 MB
head = b'dept_id,dept_name,fiscal_year\n'
for name, at in [('mid', len(body) // 2), ('mid1', len(body) // 2 + 1), ('late', len(body) - 7),
                 ('early', 40)]:
    bad = bytearray(body)
    bad[at] = 0xFF
    open('%s/bad-%s.csv' % (out, name), 'wb').write(head + bytes(bad))
EOF
for data in bad-mid bad-mid1 bad-late bad-early; do
	same_as_one "$data.csv, a byte that is not UTF-8" 2 3 -- "$RULES" "$tmp/$data.csv" --format csv
	grep -q "not valid UTF-8" "$tmp/one.err" || fail "$data.csv: no UTF-8 error"
done

# threads read chunks of at least 1 MiB: the files must be large enough
[ "$(wc -c <"$tmp/plain.csv")" -gt 3000000 ] || fail "plain.csv is too small to be read in chunks"

finish
