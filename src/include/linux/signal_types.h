/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H
#include <linux/types.h>
#define _NSIG 64

struct ksiginfo {
        int signo, err, code;
        int pid, uid;                   /* sender (kill) or child (SIGCHLD) */
        int status;                     /* SIGCHLD: exit code or signal */
        unsigned long addr;             /* faults: si_addr */
        unsigned long lower, upper;     /* SEGV_BNDERR: si_lower, si_upper */
};
struct sigpending {
        unsigned long signal;           /* bit (sig - 1) */
        struct ksiginfo info[_NSIG];    /* for each pending signal, its first sender */
};
struct sighand_struct;
struct signal_struct;
struct task_usage {
        unsigned long utime, stime;     /* ticks charged in user and kernel mode */
        unsigned long nvcsw, nivcsw;    /* switches away: chosen (a sleep), forced */
        unsigned long min_flt;          /* faults resolved (all minor: no disk) */
        unsigned long maxrss;           /* the largest resident set, pages */
};
#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_SIZE      144             /* struct rusage */
#define RUSAGE_THREAD    1
struct task_struct;
void account_process_tick(struct task_struct *t, bool user);
#endif
