/* Tangled from book/sched.nw (chapter "Tasks and scheduling"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H
#include <asm/ptrace.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/signal_types.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define TASK_RUNNING         0
#define TASK_INTERRUPTIBLE   1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_DEAD            64
struct wait_queue_head {
        spinlock_t lock;
        struct list_head head;
};
struct wait_queue_entry {
        struct task_struct *task;
        struct list_head entry;
};
#define DECLARE_WAIT_QUEUE_HEAD(name)                                   \
        struct wait_queue_head name = { __SPIN_LOCK_UNLOCKED(name.lock),  \
                                        LIST_HEAD_INIT(name.head) }
void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);

#define wait_event(wq, cond) do {                                       \
        struct wait_queue_entry __w = { current, { NULL, NULL } };      \
        for (;;) {                                                      \
                prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);     \
                if (cond)                                               \
                        break;                                          \
                schedule();                                             \
        }                                                               \
        finish_wait(&(wq), &__w);                                       \
} while (0)
struct task_struct {
        unsigned long thread_sp;        /* saved RSP while not running */
        /* Protected by the lock of the run queue of task->cpu: */
        volatile long state;
        int on_rq;                      /* runnable: queued or running */
        int on_cpu;                     /* running, or still switching away */
        unsigned int cpu;               /* CPU it runs or last ran on */
        unsigned long cpus_allowed;     /* mask of CPUs it may run on */
        struct list_head run_list;      /* on its run queue, when runnable */
        unsigned int ticks;             /* ticks left in its time slice */
        /* Set at creation, then read-only: */
        int pid;
        char comm[16];
        unsigned long stack_lo, stack_hi;
        int (*fn)(void *arg);
        void *arg;
        /* Exit and joining, protected by exit_wq's lock: */
        int exit_code;
        int exited;
        int refcount;                   /* atomic: the task itself and a joiner */
        struct wait_queue_head *exit_wq;
        struct lockdep_task lockdep;    /* locks held, for lockdep; the task's own */
        int pte_maps_open;              /* PTE-table maps begun, not ended (Memory) */
        struct mm_struct *mm;           /* user address space; NULL for kernel threads */
        void *fpstate;                  /* XSAVE area, 64-byte aligned; NULL if none */
        unsigned long fsbase, gsbase;   /* user FS and GS bases while switched out */
        struct files_struct *files;     /* open files; NULL for kernel threads */
        int tgid;                       /* process id: the pid of the first thread */
        struct task_struct *parent;     /* reaps this task; init for orphans */
        struct list_head children;      /* tasks whose parent is this one */
        struct list_head sibling;       /* in parent->children */
        int exit_state;                 /* 0, or EXIT_ZOMBIE once dead and unreaped */
        int wait_status;                /* for wait4: (code << 8) or signal number */
        struct wait_queue_head wait_chldexit;   /* the parent sleeps here in wait4 */
        int __user *clear_child_tid;    /* set_tid_address */
        struct task_usage usage;        /* this thread's; only it and its CPU's tick write it */
        struct sighand_struct *sighand; /* handlers; shared by CLONE_SIGHAND */
        struct signal_struct *signal;   /* the thread group's shared state */
        struct task_struct *group_leader;       /* the first thread: it is the process */
        struct list_head thread_node;   /* in signal->thread_head; tasklist_lock */
        struct list_head tasks;         /* in task_list; tasklist_lock */
        int exit_signal;                /* sent to the parent at exit: SIGCHLD, or 0 */
        int exiting;                    /* do_exit has begun; siglock */
        struct sigpending pending;      /* signals sent to this thread; siglock */
        unsigned long blocked;          /* siglock; written by the task itself */
        unsigned long saved_sigmask;    /* the mask rt_sigsuspend replaced */
        int restore_sigmask;            /* saved_sigmask is to be put back */
        int sigpending;                 /* a signal may need attention before user mode */
        unsigned long sas_ss_sp, sas_ss_size;   /* the alternate signal stack */
        unsigned int sas_ss_flags;
        struct { int signo, trapno; unsigned long error, cr2; } fault; /* last fault */
        void __user *robust_list;       /* set_robust_list: stored, not walked */
        unsigned int ptrace;            /* PT_* and the options: 0 if not traced; tasklist_lock */
        struct task_struct *tracer;     /* tasklist_lock */
        int ptrace_code;                /* the stop's code, then the signal to resume with; siglock */
        int ptrace_frozen;              /* the tracer is at work: SIGKILL must not wake it; siglock */
        struct ksiginfo *last_siginfo;  /* the signal of the current stop, on the tracee's stack */
        unsigned long ptrace_message;   /* PTRACE_GETEVENTMSG */
        bool syscall_trace;             /* PTRACE_SYSCALL: stop at entry and exit */
        bool singlestep;                /* PTRACE_SINGLESTEP: Linux's TIF_SINGLESTEP */
        bool forced_tf;                 /* the tracer set TF, not the program: TIF_FORCED_TF */
        struct debugregs {
                unsigned long addr[4];      /* DR0-DR3 */
                unsigned long dr7;          /* as the tracer wrote it */
                unsigned long virtual_dr6;  /* DR6 as the tracer sees it, positive polarity */
        } debugreg;
        unsigned short ds, es, fsindex, gsindex; /* selectors while switched out */
        bool in_ia32_syscall;           /* an int $0x80 system call is running (Chapter ia32) */
        u64 tls_array[3];               /* GDT entries 12-14 while running (Chapter ia32) */
};

DECLARE_PER_CPU(struct task_struct *, current_task);
#define current (raw_cpu_read(current_task))
static inline bool is_idle_task(const struct task_struct *t) { return t->pid == 0; }
void schedule(void);
void preempt_schedule_irq(void);
void scheduler_tick(void);
void sched_init(void);
void __noreturn cpu_idle(void);
void sched_init_ap(void);
int wake_up_process(struct task_struct *t);
int wake_up_state(struct task_struct *t, long state);
bool need_resched(void);
void set_cpus_allowed(struct task_struct *t, unsigned long mask);
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name,
                                   unsigned int cpu);
struct task_struct *task_alloc(int (*fn)(void *), void *arg, const char *name,
                               unsigned int cpu);
void put_task_struct(struct task_struct *t);
void __noreturn kthread_exit(int code);
int kthread_join(struct task_struct *t);
void msleep(unsigned int ms);
extern struct wait_queue_head jiffies_wq;
#define task_pt_regs(t) ((struct pt_regs *)(t)->stack_hi - 1)
#define current_pt_regs() task_pt_regs(current)
void arch_switch_to(struct task_struct *prev, struct task_struct *next);
void __noreturn ret_from_fork_user(void);
DECLARE_PER_CPU(unsigned long, cpu_current_top_of_stack);
#endif
