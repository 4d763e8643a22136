# Which root chunk of the book becomes which file.
#
# Every root chunk in book/*.nw is named by the path it tangles to, and every
# such path is listed here.  `make tangle' fails if a chapter defines a root
# chunk that is not listed (a forgotten file) or if a file listed here has no
# root chunk (a stale entry).  The order of BOOK_NW is the order of the
# chapters: chunks continued in several chapters are concatenated in it.

BOOK_NW := \
	book/intro.nw \
	book/boot.nw \
	book/mm.nw \
	book/smp.nw \
	book/sched.nw \
	book/locking.nw \
	book/rcu.nw \
	book/user.nw \
	book/vm.nw \
	book/fault.nw \
	book/shmem.nw \
	book/pipe.nw \
	book/files.nw \
	book/process.nw \
	book/signal.nw \
	book/ptrace.nw \
	book/ldt.nw \
	book/ia32.nw \
	book/tty.nw \
	book/userland.nw \
	book/pti.nw \
	book/espfix.nw \
	book/ptfree.nw \
	book/mpx.nw \
	book/ctxtrack.nw \
	book/listings-intro.nw \
	book/listings-boot.nw \
	book/listings-mm.nw \
	book/listings-smp.nw \
	book/listings-sched.nw \
	book/listings-locking.nw \
	book/listings-rcu.nw \
	book/listings-user.nw \
	book/listings-vm.nw \
	book/listings-fault.nw \
	book/listings-shmem.nw \
	book/listings-pipe.nw \
	book/listings-files.nw \
	book/listings-process.nw \
	book/listings-signal.nw \
	book/listings-ptrace.nw \
	book/listings-ldt.nw \
	book/listings-ia32.nw \
	book/listings-tty.nw \
	book/listings-userland.nw \
	book/listings-pti.nw \
	book/listings-espfix.nw \
	book/listings-ptfree.nw \
	book/listings-mpx.nw \
	book/listings-ctxtrack.nw

# The order in which `make book' weaves the files: chapter 1, Part I (the
# arguments), Part II (the kernel underneath), Part III (the listings, Part
# I's first).  Weaving order is free: noweb cross-references do not depend
# on it, and tangling uses BOOK_NW above.
BOOK_WEAVE := \
	book/intro.nw \
	book/part1.nw \
	book/pti.nw \
	book/espfix.nw \
	book/ptfree.nw \
	book/mpx.nw \
	book/ctxtrack.nw \
	book/part2.nw \
	book/boot.nw \
	book/mm.nw \
	book/smp.nw \
	book/sched.nw \
	book/locking.nw \
	book/rcu.nw \
	book/user.nw \
	book/vm.nw \
	book/fault.nw \
	book/shmem.nw \
	book/pipe.nw \
	book/files.nw \
	book/process.nw \
	book/signal.nw \
	book/ptrace.nw \
	book/ldt.nw \
	book/ia32.nw \
	book/tty.nw \
	book/userland.nw \
	book/part3.nw \
	book/listings-pti.nw \
	book/listings-espfix.nw \
	book/listings-ptfree.nw \
	book/listings-mpx.nw \
	book/listings-ctxtrack.nw \
	book/listings-intro.nw \
	book/listings-boot.nw \
	book/listings-mm.nw \
	book/listings-smp.nw \
	book/listings-sched.nw \
	book/listings-locking.nw \
	book/listings-rcu.nw \
	book/listings-user.nw \
	book/listings-vm.nw \
	book/listings-fault.nw \
	book/listings-shmem.nw \
	book/listings-pipe.nw \
	book/listings-files.nw \
	book/listings-process.nw \
	book/listings-signal.nw \
	book/listings-ptrace.nw \
	book/listings-ldt.nw \
	book/listings-ia32.nw \
	book/listings-tty.nw \
	book/listings-userland.nw

# Chapter 1: How to read and run this book
TANGLED += \
	tests/lit.cfg.py \
	tests/boot-linux.py \
	tests/boot-kernel.py

