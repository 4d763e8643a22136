/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

struct call_single_data {
        struct list_head list;
        smp_call_func_t func;
        void *info;
        int done;
};

static DEFINE_PER_CPU(struct list_head, call_queue);
static DEFINE_PER_CPU(arch_spinlock_t, call_lock);

void smp_call_init(void)
{
        for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
                INIT_LIST_HEAD(per_cpu_ptr(&call_queue, cpu));
                arch_spin_lock_init(per_cpu_ptr(&call_lock, cpu));
        }
}

static void queue_request(unsigned int cpu, struct call_single_data *csd)
{
        unsigned long flags;

        local_irq_save(flags);
        arch_spin_lock(per_cpu_ptr(&call_lock, cpu));
        list_add_tail(&csd->list, per_cpu_ptr(&call_queue, cpu));
        arch_spin_unlock(per_cpu_ptr(&call_lock, cpu));
        local_irq_restore(flags);
        apic_send_ipi(cpu, CALL_FUNCTION_VECTOR);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info)
{
        struct call_single_data csd = { .func = func, .info = info };
        unsigned long flags;

        preempt_disable();
        if (cpu == raw_smp_processor_id()) {
                local_irq_save(flags);
                func(info);
                local_irq_restore(flags);
                preempt_enable_no_resched();
                return 0;
        }
        WARN_ON(irqs_disabled());
        if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
                preempt_enable_no_resched();
                return -ENXIO;
        }
        queue_request(cpu, &csd);
        while (!__atomic_load_n(&csd.done, __ATOMIC_ACQUIRE))
                asm volatile("pause");
        preempt_enable_no_resched();
        return 0;
}

void on_each_cpu_mask(unsigned long mask, smp_call_func_t func, void *info)
{
        struct call_single_data csd[NR_CPUS];
        unsigned int cpu, me;
        unsigned long flags;

        preempt_disable();
        WARN_ON(irqs_disabled());
        me = raw_smp_processor_id();
        mask &= READ_ONCE(cpu_online_mask);
        for_each_online_cpu(cpu)
                if (cpu != me && (mask & (1UL << cpu))) {
                        csd[cpu] = (struct call_single_data){ .func = func, .info = info };
                        queue_request(cpu, &csd[cpu]);
                }
        if (mask & (1UL << me)) {
                local_irq_save(flags);
                func(info);
                local_irq_restore(flags);
        }
        for_each_online_cpu(cpu)
                if (cpu != me && (mask & (1UL << cpu)))
                        while (!__atomic_load_n(&csd[cpu].done, __ATOMIC_ACQUIRE))
                                asm volatile("pause");
        preempt_enable_no_resched();
}

void on_each_cpu(smp_call_func_t func, void *info)
{
        on_each_cpu_mask(~0UL, func, info);
}
void generic_smp_call_function_interrupt(void)
{
        struct list_head *q = raw_cpu_ptr(&call_queue);
        arch_spinlock_t *lock = raw_cpu_ptr(&call_lock);

        arch_spin_lock(lock);
        while (!list_empty(q)) {
                struct call_single_data *csd = list_first_entry(q, struct call_single_data, list);
                list_del(&csd->list);
                arch_spin_unlock(lock);
                csd->func(csd->info);
                __atomic_store_n(&csd->done, 1, __ATOMIC_RELEASE);
                arch_spin_lock(lock);
        }
        arch_spin_unlock(lock);
}
