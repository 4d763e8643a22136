/* Tangled from book/listings-sched.nw (chapter "Listings of ``Tasks and scheduling''"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/smp.h>

static int report_cpu(void *arg)
{
        (void)arg;
        return (int)raw_smp_processor_id() + 100;
}

static unsigned int threads_round(void)
{
        struct task_struct *t[NR_CPUS];
        unsigned int cpu, ok = 0;

        for_each_online_cpu(cpu)
                if (!(t[cpu] = kthread_create(report_cpu, NULL, "worker", cpu)))
                        return 0;
        for_each_online_cpu(cpu)
                ok += kthread_join(t[cpu]) == (int)cpu + 100;
        return ok;
}

DEFINE_KTEST(kthreads, "start a kernel thread on every CPU and join it; leak nothing")
{
        struct mem_snapshot before, after;
        unsigned int ok = threads_round();
        mem_snapshot(&before);
        ok += threads_round();
        mem_snapshot(&after);
        unsigned long leaked = mem_snapshot_leaks(&before, &after);
        pr_info("kthreads: %u of %u threads ran on the CPU they were started on; "
                "the second round leaked %lu page(s)\n", ok, 2 * num_online_cpus(), leaked);
        return ok == 2 * num_online_cpus() && !leaked ? 0 : -1;
}
static volatile int spin_stop;
static volatile unsigned long spins[2];

static int spinner(void *arg)
{
        int i = (int)(long)arg;
        while (!spin_stop)
                spins[i]++;
        return 0;
}

DEFINE_KTEST(preempt, "two busy threads on one CPU both make progress")
{
        unsigned int cpu = num_online_cpus() > 1 ? 1 : 0;
        struct task_struct *a = kthread_create(spinner, (void *)0L, "spin0", cpu);
        struct task_struct *b = kthread_create(spinner, (void *)1L, "spin1", cpu);
        if (!a || !b)
                return -1;
        msleep(200);
        spin_stop = 1;
        kthread_join(a);
        kthread_join(b);
        pr_info("preempt: both threads ran on CPU%u: %s\n", cpu,
                spins[0] && spins[1] ? "yes" : "no");
        return spins[0] && spins[1] ? 0 : -1;
}
static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int test_flag;

static int waiter(void *arg)
{
        (void)arg;
        wait_event(test_wq, test_flag);
        return 7;
}

DEFINE_KTEST(sleep, "wait_event sleeps until wake_up; msleep sleeps long enough")
{
        struct task_struct *t = kthread_create(waiter, NULL, "waiter", 0);
        unsigned long start = jiffies;
        msleep(100);
        unsigned long slept = jiffies - start;
        int still_waiting = !READ_ONCE(t->exited);
        test_flag = 1;
        wake_up(&test_wq);
        int code = kthread_join(t);
        pr_info("sleep: msleep(100) took %lu ticks; the waiter %s until woken, then "
                "returned %d\n", slept, still_waiting ? "slept" : "did NOT sleep", code);
        return slept >= 10 && still_waiting && code == 7 ? 0 : -1;
}
static DEFINE_PER_CPU(unsigned long, mig_counter);
extern unsigned long preempt_check_reports;

DEFINE_KTEST(migrate, "a migration between two per-CPU steps: this_cpu_* stays right")
{
        unsigned long reports = preempt_check_reports;
        if (num_online_cpus() < 2)
                return -1;
        set_cpus_allowed(current, 1UL << 0);
        unsigned long *p = this_cpu_ptr(&mig_counter);   /* reported: preemptible */
        unsigned int first = raw_smp_processor_id();
        set_cpus_allowed(current, 1UL << 1);             /* the migration */
        unsigned int second = raw_smp_processor_id();
        *p += 1;                                         /* CPU0's copy, from CPU1 */
        this_cpu_add(mig_counter, 10);                   /* this CPU's copy */
        pr_info("migrate: took the pointer on CPU%u, ran on CPU%u; CPU0's counter %lu, "
                "CPU1's counter %lu; %lu report(s)\n", first, second,
                per_cpu(mig_counter, 0), per_cpu(mig_counter, 1),
                preempt_check_reports - reports);
        return first == 0 && second == 1 && per_cpu(mig_counter, 0) == 1 &&
               per_cpu(mig_counter, 1) == 10 && preempt_check_reports == reports + 1 ? 0 : -1;
}

#include <asm/tsc.h>
#define SWITCHES 20000

static int yielder(void *arg)
{
        (void)arg;
        for (int i = 0; i < SWITCHES; i++)
                schedule();
        return 0;
}

DEFINE_KTEST(bench_sched, "context switch cost between two threads on one CPU (prints numbers)")
{
        unsigned int cpu = num_online_cpus() > 1 ? 1 : 0;
        u64 t0 = rdtsc();
        struct task_struct *a = kthread_create(yielder, NULL, "yield0", cpu);
        struct task_struct *b = kthread_create(yielder, NULL, "yield1", cpu);
        kthread_join(a);
        kthread_join(b);
        u64 c = (rdtsc() - t0) / (2 * SWITCHES);
        pr_info("bench: context switch on CPU%u: %llu cycles, %lu ns\n", cpu,
                (unsigned long long)c, (unsigned long)(c * 1000000 / tsc_khz));
        return 0;
}
