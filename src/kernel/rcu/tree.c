/* Tangled from book/rcu.nw (chapter "RCU"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct rcu_cblist {
        struct rcu_head *head, *tail;   /* NULL, NULL when empty */
        unsigned long gp_seq;           /* may run once rcu_state.gp_seq reaches this */
};

enum { RCU_DONE, RCU_WAIT, RCU_NEXT, RCU_NSEGS };       /* the segments */
enum rcu_eqs { RCU_EQS_NONE, RCU_EQS_IDLE, RCU_EQS_USER };

struct rcu_data {
        /* This CPU only, with interrupts off: no lock. */
        struct rcu_cblist seg[RCU_NSEGS];       /* oldest first */
        enum rcu_eqs eqs;               /* at process level: kernel, idle or user */
        int irq_nesting;                /* interrupts entered and not yet left */
        /* Written by this CPU, read by any: atomic operations only. */
        unsigned long dynticks;         /* odd: RCU watches; even: in an EQS */
        unsigned long n_cbs_queued;     /* callbacks ever queued here ... */
        unsigned long n_cbs_invoked;    /* ... and invoked, in the same order */
        /* rcu_state.lock. */
        unsigned long dynticks_snap;    /* dynticks when the running GP began */
        unsigned long gp_seq_qs;        /* the last GP this CPU was quiescent in */
};
static struct rcu_data rcu_data[NR_CPUS] = {
        [0 ... NR_CPUS - 1] = { .dynticks = 1 },
};
_Static_assert(NR_CPUS < 8 * sizeof(unsigned long), "one mask bit per CPU");

/* Lock order: rcu_state.lock is innermost; nothing is taken while it is held. */
static struct rcu_state {
        arch_spinlock_t lock;          /* untracked: taken in the tick */
        /* Written under lock; gp_seq and qsmask are also read without it. */
        unsigned long gp_seq;           /* odd: a grace period is running */
        unsigned long gp_seq_needed;    /* the furthest end that anyone waits for */
        unsigned long qsmask;           /* CPUs the running GP still waits for */
        unsigned long online;           /* CPUs that grace periods wait for */
} rcu_state = { .lock = __ARCH_SPIN_LOCK_UNLOCKED, .online = 1 };
static bool rcu_seq_in_progress(unsigned long s) { return s & 1; }

/* The gp_seq at which a grace period that starts after now has ended. */
static unsigned long rcu_seq_snap(unsigned long s) { return (s + 3) & ~1UL; }

/* rcu_state.lock held.  Release: whoever sees the new value sees what
 * led to it (the quiescent states that ended a grace period). */
static void rcu_seq_step(void)
{
        __atomic_store_n(&rcu_state.gp_seq, rcu_state.gp_seq + 1, __ATOMIC_RELEASE);
}

unsigned long rcu_gp_seq(void)
{
        return __atomic_load_n(&rcu_state.gp_seq, __ATOMIC_ACQUIRE);
}
#define for_each_rcu_cpu(cpu, mask)                                     \
        for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)                       \
                if (!((mask) & (1UL << (cpu)))) {} else

static struct rcu_data *rcu_cpu_data(unsigned int cpu)
{
        if (cpu >= NR_CPUS || !(READ_ONCE(rcu_state.online) & (1UL << cpu)))
                panic("RCU: CPU %u is not online", cpu);
        return &rcu_data[cpu];
}
static unsigned long rcu_dynticks_inc(struct rcu_data *rdp)
{
        return __atomic_add_fetch(&rdp->dynticks, 1, __ATOMIC_SEQ_CST);
}
static unsigned long rcu_dynticks_snap(struct rcu_data *rdp)
{
        return __atomic_load_n(&rdp->dynticks, __ATOMIC_SEQ_CST);
}
static bool rcu_dynticks_in_eqs(unsigned long snap) { return !(snap & 1); }

bool rcu_is_watching_cpu(unsigned int cpu)
{
        return !rcu_dynticks_in_eqs(rcu_dynticks_snap(rcu_cpu_data(cpu)));
}
static const char *const rcu_eqs_name[] = {
        [RCU_EQS_NONE] = "in the kernel",
        [RCU_EQS_IDLE] = "idle",
        [RCU_EQS_USER] = "in user mode",
};

static void __noreturn rcu_eqs_misuse(unsigned int cpu, const char *fn,
                                      struct rcu_data *rdp)
{
        panic("RCU: %s on CPU %u, which is %s%s", fn, cpu, rcu_eqs_name[rdp->eqs],
              rdp->irq_nesting ? " inside an interrupt" : "");
}

