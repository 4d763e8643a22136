#!/usr/bin/env python3
# Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle.
"""Boot the benchmark program (src/user/bench.c) as /init on the book's
kernel and, with --linux, on Debian's Linux; print medians and ratios."""
import argparse
import lzma
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(ROOT, "build")
ROW = re.compile(r"^bench: (\S+) (\d+) cycles (\d+) ns (\d+) runs")
LACKS = re.compile(r"^bench: (\S+) lacks: (.*)")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--linux", action="store_true",
                    help="also boot Debian's Linux, interleaved with the book's kernel")
    ap.add_argument("--busy", action="store_true",
                    help="keep one host core busy with a spinning process")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--smp", default="1,2", help="CPU counts, e.g. 1,2")
    ap.add_argument("--pti", default="on,off", help="isolation modes, e.g. on,off")
    ap.add_argument("--no-nohz", dest="nohz", action="store_false",
                    help="skip the boots with nohz_full=1 (context tracking on)")
    ap.add_argument("--quick", action="store_true", help="small counts (smoke test)")
    ap.add_argument("--icount", action="store_true",
                    help="count instructions (-icount shift=0): exact, but not a cost")
    ap.add_argument("--only", help="rows or groups to run, e.g. fork,fork-ldt")
    ap.add_argument("--kernel", default=os.path.join(BUILD, "kernel.elf"))
    ap.add_argument("--bench", default=os.path.join(BUILD, "user", "bench"))
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds per boot")
    ap.add_argument("--logdir", default=os.path.join(BUILD, "bench"),
                    help="where the archive and each boot's console log go")
    ap.add_argument("--tex", default=os.path.join(BUILD, "bench.tex"),
                    help="write the table as LaTeX macros to this file")
    ap.add_argument("--extract-vmlinux", nargs=2, metavar=("VMLINUZ", "VMLINUX"),
                    help="only unpack a bzImage's kernel ELF (for PVH boot) and exit")
    return ap.parse_args(argv)
# Each row: its id (as bench prints it), the chapter that owns it, a label.
ROWS = [
    ("first-line", "base", "QEMU start to /init's first line"),
    ("getpid", "pti", "getpid"),
    ("fork", "base", "fork+exit+wait4"),
    ("fork-ldt", "pti", "fork+exit+wait4 with an LDT"),
    ("ldt-write", "pti", "modify_ldt write"),
    ("fault-4k", "base", "first-touch 4 KiB write fault"),
    ("mmap-munmap-2m", "base", "mmap+munmap of 2 MiB"),
    ("int80-getpid", "base", "int $0x80 getpid"),
    ("int3-flat-ss", "espfix", "INT3, signal, IRET; flat SS"),
    ("int3-ldt16-ss", "espfix", "the same, 16-bit LDT SS"),
    ("touch-2m-small", "ptfree", "touch 2 MiB memfd, small pages"),
    ("touch-2m-huge", "ptfree", "the same, one huge folio"),
    ("collapse-2m-shmem", "ptfree", "MADV_COLLAPSE, 2 MiB memfd"),
    ("collapse-2m-anon", "ptfree", "MADV_COLLAPSE, 2 MiB anonymous"),
    ("mpx-br", "mpx", "#BR allocating a bounds table"),
    ("mpx-munmap-16", "mpx", "munmap 16 MiB, 16 tables"),
    ("getppid-last-cpu", "ctxtrack", "getppid on the last CPU"),
    ("getppid-last-cpu@nohz", "ctxtrack", "the same on CPU 1, nohz_full=1"),
]
GROUPS = ["base", "pti", "espfix", "ptfree", "mpx", "ctxtrack"]
def qemu_command(kernel, initrd, smp, append, icount=False):
    """The same machine for both kernels; only -kernel differs."""
    return ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
            *(["-icount", "shift=0"] if icount else []),
            "-cpu", "max,vendor=GenuineIntel", "-smp", str(smp), "-m", "512",
            "-nodefaults", "-no-reboot", "-display", "none", "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
            "-kernel", kernel, "-initrd", initrd, "-append", append]


