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
        struct lockdep_chain_stats st;

        if (!lockdep_dump_dot)
                return;
        lockdep_read_chain_stats(&st);
        pr_info("lockdep: %u chains cached (of %u), %lu acquisitions validated, "
                "%lu of them with the cache full\n", st.chains, MAX_LOCKDEP_CHAINS,
                st.misses, st.uncached);
        lockdep_depgraph_dot();
}
static int set_lockdep_chain(char *val)
{
        int bad;

        if (val && !strcmp(val, "off")) {
                lockdep_chain_mode = LOCKDEP_CHAIN_OFF;
                return 0;
        }
        bad = parse_broken_switch("lockdep_chain", val, "on", "trust",
                                  "a chain is named by its new lock alone, so a lock "
                                  "first taken alone is never checked again");
        if (bad < 0)
                return bad;
        lockdep_chain_mode = bad ? LOCKDEP_CHAIN_TRUST : LOCKDEP_CHAIN_ON;
        return 0;
}
early_param("lockdep_chain", set_lockdep_chain);
