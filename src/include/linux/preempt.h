/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H
#include <asm/processor.h>
#include <linux/percpu.h>

#define PREEMPT_MASK   0x0000ffffU
#define HARDIRQ_SHIFT  16
#define HARDIRQ_OFFSET (1U << HARDIRQ_SHIFT)
#define HARDIRQ_MASK   0x0fff0000U

DECLARE_PER_CPU(unsigned int, __preempt_count);
#define preempt_count()   raw_cpu_read(__preempt_count)
#define in_irq()          (preempt_count() & HARDIRQ_MASK)
#define in_interrupt()    in_irq()
#define preempt_disable() do { raw_cpu_add(__preempt_count, 1); barrier(); } while (0)
#define preempt_enable_no_resched() \
        do { barrier(); raw_cpu_add(__preempt_count, -1); } while (0)
bool need_resched(void);
void preempt_schedule(void);
#define preempt_enable() do {                                           \
        preempt_enable_no_resched();                                    \
        if (unlikely(!preempt_count() && need_resched()))               \
                preempt_schedule();                                     \
} while (0)

static inline bool irqs_disabled(void) { return !(native_save_fl() & X86_EFLAGS_IF); }
#define local_irq_save(flags) \
        do { (flags) = native_save_fl(); local_irq_disable(); } while (0)
#define local_irq_restore(flags) \
        do { if ((flags) & X86_EFLAGS_IF) local_irq_enable(); } while (0)
#endif