def boot(cmd, timeout, log):
    """Run one boot; return {row: (cycles, ns) or 'lacks: why'}."""
    t0 = time.monotonic()
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    rows, ended, partial = {}, False, b""
    deadline = t0 + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([qemu.stdout], [], [], min(left, 0.5))
            if not ready:
                continue
            data = os.read(qemu.stdout.fileno(), 65536)
            if not data:
                break
            log.write(data)
            partial += data
            *lines, partial = partial.split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip("\r")
                line = line[line.find("bench: "):] if "bench: " in line else line
                if line.startswith("bench: start") and "first-line" not in rows:
                    rows["first-line"] = (None, int((time.monotonic() - t0) * 1e9))
                elif line.startswith("bench: end"):
                    ended = True
                    deadline = min(deadline, time.monotonic() + 10)
                elif ROW.match(line):
                    m = ROW.match(line)
                    rows[m.group(1)] = (int(m.group(2)), int(m.group(3)))
                elif LACKS.match(line):
                    m = LACKS.match(line)
                    rows[m.group(1)] = "lacks: " + m.group(2)
    finally:
        if qemu.poll() is None:
            qemu.kill()
        qemu.wait()
    if not ended:
        raise RuntimeError("no 'bench: end' within %gs (see %s)" % (timeout, log.name))
    return rows
def make_initrd(bench, out):
    """A cpio archive holding the benchmark program as /init, nothing else."""
    d = os.path.join(os.path.dirname(out), "rd")
    os.makedirs(d, exist_ok=True)
    with open(bench, "rb") as src, open(os.path.join(d, "init"), "wb") as dst:
        dst.write(src.read())
    os.chmod(os.path.join(d, "init"), 0o755)
    with open(out, "wb") as f:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet", "-R", "0:0"],
                       input=b"init\n", stdout=f, cwd=d, check=True)


def configurations(args):
    """(CPUs, isolation, variant): the nohz variant boots with context
    tracking on CPU 1 and runs only the context-tracking row."""
    for smp in [int(s) for s in args.smp.split(",")]:
        for pti in args.pti.split(","):
            yield smp, pti, ""
            if smp >= 2 and args.nohz:
                yield smp, pti, "nohz"


def append_line(pti, variant, args):
    line = "console=ttyS0 panic=-1 quiet pti=" + pti
    init_args = []
    if variant == "nohz":
        line += " nohz_full=1"
        init_args.append("ctxtrack")
    elif args.only:
        init_args += args.only.replace(",", " ").split()
    if args.quick:
        init_args.append("quick")
    return line + (" -- " + " ".join(init_args) if init_args else "")


def run_all(args, kernels, initrd, logdir):
    """Every round boots every configuration on every kernel, interleaved:
    a slow minute on the host spreads over all columns alike."""
    results = {}        # (kernel, smp, pti, row) -> [values, one per boot]
    failures = []
    for rnd in range(args.rounds):
        for smp, pti, variant in configurations(args):
            for name, image in kernels:
                append = append_line(pti, variant, args)
                tag = "%s-smp%d-pti%s%s-%d" % (name, smp, pti, variant and "-" + variant, rnd)
                sys.stderr.write("bench: boot %s\n" % tag)
                with open(os.path.join(logdir, tag + ".log"), "wb") as log:
                    try:
                        rows = boot(qemu_command(image, initrd, smp, append, args.icount),
                                    args.timeout, log)
                    except RuntimeError as e:
                        failures.append("%s: %s" % (tag, e))
                        continue
                for row, value in rows.items():
                    if variant:
                        if row == "first-line":
                            continue
                        row += "@" + variant
                    results.setdefault((name, smp, pti, row), []).append(value)
    return results, failures
def median(values):
    """Median of the boots' numbers, or the first 'lacks' a boot reported."""
    lacking = [v for v in values if isinstance(v, str)]
    if lacking:
        return lacking[0]
    return (statistics.median_low(v[0] for v in values) if values[0][0] is not None else None,
            statistics.median_low(v[1] for v in values))


def summarize(results):
    return {key: median(values) for key, values in results.items()}