# Chapter 2: Booting
TANGLED += \
	src/boot/head.S \
	src/boot/kernel.ld \
	src/boot/multiboot.h \
	src/include/linux/types.h \
	src/include/linux/compiler.h \
	src/include/linux/kernel.h \
	src/include/linux/errno.h \
	src/include/linux/string.h \
	src/include/linux/sprintf.h \
	src/include/linux/printk.h \
	src/include/linux/cmdline.h \
	src/include/linux/init.h \
	src/include/linux/kallsyms.h \
	src/include/linux/ktest.h \
	src/include/asm/io.h \
	src/include/asm/processor.h \
	src/include/asm/segment.h \
	src/include/asm/desc.h \
	src/include/asm/ptrace.h \
	src/include/asm/page.h \
	src/include/asm/pgtable.h \
	src/include/asm/setup.h \
	src/include/asm/traps.h \
	src/include/asm/power.h \
	src/arch/serial.c \
	src/arch/power.c \
	src/arch/desc.c \
	src/arch/entry.S \
	src/arch/traps.c \
	src/arch/setup.c \
	src/arch/dumpstack.c \
	src/kernel/main.c \
	src/kernel/printk.c \
	src/kernel/panic.c \
	src/kernel/params.c \
	src/kernel/kallsyms.c \
	src/kernel/ktest.c \
	src/kernel/boot_tests.c \
	src/lib/string.c \
	src/lib/strscpy.c \
	src/lib/vsprintf.c \
	src/lib/cmdline.c \
	src/lib/kstrtox.c \
	src/scripts/kallsyms.awk \
	tests/unit/test_vsprintf.c \
	tests/unit/test_cmdline.c \
	tests/lit/boot/banner.test \
	tests/lit/boot/cmdline.test \
	tests/lit/boot/cmdline-bad.test \
	tests/lit/boot/ud2.test \
	tests/lit/boot/pagefault.test \
	tests/lit/boot/panic.test \
	tests/lit/boot/directmap-64m.test \
	tests/lit/boot/directmap-2g.test \
	tests/lit/boot/protections.test \
	tests/lit/boot/harness.test

# Chapter 3: Memory
TANGLED += \
	src/include/linux/list.h \
	src/include/asm/spinlock.h \
	src/include/linux/spinlock.h \
	src/include/linux/mm_types.h \
	src/include/linux/mm.h \
	src/include/linux/gfp.h \
	src/include/asm/pgtable_types.h

TANGLED += \
	src/mm/page_alloc.c \
	src/mm/fail_alloc.c \
	src/mm/memblock.c \
	src/mm/mm_tests.c \
	src/include/linux/pgtable.h \
	src/mm/pgtable.c \
	tests/unit/test_pgtable.c \
	src/include/linux/slab.h \
	src/mm/slab.c \
	tests/unit/test_slab.c \
	src/include/asm/tsc.h \
	src/arch/tsc.c \
	tests/unit/host_kernel.h \
	tests/unit/host_kernel.c \
	tests/unit/test_page_alloc.c \
	tests/lit/mm/meminfo.test \
	tests/lit/mm/tsc.test \
	tests/lit/mm/pte-map-smp.test \
	tests/lit/mm/poison.test \
	tests/lit/mm/failalloc-bad.test \
	tests/lit/mm/kmalloc.test \
	tests/lit/mm/pgtables.test \
	tests/lit/mm/ptdump.test \
	tests/lit/mm/buddy-dump.test \
	tests/lit/mm/ptwalk-dump.test \
	tests/lit/mm/bench.test

# Chapter 4: CPUs
TANGLED += \
	src/mm/ioremap.c \
	src/include/asm/acpi.h \
	src/arch/acpi.c \
	src/include/linux/percpu.h \
	src/include/asm/percpu.h \
	src/include/linux/preempt.h \
	src/kernel/percpu.c \
	src/include/asm/apic.h \
	src/arch/apic.c \
	src/arch/trampoline.S \
	src/arch/smpboot.c \
	src/include/linux/smp.h \
	src/kernel/smp.c \
	src/kernel/smp_tests.c \
	tests/lit/smp/smp.test \
	tests/lit/smp/percpu.test \
	tests/lit/smp/bench.test \
	src/include/asm/extable.h \
	src/arch/extable.c \
	src/include/asm/tlbflush.h \
	src/arch/tlb.c \
	src/kernel/tlb_tests.c \
	tests/lit/smp/tlb.test

# Chapter 5: Tasks and scheduling
TANGLED += \
	src/include/linux/sched.h \
	src/kernel/sched/core.c \
	src/arch/switch.S \
	src/kernel/sched/sched_tests.c \
	tests/lit/sched/sched.test \
	tests/lit/sched/migrate.test

