/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>

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

static bool lockdep_dump_dot;

static int set_lockdep_dump(char *val)
{
        if (!val || strcmp(val, "dot"))
                return -EINVAL;
        lockdep_dump_dot = true;
        return 0;
}
early_param("lockdep_dump", set_lockdep_dump);

/* Context: task context, no graph lock held. */
void lockdep_dump_requested(void)
{
        if (lockdep_dump_dot)
                lockdep_depgraph_dot();
}
