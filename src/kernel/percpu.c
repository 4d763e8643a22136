/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/string.h>

DEFINE_PER_CPU(unsigned long, this_cpu_off);
DEFINE_PER_CPU(int, cpu_number);
DEFINE_PER_CPU(unsigned int, __preempt_count);
unsigned long __per_cpu_offset[NR_CPUS];
bool debug_preempt = true;
unsigned long preempt_check_reports;

unsigned int check_preemption_disabled(const char *what, unsigned long caller)
{
        unsigned int cpu = raw_smp_processor_id();

        if (likely(preempt_count()) || irqs_disabled() || !debug_preempt)
                return cpu;
        preempt_disable();
        preempt_check_reports++;
        pr_err("BUG: using %s() in preemptible [%08x] code: %s/%d\n",
               what, preempt_count() - 1, current->comm, current->pid);
        pr_err("caller is %pS\n", (void *)caller);
        dump_stack();
        preempt_enable_no_resched();
        return cpu;
}
noinline unsigned int debug_smp_processor_id(void)
{
        return check_preemption_disabled("smp_processor_id",
                                         (unsigned long)__builtin_return_address(0));
}

noinline void __this_cpu_preempt_check(const char *what)
{
        check_preemption_disabled(what, (unsigned long)__builtin_return_address(0));
}

static int set_debug_preempt(char *val)
{
        if (!val || (strcmp(val, "on") && strcmp(val, "off")))
                return -EINVAL;
        debug_preempt = !strcmp(val, "on");
        return 0;
}
early_param("debug_preempt", set_debug_preempt);