# Chapter 6: Locks and lockdep
TANGLED += \
	src/include/linux/mutex.h \
	src/kernel/locking/mutex.c \
	src/kernel/locking/rwsem.c \
	src/include/linux/lockdep.h \
	src/kernel/locking/lockdep.c \
	src/kernel/locking/lockdep_hooks.c \
	src/include/linux/race.h \
	src/kernel/locking/race.c \
	tests/unit/test_lockdep.c \
	src/kernel/locking/locking_tests.c \
	tests/lit/locking/lockdep.test \
	tests/lit/locking/lockdep-chain.test \
	tests/lit/locking/lockdep-dump.test \
	tests/lit/locking/locks.test \
	tests/lit/locking/race.test

# Chapter 7: RCU
TANGLED += \
	src/include/linux/rcupdate.h \
	src/kernel/rcu/tree.c \
	tests/unit/test_rcu.c \
	src/kernel/rcu/update.c \
	src/kernel/rcu/rcu_tests.c \
	tests/lit/rcu/rcu.test \
	src/kernel/locking/locking_bench.c \
	tests/lit/locking/bench.test \
	tests/lit/sched/bench.test \
	tests/lit/rcu/sync.test

# Chapter 8: User mode
TANGLED += \
	src/include/linux/syscalls.h \
	src/include/asm/syscall_list.h
TANGLED += \
	src/include/linux/uaccess.h
TANGLED += \
	src/arch/syscall_64.c \
	src/arch/syscall.c \
	src/arch/process.c \
	src/arch/fpu.c \
	src/arch/usercopy.c \
	src/include/asm/msr.h \
	src/include/asm/mmu_context.h \
	src/include/asm/fpu.h

# Chapter 9: Address spaces
TANGLED += \
	src/include/linux/mman.h \
	src/mm/vma.c \
	src/mm/mmap.c \
	tests/unit/test_vma.c \
	src/user/t_mremap.c \
	tests/lit/user/t_mremap.test

# Chapter 10: Page faults and copy-on-write
TANGLED += \
	src/mm/fault.c \
	src/mm/memory.c \
	src/mm/oom_kill.c \
	src/user/t_oom.c \
	tests/lit/mm/oom.test

# Chapter: Shared memory
TANGLED += \
	src/include/linux/fs.h \
	src/include/linux/shmem_fs.h \
	src/kernel/file.c \
	src/mm/shmem.c \
	src/mm/memfd.c \
	tests/unit/test_shmem.c \
	src/user/t_memfd.c \
	src/user/t_faultaround.c \
	tests/lit/user/t_faultaround.test \
	src/user/t_shared_anon.c \
	tests/lit/user/t_memfd.test \
	tests/lit/user/t_memfd-nozap.test \
	tests/lit/user/t_shared_anon.test \
	tests/lit/user/t_shared_anon-slowfault.test

# Chapter 11: Processes
TANGLED += \
	src/include/linux/process.h \
	src/include/linux/err.h \
	src/include/linux/initramfs.h \
	src/include/linux/elf.h \
	src/kernel/fork.c \
	src/kernel/exit.c \
	src/kernel/initramfs.c \
	src/kernel/exec.c \
	src/kernel/init.c \
	src/kernel/sys.c \
	src/user/t_forkfail.c \
	tests/lit/process/forkfail.test

# Chapter: The local descriptor table
TANGLED += \
	src/include/asm/ldt.h \
	src/arch/ldt.c \
	src/user/ldt.h \
	src/user/ldt_demo.c \
	src/user/t_ldt.c \
	tests/lit/user/t_ldt.test \
	tests/lit/user/ldt-demo.test \
	tests/lit/user/ldt-failalloc.test

# Chapter: Compat mode: the 32-bit ways into the kernel
TANGLED += \
	src/include/asm/ia32.h \
	src/arch/syscall_32.c \
	src/user/t_int80.c \
	tests/lit/compat/t_int80.test \
	tests/lit/compat/vendors.test \
	src/user/t_ia32_signal.c \
	tests/lit/compat/signal.test

# Chapter: Signals and threads
TANGLED += \
	src/include/linux/signal_types.h \
	src/include/linux/signal.h \
	src/kernel/signal.c \
	src/arch/signal.c \
	src/kernel/thread.c \
	src/kernel/futex.c \
	src/user/t_badiret.c \
	src/user/t_sigthread.c \
	src/user/t_sigframe.c \
	tests/lit/signal/t_sigframe.test \
	src/user/bench_thread.c \
	tests/lit/signal/t_badiret.test \
	tests/lit/signal/t_sigthread.test

