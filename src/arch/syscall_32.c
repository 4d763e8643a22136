/* Tangled from book/ia32.nw (chapter "Compat mode: the 32-bit ways into the kernel"). Do not edit: edit the book and run make tangle. */
#include <asm/ia32.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/context_tracking.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>

static long ia32_call(sys_call_ptr_t fn, struct pt_regs *args, const struct pt_regs *regs)
{
        *args = *regs;
        args->di = (u32)regs->bx;
        args->si = (u32)regs->cx;
        args->dx = (u32)regs->dx;
        args->r10 = (u32)regs->si;
        args->r8 = (u32)regs->di;
        args->r9 = (u32)regs->bp;
        return fn ? fn(args) : 0;
}
#define IA32_WRAP(name)                                                 \
        static long __ia32_sys_##name(const struct pt_regs *regs)       \
        {                                                               \
                struct pt_regs args;                                    \
                return ia32_call(__x64_sys_##name, &args, regs);        \
        }
IA32_WRAP(exit)
IA32_WRAP(read)
IA32_WRAP(write)
IA32_WRAP(getpid)
IA32_WRAP(kill)
IA32_WRAP(munmap)
IA32_WRAP(modify_ldt)
IA32_WRAP(set_thread_area)
IA32_WRAP(get_thread_area)
IA32_WRAP(exit_group)
IA32_WRAP(sched_setaffinity)
IA32_WRAP(getcpu)
static long __ia32_sys_mmap2(const struct pt_regs *regs)
{
        struct pt_regs args;

        ia32_call(NULL, &args, regs);
        args.r9 = (unsigned long)(u32)regs->bp << PAGE_SHIFT;
        return __x64_sys_mmap(&args);
}
#define IA32_NR_syscalls 470
static const sys_call_ptr_t ia32_sys_call_table[IA32_NR_syscalls] = {
        [1] = __ia32_sys_exit,
        [3] = __ia32_sys_read,
        [4] = __ia32_sys_write,
        [20] = __ia32_sys_getpid,
        [37] = __ia32_sys_kill,
        [67] = ia32_sys_sigaction,
        [91] = __ia32_sys_munmap,
        [119] = ia32_sys_sigreturn,
        [123] = __ia32_sys_modify_ldt,
        [173] = ia32_sys_rt_sigreturn,
        [174] = ia32_sys_rt_sigaction,
        [192] = __ia32_sys_mmap2,
        [241] = __ia32_sys_sched_setaffinity,
        [243] = __ia32_sys_set_thread_area,
        [244] = __ia32_sys_get_thread_area,
        [252] = __ia32_sys_exit_group,
        [318] = __ia32_sys_getcpu,
};
static unsigned long ia32_ni_reported[IA32_NR_syscalls / 64 + 1];

static long ia32_sys_ni_syscall(unsigned int nr)
{
        unsigned int slot = nr < IA32_NR_syscalls ? nr : IA32_NR_syscalls;
        unsigned long bit = 1UL << (slot % 64);

        if (!(__atomic_fetch_or(&ia32_ni_reported[slot / 64], bit, __ATOMIC_RELAXED) & bit))
                pr_info("%s[%d]: i386 system call %u is not implemented (ENOSYS; said once)\n",
                        current->comm, current->pid, nr);
        return -ENOSYS;
}
void do_int80_syscall_32(struct pt_regs *regs);
void do_int80_syscall_32(struct pt_regs *regs)
{
        unsigned int nr = regs->orig_ax;

        enter_from_user_mode(regs);
        local_irq_enable();
        current->in_ia32_syscall = true;
        if (nr < IA32_NR_syscalls && ia32_sys_call_table[nr])
                regs->ax = ia32_sys_call_table[nr](regs);
        else
                regs->ax = ia32_sys_ni_syscall(nr);
        current->in_ia32_syscall = false;
        local_irq_disable();
}
static bool syscall32_is_ud;            /* Intel: SYSCALL is #UD outside 64-bit mode */

void ia32_init_vendor(void)
{
        u32 a, vendor[4] = { 0 };

        cpuid(0, &a, &vendor[0], &vendor[2], &vendor[1]);
        syscall32_is_ud = !memcmp(vendor, "GenuineIntel", 12);
}
void do_SYSCALL_compat(struct pt_regs *regs);
void do_SYSCALL_compat(struct pt_regs *regs)
{
        enter_from_user_mode(regs);
        local_irq_enable();
        if (syscall32_is_ud) {
                regs->ip -= 2;                  /* at the instruction, as a #UD reports it */
                regs->orig_ax = -1;             /* not a system call: never restarted */
                do_user_exception(regs, X86_TRAP_UD);
        } else {
                regs->ax = -ENOSYS;
        }
        local_irq_disable();
}
