/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/smp.h>

unsigned long lockdep_irq_save(void)
{
        unsigned long flags;
        local_irq_save(flags);
        return flags;
}

void lockdep_irq_restore(unsigned long flags)
{
        local_irq_restore(flags);
}

struct lockdep_task *lockdep_current(void)
{
        if (!sched_ready || in_irq() || !current)
                return NULL;
        return &current->lockdep;
}

unsigned int lockdep_save_trace(unsigned long *entries, unsigned int max)
{
        return save_stack_trace(entries, max, 2);
}
