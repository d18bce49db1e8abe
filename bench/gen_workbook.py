#!/usr/bin/python3
"""gen_workbook.py - writes a large .xlsx for measuring the workbook reader's
memory and time (docs/fuzzing.md, "Workbooks"; read by bench/workbook_rss.c).

    /usr/bin/python3 bench/gen_workbook.py OUT.xlsx SHEETS ROWS COLS

Every sheet has ROWS x COLS cells: a shared-string label in the first
column, random numbers (up to 17 significant digits, so they compress
about as badly as real figures) elsewhere, every tenth a percent. The XML
is streamed into the zip, so the script needs little memory itself.
Seeded: the same arguments write the same file.
"""
import random
import sys
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
STAMP = (2024, 1, 1, 0, 0, 0)
LABELS = ["培训人次", "资金到位率", "预算执行率", "满意度", "完成及时率", "项目%d"]


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def write(z, name, text):
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text.encode("utf-8"))


def main():
    out, sheets, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(2024)
    labels = [l % i if "%d" in l else l for i, l in enumerate(LABELS * 200)]
    names = [col_name(c) for c in range(cols)]
    with zipfile.ZipFile(out, "w", allowZip64=True) as z:
        write(z, "_rels/.rels", '<Relationships xmlns="%s"><Relationship Id="rId1" '
              'Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (PNS, RNS))
        book = ['<workbook xmlns="%s" xmlns:r="%s"><sheets>' % (NS, RNS)]
        rels = ['<Relationships xmlns="%s">' % PNS]
        for i in range(sheets):
            book.append('<sheet name="部门%d" sheetId="%d" r:id="rId%d"/>' % (i + 1, i + 1, i + 1))
            rels.append('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                        % (i + 1, RNS, i + 1))
        rels.append('<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % RNS)
        rels.append('<Relationship Id="rIdT" Type="%s/styles" Target="styles.xml"/></Relationships>' % RNS)
        book.append("</sheets></workbook>")
        write(z, "xl/workbook.xml", "".join(book))
        write(z, "xl/_rels/workbook.xml.rels", "".join(rels))
        write(z, "xl/styles.xml", '<styleSheet xmlns="%s"><cellXfs><xf numFmtId="0"/>'
              '<xf numFmtId="10"/></cellXfs></styleSheet>' % NS)
        write(z, "xl/sharedStrings.xml", '<sst xmlns="%s">%s</sst>'
              % (NS, "".join("<si><t>%s</t></si>" % l for l in labels)))
        for i in range(sheets):
            info = zipfile.ZipInfo("xl/worksheets/sheet%d.xml" % (i + 1), STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                f.write(('<worksheet xmlns="%s"><sheetData>' % NS).encode())
                for r in range(1, rows + 1):
                    cells = ['<row r="%d"><c r="A%d" t="s"><v>%d</v></c>' % (r, r, rnd.randrange(len(labels)))]
                    for c in range(1, cols):
                        if c % 10 == 0:
                            cells.append('<c r="%s%d" s="1"><v>%r</v></c>' % (names[c], r, rnd.random()))
                        else:
                            cells.append('<c r="%s%d"><v>%r</v></c>' % (names[c], r, rnd.uniform(0, 1e6)))
                    cells.append("</row>")
                    f.write("".join(cells).encode())
                f.write(b"</sheetData></worksheet>")


if __name__ == "__main__":
    main()
