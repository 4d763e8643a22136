/* Tangled from book/listings-rcu.nw (chapter "Listings of ``RCU''"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/processor.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>

struct rt_obj { struct rcu_head rcu; int val; };
static struct rt_obj objs[2] = { { .val = 1 }, { .val = 2 } };
static struct rt_obj *rt_ptr = &objs[0];
static volatile int freed_on = -1;

static void rt_free(struct rcu_head *head)
{
        struct rt_obj *o = container_of(head, struct rt_obj, rcu);
        o->val = -1;                            /* what freeing would destroy */
        freed_on = (int)raw_smp_processor_id();
}

static void rt_update(void *info)
{
        struct rt_obj *old = rt_ptr;
        (void)info;
        rcu_assign_pointer(rt_ptr, &objs[1]);
        call_rcu(&old->rcu, rt_free);
}
DEFINE_KTEST(rcu, "a reader on CPU0 holds a grace period that CPU1 waits for")
{
        unsigned long start, gp0 = rcu_gp_seq();
        if (num_online_cpus() < 2)
                return -1;
        rcu_read_lock();
        struct rt_obj *p = rcu_dereference(rt_ptr);
        smp_call_function_single(1, rt_update, NULL);
        for (start = jiffies; jiffies < start + 20;)
                native_halt();
        pr_info("rcu: reader on CPU0 after 20 ticks: val %d, freed_on %d, gp_seq %lu -> %lu, "
                "waiting on CPU0 %d, CPU1 %d\n", p->val, freed_on, gp0, rcu_gp_seq(),
                rcu_gp_waiting_on(0), rcu_gp_waiting_on(1));
        int intact = p->val == 1 && freed_on == -1;
        rcu_read_unlock();
        start = jiffies;
        rcu_barrier();
        pr_info("rcu: after rcu_barrier: val %d, freed on CPU%d, %lu ticks\n",
                objs[0].val, freed_on, jiffies - start);
        start = jiffies;
        synchronize_rcu();
        pr_info("rcu: synchronize_rcu took %lu ticks\n", jiffies - start);
        return intact && objs[0].val == -1 && freed_on == 1 ? 0 : -1;
}
#include <asm/tsc.h>
#include <linux/sched.h>

static volatile int reader_in, reader_done;

static int spinning_reader(void *arg)
{
        (void)arg;
        rcu_read_lock();
        reader_in = 1;
        for (unsigned long start = jiffies; jiffies < start + 30;)
                asm volatile("pause");
        reader_done = 1;
        rcu_read_unlock();
        return 0;
}

DEFINE_KTEST(rcu_sync, "synchronize_rcu waits for a spinning reader on another CPU")
{
        if (num_online_cpus() < 2)
                return -1;
        struct task_struct *t = kthread_create(spinning_reader, NULL, "reader", 1);
        while (!reader_in)
                msleep(1);
        synchronize_rcu();
        int done = reader_done;
        kthread_join(t);
        pr_info("rcu_sync: synchronize_rcu returned %s the reader finished\n",
                done ? "after" : "BEFORE");
        return done ? 0 : -1;
}

DEFINE_KTEST(bench_rcu, "synchronize_rcu latency (prints numbers)")
{
        u64 t0 = rdtsc();
        for (int i = 0; i < 20; i++)
                synchronize_rcu();
        u64 c = (rdtsc() - t0) / 20;
        pr_info("bench: synchronize_rcu on %u CPU(s): %llu cycles, %lu us\n", num_online_cpus(),
                (unsigned long long)c, (unsigned long)(c * 1000 / tsc_khz));
        return 0;
}
