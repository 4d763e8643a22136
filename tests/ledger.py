#!/usr/bin/env python3
# Tangled from book/listings-intro.nw (chapter "Listings of ``How to read and run this book''"). Do not edit: edit the book and run make tangle.
"""Check the book's rules ledger and write it as an appendix.

Usage: ledger.py BOOK_NW... [--part1 FILE...] [--tex CHAPTERS_TEX OUT_TEX]

Every \\bookrule must have an ID used once in the book, an "enforced by"
field naming identifiers or chunks the book defines, and a "proved by"
field naming test files that exist and assert something.  A rule marked
\\bookrule[seed NNN] comes from a mailing-list thread: its statement names
a \\brokenswitch{key=value} and one of its tests boots with that switch.
"""
import glob, os, re, sys

def args_of(s, i, n):
    """Read n brace-delimited arguments of a macro starting at s[i]."""
    out = []
    for _ in range(n):
        while s[i] in ' \t\n%':
            if s[i] == '%':
                i = s.index('\n', i)
            i += 1
        if s[i] != '{':
            raise ValueError('expected {')
        depth, j = 0, i
        while True:
            if s[j] == '{': depth += 1
            elif s[j] == '}':
                depth -= 1
                if depth == 0: break
            j += 1
        out.append(s[i + 1:j]); i = j + 1
    return out, i
def rules_in(path):
    s = open(path).read()
    for m in re.finditer(r'\\bookrule(\[[^\]]*\])?\{', s):
        line = s.count('\n', 0, m.start()) + 1
        (rid, title, stmt, enforced, tests), _ = args_of(s, m.end() - 1, 5)
        seed = (m.group(1) or '').strip('[]')
        yield dict(id=rid, title=' '.join(title.split()), stmt=stmt,
                   enforced=enforced, tests=tests, seed=seed,
                   where='%s:%d' % (path, line))
def defined_names(files):
    idents, chunks = set(), set()
    for f in files:
        for ln in open(f):
            if ln.startswith('@ %def'):
                idents.update(ln.split()[2:])
            m = re.match(r'^<<(.*)>>=\s*$', ln)
            if m: chunks.add(m.group(1))
    return idents, chunks

TESTREF = re.compile(r'\b(?:unit|[a-z]+)/[A-Za-z0-9_*.\\-]+')
def test_files(field):
    """The files a "proved by" field names: dir/x(.test) is a lit test,
    unit/test_x a unit test; a * names every matching test."""
    found = []
    for ref in TESTREF.findall(field.replace('\\_', '_')):
        ref = ref.rstrip('.,;')
        if ref.startswith('unit/'):
            pat = 'tests/unit/%s.c' % ref[5:].removesuffix('.c')
        else:
            pat = 'tests/lit/%s' % ref
            if not pat.endswith('.test'): pat += '.test'
        found.append((ref, pat, sorted(glob.glob(pat))))
    return found
def asserts(path):
    text = open(path).read()
    if path.endswith('.test'):
        prefixes = set()
        for run in re.findall(r'^#\s*RUN:(.*)$', text, re.M):
            if 'FileCheck' in run:
                m = re.findall(r'--check-prefix(?:es)?[= ](\S+)', run)
                prefixes.update(x for p in m for x in p.split(',')) if m else prefixes.add('CHECK')
        return any(re.search(r'^#\s*%s(-NEXT|-NOT|-DAG|-SAME|-EMPTY)?:' % re.escape(p), text, re.M)
                   for p in prefixes)
    return 'assert_' in text
