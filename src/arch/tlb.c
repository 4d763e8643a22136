/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/string.h>

bool tlb_shootdown = true;

struct flush_range { unsigned long start, end; struct mm_struct *mm; };

void flush_tlb_local_range(unsigned long start, unsigned long end)
{
        if ((end - start) / PAGE_SIZE > 32) {
                write_cr3(read_cr3());
                return;
        }
        for (unsigned long a = start & PAGE_MASK; a < end; a += PAGE_SIZE)
                __flush_tlb_one(a);
}

static void do_flush_range(void *info)
{
        struct flush_range *r = info;
        flush_tlb_local_range(r->start, r->end);
}
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
        struct flush_range r = { start, end, NULL };

        if (!tlb_shootdown) {
                flush_tlb_local_range(start, end);
                return;
        }
        on_each_cpu(do_flush_range, &r);
}

static void do_flush_mm_range(void *info)
{
        struct flush_range *r = info;

        if (!leave_lazy_mm(r->mm))
                flush_tlb_local_range(r->start, r->end);
}
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
        struct flush_range r = { start, end, mm };

        if (mm == &init_mm || !tlb_shootdown) {
                flush_tlb_kernel_range(start, end);
                return;
        }
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        on_each_cpu_mask(READ_ONCE(mm->cpu_mask), do_flush_mm_range, &r);
}

static int set_tlb_shootdown(char *val)
{
        int broken = parse_broken_switch("tlb_shootdown", val, "on", "off",
                "stale TLB entries survive unmapping");

        if (broken < 0)
                return broken;
        tlb_shootdown = !broken;
        return 0;
}
early_param("tlb_shootdown", set_tlb_shootdown);
