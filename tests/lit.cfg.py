# Tangled from book/listings-intro.nw (chapter "Listings of ``How to read and run this book''"). Do not edit: edit the book and run make tangle.
import os
import sys
import lit.formats

config.name = "book-kernel"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.test_source_root = os.path.dirname(__file__)
root = os.path.dirname(config.test_source_root)
config.test_exec_root = os.path.join(root, "build", "lit")

kernel = os.path.join(root, "build", "kernel.elf")
if not os.path.exists(kernel):
    lit_config.fatal("no kernel at %s: run 'make kernel' first" % kernel)
runner = os.path.join(config.test_source_root, "boot-kernel.py")
config.substitutions.append(
    ("%boot", "%s %s --kernel %s" % (sys.executable, runner, kernel)))
config.substitutions.append(
    ("%initrd", os.path.join(root, "build", "initramfs.cpio")))
config.substitutions.append(
    ("%userbin", os.path.join(root, "build", "user")))
config.substitutions.append(
    ("%linux", "%s %s" % (sys.executable,
                          os.path.join(config.test_source_root, "boot-linux.py"))))
config.environment["PATH"] = os.pathsep.join(
    ["/usr/lib/llvm-14/bin", os.environ.get("PATH", "")])
for var in ("KVM",):
    if var in os.environ:
        config.environment[var] = os.environ[var]
lit_config.maxIndividualTestTime = 300