# Chapter: Tracing a process: ptrace
TANGLED += \
	src/include/linux/ptrace.h \
	src/kernel/ptrace.c \
	src/arch/ptrace.c \
	src/user/ptrace_util.h \
	src/user/t_ptrace.c \
	src/user/t_ptrace_mem.c \
	src/user/t_ptrace_regs.c \
	src/user/t_ptrace_sys.c \
	src/user/t_ptrace_step.c \
	src/user/t_ptrace_hw.c \
	tests/lit/ptrace/t_ptrace.test \
	tests/lit/ptrace/t_ptrace_mem.test \
	tests/lit/ptrace/poke-nocow.test \
	tests/lit/ptrace/t_ptrace_regs.test \
	tests/lit/ptrace/t_ptrace_sys.test \
	tests/lit/ptrace/t_ptrace_step.test \
	tests/lit/ptrace/step-late.test \
	tests/lit/ptrace/t_ptrace_hw.test \
	tests/lit/ptrace/setregs-novalidate.test \
	tests/lit/ptrace/ring0-refused.test \
	src/user/t_strace.c \
	tests/lit/ptrace/strace.test \
	tests/lit/ptrace/wait-oncpu.test \
	tests/lit/ptrace/wait-none.test

# Chapter 12: The console as a terminal
TANGLED += \
	src/include/asm/io_apic.h \
	src/arch/io_apic.c \
	src/include/linux/tty.h \
	src/kernel/tty/n_tty.c \
	src/include/linux/uio.h \
	src/include/asm/termbits.h \
	src/kernel/tty/tty_io.c \
	src/kernel/tty/tty_tests.c \
	tests/lit/tty/lines.test \
	tests/lit/tty/edit.test \
	tests/lit/tty/eof.test \
	tests/lit/tty/overflow.test \
	tests/lit/tty/syscalls.test \
	tests/lit/tty/irq-mutex.test

# Chapter 13: User programs and the shell
TANGLED += \
	src/user/ulib.h \
	src/user/sh.c \
	src/user/hello.c \
	src/user/t_fork.c \
	src/user/t_cow.c \
	src/user/t_mmap.c \
	src/user/t_brk.c \
	src/user/t_efault.c \
	src/user/t_exec.c \
	src/user/t_segv.c \
	src/user/bench_syscall.c \
	src/user/bench_fork.c \
	src/user/bench_fault.c \
	src/user/bench.c \
	tests/bench.py \
	tests/lit/user/bench-smoke.test \
	src/user/t_thread.c \
	src/user/t_signal.c \
	tests/lit/user/hello.test \
	tests/lit/user/t_fork.test \
	tests/lit/user/t_cow.test \
	tests/lit/user/t_mmap.test \
	tests/lit/user/t_brk.test \
	tests/lit/user/t_efault.test \
	tests/lit/user/t_exec.test \
	tests/lit/user/t_segv.test \
	tests/lit/user/shell.test \
	tests/lit/user/bench.test \
	tests/lit/user/t_thread.test \
	tests/lit/user/linux-oracle.test \
	src/user/fuzz.c \
	tests/lit/user/fuzz.test \
	tests/lit/user/t_signal.test
TANGLED += \
	src/user/t_fpu.c \
	src/user/t_shootdown.c \
	tests/lit/user/t_shootdown.test \
	src/arch/user_tests.c \
	tests/lit/user/smap.test \
	tests/lit/user/t_fpu.test

# Chapter: Page-table isolation and the LDT
TANGLED += \
	src/include/asm/pti.h \
	src/arch/pti.c \
	src/arch/entry_trampoline.S \
	src/arch/pti_tests.c \
	src/user/book_debug.h \
	src/user/pti_probe.c \
	src/user/t_pti_nx.c \
	tests/lit/pti/user-nx.test \
	tests/lit/pti/kread.test \
	tests/lit/pti/audit.test \
	tests/lit/pti/audit-ldt.test \
	tests/lit/pti/ldt-slot.test \
	src/user/t_pti_ldtfail.c \
	tests/lit/pti/ldt-write.test \
	tests/lit/pti/ldt-rewrite.test \
	tests/lit/pti/ldt-fork.test \
	tests/lit/pti/ldt-leak.test \
	tests/lit/pti/ldt-dup-exits.test \
	src/user/t_pti_entry.c \
	tests/lit/pti/entry.test \
	tests/lit/pti/suite.test \
	tests/lit/pti/tlbstate.test \
	tests/lit/pti/tlbstate-unchecked.test \
	src/user/bench_ldt.c \
	tests/bench-pti.py \
	tests/lit/pti/bench.test \
	src/user/t_pti_ldt.c \
	tests/lit/pti/ldt-smp.test

