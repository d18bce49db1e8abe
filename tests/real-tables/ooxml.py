"""ooxml.py - writes .xlsx workbooks by hand (zipfile), the way Excel and WPS
save them where openpyxl does not: shared strings with rich-text and
phonetic runs, inline strings, cached formula values, shared formulas,
error and boolean cells, styles with percent and date formats, hidden
sheets, absolute or renamed parts, the strict namespace. The make.py of a
case (tests/real-tables/14x-*) imports it; run them with /usr/bin/python3.

A sheet is a dict: name, rows (a list of (row_number or None, [cell...])),
merges (["A1:I1", ...]), state (None, "hidden", "veryHidden"). A cell is a
dict from cell(): its reference (or None: written without r=), its type,
value, style and formula, written as given.
"""
import zipfile
from xml.sax.saxutils import escape

TRANSITIONAL = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "type": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
STRICT = {
    "main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "rel": "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "type": "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STAMP = (2024, 1, 1, 0, 0, 0)


def cell(ref, value=None, t=None, s=None, f=None, raw=None):
    """A <c>: value is the <v> text (or, for t="inlineStr", the <is> body
    when raw is given, else a plain <t>)."""
    return {"ref": ref, "value": value, "t": t, "s": s, "f": f, "raw": raw}


def col_letters(c):
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def ref(row, col):
    return "%s%d" % (col_letters(col), row)


class SharedStrings:
    """The shared strings: add() a plain string, or raw() an <si> body
    (rich-text runs, phonetic runs); both return the index."""

    def __init__(self):
        self.items, self.index = [], {}

    def add(self, text):
        key = ("t", text)
        if key not in self.index:
            sp = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            self.index[key] = len(self.items)
            self.items.append("<t%s>%s</t>" % (sp, escape(text)))
        return self.index[key]

    def raw(self, body):
        self.items.append(body)
        return len(self.items) - 1

    def xml(self, ns):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' %
                (ns["main"], len(self.items), len(self.items),
                 "".join("<si>%s</si>" % i for i in self.items)))


def cell_xml(c):
    attrs = ""
    if c["ref"]:
        attrs += ' r="%s"' % c["ref"]
    if c["s"] is not None:
        attrs += ' s="%d"' % c["s"]
    if c["t"]:
        attrs += ' t="%s"' % c["t"]
    body = ""
    if c["f"] is not None:
        body += c["f"] if c["f"].startswith("<") else "<f>%s</f>" % escape(c["f"])
    if c["t"] == "inlineStr":
        body += "<is>%s</is>" % (c["raw"] if c["raw"] else "<t>%s</t>" % escape(c["value"]))
    elif c["value"] is not None:
        body += "<v>%s</v>" % escape(str(c["value"]))
    return "<c%s/>" % attrs if not body else "<c%s>%s</c>" % (attrs, body)


def sheet_xml(sheet, ns, x14ac=False, dimension=None):
    rows = []
    for number, cells in sheet["rows"]:
        attrs = ' r="%d"' % number if number else ""
        if x14ac:
            attrs += ' spans="1:9" x14ac:dyDescent="0.15"'
        rows.append("<row%s>%s</row>" % (attrs, "".join(cell_xml(c) for c in cells)))
    merges = sheet.get("merges") or []
    merge_xml = ""
    if merges:
        merge_xml = '<mergeCells count="%d">%s</mergeCells>' % (
            len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
    head = '<worksheet xmlns="%s" xmlns:r="%s"' % (ns["main"], ns["rel"])
    if x14ac:
        head += ' xmlns:mc="%s" mc:Ignorable="x14ac" xmlns:x14ac="%s"' % (MC, X14AC)
    dim = '<dimension ref="%s"/>' % dimension if dimension else ""
    fmt = '<sheetFormatPr defaultRowHeight="13.5"%s/>' % (
        ' x14ac:dyDescent="0.15"' if x14ac else "")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n%s>%s'
            '<sheetViews><sheetView workbookViewId="0"/></sheetViews>%s'
            '<sheetData>%s</sheetData>%s'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>' % (head, dim, fmt, "".join(rows), merge_xml))


def styles_xml(ns, xfs, numfmts):
    """xfs: the numFmtId of each cellXfs entry (entry 0 first); numfmts:
    {id: formatCode} for the custom ones."""
    nf = ""
    if numfmts:
        nf = '<numFmts count="%d">%s</numFmts>' % (len(numfmts), "".join(
            '<numFmt numFmtId="%d" formatCode="%s"/>' % (i, escape(code, {'"': "&quot;"}))
            for i, code in sorted(numfmts.items())))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="%s">%s'
            '<fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="%d">%s</cellXfs>'
            '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>' % (ns["main"], nf, len(xfs), "".join(
                '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0"%s/>' %
                (i, ' applyNumberFormat="1"' if i else "") for i in xfs)))


