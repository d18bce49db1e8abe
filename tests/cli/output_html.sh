#!/usr/bin/env bash
# --format html (docs/reports.md): one self-contained file (no network, no
# external script, style or font), deterministic, printable (@media print,
# page breaks), with inline SVG charts and a sortable department table whose
# numbers (data attributes and cell text) equal the JSON output's; and it
# renders in headless Chromium to a screenshot that is not blank.
#
# Chromium and fonts-noto-cjk come from scripts/setup-deps.sh.
#
# usage: tests/cli/output_html.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

score_demo html
"$JX" score "$RULES" "$DEMO" --format html 2>/dev/null >"$tmp/again.html"
cmp -s "$tmp/demo.html" "$tmp/again.html" && pass "html is byte-identical (and stdout equals -o)" ||
	fail "html differs between runs"

python3 - "$tmp/demo.html" "$tmp/demo.json" <<'EOF' && pass "self-contained, printable, numbers equal the JSON" || fail "report contents (above)"
import json, math, re, sys
from html.parser import HTMLParser

html = open(sys.argv[1], encoding="utf-8").read()
# numbers as the JSON writes them: keep the text of each decimal
doc = json.loads(open(sys.argv[2], encoding="utf-8").read(), parse_float=lambda s: s)
problems = []

# self-contained: the only URL is the SVG namespace
urls = set(re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s\"'<>)]*", html))
urls.discard("http://www.w3.org/2000/svg")
if urls:
    problems.append(f"external references: {sorted(urls)[:5]}")
for bad in ("<link", "<script src", "@import", "url(", "<iframe", "<img"):
    if bad in html:
        problems.append(f"not self-contained: {bad}")
for need in ("@media print", "break-before:page", "@page{size:A4", "<svg", "table.sortable",
             'lang="zh-CN"', '<meta charset="utf-8">'):
    if need not in html:
        problems.append(f"missing {need!r}")

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depts = {}        # id -> attrs of the ranking row
        self.rows = []         # (dept id, attrs) of 自评表 rows
        self.section = None
        self.svgs = 0
        self.charts = set()
        self.cell = None       # collecting the text of a ranking-table cell
        self.cells = {}
        self.current = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "dept" in (a.get("class") or ""):
            self.section = a.get("data-dept")
        if tag == "tr" and "data-dept" in a:
            self.depts[a["data-dept"]] = a
            self.current = a["data-dept"]
            self.cells[self.current] = []
        if tag == "tr" and "data-indicator" in a:
            self.rows.append((self.section, a))
        if tag == "td" and self.current is not None:
            self.cell = [a.get("data-v"), ""]
        if tag == "svg":
            self.svgs += 1
        if tag == "figure" and a.get("id"):
            self.charts.add(a["id"])
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None and self.current is not None:
            self.cells[self.current].append(self.cell)
            self.cell = None
        if tag == "tr":
            self.current = None
        if tag == "section":
            self.section = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data

p = Page()
p.feed(html)
depts = {d["id"]: d for d in doc["departments"]}
if set(p.depts) != set(depts):
    problems.append(f"ranking rows {len(p.depts)}, JSON departments {len(depts)}")
for did, a in p.depts.items():
    d = depts.get(did)
    if not d:
        continue
    score = d["score"] if d["score"] is not None else ""
    if a.get("data-score") != score:
        problems.append(f"{did}: data-score {a.get('data-score')!r}, JSON {score!r}")
    if d["rank"] is not None and a.get("data-rank") != str(d["rank"]):
        problems.append(f"{did}: data-rank {a.get('data-rank')!r}, JSON {d['rank']}")
    cells = p.cells[did]
    # 排名, 部门, 编号, 总分: the shown text equals the JSON too
    if d["score"] is not None and (cells[3][0] != score or cells[3][1].strip() != score):
        problems.append(f"{did}: 总分 cell {cells[3]}, JSON {score}")
    if d["rank"] is not None and cells[0][1].strip() != str(d["rank"]):
        problems.append(f"{did}: 排名 cell {cells[0]}, JSON {d['rank']}")

def num(x):
    return None if x is None else float(x)

checked = 0
for did, a in p.rows:
    d = depts.get(did)
    ind = next((i for i in (d or {}).get("indicators", []) if i["id"] == a["data-indicator"]), None)
    if ind is None:
        problems.append(f"自评表 row {did}/{a['data-indicator']} not in the JSON")
        continue
    if a.get("data-score") != ind["score"]:
        problems.append(f"{did}/{ind['id']}: data-score {a.get('data-score')}, JSON {ind['score']}")
    if a.get("data-status") != ind["status"]:
        problems.append(f"{did}/{ind['id']}: status {a.get('data-status')}, JSON {ind['status']}")
    for key, attr in (("actual", "data-actual"), ("completion", "data-completion")):
        want = ind[key]
        if isinstance(want, str) and not re.fullmatch(r"-?[\d.eE+-]+", want):
            want = None  # a word (达成), not a number
        if isinstance(want, int):
            want = str(want)
        got = a.get(attr)
        if (want is None) != (got is None) or (want is not None and
                                                 not math.isclose(float(got), float(want), rel_tol=1e-15)):
            problems.append(f"{did}/{ind['id']}: {attr} {got}, JSON {want}")
    checked += 1
want_rows = sum(len(d.get("indicators", [])) for d in depts.values())
if checked != want_rows:
    problems.append(f"自评表 rows {checked}, JSON indicators {want_rows}")

for chart in ("chart-histogram", "chart-grades", "chart-completion"):
    if chart not in p.charts:
        problems.append(f"no {chart}")
# the histogram bars carry the JSON's counts
counts = re.findall(r'<rect class="bar"[^>]*data-v="(\d+)"', html.split('id="chart-histogram"')[1].split("</figure>")[0])
if counts != [str(c) for c in doc["summary"]["histogram"]["counts"]]:
    problems.append(f"histogram bars {counts}, JSON {doc['summary']['histogram']['counts']}")

if problems:
    print("\n".join("    " + x for x in problems[:30]))
    sys.exit(1)
print(f"    {len(p.depts)} departments and {checked} indicator rows equal the JSON")
EOF

# ---- the browser: a screenshot that is not blank ---------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	fail "no chromium (scripts/setup-deps.sh installs it)"
else
	profile=$(mktemp -d)
	timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --screenshot="$tmp/shot.png" --window-size=1280,2000 \
		"file://$tmp/demo.html" >"$tmp/chromium.log" 2>&1
	rm -rf "$profile"
	python3 - "$tmp/shot.png" <<'EOF' && pass "chromium renders it (screenshot not blank)" ||
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), f"unexpected PNG type {depth}/{ctype}"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, out, i = bytearray(stride), [], 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    out.append(bytes(line))
    prev = line
colors, ink = set(), 0
for y in range(0, h, 2):
    line = out[y]
    for x in range(0, w * bpp, bpp * 2):
        px = line[x:x + 3]
        colors.add(px)
        ink += px != b"\xff\xff\xff"
total = ((h + 1) // 2) * ((w + 1) // 2)
print(f"    {w}x{h}, {len(colors)} distinct colours, {100 * ink / total:.1f}% not white")
assert len(colors) >= 50, "too few colours: blank or unstyled"
assert ink / total >= 0.03, "almost all white"
EOF
	{ tail -5 "$tmp/chromium.log"; fail "chromium screenshot"; }
fi

finish
