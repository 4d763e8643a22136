/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/types.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

static const struct exception_table_entry *search_extable(unsigned long ip)
{
        for (const struct exception_table_entry *e = __start___ex_table;
             e < __stop___ex_table; e++)
                if (e->insn == ip)
                        return e;
        return NULL;
}
bool search_exception_tables(unsigned long ip) { return search_extable(ip); }
bool fixup_exception(struct pt_regs *regs, unsigned long vector)
{
        if (user_mode(regs) ||
            (vector != X86_TRAP_PF && vector != X86_TRAP_GP && vector != X86_TRAP_NP))
                return false;
        const struct exception_table_entry *e = search_extable(regs->ip);
        if (e)
                regs->ip = e->fixup;
        return e;
}