# Chapter: espfix64
TANGLED += \
	src/include/asm/espfix.h \
	src/arch/espfix.c \
	src/user/espfix_demo.c \
	tests/lit/espfix/leak.test \
	src/user/t_espfix.c \
	tests/lit/espfix/df.test \
	tests/lit/espfix/df-die.test \
	src/user/bench_espfix.c \
	tests/lit/espfix/bench.test \
	src/user/t_espfix_race.c \
	tests/lit/espfix/race.test \
	src/user/t_espfix_migrate.c \
	tests/lit/espfix/migrate.test \
	tests/lit/espfix/slot.test

# Chapter: MPX bounds tables
TANGLED += \
	src/include/asm/mpx.h \
	src/arch/mpx.c \
	src/user/mpx_user.h \
	src/user/t_mpx.c \
	src/user/t_mpx_race.c \
	src/user/t_mpx_churn.c \
	src/user/bench_mpx.c \
	tests/lit/mpx/basic.test \
	tests/lit/mpx/nestings.test \
	tests/lit/mpx/v9.test \
	tests/lit/mpx/race-unmap.test \
	tests/lit/mpx/race-lost.test \
	tests/lit/mpx/churn.test \
	tests/lit/mpx/bench.test

# The rules ledger (Chapter 1, listed in Part III)
TANGLED += tests/ledger.py
TANGLED += src/scripts/sortchunks.py

# Chapter: freeing page tables by RCU
TANGLED += \
	src/include/linux/huge_mm.h \
	src/mm/huge_memory.c \
	src/mm/khugepaged.c \
	src/user/t_collapse.c \
	src/user/t_ptfree.c \
	tests/lit/ptfree/tables.test \
	tests/lit/ptfree/collapse.test \
	src/user/t_ptfree_race.c \
	tests/lit/ptfree/detach.test \
	tests/lit/ptfree/free-now.test \
	tests/lit/ptfree/reuse.test \
	tests/lit/ptfree/collapse-fault.test \
	src/user/bench_ptfree.c \
	tests/lit/ptfree/bench.test \
	src/user/t_ptfree_stress.c \
	tests/lit/ptfree/stress.test

# Chapter: Pipes
TANGLED += \
	src/kernel/pipe.c \
	src/user/t_pipe.c \
	tests/lit/user/t_pipe.test

# Chapter: Processes (resource limits, time)
TANGLED += \
	src/user/t_rlimit.c \
	tests/lit/process/t_rlimit.test \
	src/user/t_rusage.c \
	tests/lit/process/t_rusage.test \
	src/user/t_sched.c \
	tests/lit/process/t_sched.test \
	src/user/t_lazy.c \
	tests/lit/process/lazy.test

# Chapter: context tracking and the entry code
TANGLED += \
	src/include/linux/context_tracking.h \
	src/kernel/context_tracking.c \
	src/include/asm/fsgsbase.h \
	src/arch/paranoid.c \
	src/user/t_ctxtrack.c \
	tests/lit/ctxtrack/state.test \
	tests/lit/ctxtrack/window.test \
	tests/lit/ctxtrack/gp.test \
	src/user/bench_ctxtrack.c \
	tests/lit/ctxtrack/bench.test \
	src/user/t_paranoid.c \
	src/user/t_fsgsbase.c \
	tests/lit/ctxtrack/paranoid.test \
	tests/lit/ctxtrack/paranoid-broken.test \
	tests/lit/ctxtrack/nmi.test \
	tests/lit/ctxtrack/fsgsbase.test

# Chapter: Files
TANGLED += \
	src/include/linux/namei.h \
	src/include/linux/poll.h \
	src/kernel/fs/namei.c \
	src/kernel/fs/proc.c \
	src/kernel/fs/select.c \
	src/kernel/syslog.c
TANGLED += \
	src/user/t_files.c \
	src/user/t_proc.c \
	src/user/t_poll.c \
	src/user/t_rofs.c \
	tests/lit/files/t_files.test \
	tests/lit/files/t_proc.test \
	tests/lit/files/t_poll.test \
	tests/lit/files/rofs.test \
	tests/lit/files/shell.test
