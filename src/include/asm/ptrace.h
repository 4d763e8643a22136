/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define PTREGS_SIZE (21 * 8)
#ifndef __ASSEMBLY__
struct pt_regs {
        unsigned long r15, r14, r13, r12, bp, bx;
        unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
        unsigned long orig_ax;          /* error code, or -1 */
        unsigned long ip, cs, flags, sp, ss;   /* pushed by the CPU */
};

static inline int user_mode(const struct pt_regs *regs)
{
        return (regs->cs & 3) == 3;
}
#endif
#endif
