/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include <asm/mmu_context.h>
#include <asm/pti.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/process.h>

extern unsigned long preempt_check_reports;

DEFINE_KTEST(ldt_dup_exits,
             "ldt_dup_context's two early exits allocate nothing")
{
        struct mm_struct *old = mm_alloc(), *mm = mm_alloc();
        int r1, r2, bad;

        if (!old || !mm)
                return -1;
        r1 = ldt_dup_context(NULL, mm);
        r2 = ldt_dup_context(old, mm);
        pr_info("ldt_dup_exits: no old mm: %d; old mm without an LDT: %d; "
                "page tables %ld, LDT %s\n", r1, r2, mm->nr_ptes,
                mm->context.ldt ? "set" : "none");
        bad = r1 || r2 || mm->nr_ptes || mm->context.ldt;
        mmput(mm);
        mmput(old);
        return bad ? -1 : 0;
}
DEFINE_KTEST(tlbstate_preempt,
             "cpu_tlbstate from preemptible code: __this_cpu_* is reported")
{
        unsigned long before = preempt_check_reports;
        struct mm_struct *mm = this_cpu_read(cpu_tlbstate.loaded_mm);

        pr_info("tlbstate: this_cpu_read(cpu_tlbstate.loaded_mm) = %s: "
                "%lu report(s)\n", mm == &init_mm ? "init_mm" : "?",
                preempt_check_reports - before);
        if (preempt_check_reports != before)
                return -1;
        switch_mm_irqs_off(&init_mm);
        pr_info("tlbstate: switch_mm_irqs_off from preemptible code: "
                "%lu report(s)\n",
                preempt_check_reports - before);
        return preempt_check_reports > before ? 0 : -1;
}
