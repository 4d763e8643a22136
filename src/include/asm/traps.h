/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H
#include <asm/ptrace.h>

enum {
        X86_TRAP_DE = 0, X86_TRAP_DB = 1, X86_TRAP_NMI = 2, X86_TRAP_BP = 3,
        X86_TRAP_OF = 4, X86_TRAP_BR = 5, X86_TRAP_UD = 6, X86_TRAP_NM = 7,
        X86_TRAP_DF = 8, X86_TRAP_TS = 10, X86_TRAP_NP = 11, X86_TRAP_SS = 12,
        X86_TRAP_GP = 13, X86_TRAP_PF = 14, X86_TRAP_MF = 16, X86_TRAP_AC = 17,
        X86_TRAP_MC = 18, X86_TRAP_XF = 19, X86_TRAP_VE = 20, X86_TRAP_CP = 21,
        NR_EXCEPTION_VECTORS = 32
};

/* Page-fault error code bits. */
#define X86_PF_PROT   (1 << 0)   /* 0: page not present; 1: protection */
#define X86_PF_WRITE  (1 << 1)
#define X86_PF_USER   (1 << 2)
#define X86_PF_RSVD   (1 << 3)
#define X86_PF_INSTR  (1 << 4)

void do_exception(struct pt_regs *regs, unsigned long vector);
bool fixup_exception(struct pt_regs *regs, unsigned long vector);
#include <linux/compiler.h>
bool exc_page_fault(struct pt_regs *regs);
bool do_user_exception(struct pt_regs *regs, unsigned long vector);
bool search_exception_tables(unsigned long ip);
void report_page_fault(const struct pt_regs *regs);
void __noreturn die(const char *str, struct pt_regs *regs, unsigned long vector);
extern const char *const exception_names[NR_EXCEPTION_VECTORS];
void pti_check_user_fetch(struct pt_regs *regs, unsigned long address,
                          unsigned long error);
void show_regs(const struct pt_regs *regs);
void show_trace(unsigned long bp);
#endif
