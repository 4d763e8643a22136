#!/usr/bin/env python3
# Tangled from book/listings-intro.nw (chapter "Listings of ``How to read and run this book''"). Do not edit: edit the book and run make tangle.
"""Boot Debian's Linux in QEMU with one program as /init; judge init's exit."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILLED_INIT = re.compile(r"Attempted to kill init! exitcode=0x([0-9a-f]+)")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "linux", "vmlinux"))
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--expect", default="init:0")
    ap.add_argument("program")
    ap.add_argument("args", nargs="*")
    return ap.parse_args(argv)


def initrd_with(program, tmp):
    root = os.path.join(tmp, "root")
    os.makedirs(root)
    shutil.copy(program, os.path.join(root, "init"))
    os.chmod(os.path.join(root, "init"), 0o755)
    cpio = os.path.join(tmp, "rd.cpio")
    with open(cpio, "wb") as out:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet", "-R", "0:0"],
                       input=b"init\n", stdout=out, cwd=root, check=True)
    return cpio


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not os.path.exists(args.kernel):
        sys.exit("boot-linux: no Linux at %s (run make build/linux/vmlinux)" % args.kernel)
    with tempfile.TemporaryDirectory() as tmp:
        append = "console=ttyS0 panic=-1 quiet -- " + " ".join(args.args)
        cmd = ["qemu-system-x86_64", "-machine", "pc", "-nodefaults", "-accel", "tcg",
               "-cpu", "max,vendor=GenuineIntel", "-smp", str(args.smp), "-m", args.mem,
               "-no-reboot", "-display", "none", "-serial", "stdio",
               "-kernel", args.kernel, "-initrd", initrd_with(args.program, tmp),
               "-append", append]
        try:
            run = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=args.timeout)
            console = run.stdout.decode("utf-8", "replace").replace("\r", "")
        except subprocess.TimeoutExpired as e:
            console = (e.stdout or b"").decode("utf-8", "replace").replace("\r", "")
            sys.stdout.write(console)
            sys.exit("boot-linux: TIMEOUT after %gs" % args.timeout)
    sys.stdout.write(console)
    m = KILLED_INIT.search(console)
    code = int(m.group(1), 16) if m else None
    got = ("no-exit" if code is None else
           "init:%d" % (code >> 8) if code & 0x7f == 0 else "signal:%d" % (code & 0x7f))
    if got != args.expect:
        sys.exit("boot-linux: expected %s, got %s" % (args.expect, got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
