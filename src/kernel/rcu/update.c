/* Tangled from book/rcu.nw (chapter "RCU"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/smp.h>

void rcu_read_lock_hook(void) { preempt_disable(); }
void rcu_read_unlock_hook(void) { preempt_enable(); }
unsigned int rcu_this_cpu_hook(void) { return smp_processor_id(); }
unsigned long rcu_irq_save_hook(void)
{
        unsigned long flags;
        local_irq_save(flags);
        return flags;
}
void rcu_irq_restore_hook(unsigned long flags) { local_irq_restore(flags); }

void rcu_wait_hook(void)
{
        unsigned long flags;

        WARN_ON(preempt_count());       /* waiting inside a reader never ends */
        if (sched_ready && !irqs_disabled()) {
                msleep(1000 / HZ);
                return;
        }
        local_irq_save(flags);
        rcu_note_context_switch(raw_smp_processor_id());
        local_irq_restore(flags);
        if (flags & X86_EFLAGS_IF)
                native_halt();
}
