/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/ldt.h>
#include <asm/mmu_context.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/smp.h>

DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate) = { .loaded_mm = &init_mm };

void switch_mm_irqs_off(struct mm_struct *next)
{
        struct mm_struct *want = next ? next : &init_mm;
        struct mm_struct *prev = tlbstate_unchecked
                ? this_cpu_read(cpu_tlbstate.loaded_mm)
                : __this_cpu_read(cpu_tlbstate.loaded_mm);
        unsigned long me = 1UL << raw_smp_processor_id();

        raw_cpu_write(cpu_tlbstate.is_lazy, false);    /* context checked just above */
        if (prev == want)
                return;
        if (want != &init_mm)
                __atomic_or_fetch(&want->cpu_mask, me, __ATOMIC_SEQ_CST);
        write_cr3(__pa(want->pgd));
        if (prev && prev != &init_mm)
                __atomic_and_fetch(&prev->cpu_mask, ~me, __ATOMIC_SEQ_CST);
        if (tlbstate_unchecked)
                this_cpu_write(cpu_tlbstate.loaded_mm, want);
        else
                __this_cpu_write(cpu_tlbstate.loaded_mm, want);
        switch_ldt(prev, want);         /* Chapter "The local descriptor table" */
}
void switch_mm(struct mm_struct *next)
{
        unsigned long flags;
        local_irq_save(flags);
        switch_mm_irqs_off(next);
        local_irq_restore(flags);
}
void enter_lazy_tlb(void)
{
        struct mm_struct *mm = __this_cpu_read(cpu_tlbstate.loaded_mm);

        if (mm && mm != &init_mm)
                __this_cpu_write(cpu_tlbstate.is_lazy, true);
}

/* Context: interrupts off. */
bool leave_lazy_mm(struct mm_struct *mm)
{
        if (!__this_cpu_read(cpu_tlbstate.is_lazy) ||
            __this_cpu_read(cpu_tlbstate.loaded_mm) != mm)
                return false;
        switch_mm_irqs_off(&init_mm);
        return true;
}
static bool lazy_tlb_shootdown = true;

static void leave_lazy_ipi(void *info)
{
        leave_lazy_mm(info);
}

void shoot_lazy_tlbs(struct mm_struct *mm)
{
        unsigned long mask = READ_ONCE(mm->cpu_mask);

        if (mask && lazy_tlb_shootdown)
                on_each_cpu_mask(mask, leave_lazy_ipi, mm);
}

static int set_lazy_tlb_shootdown(char *val)
{
        int broken = parse_broken_switch("lazy_tlb_shootdown", val, "on", "off",
                "an address space is freed while a lazy CPU has it loaded");

        if (broken < 0)
                return broken;
        lazy_tlb_shootdown = !broken;
        return 0;
}
early_param("lazy_tlb_shootdown", set_lazy_tlb_shootdown);

void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
        save_fsgs(prev);
        if (prev->mm)
                fpu_save(prev);
        if (next->mm)
                switch_mm_irqs_off(next->mm);
        else
                enter_lazy_tlb();
        raw_cpu_write(cpu_current_top_of_stack, next->stack_hi);
        load_TLS(next->tls_array);
        load_fsgs(prev, next);
        switch_debugregs(prev, next);
        if (next->mm)
                fpu_restore(next);
}
