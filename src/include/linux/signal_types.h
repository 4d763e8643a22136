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
#endif
