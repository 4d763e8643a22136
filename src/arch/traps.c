/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/espfix.h>
#include <asm/ia32.h>
#include <asm/mpx.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>

struct gate_desc idt_table[256] __aligned(4096);
extern const unsigned long exception_stubs[NR_EXCEPTION_VECTORS];

void set_intr_gate(unsigned int vector, unsigned long addr, unsigned int ist)
{
        struct gate_desc *g = &idt_table[vector];
        g->offset_low = addr & 0xffff;
        g->segment = __KERNEL_CS;
        g->ist = ist;
        g->type_attr = 0x8e;
        g->offset_middle = (addr >> 16) & 0xffff;
        g->offset_high = addr >> 32;
        g->reserved = 0;
}
void load_idt(void)
{
        struct desc_ptr idt_descr = { sizeof(idt_table) - 1, (u64)idt_table };
        asm volatile("lidt %0" : : "m"(idt_descr));
}

void trap_init(void)
{
        for (unsigned int v = 0; v < NR_EXCEPTION_VECTORS; v++)
                set_intr_gate(v, exception_stubs[v], 0);
        set_intr_gate(X86_TRAP_DF, exception_stubs[X86_TRAP_DF], IST_INDEX_DF + 1);
        set_intr_gate(X86_TRAP_NMI, exception_stubs[X86_TRAP_NMI], IST_INDEX_NMI + 1);
        set_intr_gate(X86_TRAP_DB, exception_stubs[X86_TRAP_DB], IST_INDEX_DB + 1);
        set_intr_gate(X86_TRAP_MC, exception_stubs[X86_TRAP_MC], IST_INDEX_MCE + 1);
        idt_table[X86_TRAP_BP].type_attr = 0xee;        /* DPL 3: INT3 from user mode */
        idt_table[X86_TRAP_OF].type_attr = 0xee;        /* DPL 3: INTO */
        ia32_init_vendor();
        set_intr_gate(IA32_SYSCALL_VECTOR, (unsigned long)entry_INT80_compat, 0);
        idt_table[IA32_SYSCALL_VECTOR].type_attr = 0xee;        /* DPL 3 */
        load_idt();
}
const char *const exception_names[NR_EXCEPTION_VECTORS] = {
        "divide error", "debug", "NMI", "int3", "overflow", "bounds",
        "invalid opcode", "device not available", "double fault",
        "coprocessor segment overrun", "invalid TSS", "segment not present",
        "stack segment", "general protection fault", "page fault", "reserved",
        "x87 floating-point error", "alignment check", "machine check",
        "SIMD floating-point exception", "virtualization exception",
        "control protection fault", "reserved", "reserved", "reserved",
        "reserved", "reserved", "reserved", "hypervisor injection",
        "VMM communication", "security exception", "reserved",
};
void report_page_fault(const struct pt_regs *regs)
{
        unsigned long err = regs->orig_ax;
        pr_emerg("BUG: unable to handle page fault for address: %016lx\n", read_cr2());
        pr_emerg("#PF: %s %s in %s mode\n",
                 err & X86_PF_USER ? "user" : "supervisor",
                 err & X86_PF_INSTR ? "instruction fetch" :
                 err & X86_PF_WRITE ? "write access" : "read access",
                 user_mode(regs) ? "user" : "kernel");
        pr_emerg("#PF: error_code(0x%04lx) - %s\n", err,
                 !(err & X86_PF_PROT) ? "not-present page" :
                 err & X86_PF_RSVD ? "reserved bit violation" :
                 "permissions violation");
}
static int die_counter;

void __noreturn die(const char *str, struct pt_regs *regs, unsigned long vector)
{
        oops_in_progress = 1;
        if ((long)regs->orig_ax == -1)
                pr_emerg("Oops: %s (vector %lu), no error code [#%d]\n",
                         str, vector, ++die_counter);
        else
                pr_emerg("Oops: %s (vector %lu), error code 0x%lx [#%d]\n",
                         str, vector, regs->orig_ax, ++die_counter);
        show_regs(regs);
        show_trace(regs->bp);
        panic("Fatal exception in %s mode", user_mode(regs) ? "user" : "kernel");
}
void do_exception(struct pt_regs *regs, unsigned long vector)
{
        if (vector == X86_TRAP_DB && exc_debug(regs))
                return;
        if (vector == X86_TRAP_PF && exc_page_fault(regs))
                return;
        if (vector == X86_TRAP_BR && user_mode(regs) && do_bounds(regs))
                return;
        if (user_mode(regs) && do_user_exception(regs, vector))
                return;
        if (vector == X86_TRAP_DF && user_mode(regs) && espfix_df_fixup) {
                pr_info("espfix: the IRET faulted on the ministack: a double fault, handled as the #GP\n");
                if (do_user_exception(regs, X86_TRAP_GP))
                        return;
        }
        if (fixup_exception(regs, vector))
                return;
        if (vector == X86_TRAP_PF)
                report_page_fault(regs);
        if (vector == X86_TRAP_DF && (stack_guard_hit(regs->sp) || stack_guard_hit(read_cr2())))
                pr_emerg("BUG: kernel stack overflow: RSP %016lx, CR2 %016lx: "
                         "a stack guard page was hit\n", regs->sp, read_cr2());
        die(exception_names[vector], regs, vector);
}