def check(files):
    errors, rules = [], []
    idents, chunks = defined_names(files)
    seen = {}

    def bad(r, msg):
        errors.append('%s: rule %s: %s' % (r['where'], r['id'], msg))

    for f in files:
        for r in rules_in(f):
            rules.append(r)
            if r['id'] in seen:
                bad(r, 'already stated at %s' % seen[r['id']])
            seen.setdefault(r['id'], r['where'])
            names = [re.sub(r'^<{2}(.*)>{2}$', r'\1', n) for n in
                     re.findall(r'\[\[(.*?)\]\]', r['enforced'])]
            if not names:
                bad(r, 'names no enforcing identifier or chunk')
            for n in names:
                n = re.sub(r'^struct ', '', n.replace('\\_', '_'))
                if n not in idents and n not in chunks:
                    bad(r, '%s is not defined in the book' % n)
            tf = test_files(r['tests'])
            if not tf:
                bad(r, 'names no test')
            for ref, pat, paths in tf:
                if not paths:
                    bad(r, 'test %s (%s) does not exist' % (ref, pat))
                for p in paths:
                    if not asserts(p):
                        bad(r, '%s asserts nothing' % p)
            r['testfiles'] = [p for _, _, ps in tf for p in ps]
            sw = re.findall(r'\\brokenswitch\{(.*?)\}', r['stmt'])
            r['switches'] = sw
            if r['seed'] and not sw:
                bad(r, 'comes from %s but has no \\brokenswitch' % r['seed'])
            for s in sw if r['seed'] else []:
                s = s.replace('\\_', '_')
                hit = [p for p in r['testfiles'] if s in open(p).read()]
                if not hit:
                    bad(r, 'no test of it boots with %s' % s)
                r.setdefault('switchtests', {})[s] = hit
    return errors, rules
def tex_labels(chapters_tex):
    """Map chunk names and identifiers to noweb's labels in the woven book."""
    t = open(chapters_tex).read()
    plain = lambda x: re.sub(r'\\code\{\}|\\edoc\{\}|[{}]', '', x.replace('{\\_}', '_').replace('\\_', '_'))
    chunk, ident = {}, {}
    for m in re.finditer(r'\\moddef\{(.*?)~\{\\nwtagstyle\{\}\\subpageref\{(NW[^}]*)\}\}\}', t):
        chunk.setdefault(plain(m.group(1)), m.group(2))
    for m in re.finditer(r'\\nwindexdefn\{\\nwixident\{(.*?)\}\}\{[^}]*\}\{(NW[^}]*)\}', t):
        ident.setdefault(plain(m.group(1)), m.group(2))
    return chunk, ident
def esc(s):
    return s.replace('\\_', '_').replace('_', '\\_')
def link(name, label):
    if not label:
        return '\\texttt{%s}' % esc(name)
    return '\\hyperlink{noweb.%s}{\\texttt{%s}}~\\subpageref{%s}' % (label, esc(name), label)
def write_tex(rules, chapters_tex, out):
    chunk, ident = tex_labels(chapters_tex)
    lines = ['% Written by tests/ledger.py from the rules of book/*.nw. Do not edit.',
             '{\\sloppy\\raggedright\\begin{description}\\small']
    for r in rules:
        names = [re.sub(r'^<{2}(.*)>{2}$', r'\1', n) for n in
                 re.findall(r'\[\[(.*?)\]\]', r['enforced'])]
        enf = ', '.join(link(n, ident.get(n.replace('\\_', '_')) or chunk.get(n)) for n in names)
        tests = ', '.join(link(p, chunk.get(p)) for p in r['testfiles'])
        lines.append('\\item[\\hyperlink{rule:%s}{%s}] %s (page~\\pageref{rule:%s})%s\\\\' % (
            r['id'], r['id'], r['title'], r['id'],
            ('; from seed thread %s' % r['seed']) if r['seed'] else ''))
        lines.append('\\emph{Enforced by} %s.\\\\ \\emph{Proved by} %s.' % (enf, tests))
        for s in r['switches']:
            st = r.get('switchtests', {}).get(s.replace('\\_', '_'), [])
            lines.append('\\\\ \\emph{Broken on purpose by} \\texttt{%s}%s.' % (
                esc(s), (', shown by ' + ', '.join(link(p, chunk.get(p)) for p in st)) if st else ''))
    lines.append('\\end{description}}')
    open(out, 'w').write('\n'.join(lines) + '\n')
def main(argv):
    tex = None
    if '--tex' in argv:
        i = argv.index('--tex'); tex = argv[i + 1:i + 3]; argv = argv[:i] + argv[i + 3:]
    errors, rules = check(argv)
    for e in errors:
        print('ledger: ' + e, file=sys.stderr)
    seeded = sum(1 for r in rules if r['seed'])
    print('ledger: %d rules (%d from seed threads), %d test files, %d problems' % (
        len(rules), seeded, len({p for r in rules for p in r['testfiles']}), len(errors)))
    if errors:
        return 1
    if tex:
        write_tex(rules, tex[0], tex[1])
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
