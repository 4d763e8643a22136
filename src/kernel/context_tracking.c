/* Tangled from book/ctxtrack.nw (chapter "Context tracking and the entry code: the saved CS or the soft state"). Do not edit: edit the book and run make tangle. */
#include <linux/context_tracking.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/apic.h>

DEFINE_PER_CPU(struct context_tracking, context_tracking);

unsigned long ct_warnings, ct_rcu_splats, ct_checks;

void ct_rcu_suspicious(const char *file, int line, const char *msg)
{
        static bool printed;

        __atomic_fetch_add(&ct_rcu_splats, 1, __ATOMIC_RELAXED);
        if (__atomic_exchange_n(&printed, true, __ATOMIC_RELAXED))
                return;
        pr_warn("\n");
        pr_warn("=============================\n");
        pr_warn("WARNING: suspicious RCU usage\n");
        pr_warn("-----------------------------\n");
        pr_warn("%s:%d %s!\n", file, line, msg);
        pr_warn("\nother info that might help us debug this:\n\n");
        pr_warn("RCU used illegally from extended quiescent state!\n");
        pr_warn("CPU %u, context tracking state %d, model %s, comm %s/%d\n",
                raw_smp_processor_id(), ct_state(), ct_model == CT_MODEL_CS ? "cs" : "soft",
                current->comm, current->pid);
        dump_stack();
}
static bool ct_recursion_enter(struct context_tracking *ct)
{
        if (ct->recursion++ == 0)
                return true;
        ct->recursion--;
        CT_WARN_ON(1);                  /* a nested call: say so, change nothing */
        return false;
}

void user_enter(void)
{
        unsigned long flags;
        unsigned int cpu;
        struct context_tracking *ct;

        local_irq_save(flags);
        cpu = raw_smp_processor_id();
        ct = per_cpu_ptr(&context_tracking, cpu);
        if (ct_cpu_active(cpu) && ct_recursion_enter(ct)) {
                if (ct->state != CONTEXT_USER) {
                        rcu_user_enter(cpu);    /* RCU first: then the state says so */
                        WRITE_ONCE(ct->state, CONTEXT_USER);
                        ct->transitions++;
                }
                ct->recursion--;
        }
        local_irq_restore(flags);
}

void user_exit(void)
{
        unsigned long flags;
        unsigned int cpu;
        struct context_tracking *ct;

        local_irq_save(flags);
        cpu = raw_smp_processor_id();
        ct = per_cpu_ptr(&context_tracking, cpu);
        if (ct_cpu_active(cpu) && ct_recursion_enter(ct)) {
                if (ct->state == CONTEXT_USER) {
                        rcu_user_exit(cpu);     /* RCU watches again ... */
                        WRITE_ONCE(ct->state, CONTEXT_KERNEL); /* ... then the state */
                        ct->transitions++;
                }
                ct->recursion--;
        }
        local_irq_restore(flags);
}
enum ctx_state exception_enter(void)
{
        enum ctx_state prev = ct_state();

        if (prev == CONTEXT_USER)
                user_exit();
        return prev;
}

void exception_exit(enum ctx_state prev)
{
        if (prev == CONTEXT_USER)
                user_enter();
}
unsigned long ct_cpu_mask;

static unsigned long ct_parse_number(char *p, char **end)
{
        unsigned long n = 0;

        while (*p >= '0' && *p <= '9' && n < NR_CPUS)
                n = n * 10 + (unsigned long)(*p++ - '0');
        *end = p;
        return n;
}

static int set_context_tracking(char *val)
{
        unsigned long mask = 0;

        if (!val)
                return -EINVAL;
        if (!strcmp(val, "all")) {
                mask = ~0UL;
        } else {
                for (char *p = val; *p;) {
                        unsigned long lo, hi;
                        char *end;

                        lo = hi = ct_parse_number(p, &end);
                        if (end == p)
                                return -EINVAL;
                        if (*end == '-') {
                                p = end + 1;
                                hi = ct_parse_number(p, &end);
                                if (end == p || hi < lo)
                                        return -EINVAL;
                        }
                        if (hi >= NR_CPUS)
                                return -ERANGE;
                        for (unsigned long c = lo; c <= hi; c++)
                                mask |= 1UL << c;
                        p = *end == ',' ? end + 1 : end;
                        if (*end && *end != ',')
                                return -EINVAL;
                }
        }
        ct_cpu_mask = mask;
        return 0;
}
early_param("context_tracking", set_context_tracking);

static int set_nohz_full(char *val) { return set_context_tracking(val); }
early_param("nohz_full", set_nohz_full);
enum ct_model ct_model = CT_MODEL_CS;

