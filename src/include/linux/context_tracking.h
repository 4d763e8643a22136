/* Tangled from book/ctxtrack.nw (chapter "Context tracking and the entry code: the saved CS or the soft state"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_CONTEXT_TRACKING_H
#define _LINUX_CONTEXT_TRACKING_H
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <asm/fsgsbase.h>

enum ctx_state {
        CONTEXT_DISABLED = -1,
        CONTEXT_KERNEL = 0,
        CONTEXT_USER = 1,
};

struct context_tracking {
        int recursion;                  /* >0: inside user_enter/user_exit */
        enum ctx_state state;
        unsigned long transitions;      /* user_enter and user_exit that changed it */
};
DECLARE_PER_CPU(struct context_tracking, context_tracking);
extern unsigned long ct_cpu_mask;       /* bit n: context_tracking= chose CPU n */

static inline bool ct_cpu_active(unsigned int cpu) { return ct_cpu_mask >> cpu & 1; }
static inline enum ctx_state ct_state(void)
{
        unsigned int cpu = raw_smp_processor_id();
        return ct_cpu_active(cpu) ? per_cpu(context_tracking, cpu).state : CONTEXT_DISABLED;
}
extern unsigned long ct_warnings, ct_rcu_splats, ct_checks;
void ct_rcu_suspicious(const char *file, int line, const char *msg);

#define CT_WARN_ON(cond) do {                                           \
        static bool _ct_warned;                                         \
        if (unlikely(cond)) {                                           \
                __atomic_fetch_add(&ct_warnings, 1, __ATOMIC_RELAXED);  \
                if (!__atomic_exchange_n(&_ct_warned, true, __ATOMIC_RELAXED)) \
                        warn_slowpath(__FILE__, __LINE__, #cond);       \
        }                                                               \
} while (0)

#define ct_assert_rcu_watching(msg) do {                                \
        if (unlikely(!rcu_is_watching()))                               \
                ct_rcu_suspicious(__FILE__, __LINE__, msg);             \
} while (0)
enum paranoid_stat {
        PARANOID_STAT_NMI_USER,         /* NMIs that interrupted user mode */
        PARANOID_STAT_NMI_KERNEL,       /* ... and kernel mode */
        PARANOID_STAT_USER_GS,          /* kernel-mode entries that found the user's GS */
        PARANOID_STAT_USER_CR3,         /* ... and the user's CR3 */
        PARANOID_STAT_DB,               /* test breakpoints that fired */
        PARANOID_NR_STATS
};
extern unsigned long paranoid_stats[PARANOID_NR_STATS];
extern u8 paranoid_gs_how;
extern bool paranoid_cr3_keep, paranoid_rcu_skip;
DECLARE_PER_CPU(unsigned long, nmi_count);
DECLARE_PER_CPU(unsigned long, paranoid_bp_armed);
bool irqentry_nmi_enter(struct pt_regs *regs);
void irqentry_nmi_exit(struct pt_regs *regs, bool woke);
long paranoid_book_debug(unsigned long arg);

enum ct_model { CT_MODEL_CS, CT_MODEL_SOFT };
extern enum ct_model ct_model;
extern bool ct_entry_fault, ct_entry_fault_pf, ct_skip_user_exit, tick_user_qs;
long ct_book_debug(unsigned long arg);

void user_enter(void);
void user_exit(void);
enum ctx_state exception_enter(void);
void exception_exit(enum ctx_state prev);
void enter_from_user_mode(struct pt_regs *regs);
int irqentry_enter(struct pt_regs *regs, unsigned long vector);
void irqentry_exit(struct pt_regs *regs, int found);
void exit_to_user_mode_begin(void);
void exit_to_user_mode_end(void);
#endif
