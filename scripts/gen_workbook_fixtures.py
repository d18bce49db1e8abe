#!/usr/bin/python3
"""gen_workbook_fixtures.py - writes the workbooks of fixtures/workbook/ and
the seeds of fixtures/fuzz/xlsx/ that tests/unit/test_workbook.c and
fuzz/fuzz_xlsx.c read (engine/load/workbook/).

Run it with Debian's Python, which has python3-openpyxl:

    /usr/bin/python3 scripts/gen_workbook_fixtures.py

It needs LibreOffice (soffice, from libreoffice-calc-nogui) for the files
LibreOffice saves, and Gnumeric (ssconvert) for the Excel 95 one; without
them those are left as they are. The outputs are
committed, so the tests need neither.

- openpyxl.xlsx: what openpyxl writes (inline strings, absolute targets,
  formulas without a cached value): strings, Chinese text, numbers,
  percents, dates, a boolean, an error, merges, four sheets in order.
- libreoffice.xlsx, libreoffice.xls: openpyxl.xlsx saved by LibreOffice
  (shared strings split into rich-text runs by font, cached formula values;
  a BIFF8 .xls), and libreoffice-cp936.xls, the .xls with its CODEPAGE
  record saying 936 (GBK), as Chinese Excel versions write it.
- gnumeric-biff7-cp936.xls: an Excel 95 (BIFF7) file with GBK strings and
  CODEPAGE 936, written by Gnumeric's ssconvert (optional: apt-get install
  gnumeric; LibreOffice 7.4 no longer writes BIFF5/7).
- prefixed.xlsx: written by hand the way WPS and some .NET writers do it:
  x:-prefixed elements, no shared strings, rows and cells without r=,
  a dimension that lies, the 1904 date system, custom number formats,
  _x000D_ escapes, cached formula values of every type, rows out of order.
- rich.xlsx: by hand: the workbook part at a name only _rels/.rels gives,
  shared strings with rich-text runs and phonetic runs, inline rich text,
  t="d" ISO dates.
- hostile/: one file per refused input (docs/fuzzing.md, "Workbooks").

Zip members get a fixed timestamp so that the same script writes the same
bytes (LibreOffice's files carry their own save date inside).
"""
import datetime
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "workbook")
HOSTILE = os.path.join(OUT, "hostile")
FUZZ = os.path.join(ROOT, "fixtures", "fuzz", "xlsx")
STAMP = (2024, 1, 1, 0, 0, 0)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = RNS  # relationship types share the namespace's prefix

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    """Writes parts (name -> str or bytes), in order, with a fixed stamp."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def set_encrypted_flag(path, member):
    """Sets bit 0 (encrypted) of a member's general-purpose flags in its
    local header and its central directory entry: zipfile cannot encrypt,
    and the reader must refuse the entry before trying to inflate it."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        local = z.getinfo(member).header_offset
    data[local + 6] |= 1
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_len] == member.encode():
            data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))


def patch_member(path, member, local_at, central_at, value):
    """Overwrites one byte of a member's local header and central directory
    entry (offsets from their signatures): a damaged file on purpose."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        data[z.getinfo(member).header_offset + local_at] = value
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_len] == member.encode():
            data[at + central_at] = value
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))


def repack(path):
    """Rewrites a zip with fixed timestamps (openpyxl stamps the time)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    write_zip(path, parts)