static int set_ct_model(char *val)
{
        if (val && !strcmp(val, "cs"))
                ct_model = CT_MODEL_CS;
        else if (val && !strcmp(val, "soft"))
                ct_model = CT_MODEL_SOFT;
        else
                return -EINVAL;
        return 0;
}
early_param("ct_model", set_ct_model);
bool tick_user_qs = true;               /* false: the tick reports no user-mode QS */

static int set_tick_user_qs(char *val)
{
        if (val && !strcmp(val, "on"))
                tick_user_qs = true;
        else if (val && !strcmp(val, "off"))
                tick_user_qs = false;
        else
                return -EINVAL;
        return 0;
}
early_param("tick_user_qs", set_tick_user_qs);
bool ct_entry_fault;                    /* ct_entry_fault=gp: broken */
bool ct_entry_fault_pf;                 /* ct_entry_fault=pf: broken */
bool ct_skip_user_exit;                 /* ct_user_exit=skip: broken */

static int set_ct_entry_fault(char *val)
{
        int bad;

        if (val && !strcmp(val, "pf")) {
                ct_entry_fault_pf = parse_broken_switch("ct_entry_fault", val, "off", "pf",
                        "the SYSCALL entry takes a #PF before user_exit()");
                return 0;
        }
        bad = parse_broken_switch("ct_entry_fault", val, "off", "gp",
                "the SYSCALL entry takes a #GP before user_exit()");
        if (bad < 0)
                return bad;
        ct_entry_fault = bad;
        return 0;
}
early_param("ct_entry_fault", set_ct_entry_fault);

static int set_ct_user_exit(char *val)
{
        int bad = parse_broken_switch("ct_user_exit", val, "on", "skip",
                "system calls run while RCU believes the CPU is in user mode");
        if (bad < 0)
                return bad;
        ct_skip_user_exit = bad;
        return 0;
}
early_param("ct_user_exit", set_ct_user_exit);
void enter_from_user_mode(struct pt_regs *regs)
{
        (void)regs;
        CT_WARN_ON(ct_state() != CONTEXT_USER && ct_state() != CONTEXT_DISABLED);
        if (!ct_skip_user_exit)
                user_exit();
        ct_assert_rcu_watching("entry code didn't wake RCU");
}
int irqentry_enter(struct pt_regs *regs, unsigned long vector)
{
        enum ctx_state found = ct_state();

        if (ct_model == CT_MODEL_SOFT)
                exception_enter();
        else if (user_mode(regs))
                user_exit();
        if (vector < NR_EXCEPTION_VECTORS)
                ct_assert_rcu_watching("entry code didn't wake RCU");
        return found;
}
void irqentry_exit(struct pt_regs *regs, int found)
{
        enum ctx_state now;

        if (ct_model == CT_MODEL_SOFT)
                exception_exit(found);
        now = ct_state();
        ct_checks++;
        if (now == CONTEXT_DISABLED || found == CONTEXT_DISABLED)
                return;                 /* an untracked CPU at either end: the task moved */
        if (ct_model == CT_MODEL_CS && user_mode(regs))
                CT_WARN_ON(now != CONTEXT_KERNEL);
        else
                CT_WARN_ON(now != (enum ctx_state)found);
}
void exit_to_user_mode_begin(void)
{
        if (ct_model == CT_MODEL_SOFT)
                user_exit();
        CT_WARN_ON(ct_state() != CONTEXT_KERNEL && ct_state() != CONTEXT_DISABLED);
}

void exit_to_user_mode_end(void)
{
        WARN_ON(!irqs_disabled());
        user_enter();
        CT_WARN_ON(ct_state() != CONTEXT_USER && ct_state() != CONTEXT_DISABLED);
        ct_checks++;
}
DECLARE_PER_CPU(unsigned long, irq_count);

long ct_book_debug(unsigned long arg)
{
        unsigned int cpu = arg & 0xff;

        if (arg == 0) {
                unsigned long start = jiffies;
                synchronize_rcu();
                return (long)(jiffies - start);
        }
        if (arg == 1)
                return (long)ct_warnings;
        if (arg == 2)
                return (long)ct_rcu_splats;
        if (arg == 3)
                return (long)ct_checks;
        if (cpu >= nr_cpu_ids)
                return -EINVAL;
        if ((arg & ~0xffUL) == 0x100)
                return (long)per_cpu(irq_count, cpu);
        if ((arg & ~0xffUL) == 0x200)
                return ct_cpu_active(cpu) ? per_cpu(context_tracking, cpu).state
                                          : CONTEXT_DISABLED;
        return -EINVAL;
}
