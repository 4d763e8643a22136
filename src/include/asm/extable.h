/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H
#include <linux/types.h>

struct exception_table_entry {
        unsigned long insn, fixup;
};

/* Read 8 bytes at ptr; 0 on success, -EFAULT (and *val = 0) if it faults. */
static inline int get_kernel_nofault(u64 *val, const void *ptr)
{
        int err = 0;
        u64 v;
        asm volatile("1:        movq (%2), %1\n"
                     "2:\n"
                     "  .pushsection .fixup, \"ax\"\n"
                     "3:        movl $-14, %0\n"
                     "  xorl %k1, %k1\n"
                     "  jmp 2b\n"
                     "  .popsection\n"
                     "  .pushsection __ex_table, \"a\"\n"
                     "  .balign 8\n"
                     "  .quad 1b, 3b\n"
                     "  .popsection"
                     : "+r"(err), "=r"(v) : "r"(ptr) : "memory");
        *val = v;
        return err;
}
#endif
