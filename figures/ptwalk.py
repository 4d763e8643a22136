#!/usr/bin/env python3
"""Draw the page-table walks a boot printed, in TikZ.

The kernel, booted with mm_dump=ptwalk, walks two addresses down the
page-table tree of the exiting init and prints each step (pt_walk_show,
chapter "Memory"):

  ptwalk: kernel va 0xffffffff8021ac40 cr3 0x000000000ffc8000
  ptwalk: kernel pgd[511] 0x0000000000235023 P RW A
  ...
  ptwalk: kernel pte[26] 0x000000000021a121 P A G
  ptwalk: kernel frame 0x000000000021a000 offset 0xc40

This script checks each walk (the indexes are the address's bits, every
entry down to the leaf is present, the frame is the leaf's address) and
writes a TikZ picture on stdout: one column per walk, CR3 at the top,
then one box per entry with its index, value and decoded flags, then the
frame.  It fails (exit status 1, a message on stderr) on a log without a
complete walk: the book must never show a stale or wrong figure.

usage: ptwalk.py CONSOLE.LOG [LABEL...] > ptwalk.tex

With labels, only the walks of those labels are read and drawn, in that
order (chapter "Freeing page tables by RCU" draws its "before" and
"after" walks this way); without, the two of mm_dump=ptwalk, "kernel"
and "user".
"""
import re
import sys

HEAD = re.compile(r"ptwalk: (\w+) va 0x([0-9a-f]+) cr3 0x([0-9a-f]+)\s*$")
STEP = re.compile(r"ptwalk: (\w+) (pgd|pud|pmd|pte)\[(\d+)\] 0x([0-9a-f]+)((?: [A-Z]+)*| -)\s*$")
LEAF = re.compile(r"ptwalk: (\w+) frame 0x([0-9a-f]+) offset 0x([0-9a-f]+)\s*$")
LEVELS = ["pgd", "pud", "pmd", "pte"]
SHIFT = {"pgd": 39, "pud": 30, "pmd": 21, "pte": 12}
WORDS = {"P": "present", "RW": "writable", "US": "user", "PWT": "write-through",
         "PCD": "uncached", "A": "accessed", "D": "dirty", "PS": "huge",
         "PAT": "PAT", "G": "global", "NX": "no-execute"}
ADDR_MASK = ((1 << 52) - 1) & ~0xfff


def fail(msg):
    sys.stderr.write("ptwalk.py: %s\n" % msg)
    sys.exit(1)


def read_walks(lines, labels):
    """label -> {'va', 'cr3', 'steps': [(level, index, value, flags)], 'frame', 'offset'}"""
    walks = {}
    for line in lines:
        m = re.search(r"ptwalk: (\w+) ", line)
        if not m or m.group(1) not in labels:
            continue
        m = HEAD.search(line)
        if m:
            walks[m.group(1)] = {"va": int(m.group(2), 16), "cr3": int(m.group(3), 16),
                                 "steps": [], "frame": None}
            continue
        m = STEP.search(line)
        if m:
            label, level, idx, val, flags = m.groups()
            if label not in walks:
                fail("a %s step before the walk's first line" % label)
            flags = [] if flags.strip() == "-" else flags.split()
            walks[label]["steps"].append((level, int(idx), int(val, 16), flags))
            continue
        m = LEAF.search(line)
        if m and m.group(1) in walks:
            walks[m.group(1)]["frame"] = int(m.group(2), 16)
            walks[m.group(1)]["offset"] = int(m.group(3), 16)
    missing = [l for l in labels if l not in walks]
    if missing:
        fail("no '%s' walk in the log" % "', '".join(missing))
    for label, w in walks.items():
        check(label, w)
    return walks


def check(label, w):
    if w["frame"] is None:
        fail("the %s walk does not end in a frame (address not mapped?)" % label)
    table = w["cr3"]
    for n, (level, idx, val, flags) in enumerate(w["steps"]):
        if level != LEVELS[n]:
            fail("%s walk: %s where %s was expected" % (label, level, LEVELS[n]))
        if idx != (w["va"] >> SHIFT[level]) & 511:
            fail("%s walk: %s index %d is not bits of va %#x" % (label, level, idx, w["va"]))
        if "P" not in flags or not val & 1:
            fail("%s walk: %s entry %#x is not present" % (label, level, val))
        table = val & ADDR_MASK
    last = w["steps"][-1]
    size = 1 << SHIFT[last[0]]
    if w["frame"] != table & ~(size - 1) or w["offset"] != w["va"] & (size - 1):
        fail("%s walk: frame %#x + %#x does not match the leaf entry"
             % (label, w["frame"], w["offset"]))


def words(flags, leaf):
    out = [WORDS.get(f, f) for f in flags if f != "P"]
    if "RW" not in flags:
        out.append("read-only")
    if "US" not in flags:
        out.append("kernel only")
    if leaf and "NX" not in flags:
        out.append("executable")
    return ", ".join(out)


def hexa(v):
    return "\\texttt{%016x}" % v


def column(label, w, x):
    out = ["  %% the %s walk" % label,
           "  \\node[title] (%s-va) at (%.2f,0) {%s address \\texttt{%016x}\\\\"
           "\\footnotesize indexes %s, offset \\texttt{0x%x}};"
           % (label, x, label, w["va"],
              " / ".join(str(s[1]) for s in w["steps"]), w["offset"]),
           "  \\node[entry,below=5mm of %s-va] (%s-0) {\\textbf{CR3}\\quad %s\\\\"
           "\\footnotesize physical address of the PGD};"
           % (label, label, hexa(w["cr3"]))]
    prev = "%s-0" % label
    for n, (level, idx, val, flags) in enumerate(w["steps"]):
        leaf = n == len(w["steps"]) - 1
        node = "%s-%d" % (label, n + 1)
        out.append("  \\node[entry,below=of %s] (%s) {\\textbf{%s[%d]}\\quad %s\\\\"
                   "\\footnotesize %s};"
                   % (prev, node, level.upper(), idx, hexa(val), words(flags, leaf)))
        out.append("  \\draw[->] (%s) -- node[right,font=\\scriptsize] {bits %d--%d}"
                   " (%s);" % (prev, SHIFT[level] + 8, SHIFT[level], node))
        prev = node
    out.append("  \\node[entry,fill=green!10,below=of %s] (%s-f) {\\textbf{frame}"
               "\\quad %s\\\\\\footnotesize plus offset \\texttt{0x%x}};"
               % (prev, label, hexa(w["frame"]), w["offset"]))
    out.append("  \\draw[->] (%s) -- (%s-f);" % (prev, label))
    return out


def main(argv):
    if len(argv) < 2:
        fail("usage: ptwalk.py CONSOLE.LOG [LABEL...]")
    labels = argv[2:] or ["kernel", "user"]
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        walks = read_walks(f, labels)
    out = ["% Generated by figures/ptwalk.py from a boot's console log.",
           "\\begin{tikzpicture}[node distance=4.5mm,",
           "  entry/.style={draw,rounded corners=2pt,fill=blue!6,align=center,"
           "text width=6.4cm,font=\\small},",
           "  title/.style={align=center,text width=7cm,font=\\small}]"]
    for n, label in enumerate(labels):
        out += column(label, walks[label], 7.6 * n)
    out.append("\\end{tikzpicture}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