/* Invariant: dynticks is even exactly when the CPU is in an EQS and in no interrupt. */
static void rcu_eqs_check(struct rcu_data *rdp)
{
        BUG_ON(rcu_dynticks_in_eqs(rcu_dynticks_snap(rdp)) !=
               (rdp->eqs != RCU_EQS_NONE && !rdp->irq_nesting));
}
static void rcu_eqs_enter(unsigned int cpu, enum rcu_eqs kind, const char *fn)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        if (rdp->eqs != RCU_EQS_NONE || rdp->irq_nesting)
                rcu_eqs_misuse(cpu, fn, rdp);
        rdp->eqs = kind;
        rcu_dynticks_inc(rdp);          /* even: from now on RCU ignores this CPU */
        rcu_eqs_check(rdp);
}

static void rcu_eqs_exit(unsigned int cpu, enum rcu_eqs kind, const char *fn)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        if (rdp->eqs != kind || rdp->irq_nesting)
                rcu_eqs_misuse(cpu, fn, rdp);
        rcu_dynticks_inc(rdp);          /* odd: readers may run again */
        rdp->eqs = RCU_EQS_NONE;
        rcu_eqs_check(rdp);
}

void rcu_idle_enter(unsigned int cpu) { rcu_eqs_enter(cpu, RCU_EQS_IDLE, __func__); }
void rcu_idle_exit(unsigned int cpu)  { rcu_eqs_exit(cpu, RCU_EQS_IDLE, __func__); }
void rcu_user_enter(unsigned int cpu) { rcu_eqs_enter(cpu, RCU_EQS_USER, __func__); }
void rcu_user_exit(unsigned int cpu)  { rcu_eqs_exit(cpu, RCU_EQS_USER, __func__); }
void rcu_irq_enter(unsigned int cpu)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        if (rdp->irq_nesting++ == 0 && rdp->eqs != RCU_EQS_NONE)
                rcu_dynticks_inc(rdp);  /* odd: the handler may read */
        rcu_eqs_check(rdp);
}

void rcu_irq_exit(unsigned int cpu)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        if (!rdp->irq_nesting)
                rcu_eqs_misuse(cpu, __func__, rdp);
        if (--rdp->irq_nesting == 0 && rdp->eqs != RCU_EQS_NONE)
                rcu_dynticks_inc(rdp);  /* even: back in the EQS it interrupted */
        rcu_eqs_check(rdp);
}

static bool rcu_rrupt_from_eqs(struct rcu_data *rdp)
{
        return rdp->eqs != RCU_EQS_NONE && rdp->irq_nesting <= 1;
}
bool rcu_nmi_enter(unsigned int cpu)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        if (!rcu_dynticks_in_eqs(rcu_dynticks_snap(rdp)))
                return false;                   /* watching already: nothing to undo */
        rcu_dynticks_inc(rdp);                  /* odd: the handler may read */
        return true;
}

void rcu_nmi_exit(unsigned int cpu, bool woke)
{
        if (woke)
                rcu_dynticks_inc(rcu_cpu_data(cpu));    /* even: back where it was */
}
static bool rcu_gp_may_end(void)
{
        if (unlikely(rcu_gp_end_early))         /* broken on purpose */
                return (rcu_state.qsmask & (rcu_state.qsmask - 1)) == 0;
        return rcu_state.qsmask == 0;
}

static void rcu_gp_cleanup(void)
{
        BUG_ON(!rcu_seq_in_progress(rcu_state.gp_seq));
        WRITE_ONCE(rcu_state.qsmask, 0);
        rcu_seq_step();                 /* even: the grace period is over */
}

/* rcu_state.lock held.  Each CPU in mask was quiescent at a moment after the running GP began. */
static void rcu_report_qs_mask(unsigned long mask)
{
        unsigned int cpu;

        mask &= rcu_state.qsmask;
        if (!mask)
                return;
        for_each_rcu_cpu(cpu, mask)
                rcu_data[cpu].gp_seq_qs = rcu_state.gp_seq;
        WRITE_ONCE(rcu_state.qsmask, rcu_state.qsmask & ~mask);
        if (rcu_gp_may_end())
                rcu_gp_cleanup();
}
static void rcu_gp_init(void)
{
        unsigned long in_eqs = 0;
        unsigned int cpu;

        rcu_seq_step();                 /* odd: grace period gp_seq is running */
        WRITE_ONCE(rcu_state.qsmask, rcu_state.online);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for_each_rcu_cpu(cpu, rcu_state.online) {
                struct rcu_data *rdp = &rcu_data[cpu];

                rdp->dynticks_snap = rcu_dynticks_snap(rdp);
                if (rcu_dynticks_in_eqs(rdp->dynticks_snap))
                        in_eqs |= 1UL << cpu;
        }
        rcu_report_qs_mask(in_eqs);
}
static void rcu_gp_fqs(void)
{
        unsigned long moved = 0;
        unsigned int cpu;

        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for_each_rcu_cpu(cpu, rcu_state.qsmask)
                if (rcu_dynticks_snap(&rcu_data[cpu]) != rcu_data[cpu].dynticks_snap)
                        moved |= 1UL << cpu;
        rcu_report_qs_mask(moved);
}
static void rcu_gp_kick(void)
{
        while (!rcu_seq_in_progress(rcu_state.gp_seq) &&
               ULONG_CMP_LT(rcu_state.gp_seq, rcu_state.gp_seq_needed))
                rcu_gp_init();
}

