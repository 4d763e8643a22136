/* Tangled from book/fault.nw (chapter "Page faults and copy-on-write"). Do not edit: edit the book and run make tangle. */
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/signal.h>

static bool access_error(unsigned long error, const struct vm_area_struct *vma)
{
        if (error & X86_PF_WRITE)
                return !(vma->vm_flags & VM_WRITE);
        if (error & X86_PF_INSTR)
                return !(vma->vm_flags & VM_EXEC);
        if (error & X86_PF_PROT)
                return true;
        return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}
static void bad_area(struct pt_regs *regs, unsigned long error,
                     unsigned long address, int si_code)
{
        if (!user_mode(regs)) {
                if (fixup_exception(regs, X86_TRAP_PF))
                        return;
                report_page_fault(regs);
                die("page fault", regs, X86_TRAP_PF);
        }
        if (address >= TASK_SIZE_MAX)
                error |= X86_PF_PROT;           /* Linux's sanitize_error_code */
        if (!sig_handled(current, SIGSEGV))
                pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
                        current->comm, current->pid, address, regs->ip, regs->sp, error);
        force_sig_fault(SIGSEGV, si_code, address, X86_TRAP_PF, error);
}
static void do_sigbus(struct pt_regs *regs, unsigned long error, unsigned long address)
{
        if (!user_mode(regs)) {
                if (fixup_exception(regs, X86_TRAP_PF))
                        return;
                report_page_fault(regs);
                die("page fault", regs, X86_TRAP_PF);
        }
        force_sig_fault(SIGBUS, BUS_ADRERR, address, X86_TRAP_PF, error);
}
static bool do_user_addr_fault(struct pt_regs *regs, unsigned long error,
                               unsigned long address)
{
        struct mm_struct *mm = current->mm;
        unsigned int flags = 0;
        int si_code = SEGV_MAPERR;
        vm_fault_t fault;

        if (!mm || !(regs->flags & X86_EFLAGS_IF) || preempt_count())
                goto no_context;
        local_irq_enable();
        if (error & X86_PF_WRITE)
                flags |= FAULT_FLAG_WRITE;
        if (error & X86_PF_INSTR)
                flags |= FAULT_FLAG_INSTRUCTION;
        down_read(&mm->mmap_lock);
        struct vm_area_struct *vma = find_vma(mm, address);
        if (!vma || vma->vm_start > address)
                goto bad_area_unlock;
        si_code = SEGV_ACCERR;
        if (access_error(error, vma))
                goto bad_area_unlock;
        fault = handle_mm_fault(vma, address, flags);
        if (!(fault & (VM_FAULT_OOM | VM_FAULT_SIGBUS))) {
                current->usage.min_flt++;
                update_hiwater_rss(mm);
        }
        up_read(&mm->mmap_lock);
        if (fault & VM_FAULT_OOM)
                {
                        local_irq_disable();
                        if (!user_mode(regs))
                                return false;
                        pagefault_out_of_memory();
                        return true;
                }
        local_irq_disable();
        if (fault & VM_FAULT_SIGBUS)
                do_sigbus(regs, error, address);
        return true;
bad_area_unlock:
        up_read(&mm->mmap_lock);
        local_irq_disable();
        bad_area(regs, error, address, si_code);
        return true;
no_context:
        return user_mode(regs) ? (bad_area(regs, error, address, SEGV_MAPERR), true) : false;
}
bool do_user_exception(struct pt_regs *regs, unsigned long vector)
{
        static const struct { u8 vector, sig; short code; } map[] = {
                { X86_TRAP_DE, SIGFPE, FPE_INTDIV }, { X86_TRAP_DB, SIGTRAP, TRAP_TRACE },
                { X86_TRAP_BP, SIGTRAP, SI_KERNEL }, { X86_TRAP_OF, SIGSEGV, SI_KERNEL },
                { X86_TRAP_BR, SIGSEGV, SI_KERNEL }, { X86_TRAP_UD, SIGILL, ILL_ILLOPN },
                { X86_TRAP_NM, SIGSEGV, SI_KERNEL }, { X86_TRAP_TS, SIGSEGV, SI_KERNEL },
                { X86_TRAP_NP, SIGBUS, SI_KERNEL }, { X86_TRAP_SS, SIGBUS, SI_KERNEL },
                { X86_TRAP_GP, SIGSEGV, SI_KERNEL }, { X86_TRAP_MF, SIGFPE, FPE_FLTINV },
                { X86_TRAP_AC, SIGBUS, BUS_ADRALN }, { X86_TRAP_XF, SIGFPE, FPE_FLTINV },
        };
        unsigned long error = (long)regs->orig_ax == -1 ? 0 : regs->orig_ax;

        for (unsigned int i = 0; i < ARRAY_SIZE(map); i++) {
                if (map[i].vector != vector)
                        continue;
                if (!sig_handled(current, map[i].sig))
                        pr_info("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n",
                                current->comm, current->pid, exception_names[vector],
                                regs->ip, regs->sp, error);
                force_sig_fault(map[i].sig, map[i].code,
                                map[i].code == SI_KERNEL ? 0 : regs->ip, vector, error);
                return true;
        }
        return false;
}

bool exc_page_fault(struct pt_regs *regs)
{
        unsigned long address = read_cr2(), error = regs->orig_ax;

        if (user_mode(regs) && (error & X86_PF_INSTR) && (error & X86_PF_PROT))
                pti_check_user_fetch(regs, address, error);
        if (address >= TASK_SIZE_MAX) {
                if (!user_mode(regs))
                        return false;           /* do_exception: fixup or oops */
                bad_area(regs, error, address, SEGV_MAPERR);
                return true;
        }
        if (!user_mode(regs) && !search_exception_tables(regs->ip))
                return false;                   /* a kernel bug: oops */
        if (error & X86_PF_RSVD)
                return false;
        return do_user_addr_fault(regs, error, address);
}
