/* Tangled from book/ptrace.nw (chapter "Tracing a process: ptrace"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/race.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct user_regs_struct {
        unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
        unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
        unsigned long fs_base, gs_base, ds, es, fs, gs;
};
#define USER_REGS_WORDS (sizeof(struct user_regs_struct) / 8)
#define USER_FPREGS_SIZE 512
#define USER_DEBUGREG    848            /* offsetof(struct user, u_debugreg) */
#define USER_SIZE        928            /* sizeof(struct user), kernel's */
#define UREG(f) (offsetof(struct user_regs_struct, f))
_Static_assert(sizeof(struct user_regs_struct) == 27 * 8, "user_regs_struct");
_Static_assert(UREG(ss) == offsetof(struct pt_regs, ss), "pt_regs is a prefix");
#define DR_TRAP_BITS        0xfUL
#define DR_STEP             0x4000UL
#define DR6_RESERVED        0xffff0ff0UL
#define DR_CONTROL_SHIFT    16
#define DR_CONTROL_RESERVED 0xffffffff0000fc00UL
#define DR_ENABLE_MASK      0xffUL
static unsigned long read_dr(int n)
{
        unsigned long v = 0;

        switch (n) {
        case 0: asm volatile("mov %%db0, %0" : "=r"(v)); break;
        case 1: asm volatile("mov %%db1, %0" : "=r"(v)); break;
        case 2: asm volatile("mov %%db2, %0" : "=r"(v)); break;
        case 3: asm volatile("mov %%db3, %0" : "=r"(v)); break;
        case 6: asm volatile("mov %%db6, %0" : "=r"(v)); break;
        case 7: asm volatile("mov %%db7, %0" : "=r"(v)); break;
        }
        return v;
}
static void write_dr(int n, unsigned long v)
{
        switch (n) {
        case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
        case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
        case 2: asm volatile("mov %0, %%db2" : : "r"(v)); break;
        case 3: asm volatile("mov %0, %%db3" : : "r"(v)); break;
        case 6: asm volatile("mov %0, %%db6" : : "r"(v)); break;
        case 7: asm volatile("mov %0, %%db7" : : "r"(v)); break;
        }
}
static int check_bp(unsigned long addr, unsigned int type, unsigned int lencode)
{
        static const unsigned int bytes[4] = { 1, 2, 8, 4 };
        unsigned int len = bytes[lencode & 3];

        if (type == 2 || (type == 0 && lencode != 0))
                return -EINVAL;                 /* I/O; execute longer than 1 */
        if (addr >= TASK_SIZE_MAX || addr + len - 1 >= TASK_SIZE_MAX)
                return -EINVAL;                 /* exclude_kernel */
        if (addr & (len - 1))
                return -EINVAL;
        return 0;
}
static bool dr7_enabled(unsigned long dr7, int n)
{
        return (dr7 >> (n * 2)) & 3;
}
static unsigned int dr7_type(unsigned long dr7, int n)
{
        return (dr7 >> (DR_CONTROL_SHIFT + n * 4)) & 3;
}
static unsigned int dr7_len(unsigned long dr7, int n)
{
        return (dr7 >> (DR_CONTROL_SHIFT + n * 4 + 2)) & 3;
}
static unsigned long ptrace_get_debugreg(struct task_struct *t, int n)
{
        if (n < 4)
                return t->debugreg.addr[n];
        if (n == 6)
                return t->debugreg.virtual_dr6 ^ DR6_RESERVED;
        if (n == 7)
                return t->debugreg.dr7;
        return 0;
}
static int ptrace_set_debugreg(struct task_struct *t, int n, unsigned long val)
{
        unsigned long dr7 = t->debugreg.dr7 & ~DR_CONTROL_RESERVED;

        if (n < 4) {
                bool armed = dr7_enabled(dr7, n);
                int err = check_bp(val, armed ? dr7_type(dr7, n) : 1, armed ? dr7_len(dr7, n) : 0);
                if (err)
                        return err;
                t->debugreg.addr[n] = val;
                return 0;
        }
        if (n == 6) {
                t->debugreg.virtual_dr6 = val ^ DR6_RESERVED;
                return 0;
        }
        if (n != 7)
                return -EIO;
        for (int i = 0; i < 4; i++)
                if (dr7_enabled(val, i)) {
                        int err = check_bp(t->debugreg.addr[i], dr7_type(val, i), dr7_len(val, i));
                        if (err)
                                return err;
                }
        t->debugreg.dr7 = val;
        return 0;
}
void ptrace_clear_debugregs(struct task_struct *t)
{
        t->debugreg = (struct debugregs){ 0 };
        if (t == current)
                write_dr(7, 0);
}
void switch_debugregs(struct task_struct *prev, struct task_struct *next)
{
        unsigned long dr7 = next->debugreg.dr7 & ~DR_CONTROL_RESERVED;

        if (prev->debugreg.dr7 & DR_ENABLE_MASK)
                write_dr(7, 0);
        if (!(dr7 & DR_ENABLE_MASK))
                return;
        for (int i = 0; i < 4; i++)
                write_dr(i, next->debugreg.addr[i]);
        write_dr(7, dr7);
}
bool exc_debug(struct pt_regs *regs)
{
        struct task_struct *t = current;
        unsigned long dr6 = read_dr(6) ^ DR6_RESERVED;
        unsigned long armed = 0, dr7 = t->debugreg.dr7;

        write_dr(6, DR6_RESERVED);
        for (int i = 0; i < 4; i++)
                if (t->mm && dr7_enabled(dr7, i))
                        armed |= 1UL << i;
        if (!user_mode(regs)) {
                if (WARN_ON(dr6 & DR_STEP))
                        regs->flags &= ~X86_EFLAGS_TF;
                return true;
        }
        t->debugreg.virtual_dr6 = (dr6 & DR_STEP) | (dr6 & armed);
        for (int i = 0; i < 4; i++)
                if ((dr6 & armed & (1UL << i)) && dr7_type(dr7, i) == 0)
                        regs->flags |= X86_EFLAGS_RF;
        int code = dr6 & DR_STEP ? TRAP_TRACE : dr6 & armed ? TRAP_HWBKPT : TRAP_BRKPT;
        force_sig_fault(SIGTRAP, code, regs->ip, X86_TRAP_DB, 0);
        return true;
}
static unsigned long getreg(struct task_struct *t, unsigned long off)
{
        struct pt_regs *regs = task_pt_regs(t);

        switch (off) {
        case UREG(flags):
                return t->forced_tf ? regs->flags & ~X86_EFLAGS_TF : regs->flags;
        case UREG(fs_base): return t->fsbase;
        case UREG(gs_base): return t->gsbase;
        case UREG(ds): return t->ds;
        case UREG(es): return t->es;
        case UREG(fs): return t->fsindex;
        case UREG(gs): return t->gsindex;
        }
        return ((unsigned long *)regs)[off / 8];
}
bool ptrace_putreg_novalidate;

