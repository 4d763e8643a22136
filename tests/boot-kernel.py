#!/usr/bin/env python3
# Tangled from book/listings-intro.nw (chapter "Listings of ``How to read and run this book''"). Do not edit: edit the book and run make tangle.
"""Boot the book's kernel in QEMU, print its serial console, judge its exit."""
import argparse
import codecs
import collections
import os
import select
import subprocess
import sys
import time

INIT_EXIT_BASE = 16   # kernel codes 16 and up carry init's exit status
OUTCOMES = {
    0: "reset",   # no isa-debug-exit write: triple fault, or QEMU quit
    3: "pass",    # kernel code 1: clean power-off, the test passed
    5: "fail",    # kernel code 2: a kernel test reported a failure
    7: "panic",   # kernel code 3: panic() or a fatal exception
}


def outcome(status):
    if status in OUTCOMES:
        return OUTCOMES[status]
    if status > 1 and status & 1:
        code = (status - 1) // 2
        if code >= INIT_EXIT_BASE:
            return "init:%d" % (code - INIT_EXIT_BASE)
        return "exit:%d" % code
    return "qemu-error:%d" % status
def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds before the boot counts as hung")
    ap.add_argument("--expect", default="pass",
                    help="pass, fail, panic, reset, init:N or exit:N")
    ap.add_argument("--input", help="bytes typed on the console; Python escapes")
    ap.add_argument("--input-file", help="a file whose bytes are typed on the console")
    ap.add_argument("--initrd", help="cpio archive given as Multiboot module")
    ap.add_argument("--cpu", default="max",
                    help="QEMU CPU model, e.g. max,vendor=GenuineIntel")
    ap.add_argument("--kvm", action="store_true",
                    default=os.environ.get("KVM") == "1")
    ap.add_argument("cmdline", nargs="*", help="kernel command line")
    return ap.parse_args(argv)
def qemu_command(args):
    if not os.path.exists(args.kernel):
        sys.exit("boot-kernel: no kernel at %s (run make kernel)" % args.kernel)
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-nodefaults",
           "-accel", "kvm" if args.kvm else "tcg", "-cpu", args.cpu,
           "-smp", str(args.smp), "-m", args.mem, "-no-reboot",
           "-display", "none", "-serial", "stdio",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
           "-kernel", args.kernel, "-append", " ".join(args.cmdline)]
    if args.initrd:
        cmd += ["-initrd", args.initrd]
    return cmd
def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    qemu = subprocess.Popen(qemu_command(args), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    typed = console_input(args)
    tail = collections.deque(maxlen=20)
    deadline = time.monotonic() + args.timeout
    timed_out = False
    partial = b""
    seen_line = False
    def type_input():
        try:
            if typed:
                qemu.stdin.write(typed)
            qemu.stdin.close()
        except BrokenPipeError:     # QEMU already gone: its status says why
            pass
    if not typed:
        type_input()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            qemu.kill()
            break
        ready, _, _ = select.select([qemu.stdout], [], [], min(left, 0.5))
        if not ready:
            continue
        data = os.read(qemu.stdout.fileno(), 65536)
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        partial += data
        *lines, partial = partial.split(b"\n")
        tail.extend(l.decode("utf-8", "replace").rstrip("\r") for l in lines)
        if lines and not seen_line:
            seen_line = True
            type_input()
    if partial:
        tail.append(partial.decode("utf-8", "replace"))
    status = qemu.wait()
    got = outcome(status)
    if timed_out:
        got = "timeout"
        sys.stderr.write("boot-kernel: TIMEOUT after %gs; last console lines:\n"
                         % args.timeout)
        sys.stderr.write("".join("  | " + l + "\n" for l in tail))
    sys.stdout.flush()
    if got != args.expect:
        sys.stderr.write("boot-kernel: expected %s, got %s (QEMU status %d)\n"
                         % (args.expect, got, status))
        return 1
    return 0
def console_input(args):
    data = b""
    if args.input is not None:
        data += codecs.decode(args.input, "unicode_escape").encode("latin-1")
    if args.input_file:
        with open(args.input_file, "rb") as f:
            data += f.read()
    return data

if __name__ == "__main__":
    sys.exit(main())
