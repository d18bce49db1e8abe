"""Target editor for tests/cli/rule_targets_guard.sh (not a test by itself).

  python3 rule_targets_guard.py list RULES        the indicator ids that have a target
  python3 rule_targets_guard.py change RULES ID   change ID's target in place, print "old -> new (file)"

RULES is a rule file or folder. The target changed is the one in force: the
last definition along the `extends:` chain (a child's `override:` or
`indicators:` entry if it has one, else its base's); ids a `remove:`
drops are left out. Block-style entries
(`- id: x` then `target: ...` lines) and one-line flow entries
(`- {id: x, target: ...}`) are read; the YAML text is edited, comments kept.

A number: its first number times 1.1 (0 becomes 1): ">= 35%" -> ">= 38.5%",
"<= 0 件" -> "<= 1 件". A word: 达成 -> 部分达成, any other word -> 达成.
"""
import os
import re
import sys

ID = re.compile(r'^(\s*)-\s+id:\s*["\']?([a-z0-9_]+)["\']?\s*(#.*)?$')
TARGET = re.compile(r'^(\s+target:\s*)("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^#\n]*?)(\s*(#.*)?)$')
FLOW = re.compile(r'^\s*-\s*\{.*?\bid:\s*["\']?([a-z0-9_]+)["\']?\s*[,}]')
FLOW_TARGET = re.compile(r'(\btarget:\s*)("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,}]*?)(\s*[,}])')
TOP = re.compile(r'^[A-Za-z_"]')
EXTENDS = re.compile(r'^extends:\s*["\']?([^"\'#]+?)["\']?\s*(#.*)?$')
REMOVE_FLOW = re.compile(r'^remove:\s*\[([^\]]*)\]')
REMOVE_ITEM = re.compile(r'^\s+-\s*["\']?([a-z0-9_]+)["\']?\s*(#.*)?$')


def removed(lines):
    """The ids a file's `remove:` drops (flow or block list)."""
    out, inside = [], False
    for line in lines:
        m = REMOVE_FLOW.match(line)
        if m:
            out += [x.strip().strip('"\'') for x in m.group(1).split(',') if x.strip()]
            continue
        if line.startswith('remove:'):
            inside = True
            continue
        if inside and REMOVE_ITEM.match(line):
            out.append(REMOVE_ITEM.match(line).group(1))
        elif inside and line.strip() and not line.lstrip().startswith('#'):
            inside = False
    return out


def targets(lines):
    """(id, line index, flow?) of each target under indicators: / override:."""
    out, section, current, indent = [], None, None, 0
    for k, line in enumerate(lines):
        if TOP.match(line):
            section = line.split(':', 1)[0].strip('"')
            current = None
            continue
        if section not in ('indicators', 'override'):
            continue
        f = FLOW.match(line)
        if f:
            if FLOW_TARGET.search(line):
                out.append((f.group(1), k, True))
            current = None
            continue
        m = ID.match(line)
        if m:
            current, indent = m.group(2), len(m.group(1))
            continue
        m = TARGET.match(line)
        if current and m and len(line) - len(line.lstrip()) > indent:
            out.append((current, k, False))
            current = None
    return out


def rule_files(path, seen):
    """The rule files of a file or folder, each file's bases first."""
    if os.path.isdir(path):
        files = sorted(os.path.join(path, n) for n in os.listdir(path)
                       if n.endswith(('.yaml', '.yml')) and not n.startswith('.'))
    else:
        files = [path]
    out = []
    for f in files:
        real = os.path.realpath(f)
        if real in seen:
            continue
        seen.add(real)
        for line in open(f, encoding='utf-8'):
            m = EXTENDS.match(line.rstrip('\n'))
            if m:
                out += rule_files(os.path.join(os.path.dirname(f), m.group(1).strip()), seen)
        out.append(f)
    return out


def where(rules):
    found = {}
    for f in rule_files(rules, set()):
        lines = open(f, encoding='utf-8').read().split('\n')
        for ident in removed(lines):
            found.pop(ident, None)
        for ident, k, flow in targets(lines):
            found[ident] = (f, k, flow)
    return found


def changed(literal):
    quote = literal[0] if literal[:1] in ('"', "'") else ''
    body = literal[1:-1] if quote else literal
    m = re.search(r'\d+(?:\.\d+)?', body)
    if m:
        x = float(m.group(0))
        y = 1.0 if x == 0 else x * 1.1
        text = ('%.10f' % y).rstrip('0').rstrip('.')
        body = body[:m.start()] + text + body[m.end():]
    elif body.strip() == '达成':
        body = body.replace('达成', '部分达成')
    else:
        body = '达成'
    return quote + body + quote


def main():
    cmd, rules = sys.argv[1], sys.argv[2]
    found = where(rules)
    if cmd == 'list':
        for ident in found:
            print(ident)
        return 0
    want = sys.argv[3]
    if want not in found:
        print('no target for %s in %s' % (want, rules), file=sys.stderr)
        return 1
    path, k, flow = found[want]
    lines = open(path, encoding='utf-8').read().split('\n')
    m = (FLOW_TARGET.search if flow else TARGET.match)(lines[k])
    old = m.group(2)
    new = changed(old)
    lines[k] = lines[k][:m.start(2)] + new + lines[k][m.end(2):]
    open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    print('%s -> %s (%s)' % (old, new, os.path.basename(path)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
