# The book's one entry point.  See README.md and Chapter 1 of the book.
#
#   make            tangle, build the kernel (build/kernel.elf) and the initramfs
#   make tangle     rewrite src/ and tests/ from book/*.nw
#   make kernel     build build/kernel.elf only
#   make initramfs  build the user programs and build/initramfs.cpio
#   make book       weave build/book.pdf
#   make doc        doxygen HTML of src/ in build/doc/ (fails on warnings)
#   make boot       boot the kernel in QEMU on this terminal (Ctrl-A X quits)
#   make gdb        boot halted with the gdb stub and attach gdb
#   make check      cmocka unit tests, then the lit suite
#   make fuzz       random system calls on 4 CPUs, pti=on and off (FUZZ_CALLS=1000000)
#   make bench      the benchmark as /init, pti=on/off, 1 and 2 CPUs, 3 boots each
#   make bench-linux  the same beside Debian's Linux 6.1 (= make bench LINUX=1)
#   make deps       install missing Debian packages (apt-get, as root)
#
# Variables: CC=gcc|clang, KVM=1, SMP=N, MEM=SIZE, APPEND='kernel args';
# for bench: LINUX=1, BUSY=1, BENCH_TEX=FILE, BENCH_ARGS='more tests/bench.py args'.

SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

ifeq ($(origin CC),default)
CC := gcc
endif
LD      := ld
NM      := nm
READELF := readelf
QEMU    := qemu-system-x86_64
LIT     := /usr/bin/python3 /usr/lib/llvm-14/build/utils/lit/lit.py
B       := build
T       := $(B)/t

include tangle.mk

# ---------------------------------------------------------------- deps
DEB_PACKAGES := make gcc clang binutils gdb python3 python3-psutil cpio \
	noweb qemu-system-x86 libcmocka-dev llvm-14-tools musl-tools \
	graphviz doxygen latexmk texlive-latex-base texlive-latex-recommended \
	texlive-latex-extra texlive-fonts-recommended texlive-pictures \
	poppler-utils

.PHONY: deps
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "deps: need root (or sudo) to install:" $$missing >&2; exit 1; fi; \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

# ---------------------------------------------------------------- tangle
# tangle_all MODE DIR writes every file of TANGLED under DIR (MODE -L: with
# #line directives in C, header and assembler files).  The book is parsed
# once (noweb's markup) and noweb's mnt writes every root at once into a
# scratch directory; only the #line copies of C files need one nt run each,
# since mnt places its #line directives differently.  (notangle once per
# file re-read all fifty chapters for each of four hundred files and took
# most of a minute.)  Each file gets a header line naming its chapter (after
# the #! line of a script), and is replaced only if it changed.
TANGLE_SH = tangle_all() { \
	  local mode=$$1 dir=$$2 tmp l r n f out body hdr first shebang rc=0; local -A nwof chof; \
	  tmp=$$(mktemp -d) || return 1; \
	  mkdir -p $(addprefix $$tmp/plain/,$(sort $(dir $(TANGLED)))) \
	           $(addprefix $${dir},$(sort $(dir $(TANGLED)))) || rc=1; \
	  $(MARKUP) $(BOOK_NW) > $$tmp/mk && (cd $$tmp/plain && $(MNT) -all < ../mk) || rc=1; \
	  [ -z "$$mode" ] || $(MARKUP) -t $(BOOK_NW) > $$tmp/mkt || rc=1; \
	  while IFS= read -r l; do r=$${l\#*:<<}; r=$${r%>>=}; \
	    [ -n "$${nwof[$$r]}" ] || nwof[$$r]=$${l%%:*}; \
	  done < <(grep -H -x '<<.*>>=' $(BOOK_NW)); \
	  for n in $(BOOK_NW); do \
	    chof[$$n]=$$(sed -n 's/^\\chapter\(\[[^]]*\]\)\?{\(.*\)}.*/\2/p' $$n | head -n1); \
	  done; \
	  for f in $(TANGLED); do \
	    [ $$rc = 0 ] || break; \
	    n=$${nwof[$$f]}; out=$$dir$$f; body=$$tmp/plain/$$f; \
	    if [ -z "$$n" ] || [ ! -f $$body ]; then \
	      echo "tangle: tangle.mk lists $$f but no chapter defines <<$$f>>=" >&2; rc=1; break; fi; \
	    hdr="Tangled from $$n (chapter \"$${chof[$$n]}\"). Do not edit: edit the book and run make tangle."; \
	    case $$f in *.c|*.h|*.S|*.ld) hdr="/* $$hdr */";; *) hdr="\# $$hdr";; esac; \
	    case $$mode:$$f in -L:*.c|-L:*.h|-L:*.S) \
	      body=$$tmp/lines; $(NT) -t -L -R"$$f" < $$tmp/mkt > $$body || { rc=1; break; };; \
	    esac; \
	    first=; IFS= read -r first < $$body; \
	    case $$f:$$first in *.py:'\#!'*) shebang=1;; *) shebang=;; esac; \
	    if [ -n "$$shebang" ]; then \
	      { printf '%s\n' "$$first" "$$hdr"; tail -n +2 $$body; } > $$out.tmp; \
	    else { printf '%s\n' "$$hdr"; cat $$body; } > $$out.tmp; fi || { rc=1; break; }; \
	    if cmp -s $$out.tmp $$out; then rm -f $$out.tmp; else mv -f $$out.tmp $$out; fi; \
	    case $$f in *.py) chmod +x $$out;; esac; \
	  done; \
	  rm -rf $$tmp; return $$rc; \
	}
