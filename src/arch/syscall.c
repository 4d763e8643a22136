/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <linux/context_tracking.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/ptrace.h>
#include <asm/fpu.h>
#include <asm/ldt.h>

extern const sys_call_ptr_t sys_call_table[NR_syscalls];
extern char entry_SYSCALL_64[], entry_SYSCALL_compat[];
DEFINE_PER_CPU(unsigned long, cpu_user_rsp);
DEFINE_PER_CPU(unsigned long, cpu_current_top_of_stack);

_Static_assert(__builtin_offsetof(struct pt_regs, cs) == 17 * 8, "pt_regs->cs");
_Static_assert(__builtin_offsetof(struct pt_regs, sp) == 19 * 8, "pt_regs->sp");
_Static_assert(sizeof(struct pt_regs) == 21 * 8, "pt_regs size");
void syscall_init(void)
{
        wrmsrl(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
        wrmsrl(MSR_LSTAR, (unsigned long)entry_SYSCALL_64);
        wrmsrl(MSR_CSTAR, (unsigned long)entry_SYSCALL_compat);
        wrmsrl(MSR_SYSCALL_MASK, X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |
               X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF |
               X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT |
               X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_ID);
        wrmsrl(MSR_EFER, rdmsrl(MSR_EFER) | EFER_SCE);
        wrmsrl(MSR_KERNEL_GS_BASE, 0);
}
void cpu_init_user_mode(void)
{
        u32 a, b, c, d;

        asm volatile("lldt %w0" : : "r"(0));    /* no LDT until a process asks for one */
        syscall_init();
        cpuid_count(7, 0, &a, &b, &c, &d);
        if (b & (1U << 7))
                write_cr4(read_cr4() | X86_CR4_SMEP);
        if (b & (1U << 20)) {
                write_cr4(read_cr4() | X86_CR4_SMAP);
                smap_enabled = true;
        }
        fsgsbase_init_cpu();
        fpu_init_cpu();
}
static bool sysret_allowed(const struct pt_regs *regs)
{
        return regs->cx == regs->ip && regs->r11 == regs->flags &&
               regs->cs == __USER_CS && regs->ss == __USER_DS &&
               regs->ip < TASK_SIZE_MAX &&
               !(regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}
static unsigned long ni_reported[NR_syscalls / 64 + 1];

static long sys_ni_syscall(unsigned long nr)
{
        unsigned long slot = nr < NR_syscalls ? nr : NR_syscalls;
        unsigned long bit = 1UL << (slot % 64);

        if (!(__atomic_fetch_or(&ni_reported[slot / 64], bit, __ATOMIC_RELAXED) & bit))
                pr_info("%s[%d]: system call %lu is not implemented (ENOSYS; said once)\n",
                        current->comm, current->pid, nr);
        return -ENOSYS;
}
void exit_to_user_mode(struct pt_regs *regs);
void exit_to_user_mode(struct pt_regs *regs)
{
        local_irq_disable();
        exit_to_user_mode_begin();      /* context tracking, Chapter~\ref{ch:ctxtrack} */
        for (;;) {
                if (need_resched()) {
                        local_irq_enable();
                        schedule();
                        local_irq_disable();
                        continue;
                }
                if (signal_pending(current)) {
                        local_irq_enable();
                        do_signal(regs);
                        local_irq_disable();
                        continue;
                }
                break;
        }
        if (current->lockdep.depth || preempt_count())
                {
                        pr_err("BUG: returning to user space with %d lock(s) held and "
                               "preempt_count %d: %s/%d\n", current->lockdep.depth,
                               preempt_count(), current->comm, current->pid);
                        if (current->lockdep.depth)
                                pr_err("first held lock: %s\n", current->lockdep.held[0].instance->name);
                }
        if (unlikely(race_points_armed) && (regs->ss & SEGMENT_TI_MASK)) {
                local_irq_enable();
                race_point("espfix:before-iret");
                local_irq_disable();
        }
        exit_to_user_mode_end();
}

bool do_syscall_64(struct pt_regs *regs);
bool do_syscall_64(struct pt_regs *regs)
{
        unsigned long nr = regs->orig_ax;

        enter_from_user_mode(regs);     /* context tracking, Chapter~\ref{ch:ctxtrack} */
        local_irq_enable();
        if (unlikely(current->syscall_trace))
                nr = syscall_trace_enter(regs);
        if (nr < NR_syscalls && sys_call_table[nr])
                regs->ax = sys_call_table[nr](regs);
        else if (nr != -1UL)            /* -1: skipped by a tracer (Chapter~\ref{ch:ptrace}) */
                regs->ax = sys_ni_syscall(nr);
        if (unlikely(current->syscall_trace || current->singlestep))
                syscall_exit_work(regs);
        local_irq_disable();
        exit_to_user_mode(regs);
        return sysret_allowed(regs);
}