def human(cycles, ns, tex=False):
    if cycles is None:                          # a time measured by the host
        return "%.2f%ss" % (ns / 1e9, "\\," if tex else "")
    for div, unit in ((1e6, "M"), (1e3, "k")):
        if cycles >= div:
            text = "%.3g" % (cycles / div)
            return text + ("\\,%s" % unit if tex else unit)
    return "%d" % cycles


def cell(value, tex=False):
    if value is None:
        return "" if tex else "-"
    if isinstance(value, str):
        return "\\emph{lacks}" if tex else "lacks"
    text = human(value[0], value[1], tex)
    if not tex and value[0] is not None:
        ns = value[1]
        text += "/" + ("%.3gms" % (ns / 1e6) if ns >= 1e6 else
                       "%.3gus" % (ns / 1e3) if ns >= 1e3 else "%dns" % ns)
    return text


def ratio(book, linux):
    if not isinstance(book, tuple) or not isinstance(linux, tuple):
        return None
    b, l = (book[1], linux[1]) if book[0] is None else (book[0], linux[0])
    return b / l if l else None


def print_table(args, med, kernels):
    names = [n for n, _ in kernels]
    pti_modes = args.pti.split(",")
    for smp in [int(s) for s in args.smp.split(",")]:
        print()
        if "linux" in names:
            head = "%-34s" % ("%d CPU%s; cycles/time per op" % (smp, "s" if smp > 1 else ""))
            for pti in pti_modes:
                head += " | %-14s %-14s %6s" % ("pti=%s Linux" % pti, "book", "ratio")
            print(head)
        else:
            print("%-34s" % ("%d CPU%s; cycles/time per op" % (smp, "s" if smp > 1 else "")) +
                  "".join(" | %-16s" % ("pti=" + pti) for pti in pti_modes))
        for row, _, label in ROWS:
            if not any(("book", smp, pti, row) in med for pti in pti_modes):
                continue
            line = "%-34s" % label
            for pti in pti_modes:
                book = med.get(("book", smp, pti, row))
                if "linux" in names:
                    linux = med.get(("linux", smp, pti, row))
                    r = ratio(book, linux)
                    line += " | %-14s %-14s %6s" % (cell(linux), cell(book),
                                                    "%.2fx" % r if r is not None else "")
                else:
                    line += " | %-16s" % cell(book)
            print(line)
    lacking = sorted({(name, row, v) for (name, smp, pti, row), v in med.items()
                      if isinstance(v, str)})
    if lacking:
        print()
    for name, row, why in lacking:
        print("%s %s %s" % ("Linux" if name == "linux" else "book", row, why))
def tex_escape(text):
    out = ""
    for ch in text:
        if ch in "&%$#_{}":
            out += "\\" + ch
        elif ch in "\\^~":
            out += {"\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}"}[ch]
        else:
            out += ch
    return out


