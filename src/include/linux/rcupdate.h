/* Tangled from book/rcu.nw (chapter "RCU"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>     /* struct rcu_head */
#include <asm/acpi.h>           /* NR_CPUS */

typedef void (*rcu_callback_t)(struct rcu_head *head);

#define ULONG_CMP_GE(a, b)  (~0UL / 2 >= (unsigned long)((a) - (b)))
#define ULONG_CMP_LT(a, b)  (~0UL / 2 < (unsigned long)((a) - (b)))
/*
 * Defined outside RCU:     in the kernel           in a host unit test
 *   rcu_read_lock_hook     preempt_disable()       this CPU's reader depth + 1
 *   rcu_read_unlock_hook   preempt_enable()        this CPU's reader depth - 1
 *   rcu_this_cpu_hook      smp_processor_id()      the CPU the test runs "on"
 *   rcu_irq_save_hook      local_irq_save()        nothing
 *   rcu_irq_restore_hook   local_irq_restore()     nothing
 *   rcu_wait_hook          sleep for a tick        drive the simulated CPUs
 */
void rcu_read_lock_hook(void);
void rcu_read_unlock_hook(void);
unsigned int rcu_this_cpu_hook(void);
unsigned long rcu_irq_save_hook(void);
void rcu_irq_restore_hook(unsigned long flags);
void rcu_wait_hook(void);
void rcu_init(unsigned int nr_cpus);
void rcu_cpu_online(unsigned int cpu);
void rcu_note_context_switch(unsigned int cpu);
bool rcu_sched_clock_irq(unsigned int cpu, bool user);
void rcu_idle_enter(unsigned int cpu);
void rcu_idle_exit(unsigned int cpu);
void rcu_user_enter(unsigned int cpu);
void rcu_user_exit(unsigned int cpu);
void rcu_irq_enter(unsigned int cpu);
void rcu_irq_exit(unsigned int cpu);
bool rcu_is_watching_cpu(unsigned int cpu);
bool rcu_nmi_enter(unsigned int cpu);
void rcu_nmi_exit(unsigned int cpu, bool woke);
void call_rcu_cpu(unsigned int cpu, struct rcu_head *head, rcu_callback_t func);
unsigned long rcu_do_batch(unsigned int cpu);

unsigned long get_state_synchronize_rcu(void);
unsigned long start_poll_synchronize_rcu(void);
bool poll_state_synchronize_rcu(unsigned long oldstate);

struct rcu_barrier_snap {
        unsigned long queued[NR_CPUS];  /* callbacks each CPU had queued */
};
void rcu_barrier_snapshot(struct rcu_barrier_snap *snap);
bool rcu_barrier_poll(const struct rcu_barrier_snap *snap);

unsigned long rcu_gp_seq(void);
bool rcu_gp_in_progress(void);
bool rcu_gp_waiting_on(unsigned int cpu);
extern bool rcu_gp_end_early;
#define rcu_assign_pointer(p, v) do {                                   \
        __typeof__(p) _r_a_p_v = (v);                                   \
        __atomic_store_n(&(p), _r_a_p_v, __ATOMIC_RELEASE);             \
} while (0)
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
/* One load; loads through the result are ordered after it by their
 * dependency on it, so keep the dependency (do not swap the result for
 * another pointer you compared it equal to). */
#define rcu_dereference(p) ({ __typeof__(p) _r_d_p = READ_ONCE(p); _r_d_p; })
static inline bool rcu_is_watching(void)
{
        bool watching;

        rcu_read_lock_hook();
        watching = rcu_is_watching_cpu(rcu_this_cpu_hook());
        rcu_read_unlock_hook();
        return watching;
}

static inline void rcu_read_lock(void)
{
        rcu_read_lock_hook();
        barrier();              /* the section's accesses stay after this */
        WARN_ON(!rcu_is_watching());
}

static inline void rcu_read_unlock(void)
{
        barrier();              /* ... and before this */
        rcu_read_unlock_hook();
}
static inline void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
        unsigned long flags = rcu_irq_save_hook();

        call_rcu_cpu(rcu_this_cpu_hook(), head, func);
        rcu_irq_restore_hook(flags);
}

static inline void synchronize_rcu(void)
{
        unsigned long flags = rcu_irq_save_hook();
        unsigned long snap = start_poll_synchronize_rcu();

        rcu_irq_restore_hook(flags);
        while (!poll_state_synchronize_rcu(snap))
                rcu_wait_hook();
}

static inline void rcu_barrier(void)
{
        struct rcu_barrier_snap snap;

        rcu_barrier_snapshot(&snap);
        while (!rcu_barrier_poll(&snap))
                rcu_wait_hook();
}
#endif