MARKUP := /usr/lib/noweb/markup
MNT    := /usr/lib/noweb/mnt
NT     := /usr/lib/noweb/nt

.PHONY: tangle check-roots
tangle: check-roots
	@$(TANGLE_SH); tangle_all "" 

# Every root chunk must be a file named in tangle.mk, and vice versa.
check-roots: $(BOOK_NW) tangle.mk
	@roots=$$(noroots $(BOOK_NW) | sed 's/^<<\(.*\)>>$$/\1/' | sort); \
	listed=$$(printf '%s\n' $(TANGLED) | sort); \
	extra=$$(comm -23 <(echo "$$roots") <(echo "$$listed")); \
	stale=$$(comm -13 <(echo "$$roots") <(echo "$$listed")); \
	if [ -n "$$extra" ]; then echo "tangle: root chunks not in tangle.mk (unused chunk or forgotten file):" $$extra >&2; exit 1; fi; \
	if [ -n "$$stale" ]; then echo "tangle: tangle.mk lists files no chapter defines:" $$stale >&2; exit 1; fi
	@unwoven=$$(comm -23 <(ls book/*.nw | sort) <(printf '%s\n' $(BOOK_WEAVE) | sort)); \
	if [ -n "$$unwoven" ]; then echo "tangle: book files not in BOOK_WEAVE (never in the PDF):" $$unwoven >&2; exit 1; fi

# The build compiles a copy tangled with #line directives, so that compiler
# errors, addr2line and gdb name book/*.nw lines.
$(B)/tangled.stamp: $(BOOK_NW) tangle.mk | check-roots
	@$(TANGLE_SH); tangle_all -L $(T)/
	@touch $@

$(addprefix $(T)/,$(TANGLED)): $(B)/tangled.stamp ;

# ---------------------------------------------------------------- kernel
CCINC := $(shell $(CC) -print-file-name=include)
# Everything compiled lives under a directory named after the compiler, so
# that switching between gcc and clang never links a stale object.
O := $(B)/$(notdir $(CC))

KERNEL_SRCS := $(filter src/boot/% src/arch/% src/mm/% src/kernel/% src/lib/%,\
                 $(filter %.c %.S,$(TANGLED)))
KERNEL_OBJS := $(patsubst %,$(O)/obj/%.o,$(KERNEL_SRCS))

KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(CCINC) -I$(T)/src/include \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-optimize-sibling-calls -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables -fcf-protection=none \
	-MMD -MP
KASFLAGS := $(filter-out -std=gnu11 -mgeneral-regs-only,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments -T $(T)/src/boot/kernel.ld

$(O)/obj/%.c.o: $(T)/%.c Makefile
	@mkdir -p $(@D)
	@echo "  CC      $*.c"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(O)/obj/%.S.o: $(T)/%.S Makefile
	@mkdir -p $(@D)
	@echo "  AS      $*.S"
	@$(CC) $(KASFLAGS) -c $< -o $@

-include $(KERNEL_OBJS:.o=.d)

# The symbol table for backtraces is linked in a second pass (like Linux's
# kallsyms): pass 1 without it, generate it from pass 1's symbols, link
# again, and check that no text symbol moved.
KALLSYMS = awk -f $(T)/src/scripts/kallsyms.awk

$(O)/kallsyms0.S: $(T)/src/scripts/kallsyms.awk
	@mkdir -p $(@D)
	@$(KALLSYMS) < /dev/null > $@

$(O)/kallsyms%.o: $(O)/kallsyms%.S Makefile
	@$(CC) $(KASFLAGS) -c $< -o $@

$(O)/kernel.pass1.elf: $(KERNEL_OBJS) $(O)/kallsyms0.o $(T)/src/boot/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(O)/kallsyms0.o

$(O)/kallsyms1.S: $(O)/kernel.pass1.elf $(T)/src/scripts/kallsyms.awk
	@echo "  KSYMS   $@"
	@$(NM) -n --defined-only $< | $(KALLSYMS) > $@

$(O)/kernel.elf: $(KERNEL_OBJS) $(O)/kallsyms1.o $(O)/kernel.pass1.elf
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@.tmp $(KERNEL_OBJS) $(O)/kallsyms1.o
	@cmp -s <($(NM) -n $(O)/kernel.pass1.elf | grep -i ' t ') <($(NM) -n $@.tmp | grep -i ' t ') \
	  || { echo "kernel.elf: text symbols moved between kallsyms passes" >&2; exit 1; }
	@# QEMU loads the image through the Multiboot header's address fields,
	@# which assume file offset - physical address is the same for every
	@# loadable segment.  Check it rather than trust it.
	@$(READELF) -lW $@.tmp | while read type off va pa fsz rest; do \
	  [ "$$type" = LOAD ] && [ $$((fsz)) -gt 0 ] || continue; d=$$((pa - off)); \
	  if [ -n "$$first" ] && [ $$d != $$first ]; then \
	    echo "kernel.elf: loadable segments are not contiguous in the file" >&2; exit 1; fi; \
	  first=$$d; done
	@mv $@.tmp $@

# build/kernel.elf is the image of the compiler named last.
.PHONY: all kernel
all: tangle kernel initramfs
kernel: $(O)/kernel.elf
	@cmp -s $< $(B)/kernel.elf || cp $< $(B)/kernel.elf
	@echo "kernel: $(B)/kernel.elf, $(notdir $(CC)), $$(stat -c %s $<) bytes, $$(size -A $< | awk '$$1==".text" {print $$2}') bytes of text"
.DEFAULT_GOAL := all

# ---------------------------------------------------------------- user programs
# Chapter "User programs and the shell".  Every tangled src/user/NAME.c is a
# static musl program build/user/NAME (always musl-gcc, whatever CC is).  All
# of them go into build/initramfs.cpio as /bin/NAME, and the shell is /init.
# The archive is reproducible: fixed file order, owner root, mtime 0.
MUSLCC      := musl-gcc
USER_CFLAGS := -static -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I$(T)/src/user
USER_PROGS  := $(sort $(patsubst src/user/%.c,%,$(filter src/user/%.c,$(TANGLED))))
USER_HDRS   := $(addprefix $(T)/,$(filter src/user/%.h,$(TANGLED)))
USER_BINS   := $(addprefix $(B)/user/,$(USER_PROGS))
INITRAMFS   := $(B)/initramfs.cpio

$(B)/user/%: $(T)/src/user/%.c $(USER_HDRS) Makefile
	@mkdir -p $(@D)
	@echo "  MUSLCC  $*"
	@$(MUSLCC) $(USER_CFLAGS) $< -o $@

$(INITRAMFS): $(USER_BINS) Makefile
	@echo "  CPIO    $@"
	@rm -rf $(B)/initramfs && mkdir -p $(B)/initramfs/bin
	@cp $(USER_BINS) $(B)/initramfs/bin/
	@cp $(B)/user/sh $(B)/initramfs/init
	@chmod 0755 $(B)/initramfs $(B)/initramfs/bin $(B)/initramfs/init $(B)/initramfs/bin/*
	@find $(B)/initramfs -depth -exec touch -h -d @0 {} +
	@cd $(B)/initramfs && printf '%s\n' bin init $(addprefix bin/,$(USER_PROGS)) \
	  | cpio -o -H newc --reproducible -R 0:0 --quiet > $(abspath $@).tmp
	@mv $@.tmp $@

.PHONY: initramfs
initramfs: $(INITRAMFS)
	@echo "initramfs: $(INITRAMFS), $(words $(USER_PROGS)) programs, $$(stat -c %s $(INITRAMFS)) bytes"

# ---------------------------------------------------------------- boot, gdb
SMP    ?= 1
MEM    ?= 256M
APPEND ?=
GDBPORT ?= $(shell expr $$(id -u) % 5000 + 25000)
ACCEL := $(if $(filter 1,$(KVM)),-accel kvm,-accel tcg)
QEMU_ARGS = -machine pc $(ACCEL) -cpu max -smp $(SMP) -m $(MEM) -no-reboot \
	-display none -device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel $(B)/kernel.elf -initrd $(INITRAMFS) -append '$(APPEND)'

.PHONY: boot gdb
boot: deps all
	@echo "*** QEMU: the serial console is this terminal; Ctrl-A X quits. ***"
	$(QEMU) $(QEMU_ARGS) -serial mon:stdio; s=$$?; \
	  echo "*** QEMU exited with status $$s (see the book, 'Power-off and exit codes') ***"

$(B)/gdbinit: Makefile
	@mkdir -p $(@D)
	@printf '%s\n' 'set confirm off' 'set pagination off' 'file $(B)/kernel.elf' \
	  'target remote localhost:$(GDBPORT)' 'directory .' \
	  'echo Kernel halted at reset. Try: break kmain, continue, list\n' > $@

gdb: deps all $(B)/gdbinit
	@echo "*** QEMU serial console: $(B)/gdb-console.log ***"
	$(QEMU) $(QEMU_ARGS) -serial file:$(B)/gdb-console.log -S -gdb tcp::$(GDBPORT) & \
	  qpid=$$!; gdb -q -x $(B)/gdbinit; kill $$qpid 2>/dev/null; wait $$qpid 2>/dev/null; true

# ---------------------------------------------------------------- tests

# The fuzzer of the user-programs chapter (src/user/fuzz.c), with a long
# budget: the kernel must report nothing and leak nothing.
FUZZ_CALLS ?= 1000000
FUZZ_SEED  ?= 1
FUZZ_BAD   := WARNING:|BUG:|Oops|Kernel panic|not syncing
.PHONY: fuzz
fuzz: deps all
	@fail=0; for pti in on off; do \
	  log=$(B)/fuzz-pti-$$pti.log; \
	  echo "=== fuzz: $(FUZZ_CALLS) calls, 4 CPUs, pti=$$pti, seed $(FUZZ_SEED); log in $$log"; \
	  python3 tests/boot-kernel.py --smp 4 --mem 512M --timeout 7200 \
	    --initrd $(INITRAMFS) --expect init:0 -- pti=$$pti init=/bin/fuzz \
	    -- $(FUZZ_CALLS) 4 $(FUZZ_SEED) > $$log 2>&1 || fail=1; \
	  grep -a '^fuzz:' $$log | grep -v 'not implemented'; \
	  if grep -aE '$(FUZZ_BAD)' $$log; then fail=1; fi; \
	  grep -aq 'user memory: no page leaked' $$log || { echo "fuzz: pages leaked"; fail=1; }; \
	done; \
	[ $$fail = 0 ] && echo "=== fuzz: the kernel reported nothing and leaked nothing" || \
	  { echo "=== fuzz: FAILED (see the logs)"; exit 1; }
# The benchmark behind the cost tables (Chapter "User programs and the
# shell", Part III): build/user/bench alone as /init, booted by
# tests/bench.py on this kernel (pti=on and off, 1 and 2 CPUs, three
# interleaved boots each) and, with LINUX=1, on Debian's Linux with the
# same QEMU flags.  BUSY=1 keeps a host core spinning meanwhile.  The
# table also goes to build/bench.tex as LaTeX macros, or to BENCH_TEX:
# BENCH_TEX=book/bench-results.tex rewrites the book's copy of the table.
BENCH_FLAGS = $(if $(filter 1,$(LINUX)),--linux) $(if $(filter 1,$(BUSY)),--busy) \
	$(if $(BENCH_TEX),--tex $(BENCH_TEX)) $(BENCH_ARGS)
.PHONY: bench bench-linux
bench: deps tangle kernel $(B)/user/bench $(if $(filter 1,$(LINUX)),$(B)/linux/vmlinux)
	python3 tests/bench.py $(BENCH_FLAGS)
bench-linux:
	@$(MAKE) --no-print-directory bench LINUX=1

# Debian's kernel, as a Debian package like every other dependency: the
# version linux-image-amd64 depends on, fetched with apt-get download (no
# root needed) and unpacked here; only its /boot is extracted.  The ELF
# kernel inside the bzImage boots faster under TCG (tests/bench.py).
$(B)/linux/vmlinux:
	@mkdir -p $(@D)
	@pkg=$$(apt-cache depends linux-image-amd64 2>/dev/null \
	  | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$$/\1/p' | head -n1); \
	if [ -z "$$pkg" ]; then \
	  echo "bench: apt-cache names no kernel for linux-image-amd64 (apt-get update?)" >&2; \
	  exit 1; fi; \
	echo "  APT     $$pkg"; rm -f $(@D)/*.deb; \
	(cd $(@D) && apt-get download -q $$pkg 2>&1 | grep -v '^W: Download is performed unsandboxed') ; \
	deb=$$(ls $(@D)/$${pkg}_*.deb) || exit 1; \
	rm -rf $(@D)/boot; dpkg-deb --fsys-tarfile $$deb | tar -x -C $(@D) ./boot || exit 1; \
	python3 tests/bench.py --extract-vmlinux $(@D)/boot/vmlinuz-* $@.tmp || exit 1; \
	echo "$$pkg $$(dpkg-deb -f $$deb Version)" > $(@D)/package; mv $@.tmp $@

UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(filter tests/unit/test_%.c,$(TANGLED)))
# The kernel sources each unit test links against.
UNIT_test_vsprintf := src/lib/vsprintf.c
UNIT_test_cmdline  := src/lib/cmdline.c src/lib/kstrtox.c
MM_HOST := src/mm/page_alloc.c src/mm/fail_alloc.c src/lib/vsprintf.c src/lib/kstrtox.c \
	src/lib/strscpy.c src/kernel/locking/lockdep.c \
	tests/unit/host_kernel.c
UNIT_test_page_alloc := $(MM_HOST)
UNIT_test_slab := $(MM_HOST) src/mm/slab.c
UNIT_test_pgtable := $(MM_HOST) src/mm/pgtable.c
UNIT_test_lockdep := $(MM_HOST)
UNIT_test_rcu := $(MM_HOST) src/kernel/rcu/tree.c
UNIT_test_vma := $(MM_HOST) src/mm/slab.c src/mm/vma.c src/mm/mmap.c src/mm/shmem.c
UNIT_test_shmem := $(MM_HOST) src/mm/slab.c src/mm/shmem.c

HOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-pie
# The kernel's snprintf family has the C library's names; on the host the
# kernel's copies are renamed so the two never meet (Chapter 1).
HOST_RENAME := -Dvsnprintf=kvsnprintf -Dsnprintf=ksnprintf \
	-Dvscnprintf=kvscnprintf -Dscnprintf=kscnprintf
HOST_UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror $(HOST_SAN) $(HOST_RENAME) \
	-ffreestanding -nostdinc -isystem $(CCINC) -I$(T)/src/include -MMD -MP
HOST_TEST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror $(HOST_SAN) $(HOST_RENAME) \
	-I$(T)/src/include -MMD -MP

$(O)/host/%.o: $(T)/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_UNIT_CFLAGS) -c $< -o $@

$(O)/host/tests/unit/%.o: $(T)/tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_TEST_CFLAGS) -c $< -o $@

define unit_rule
$(O)/unit/$(1): $(O)/host/tests/unit/$(1).o $(patsubst %.c,$(O)/host/%.o,$(UNIT_$(1)))
	@mkdir -p $$(@D)
	$$(CC) $$(HOST_SAN) -no-pie $$^ -lcmocka -pthread -o $$@
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

-include $(wildcard $(O)/host/*/*.d $(O)/host/*/*/*.d $(O)/host/*/*/*/*.d)

.PHONY: unit lit check
unit: $(addprefix $(O)/unit/,$(UNIT_TESTS))

LIT_JOBS ?= $(shell nproc)
# Run with a clean slate of results; the summary line counts unit test
# cases and lit tests together.
check: deps tangle kernel initramfs unit $(B)/linux/vmlinux
	@mkdir -p $(B)/check; rm -f $(B)/check/*.log; fail=0; \
	echo "=== ledger: every rule's ID, chunks, tests and broken switch"; \
	python3 tests/ledger.py $(BOOK_NW) || fail=1; \
	for t in $(UNIT_TESTS); do \
	  echo "=== unit: $$t"; \
	  $(O)/unit/$$t 2>&1 | tee $(B)/check/unit-$$t.log; \
	  [ $${PIPESTATUS[0]} = 0 ] || fail=1; \
	done; \
	echo "=== lit: tests/"; \
	$(LIT) -v -j$(LIT_JOBS) tests/ 2>&1 | tee $(B)/check/lit.log; \
	[ $${PIPESTATUS[0]} = 0 ] || fail=1; \
	up=$$(cat $(B)/check/unit-*.log | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$$1} END{print s+0}'); \
	uf=$$(cat $(B)/check/unit-*.log | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$$1} END{print s+0}'); \
	lp=$$(grep -cE '^(PASS|XFAIL): ' $(B)/check/lit.log); \
	lf=$$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' $(B)/check/lit.log); \
	up=$${up:-0}; uf=$${uf:-0}; \
	echo "unit test cases: $$up passed, $$uf failed; lit tests: $$lp passed, $$lf failed"; \
	echo "$$((up+lp)) passed, $$((uf+lf)) failed"; \
	[ $$fail = 0 ] && [ $$((uf+lf)) = 0 ]

# ---------------------------------------------------------------- book
FIGURES := $(wildcard figures/*.dot figures/*.tex)

# noweave, then the chunk index in the order a reader looks names up
# (src/scripts/sortchunks.py), then the rules ledger, checked and written
# as the appendix of rules (tests/ledger.py): a broken ledger stops the book.
$(B)/book/chapters.tex: $(BOOK_WEAVE) src/scripts/sortchunks.py tests/ledger.py
	@mkdir -p $(@D)
	noweave -delay -index $(BOOK_WEAVE) > $@.raw
	python3 src/scripts/sortchunks.py < $@.raw > $@.tmp
	python3 tests/ledger.py $(BOOK_NW) --tex $@.tmp $(B)/book/ledger.tex
	@rm -f $@.raw; mv $@.tmp $@

$(B)/book/fig/%.pdf: figures/%.dot
	@mkdir -p $(@D)
	dot -Tpdf $< -o $@

# Figures drawn from a running kernel: one boot of the kernel and the
# initramfs, with the switches that make the kernel print what they draw
# when init exits; a script in figures/ turns the console log into each
# figure.  A boot that fails or times out, or a script that finds the
# log wanting, fails the book: a figure is never left stale or empty.
FIG_BOOT_ARGS  := lockdep_dump=dot mm_dump=buddy,ptwalk
FIG_BOOT_INPUT := hello\nt_ptfree figure\nexit 0\n
GEN_FIGURES    := $(addprefix $(B)/book/fig/,lockdep-graph.pdf buddy-lists.tex ptwalk.tex \
		    ptfree-collapse.tex)

$(B)/book/fig/boot.log: $(O)/kernel.elf $(INITRAMFS) tests/boot-kernel.py Makefile
	@mkdir -p $(@D)
	@echo "  BOOT    $@: $(FIG_BOOT_ARGS)"
	@python3 tests/boot-kernel.py --kernel $(O)/kernel.elf --initrd $(INITRAMFS) \
	  --smp 2 --mem 256M --timeout 60 --expect init:0 --input '$(FIG_BOOT_INPUT)' \
	  -- $(FIG_BOOT_ARGS) > $@.tmp \
	  || { tail -20 $@.tmp; echo "book: the boot for the generated figures failed" >&2; exit 1; }
	@mv $@.tmp $@

$(B)/book/fig/lockdep-graph.dot: $(B)/book/fig/boot.log figures/lockdep-graph.py
	python3 figures/lockdep-graph.py $< > $@

$(B)/book/fig/lockdep-graph.pdf: $(B)/book/fig/lockdep-graph.dot
	dot -Tpdf $< -o $@

$(B)/book/fig/%.tex: $(B)/book/fig/boot.log figures/%.py
	python3 figures/$*.py $< > $@

# The walk of one address before and after a collapse (t_ptfree figure).
$(B)/book/fig/ptfree-collapse.tex: $(B)/book/fig/boot.log figures/ptwalk.py
	python3 figures/ptwalk.py $< before after > $@

.PHONY: book
book: deps $(B)/book.pdf
$(B)/book.pdf: book/book.tex book/bench-results.tex $(B)/book/chapters.tex $(FIGURES) $(GEN_FIGURES) \
		$(patsubst figures/%.dot,$(B)/book/fig/%.pdf,$(filter %.dot,$(FIGURES)))
	@mkdir -p $(B)/book/fig
	cp book/book.tex book/bench-results.tex $(B)/book/
	$(if $(filter %.tex,$(FIGURES)),cp $(filter %.tex,$(FIGURES)) $(B)/book/fig/)
	cd $(B)/book && latexmk -pdf -interaction=nonstopmode -halt-on-error -quiet book.tex >/dev/null \
	  || { tail -40 book.log; exit 1; }
	@if grep -E 'undefined references|Reference .* undefined|Citation .* undefined|There were undefined' $(B)/book/book.log; then \
	  echo "book: undefined references" >&2; exit 1; fi
	@if grep -E 'multiply defined|Overfull .hbox' $(B)/book/book.log; then \
	  echo "book: duplicate labels or lines running into the margin (see $(B)/book/book.log)" >&2; exit 1; fi
	cp $(B)/book/book.pdf $@
	@echo "book: $@ ($$(pdfinfo $@ 2>/dev/null | awk '/^Pages/{print $$2}') pages)"

# ---------------------------------------------------------------- doc
.PHONY: doc
doc: deps tangle
	@mkdir -p $(B)/doc
	doxygen Doxyfile > $(B)/doc/doxygen.log 2> $(B)/doc/warnings.log || { cat $(B)/doc/warnings.log; exit 1; }
	@if [ -s $(B)/doc/warnings.log ]; then cat $(B)/doc/warnings.log; echo "doc: doxygen warnings" >&2; exit 1; fi
	@echo "doc: $(B)/doc/html/index.html"

.PHONY: clean
clean:
	rm -rf $(B)
