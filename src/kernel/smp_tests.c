/* Tangled from book/listings-smp.nw (chapter "Listings of ``CPUs''"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/tsc.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/preempt.h>
#include <linux/smp.h>

static int ran_on[NR_CPUS];
DECLARE_PER_CPU(unsigned long, irq_count);

static void note_cpu(void *info)
{
        (void)info;
        ran_on[raw_smp_processor_id()] = (int)raw_smp_processor_id() + 1;
}

DEFINE_KTEST(smp, "every CPU comes online, takes timer interrupts and runs a function")
{
        unsigned int cpu, ran = 0, ticking = 0;
        unsigned long start = jiffies;

        on_each_cpu(note_cpu, NULL);
        while (jiffies < start + 10)
                native_halt();
        for_each_online_cpu(cpu) {
                ran += ran_on[cpu] == (int)cpu + 1;
                ticking += per_cpu(irq_count, cpu) > 0;
        }
        pr_info("smp: %u of %u CPU(s) online; %u ran the function; %u took interrupts; "
                "jiffies advanced %lu\n", num_online_cpus(), nr_cpu_ids, ran, ticking,
                jiffies - start);
        return num_online_cpus() == nr_cpu_ids && ran == nr_cpu_ids &&
               ticking == nr_cpu_ids ? 0 : -1;
}
static DEFINE_PER_CPU(unsigned long, test_counter);
extern unsigned long preempt_check_reports;

DEFINE_KTEST(percpu, "this_cpu_* is silent in preemptible code; __this_cpu_* is reported")
{
        unsigned long before = preempt_check_reports;

        this_cpu_write(test_counter, 1);
        this_cpu_add(test_counter, 2);
        pr_info("percpu: this_cpu_* from preemptible code: %lu report(s)\n",
                preempt_check_reports - before);
        if (preempt_check_reports != before)
                return -1;
        __this_cpu_write(test_counter, 4);
        (void)smp_processor_id();
        pr_info("percpu: __this_cpu_write and smp_processor_id: %lu report(s)\n",
                preempt_check_reports - before);
        preempt_disable();
        __this_cpu_add(test_counter, 1);
        preempt_enable_no_resched();
        return preempt_check_reports == before + 2 ? 0 : -1;
}
static void nothing(void *info) { (void)info; }

DEFINE_KTEST(bench_ipi, "IPI round trip to every other CPU (prints numbers)")
{
        unsigned int cpu;
        for_each_online_cpu(cpu) {
                if (cpu == 0)
                        continue;
                u64 t0 = rdtsc();
                for (int i = 0; i < 1000; i++)
                        smp_call_function_single(cpu, nothing, NULL);
                u64 cycles = (rdtsc() - t0) / 1000;
                pr_info("bench: IPI round trip CPU0 -> CPU%u: %llu cycles, %lu ns\n", cpu,
                        (unsigned long long)cycles, (unsigned long)(cycles * 1000000 / tsc_khz));
        }
        return 0;
}
