/* Tangled from book/pti.nw (chapter "Page-table isolation and the LDT"). Do not edit: edit the book and run make tangle. */
#include <asm/mmu_context.h>
#include <asm/pti.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/preempt.h>

extern unsigned long preempt_check_reports;

DEFINE_KTEST(tlbstate_preempt, "cpu_tlbstate from preemptible code: __this_cpu_* is reported")
{
        unsigned long before = preempt_check_reports;
        struct mm_struct *mm = this_cpu_read(cpu_tlbstate.loaded_mm);

        pr_info("tlbstate: this_cpu_read(cpu_tlbstate.loaded_mm) = %s: %lu report(s)\n",
                mm == &init_mm ? "init_mm" : "?", preempt_check_reports - before);
        if (preempt_check_reports != before)
                return -1;
        switch_mm_irqs_off(&init_mm);
        pr_info("tlbstate: switch_mm_irqs_off from preemptible code: %lu report(s)\n",
                preempt_check_reports - before);
        return preempt_check_reports > before ? 0 : -1;
}
