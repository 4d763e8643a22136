/* Tangled from book/ctxtrack.nw (chapter "Context tracking and the entry code: the saved CS or the soft state"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_FSGSBASE_H
#define _ASM_FSGSBASE_H
#include <asm/msr.h>
#include <asm/processor.h>
#include <linux/preempt.h>
#include <linux/types.h>

#define X86_CR4_FSGSBASE        (1UL << 16)
#define HWCAP2_FSGSBASE         (1UL << 1)
#define MSR_TSC_AUX             0xc0000103
extern bool fsgsbase_enabled, have_rdtscp;
extern unsigned long elf_hwcap2;
void fsgsbase_init_cpu(void);

static inline unsigned long x86_fsbase_read_cpu(void)
{
        unsigned long v;

        if (!fsgsbase_enabled)
                return rdmsrl(MSR_FS_BASE);
        asm volatile("rdfsbase %0" : "=r"(v));
        return v;
}

static inline void x86_fsbase_write_cpu(unsigned long v)
{
        if (!fsgsbase_enabled)
                wrmsrl(MSR_FS_BASE, v);
        else
                asm volatile("wrfsbase %0" : : "r"(v) : "memory");
}

static inline unsigned long x86_gsbase_read_cpu_inactive(void)
{
        unsigned long v, flags;

        if (!fsgsbase_enabled)
                return rdmsrl(MSR_KERNEL_GS_BASE);
        local_irq_save(flags);
        asm volatile("swapgs; rdgsbase %0; swapgs" : "=r"(v));
        local_irq_restore(flags);
        return v;
}

static inline void x86_gsbase_write_cpu_inactive(unsigned long v)
{
        unsigned long flags;

        if (!fsgsbase_enabled) {
                wrmsrl(MSR_KERNEL_GS_BASE, v);
                return;
        }
        local_irq_save(flags);
        asm volatile("swapgs; wrgsbase %0; swapgs" : : "r"(v) : "memory");
        local_irq_restore(flags);
}
#endif
