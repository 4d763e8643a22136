/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H
#include <asm/ptrace.h>
#include <linux/sched.h>
#include <linux/signal_types.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32
#define sigmask(sig) (1UL << ((sig) - 1))
#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_TKILL    (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define SEGV_BNDERR 3
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define FPE_FLTINV  7
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_TRACE  2
#define CLD_EXITED  1
#define CLD_KILLED  2
#define SIG_DFL      0UL
#define SIG_IGN      1UL
#define SA_NOCLDSTOP 0x00000001UL
#define SA_NOCLDWAIT 0x00000002UL
#define SA_SIGINFO   0x00000004UL
#define SA_UNSUPPORTED 0x00000400UL
#define SA_EXPOSE_TAGBITS 0x00000800UL
#define SA_RESTORER  0x04000000UL
#define SA_ONSTACK   0x08000000UL
#define SA_RESTART   0x10000000UL
#define SA_NODEFER   0x40000000UL
#define SA_RESETHAND 0x80000000UL
#define UAPI_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | \
                       SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | \
                       SA_RESTORER)
#define SA_IA32_ABI  0x02000000UL    /* kernel-internal: deliver the i386 frame */
#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16
#define RLIM_INFINITY     (~0UL)
struct rlimit { unsigned long rlim_cur, rlim_max; };
void rlimits_init(struct rlimit *r);
unsigned long rlimit(unsigned int resource);     /* the running task's soft value */
struct k_sigaction {
        unsigned long handler, flags, restorer, mask;
};
struct sighand_struct {
        int count;                      /* atomic: tasks that share the table */
        spinlock_t siglock;             /* every field marked "siglock" */
        struct k_sigaction action[_NSIG];       /* siglock */
};
struct signal_struct {
        int count;                      /* atomic: task structures pointing here */
        /* Protected by tasklist_lock: */
        int live;                       /* threads that have not begun do_exit */
        struct list_head thread_head;   /* those threads, by thread_node */
        int unkillable;                 /* init: default actions do not apply */
        /* Protected by the group's siglock (and tasklist_lock for writing group_exit): */
        struct sigpending shared_pending;
        int group_exit;                 /* exit_group or a fatal signal: all must go */
        int group_exit_code;            /* the wait status the group ends with */
        spinlock_t rlim_lock;           /* rlim; Chapter process */
        struct rlimit rlim[RLIM_NLIMITS];
        struct task_usage dead;         /* tasklist_lock: threads that ended (Chapter process) */
        struct task_usage children;     /* tasklist_lock: children reaped, and theirs */
};
static inline bool signal_pending(const struct task_struct *t)
{
        return READ_ONCE(t->sigpending);
}
extern struct list_head task_list;
const char *signal_name(int sig);
bool sig_handled(struct task_struct *t, int sig);
struct task_struct *find_task_by_pid(int pid);  /* tasklist_lock held */
void force_sig(int sig);
void force_sig_fault(int sig, int code, unsigned long addr, int trapno,
                     unsigned long error);
void force_sigsegv(int sig);
void force_sig_bnderr(unsigned long addr, unsigned long lower, unsigned long upper);
void send_signal_locked(int sig, const struct ksiginfo *info,
                        struct task_struct *t, bool group);
void do_notify_parent(struct task_struct *leader, int status);
void do_signal(struct pt_regs *regs);
void __noreturn do_group_exit(int status);
void set_current_blocked(unsigned long mask);
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact);
int signal_init_task(struct task_struct *t);
int copy_signal_state(struct task_struct *p, unsigned long clone_flags);
void put_signal_state(struct task_struct *t);
int unshare_sighand(void);
void flush_signal_handlers(struct task_struct *t);
int sleep_until_interruptible(unsigned long deadline);
/* The x86 signal frame (arch/signal.c). */
int setup_rt_frame(int sig, const struct ksiginfo *info, const struct k_sigaction *ka,
                   unsigned long oldmask, struct pt_regs *regs);
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ   2048
struct kernel_stack_t {                 /* stack_t */
        unsigned long ss_sp;
        int ss_flags, __pad;
        unsigned long ss_size;
};
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
int do_sigaltstack(const struct kernel_stack_t *ss, struct kernel_stack_t *oss,
                   unsigned long sp);
/* Futexes (kernel/futex.c). */
void futex_init(void);
long futex_wake(u32 __user *uaddr, int nr);
/* The i386 signal frames (Chapter ia32, arch/signal.c). */
int ia32_setup_frame(int sig, const struct ksiginfo *info, const struct k_sigaction *ka,
                     unsigned long oldmask, struct pt_regs *regs);
long ia32_sys_sigaction(const struct pt_regs *regs);
long ia32_sys_rt_sigaction(const struct pt_regs *regs);
long ia32_sys_sigreturn(const struct pt_regs *regs);
long ia32_sys_rt_sigreturn(const struct pt_regs *regs);
unsigned long get_sigframe_size(void);          /* AT_MINSIGSTKSZ */
#define wait_event_interruptible(wq, cond) ({                            \
        struct wait_queue_entry __w = { current, { NULL, NULL } };      \
        int __ret = 0;                                                  \
        for (;;) {                                                      \
                prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);       \
                __atomic_thread_fence(__ATOMIC_SEQ_CST);                \
                if (cond)                                               \
                        break;                                          \
                if (signal_pending(current)) {                          \
                        __ret = -ERESTARTSYS;                           \
                        break;                                          \
                }                                                       \
                schedule();                                             \
        }                                                               \
        finish_wait(&(wq), &__w);                                       \
        __ret; })
#endif