def package(sheets, sst=None, styles=None, book_pr="", book_part="xl/workbook.xml",
            prefix="", extra=None):
    """The parts of a minimal workbook: sheets is a list of (name, xml)."""
    p = prefix + ":" if prefix else ""
    xmlns = ('xmlns:%s="%s"' % (prefix, NS)) if prefix else 'xmlns="%s"' % NS
    folder = book_part.rsplit("/", 1)[0] + "/"
    rels = ['<Relationship Id="rId%d" Type="%s/worksheet" Target="/xl/worksheets/sheet%d.xml"/>'
            % (i + 1, RT, i + 1) for i in range(len(sheets))]
    parts = {"[Content_Types].xml": CONTENT_TYPES,
             "_rels/.rels": '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
                            'Target="%s"/></Relationships>' % (PNS, RT, book_part)}
    book = ['<%sworkbook %s xmlns:r="%s">%s<%ssheets>' % (p, xmlns, RNS, book_pr, p)]
    for i, (name, _) in enumerate(sheets):
        book.append('<%ssheet name="%s" sheetId="%d" r:id="rId%d"/>' % (p, name, i + 1, i + 1))
    book.append("</%ssheets></%sworkbook>" % (p, p))
    parts[book_part] = "".join(book)
    if sst is not None:
        rels.append('<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % RT)
        parts[folder + "sharedStrings.xml"] = sst
    if styles is not None:
        rels.append('<Relationship Id="rIdT" Type="%s/styles" Target="styles.xml"/>' % RT)
        parts[folder + "styles.xml"] = styles
    rel_name = folder + "_rels/" + book_part.rsplit("/", 1)[1] + ".rels"
    parts[rel_name] = '<Relationships xmlns="%s">%s</Relationships>' % (PNS, "".join(rels))
    for i, (_, xml) in enumerate(sheets):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = xml
    parts.update(extra or {})
    return parts


def sheet(body, prefix="", tail=""):
    p = prefix + ":" if prefix else ""
    xmlns = ('xmlns:%s="%s"' % (prefix, NS)) if prefix else 'xmlns="%s"' % NS
    return '<?xml version="1.0" encoding="UTF-8"?><%sworksheet %s><%ssheetData>%s</%ssheetData>%s</%sworksheet>' % (
        p, xmlns, p, body, p, tail, p)


# ---- what openpyxl writes ---------------------------------------------------

def openpyxl_book(path):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "2024年度部门整体支出绩效自评表"
    ws.merge_cells("A1:E1")  # horizontal
    for col, head in zip("ABCDE", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]):
        ws[col + "2"] = head
    ws["A3"] = "产出指标"
    ws.merge_cells("A3:A7")  # vertical
    ws["B3"], ws["C3"], ws["D3"], ws["E3"] = "数量指标", "培训人次", 5700, 0.95
    ws["E3"].number_format = "0%"
    ws["C4"], ws["D4"], ws["E4"] = "资金到位率", 35.23, 0.7274
    ws["E4"].number_format = "0.00%"
    ws["C5"], ws["D5"], ws["E5"] = "完成时间", datetime.datetime(2024, 12, 31), datetime.datetime(2024, 6, 30, 14, 30)
    ws["D5"].number_format = "yyyy-mm-dd"
    ws["C6"], ws["D6"], ws["E6"] = "是否达标", True, "#DIV/0!"
    ws["C7"], ws["D7"], ws["E7"] = "合计", "=D3*2", -0.5
    ws["C8"], ws["D8"], ws["E8"] = 0.1 + 0.2, 1e20, 123456789012345678
    wb.create_sheet("Sheet2")["A1"] = "second"
    wb.create_sheet("汇总")["B2"] = 42
    wb.create_sheet("空表")
    wb.save(path)
    repack(path)


# ---- LibreOffice --------------------------------------------------------------