static void rcu_start_this_gp(unsigned long need)
{
        if (ULONG_CMP_LT(rcu_state.gp_seq_needed, need))
                rcu_state.gp_seq_needed = need;
        rcu_gp_kick();
}
static void rcu_cblist_splice(struct rcu_cblist *dst, struct rcu_cblist *src)
{
        if (!src->head)
                return;
        if (dst->head)
                dst->tail->next = src->head;
        else
                dst->head = src->head;
        dst->tail = src->tail;
        dst->gp_seq = src->gp_seq;      /* the later requirement */
        src->head = src->tail = NULL;
}
/* This CPU, interrupts off. */
static void rcu_advance_cbs(struct rcu_data *rdp, unsigned long gp_seq)
{
        int i;

        for (i = RCU_WAIT; i < RCU_NSEGS; i++) {
                if (rdp->seg[i].head && ULONG_CMP_LT(gp_seq, rdp->seg[i].gp_seq))
                        break;
                rcu_cblist_splice(&rdp->seg[RCU_DONE], &rdp->seg[i]);
        }
        if (!rdp->seg[RCU_WAIT].head)
                rcu_cblist_splice(&rdp->seg[RCU_WAIT], &rdp->seg[RCU_NEXT]);
}
/* After rcu_advance_cbs(rdp, s) and with need == rcu_seq_snap(s). */
static void rcu_enqueue_cb(struct rcu_data *rdp, struct rcu_head *rh, unsigned long need)
{
        struct rcu_cblist *wait = &rdp->seg[RCU_WAIT], *next = &rdp->seg[RCU_NEXT];
        struct rcu_cblist one = { rh, rh, need };

        rh->next = NULL;
        if (!wait->head || (!next->head && wait->gp_seq == need)) {
                rcu_cblist_splice(wait, &one);
                return;
        }
        BUG_ON(next->head ? next->gp_seq != need : !ULONG_CMP_LT(wait->gp_seq, need));
        rcu_cblist_splice(next, &one);
}
/* Context: cpu itself, interrupts off. */
void call_rcu_cpu(unsigned int cpu, struct rcu_head *head, rcu_callback_t func)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);
        unsigned long need;

        head->func = func;
        arch_spin_lock(&rcu_state.lock);
        rcu_advance_cbs(rdp, rcu_state.gp_seq);
        need = rcu_seq_snap(rcu_state.gp_seq);
        rcu_enqueue_cb(rdp, head, need);
        rcu_start_this_gp(need);
        arch_spin_unlock(&rcu_state.lock);
        __atomic_store_n(&rdp->n_cbs_queued, rdp->n_cbs_queued + 1, __ATOMIC_RELEASE);
}
static void rcu_check_batch(unsigned int cpu, unsigned long done)
{
        unsigned int c;

        arch_spin_lock(&rcu_state.lock);
        BUG_ON(ULONG_CMP_LT(rcu_state.gp_seq, done));
        for_each_rcu_cpu(c, rcu_state.online)
                if (ULONG_CMP_LT(rcu_data[c].gp_seq_qs, done - 1))
                        panic("RCU: CPU %u: callbacks waited for the grace period "
                              "ending at gp_seq %lu, but CPU %u was last quiescent "
                              "in grace period %lu", cpu, done, c, rcu_data[c].gp_seq_qs);
        arch_spin_unlock(&rcu_state.lock);
}
/* Context: cpu itself, interrupts off.  Returns the number invoked. */
unsigned long rcu_do_batch(unsigned int cpu)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);
        struct rcu_cblist done;
        unsigned long n = 0;

        rcu_advance_cbs(rdp, rcu_gp_seq());
        done = rdp->seg[RCU_DONE];
        rdp->seg[RCU_DONE].head = rdp->seg[RCU_DONE].tail = NULL;
        if (!done.head)
                return 0;
        rcu_check_batch(cpu, done.gp_seq);
        while (done.head) {
                struct rcu_head *rh = done.head;

                done.head = rh->next;
                rh->func(rh);
                n++;
                __atomic_store_n(&rdp->n_cbs_invoked, rdp->n_cbs_invoked + 1,
                                 __ATOMIC_RELEASE);
        }
        return n;
}
bool rcu_gp_end_early;