static int set_ptrace_putreg(char *val)
{
        int broken = parse_broken_switch("ptrace_putreg", val, "validate", "novalidate",
                "a tracer can give the tracee a ring-0 code segment");

        if (broken < 0)
                return broken;
        ptrace_putreg_novalidate = broken;
        return 0;
}
early_param("ptrace_putreg", set_ptrace_putreg);

#define FLAG_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
                   X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_OF | \
                   X86_EFLAGS_RF | X86_EFLAGS_AC)
static bool invalid_selector(u16 sel)
{
        return sel != 0 && (sel & 3) != 3 && !ptrace_putreg_novalidate;
}
static int putreg(struct task_struct *t, unsigned long off, unsigned long value)
{
        struct pt_regs *regs = task_pt_regs(t);
        u16 sel = value;

        switch (off) {
        case UREG(cs): case UREG(ss): case UREG(ds): case UREG(es): case UREG(fs): case UREG(gs):
                if (invalid_selector(sel) || ((off == UREG(cs) || off == UREG(ss)) && !sel))
                        return -EIO;
                if (off == UREG(cs)) regs->cs = sel;
                else if (off == UREG(ss)) regs->ss = sel;
                else if (off == UREG(ds)) t->ds = sel;
                else if (off == UREG(es)) t->es = sel;
                else if (off == UREG(fs)) t->fsindex = sel;
                else t->gsindex = sel;
                return 0;
        case UREG(flags):
                if (value & X86_EFLAGS_TF)
                        t->forced_tf = false;
                else if (t->forced_tf)
                        value |= X86_EFLAGS_TF;
                regs->flags = (regs->flags & ~FLAG_MASK) | (value & FLAG_MASK);
                return 0;
        case UREG(fs_base): case UREG(gs_base):
                if (value >= TASK_SIZE_MAX)
                        return -EIO;
                *(off == UREG(fs_base) ? &t->fsbase : &t->gsbase) = value;
                return 0;
        }
        ((unsigned long *)regs)[off / 8] = value;
        return 0;
}
static long getregs(struct task_struct *t, void __user *data)
{
        unsigned long words[USER_REGS_WORDS];

        for (unsigned int i = 0; i < USER_REGS_WORDS; i++)
                words[i] = getreg(t, i * 8);
        return copy_to_user(data, words, sizeof(words)) ? -EFAULT : 0;
}
static long setregs(struct task_struct *t, const void __user *data)
{
        unsigned long words[USER_REGS_WORDS];

        if (copy_from_user(words, data, sizeof(words)))
                return -EFAULT;
        for (unsigned int i = 0; i < USER_REGS_WORDS; i++) {
                int err = putreg(t, i * 8, words[i]);
                if (err)
                        return err;
        }
        return 0;
}
static long getfpregs(struct task_struct *t, void __user *data)
{
        u8 buf[USER_FPREGS_SIZE];

        if (!t->fpstate)
                return -EIO;
        memcpy(buf, t->fpstate, 416);
        memset(buf + 416, 0, sizeof(buf) - 416);
        race_point("ptrace:fpregs-read");
        return copy_to_user(data, buf, sizeof(buf)) ? -EFAULT : 0;
}
long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
                 unsigned long data)
{
        unsigned long word = 0;

        switch (request) {
        case PTRACE_PEEKUSR:
                if ((addr & 7) || addr >= USER_SIZE)
                        return -EIO;
                if (addr < sizeof(struct user_regs_struct))
                        word = getreg(child, addr);
                else if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64)
                        word = ptrace_get_debugreg(child, (addr - USER_DEBUGREG) / 8);
                return put_user(word, (unsigned long __user *)data);
        case PTRACE_POKEUSR:
                if ((addr & 7) || addr >= USER_SIZE)
                        return -EIO;
                if (addr < sizeof(struct user_regs_struct))
                        return putreg(child, addr, data);
                if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64)
                        return ptrace_set_debugreg(child, (addr - USER_DEBUGREG) / 8, data);
                return -EIO;
        case PTRACE_GETREGS:
                return getregs(child, (void __user *)data);
        case PTRACE_SETREGS:
                return setregs(child, (const void __user *)data);
        case PTRACE_GETFPREGS:
                return getfpregs(child, (void __user *)data);
        }
        return -EIO;
}
void user_enable_single_step(struct task_struct *child)
{
        struct pt_regs *regs = task_pt_regs(child);

        child->singlestep = true;
        if (!(regs->flags & X86_EFLAGS_TF)) {
                regs->flags |= X86_EFLAGS_TF;
                child->forced_tf = true;
        }
}
void user_disable_single_step(struct task_struct *child)
{
        child->singlestep = false;
        if (child->forced_tf)
                task_pt_regs(child)->flags &= ~X86_EFLAGS_TF;
        child->forced_tf = false;
}
