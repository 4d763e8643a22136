/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/types.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct pt_regs *regs, unsigned long vector)
{
        if (user_mode(regs) || (vector != X86_TRAP_PF && vector != X86_TRAP_GP))
                return false;
        for (const struct exception_table_entry *e = __start___ex_table;
             e < __stop___ex_table; e++)
                if (e->insn == regs->ip) {
                        regs->ip = e->fixup;
                        return true;
                }
        return false;
}
