#!/usr/bin/env python3
# Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle.
"""Boot with pti=off and pti=on in turn, run the benchmarks, print
median ratios."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPUT = r"bench_syscall 20000\nbench_fault 512\nbench_ldt 40\nexit\n"
# A measurement line, perhaps after a shell prompt.
LINE = re.compile(r"(bench_\w+: .*?)\s+(\d+) cycles")

def run(mode):
    cmd = [sys.executable, os.path.join(HERE, "boot-kernel.py"),
           "--kernel", os.path.join(ROOT, "build", "kernel.elf"),
           "--initrd", os.path.join(ROOT, "build", "initramfs.cpio"),
           "--timeout", "280", "--expect", "init:0", "--input", INPUT,
           "--", "pti=" + mode]
    out = subprocess.run(cmd, capture_output=True, text=True,
                         check=True).stdout
    return {m.group(1): int(m.group(2))
            for m in map(LINE.search, out.splitlines()) if m}

ROUNDS = 3
runs = {"off": [], "on": []}
for _ in range(ROUNDS):
    for mode in ("off", "on"):
        runs[mode].append(run(mode))

def median(mode, what):
    values = sorted(r[what] for r in runs[mode] if what in r)
    return values[len(values) // 2] if len(values) == ROUNDS else None

TITLE = "cycles (QEMU TCG, 1 CPU, median of %d)" % ROUNDS
print("%-50s %12s %12s %7s" % (TITLE, "pti=off", "pti=on", "on/off"))
for what in runs["off"][0]:
    off, on = median("off", what), median("on", what)
    if off is not None and on is not None:
        print("%-50s %12d %12d %6.2fx" % (what, off, on, on / max(off, 1)))