def write(path, sheets, sst=None, xfs=(0,), numfmts=None, strict=False, wps=False,
          absolute=False, part_name=None, x14ac=False, dimension=None, extra=None):
    """Writes the workbook. part_name(i) names sheet i's part (default
    worksheets/sheet{i+1}.xml); absolute: targets as /xl/...; wps: the
    parts WPS adds (docProps/custom.xml)."""
    ns = STRICT if strict else TRANSITIONAL
    part_name = part_name or (lambda i: "worksheets/sheet%d.xml" % (i + 1))
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)

    def put(name, text):
        info = zipfile.ZipInfo(name, STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))

    over = "".join(
        '<Override PartName="/xl/%s" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/>' % part_name(i) for i in range(len(sheets)))
    if sst:
        over += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    if wps:
        over += ('<Override PartName="/docProps/custom.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.custom-properties+xml"/>')
    put("[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>%s</Types>' % over)
    pre = "/xl/" if absolute else ""
    pkg_rels = ('<Relationship Id="rId1" Type="%s/officeDocument" Target="%sxl/workbook.xml"/>' %
                (ns["type"], "/" if absolute else ""))
    if wps:
        pkg_rels += ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
                     'officeDocument/2006/relationships/custom-properties" '
                     'Target="docProps/custom.xml"/>')
        put("docProps/custom.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
            'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
            'name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.14309</vt:lpwstr></property>'
            '</Properties>')
    put("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="%s">%s</Relationships>' % (PKG, pkg_rels))
    rels = []
    for i in range(len(sheets)):
        rels.append('<Relationship Id="rId%d" Type="%s/worksheet" Target="%s%s"/>' %
                    (i + 1, ns["type"], pre, part_name(i)))
    n = len(sheets)
    rels.append('<Relationship Id="rId%d" Type="%s/styles" Target="%sstyles.xml"/>' %
                (n + 1, ns["type"], pre))
    if sst:
        rels.append('<Relationship Id="rId%d" Type="%s/sharedStrings" Target="%ssharedStrings.xml"/>'
                    % (n + 2, ns["type"], pre))
    put("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="%s">%s</Relationships>' % (PKG, "".join(rels)))
    entries = "".join(
        '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' %
        (escape(s["name"]), i + 1, ' state="%s"' % s["state"] if s.get("state") else "", i + 1)
        for i, s in enumerate(sheets))
    put("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="%s" xmlns:r="%s"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        '<sheets>%s</sheets><calcPr calcId="191029"/></workbook>' % (ns["main"], ns["rel"], entries))
    put("xl/styles.xml", styles_xml(ns, list(xfs), numfmts or {}))
    if sst:
        put("xl/sharedStrings.xml", sst.xml(ns))
    for i, s in enumerate(sheets):
        put("xl/" + part_name(i), sheet_xml(s, ns, x14ac, dimension))
    for name, text in (extra or {}).items():
        put(name, text)
    z.close()