static int set_rcu_gp_end(char *val)
{
        if (val && !strcmp(val, "all"))
                rcu_gp_end_early = false;
        else if (val && !strcmp(val, "early"))
                rcu_gp_end_early = true;
        else
                return -EINVAL;
        return 0;
}
early_param("rcu_gp_end", set_rcu_gp_end);
/* Context: cpu itself, interrupts off, no RCU reader running on it. */
void rcu_note_context_switch(unsigned int cpu)
{
        WARN_ON(!rcu_is_watching_cpu(cpu));
        if (!(READ_ONCE(rcu_state.qsmask) & (1UL << cpu)))
                return;
        arch_spin_lock(&rcu_state.lock);
        rcu_report_qs_mask(1UL << cpu);
        rcu_gp_kick();
        arch_spin_unlock(&rcu_state.lock);
}
/* Context: cpu itself, from its timer interrupt. */
bool rcu_sched_clock_irq(unsigned int cpu, bool user)
{
        struct rcu_data *rdp = rcu_cpu_data(cpu);

        arch_spin_lock(&rcu_state.lock);
        if (user || rcu_rrupt_from_eqs(rdp))
                rcu_report_qs_mask(1UL << cpu);
        if (rcu_seq_in_progress(rcu_state.gp_seq))
                rcu_gp_fqs();
        rcu_gp_kick();
        arch_spin_unlock(&rcu_state.lock);
        rcu_advance_cbs(rdp, rcu_gp_seq());
        return rdp->seg[RCU_DONE].head != NULL;
}
/* Context: any CPU, interrupts off. */
unsigned long get_state_synchronize_rcu(void)
{
        unsigned long snap;

        arch_spin_lock(&rcu_state.lock);
        snap = rcu_seq_snap(rcu_state.gp_seq);
        arch_spin_unlock(&rcu_state.lock);
        return snap;
}

unsigned long start_poll_synchronize_rcu(void)
{
        unsigned long snap;

        arch_spin_lock(&rcu_state.lock);
        snap = rcu_seq_snap(rcu_state.gp_seq);
        rcu_start_this_gp(snap);
        arch_spin_unlock(&rcu_state.lock);
        return snap;
}

/* Context: anywhere. */
bool poll_state_synchronize_rcu(unsigned long oldstate)
{
        return ULONG_CMP_GE(rcu_gp_seq(), oldstate);
}
/* Context: anywhere. */
void rcu_barrier_snapshot(struct rcu_barrier_snap *snap)
{
        unsigned int cpu;

        for (cpu = 0; cpu < NR_CPUS; cpu++)
                snap->queued[cpu] = __atomic_load_n(&rcu_data[cpu].n_cbs_queued,
                                                    __ATOMIC_ACQUIRE);
}

bool rcu_barrier_poll(const struct rcu_barrier_snap *snap)
{
        unsigned int cpu;

        for (cpu = 0; cpu < NR_CPUS; cpu++)
                if (ULONG_CMP_LT(__atomic_load_n(&rcu_data[cpu].n_cbs_invoked,
                                                 __ATOMIC_ACQUIRE), snap->queued[cpu]))
                        return false;
        return true;
}
void rcu_init(unsigned int nr_cpus)
{
        unsigned int cpu;

        BUG_ON(nr_cpus == 0 || nr_cpus > NR_CPUS);
        memset(rcu_data, 0, sizeof(rcu_data));
        for (cpu = 0; cpu < NR_CPUS; cpu++)
                rcu_data[cpu].dynticks = 1;
        memset(&rcu_state, 0, sizeof(rcu_state));
        arch_spin_lock_init(&rcu_state.lock);
        rcu_state.online = (1UL << nr_cpus) - 1;
        if (rcu_gp_end_early)
                pr_warn("RCU: rcu_gp_end=early: BROKEN ON PURPOSE, "
                        "grace periods end before every CPU is quiescent\n");
}

void rcu_cpu_online(unsigned int cpu)
{
        BUG_ON(cpu >= NR_CPUS);
        arch_spin_lock(&rcu_state.lock);
        if (rcu_state.online & (1UL << cpu))
                panic("RCU: CPU %u is already online", cpu);
        rcu_data[cpu].gp_seq_qs = rcu_state.gp_seq;
        WRITE_ONCE(rcu_state.online, rcu_state.online | (1UL << cpu));
        arch_spin_unlock(&rcu_state.lock);
}
bool rcu_gp_in_progress(void)
{
        return rcu_seq_in_progress(rcu_gp_seq());
}

bool rcu_gp_waiting_on(unsigned int cpu)
{
        return cpu < NR_CPUS && (READ_ONCE(rcu_state.qsmask) & (1UL << cpu));
}