def write_tex(path, args, med, about):
    """LaTeX macros: one table per chapter (\\benchtable<group>), the reasons
    of its lacks (\\benchlacks<group>), and every number (\\benchval)."""
    pti_modes = args.pti.split(",")
    smps = [int(s) for s in args.smp.split(",")]
    out = ["% Generated by tests/bench.py --tex; do not edit. Regenerate with",
           "% make bench-linux BENCH_TEX=book/bench-results.tex",
           "\\providecommand{\\benchval}[3]{\\ifcsname bench@#1@#2@#3\\endcsname"
           "\\csname bench@#1@#2@#3\\endcsname\\else"
           "\\errmessage{bench-results.tex has no #1 #2 #3}\\fi}"]
    for key, value in about.items():
        out.append("\\def\\bench%s{%s}" % (key, tex_escape(value)))
    for (name, smp, pti, row), value in sorted(med.items()):
        out.append("\\expandafter\\def\\csname bench@%s@%d%s@%s\\endcsname{%s}"
                   % (row, smp, pti, name, cell(value, tex=True)))
    for smp in smps:
        for pti in pti_modes:
            for row, _, _ in ROWS:
                r = ratio(med.get(("book", smp, pti, row)), med.get(("linux", smp, pti, row)))
                if r is not None:
                    out.append("\\expandafter\\def\\csname bench@%s@%d%s@ratio\\endcsname{%.2f}"
                               % (row, smp, pti, r))
    for group in GROUPS:
        lines = ["\\begin{tabular}{@{}lr" + "rrr" * len(pti_modes) + "@{}}", "\\toprule",
                 " & " + "".join(" & \\multicolumn{3}{c}{\\texttt{pti=%s}}" % p
                                 for p in pti_modes) + " \\\\",
                 "".join("\\cmidrule(l){%d-%d}" % (3 + 3 * i, 5 + 3 * i)
                         for i in range(len(pti_modes))),
                 "cycles per operation & CPUs" + " & Linux & book & ratio" * len(pti_modes)
                 + " \\\\", "\\midrule"]
        reasons = []
        for row, owner, label in ROWS:
            if owner != group:
                continue
            for smp in smps:
                if not any((k, smp, p, row) in med for k in ("book", "linux") for p in pti_modes):
                    continue
                line = tex_escape(label) + " & %d" % smp
                for pti in pti_modes:
                    book = med.get(("book", smp, pti, row))
                    linux = med.get(("linux", smp, pti, row))
                    r = ratio(book, linux)
                    line += " & %s & %s & %s" % (cell(linux, True), cell(book, True),
                                                 "%.2f" % r if r is not None else "")
                    for kernel, v in (("Linux", linux), ("this kernel", book)):
                        if isinstance(v, str):
                            why = "%s, %s: %s" % (kernel, tex_escape(label),
                                                  tex_escape(v[len("lacks: "):]))
                            if why not in reasons:
                                reasons.append(why)
                lines.append(line + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        out.append("\\newcommand{\\benchtable%s}{%%\n%s}" % (group, "\n".join(lines)))
        out.append("\\newcommand{\\benchlacks%s}{%s}" % (group, "; ".join(reasons) or "none"))
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
def host_name():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s (%s, %d host CPUs)" % (socket.gethostname(), model, os.cpu_count())


def extract_vmlinux(vmlinuz, vmlinux):
    """The ELF inside a bzImage compressed with xz, as Linux's own
    scripts/extract-vmlinux finds it: at the first xz stream magic."""
    with open(vmlinuz, "rb") as f:
        data = f.read()
    at = data.find(b"\xfd7zXZ\x00")
    elf = lzma.LZMADecompressor().decompress(data[at:]) if at >= 0 else b""
    if not elf.startswith(b"\x7fELF"):
        sys.exit("bench: no xz-compressed ELF kernel in %s" % vmlinuz)
    with open(vmlinux, "wb") as f:
        f.write(elf)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.extract_vmlinux:
        extract_vmlinux(*args.extract_vmlinux)
        return 0
    logdir = args.logdir
    os.makedirs(logdir, exist_ok=True)
    initrd = os.path.join(logdir, "rd.cpio")
    make_initrd(args.bench, initrd)
    kernels = [("book", args.kernel)]
    about = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
             "host": host_name(), "rounds": str(args.rounds),
             "load": "one host core busy with a spinning process" if args.busy
             else "a quiet host (no load of our own)",
             "qemu": subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True,
                                    text=True).stdout.splitlines()[0]}
    if args.linux:
        with open(os.path.join(BUILD, "linux", "package")) as f:
            about["linux"] = f.read().strip()
        kernels.insert(0, ("linux", os.path.join(BUILD, "linux", "vmlinux")))
    spinner = None
    if args.busy:
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    t0 = time.monotonic()
    try:
        results, failures = run_all(args, kernels, initrd, logdir)
    finally:
        if spinner:
            spinner.kill()
            spinner.wait()
    med = summarize(results)
    print("bench: %s; median of %d interleaved boots per cell; QEMU TCG, "
          "-cpu max,vendor=GenuineIntel -m 512; cycles are the host's TSC; %s; %.0f s"
          % (about["qemu"], args.rounds, about["load"], time.monotonic() - t0))
    if args.linux:
        print("bench: Linux is %s; ratio = book / Linux (below 1: the book is faster)"
              % about["linux"])
    print_table(args, med, kernels)
    write_tex(args.tex, args, med, about)
    print("bench: wrote %s" % args.tex)
    for f in failures:
        print("bench: FAILED boot %s" % f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