def soffice_convert(src, fmt, dest):
    soffice = shutil.which("soffice")
    if not soffice:
        print("gen_workbook_fixtures: no soffice; %s left as it is" % dest, file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        # A private profile: another soffice running does not get in the way.
        subprocess.run([soffice, "-env:UserInstallation=file://" + tmp + "/profile", "--headless",
                        "--convert-to", fmt, "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0])
        shutil.copyfile(out, dest)
    return True


def gnumeric_biff7(src, dest):
    """An Excel 95 (BIFF7) file whose strings are GBK, CODEPAGE 936, as the
    Chinese Excel 95 wrote them: Gnumeric's ssconvert writes BIFF7 strings in
    the locale's code page, so it runs under a zh_CN.UTF-8 locale compiled
    into a temporary folder (localedef, from the locales package)."""
    ssconvert, localedef = shutil.which("ssconvert"), shutil.which("localedef")
    if not ssconvert or not localedef:
        print("gen_workbook_fixtures: no ssconvert (gnumeric) or localedef; %s left as it is"
              % dest, file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([localedef, "-i", "zh_CN", "-f", "UTF-8", tmp + "/zh_CN.UTF-8"], check=True)
        env = dict(os.environ, LOCPATH=tmp, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
        subprocess.run([ssconvert, "--export-type=Gnumeric_Excel:excel_biff7", src, dest], env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = open(dest, "rb").read()
    assert b"\x42\x00\x02\x00\xa8\x03" in data, "CODEPAGE 936 expected"
    assert "自评表".encode("gbk") in data, "GBK strings expected"


def patch_codepage(src, dest):
    """The BIFF8 CODEPAGE record (0x0042, 2 bytes) from 1200 to 936."""
    data = open(src, "rb").read()
    record = b"\x42\x00\x02\x00\xb0\x04"
    assert data.count(record) == 1, "one CODEPAGE record expected"
    open(dest, "wb").write(data.replace(record, b"\x42\x00\x02\x00\xa8\x03"))


# ---- by hand ---------------------------------------------------------------------

def prefixed_book(path):
    x = "x"
    styles = ('<x:styleSheet xmlns:x="%s"><x:numFmts count="4">'
              '<x:numFmt numFmtId="164" formatCode="0.0%%"/>'
              '<x:numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<x:numFmt numFmtId="166" formatCode="#,##0.00&quot;%%&quot;;[Red]\\-#,##0.00"/>'
              '<x:numFmt numFmtId="167" formatCode="[h]:mm"/>'
              '</x:numFmts><x:cellXfs count="6">'
              '<x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/>'
              '<x:xf numFmtId="166"/><x:xf numFmtId="167"/><x:xf numFmtId="31"/>'
              '</x:cellXfs></x:styleSheet>') % NS
    body = ('<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>第二行</x:t></x:is></x:c></x:row>'
            '<x:row r="1">'
            '<x:c t="inlineStr"><x:is><x:t>项目名称</x:t></x:is></x:c>'  # A1, no r=
            '<x:c t="inlineStr"><x:is><x:t>甲_x000D_乙</x:t></x:is></x:c>'  # B1
            '<x:c s="1"><x:v>0.125</x:v></x:c>'  # C1 0.0%
            '<x:c s="2"><x:v>1</x:v></x:c>'  # D1 date, 1904 system: 1904-01-02
            '<x:c s="3"><x:v>12.5</x:v></x:c>'  # E1 "%" quoted: a number
            '<x:c s="4"><x:v>1.5</x:v></x:c>'  # F1 [h]:mm: a date/time
            '<x:c s="5"><x:v>0</x:v></x:c>'  # G1 built-in 31 (Chinese date), serial 0
            '</x:row>'
            '<x:row>'  # row 3: no r=
            '<x:c r="B3" t="str"><x:f>A1&amp;"!"</x:f><x:v>项目名称!</x:v></x:c>'
            '<x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'  # C3
            '<x:c t="b"><x:f>1=1</x:f><x:v>1</x:v></x:c>'  # D3
            '<x:c><x:f>2*3</x:f><x:v>6</x:v></x:c>'  # E3
            '<x:c s="9"><x:v>7</x:v></x:c>'  # F3: style out of range, General
            '</x:row>')
    tail = '<x:mergeCells count="1"><x:mergeCell ref="B5:C6"/></x:mergeCells>'
    ws = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<x:worksheet xmlns:x="%s" xmlns:r="%s">\n  <x:dimension ref="A1:A1"/>\n'
          '  <x:sheetData>%s<x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t>合并</x:t></x:is></x:c>'
          '<x:c r="C6"><x:v>99</x:v></x:c></x:row></x:sheetData>%s</x:worksheet>') % (NS, RNS, body, tail)
    parts = package([("WPS表格", ws)], styles=styles, prefix=x,
                    book_pr='<x:workbookPr date1904="1"/>')
    write_zip(path, parts)


def rich_book(path):
    sst = ('<sst xmlns="%s" count="3" uniqueCount="3">'
           '<si><r><rPr><b/></rPr><t>预算</t></r><r><t xml:space="preserve">执行率</t></r>'
           '<rPh sb="0" eb="2"><t>ヨサン</t></rPh><phoneticPr fontId="1"/></si>'
           '<si><t>plain</t></si><si><t/></si></sst>') % NS
    body = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="inlineStr"><is><r><t>甲</t></r><r><t>乙</t></r></is></c></row>'
            '<row r="2"><c r="A2" t="d"><v>2024-12-31T00:00:00</v></c>'
            '<c r="B2" t="d"><v>2024-06-30T14:30:00Z</v></c><c r="C2" t="d"><v>soon</v></c></row>')
    parts = package([("Rich", sheet(body))], sst=sst, book_part="xl/book.xml")
    write_zip(path, parts)


# ---- hostile -------------------------------------------------------------------------

def bomb(path, method, megabytes):
    """A sheet of `megabytes` MiB of spaces between its tags, streamed."""
    parts = package([("Bomb", "")])
    del parts["xl/worksheets/sheet1.xml"]
    write_zip(path, parts)
    with zipfile.ZipFile(path, "a") as z:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP)
        info.compress_type = method
        with z.open(info, "w", force_zip64=False) as f:
            f.write(('<worksheet xmlns="%s"><sheetData>' % NS).encode())
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")


def hostile(openpyxl_path, xls_path):
    os.makedirs(HOSTILE, exist_ok=True)
    h = lambda name: os.path.join(HOSTILE, name)
    data = open(openpyxl_path, "rb").read()
    open(h("truncated.xlsx"), "wb").write(data[: len(data) * 2 // 3])
    if os.path.exists(xls_path):
        xls = open(xls_path, "rb").read()
        open(h("truncated.xls"), "wb").write(xls[: len(xls) // 2])
    rnd = random.Random(936)
    open(h("not-a-zip.xlsx"), "wb").write(b"PK\3\4" + bytes(rnd.randrange(256) for _ in range(2000)))
    open(h("ole2-junk.xls"), "wb").write(bytes.fromhex("D0CF11E0A1B11AE1") +
                                         bytes(rnd.randrange(256) for _ in range(4000)))
    open(h("text.csv"), "wb").write("dept_id,dept_name\nu1,岳阳县妇联\n".encode())
    write_zip(h("not-a-spreadsheet.zip"), {"word/document.xml": "<document/>"})
    bomb(h("bomb-deflate.xlsx"), zipfile.ZIP_DEFLATED, 150)
    bomb(h("bomb-bzip2.xlsx"), zipfile.ZIP_BZIP2, 300)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10)
                        for i in range(1, 10))
              + ']><worksheet xmlns="%s"><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c>'
              '</row></sheetData></worksheet>') % NS
    write_zip(h("doctype.xlsx"), package([("S", laughs)]))
    deep = "<x>" * 100 + "</x>" * 100
    write_zip(h("deep.xlsx"), package([("S", sheet(deep))]))
    bad_sst = ('<sst xmlns="%s"><si><t>ok</t></si><si><t>bad \xff byte</t></si></sst>' % NS).encode("latin-1")
    write_zip(h("bad-utf8.xlsx"), package([("S", sheet('<row><c t="s"><v>1</v></c></row>'))], sst=bad_sst))
    for name, ref in [("ref-row-past-end.xlsx", "XFD1048577"), ("ref-row-zero.xlsx", "A0"),
                      ("ref-col-past-xfd.xlsx", "XFE1"), ("ref-garbage.xlsx", "1A")]:
        write_zip(h(name), package([("S", sheet('<row><c r="%s"><v>1</v></c></row>' % ref))]))
    missing = package([("One", sheet("")), ("Two", sheet(""))])
    del missing["xl/worksheets/sheet2.xml"]
    write_zip(h("missing-part.xlsx"), missing)
    no_rel = package([("One", sheet(""))])
    no_rel["xl/workbook.xml"] = no_rel["xl/workbook.xml"].replace('r:id="rId1"', 'r:id="rId9"')
    write_zip(h("missing-rel.xlsx"), no_rel)
    same = package([("One", sheet("")), ("Two", sheet(""))])
    same["xl/_rels/workbook.xml.rels"] = same["xl/_rels/workbook.xml.rels"].replace("sheet2.xml", "sheet1.xml")
    write_zip(h("same-part.xlsx"), same)
    write_zip(h("encrypted.xlsx"), package([("S", sheet('<row><c><v>1</v></c></row>'))]))
    set_encrypted_flag(h("encrypted.xlsx"), "xl/worksheets/sheet1.xml")
    # Compression method 6 (implode, from PKZIP 1): libzip cannot inflate it.
    write_zip(h("unknown-method.xlsx"), package([("S", sheet('<row><c><v>1</v></c></row>'))]),
              method=zipfile.ZIP_STORED)
    patch_member(h("unknown-method.xlsx"), "xl/worksheets/sheet1.xml", 8, 10, 6)
    # A stored sheet with one byte changed after its CRC was computed.
    write_zip(h("bad-crc.xlsx"), package([("S", sheet('<row><c r="A1"><v>1</v></c></row>'))]),
              method=zipfile.ZIP_STORED)
    data = open(h("bad-crc.xlsx"), "rb").read()
    assert data.count(b"<v>1</v>") == 1
    open(h("bad-crc.xlsx"), "wb").write(data.replace(b"<v>1</v>", b"<v>2</v>"))
    write_zip(h("cell-twice.xlsx"), package([("S", sheet(
        '<row r="3"><c r="B3"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>'))]))
    write_zip(h("unknown-type.xlsx"), package([("S", sheet('<row><c r="B3" t="x"><v>1</v></c></row>'))]))
    write_zip(h("bad-bool.xlsx"), package([("S", sheet('<row><c r="B3" t="b"><v>2</v></c></row>'))]))
    write_zip(h("bad-number.xlsx"), package([("S", sheet('<row><c r="B2"><v>12abc</v></c></row>'))]))
    write_zip(h("bad-shared-index.xlsx"), package([("S", sheet('<row><c r="A1" t="s"><v>7</v></c></row>'))],
                                                  sst='<sst xmlns="%s"><si><t>a</t></si></sst>' % NS))
    gbk = sheet("").replace('encoding="UTF-8"', 'encoding="GBK"')
    write_zip(h("gbk-declared.xlsx"), package([("S", gbk)]))
    write_zip(h("unclosed.xlsx"), package([("S", '<worksheet xmlns="%s"><sheetData><row>' % NS)]))
    # 2 000 001 cells with one character each: 30 MB of XML, 500:1, under
    # the ratio, so the cell limit is what stops it.
    row = "<row>" + "<c><v>1</v></c>" * 16384 + "</row>"
    rows = row * 122 + "<row>" + "<c><v>1</v></c>" * (2000001 - 122 * 16384) + "</row>"
    write_zip(h("cells-2000001.xlsx"), package([("Big", sheet(rows))]))


# ---- fuzz seeds ----------------------------------------------------------------------

def fuzz_seeds(books):
    """Each small workbook as is, and as the text form fuzz_xlsx.c packs into
    a zip itself ("== name" lines, then the part), so the fuzzer can mutate
    the XML without breaking the zip's checksums."""
    os.makedirs(FUZZ, exist_ok=True)
    for path in books:
        base = os.path.splitext(os.path.basename(path))[0]
        if os.path.getsize(path) > 32 * 1024:
            continue
        shutil.copyfile(path, os.path.join(FUZZ, "book-" + os.path.basename(path)))
        if not zipfile.is_zipfile(path):
            continue
        with zipfile.ZipFile(path) as z:
            if sum(i.file_size for i in z.infolist()) > 64 * 1024:
                continue
            text = io.BytesIO()
            for info in z.infolist():
                if info.filename.startswith("docProps/") or "theme" in info.filename:
                    continue
                try:
                    part = z.read(info.filename)
                except Exception:
                    continue
                text.write(b"== " + info.filename.encode() + b"\n" + part + b"\n")
        open(os.path.join(FUZZ, "parts-" + base + ".txt"), "wb").write(text.getvalue())


def main():
    os.makedirs(OUT, exist_ok=True)
    p = lambda name: os.path.join(OUT, name)
    openpyxl_book(p("openpyxl.xlsx"))
    if soffice_convert(p("openpyxl.xlsx"), "xlsx", p("libreoffice.xlsx")):
        soffice_convert(p("openpyxl.xlsx"), "xls", p("libreoffice.xls"))
    if os.path.exists(p("libreoffice.xls")):
        patch_codepage(p("libreoffice.xls"), p("libreoffice-cp936.xls"))
    gnumeric_biff7(p("openpyxl.xlsx"), p("gnumeric-biff7-cp936.xls"))
    prefixed_book(p("prefixed.xlsx"))
    rich_book(p("rich.xlsx"))
    hostile(p("openpyxl.xlsx"), p("libreoffice.xls"))
    books = [p(n) for n in sorted(os.listdir(OUT)) if os.path.isfile(p(n))]
    books += [os.path.join(HOSTILE, n) for n in sorted(os.listdir(HOSTILE))]
    fuzz_seeds(books)
    for path in books:
        size = os.path.getsize(path)
        assert size < 200 * 1024, "%s is %d bytes: fixtures stay under 200 KB" % (path, size)


if __name__ == "__main__":
    main()
