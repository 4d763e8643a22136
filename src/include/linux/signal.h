/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H
#include <asm/ptrace.h>
#include <linux/sched.h>

#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGSEGV  11
#define SIGCHLD  17
#define SIGSTOP  19
#define _NSIG    64
#define sigmask(sig) (1UL << ((sig) - 1))

#define SI_KERNEL   0x80
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define FPE_FLTINV  7
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_TRACE  2

static inline bool signal_pending(const struct task_struct *t)
{
        return READ_ONCE(t->pending) & ~t->blocked;
}
bool sig_handled(struct task_struct *t, int sig);
void force_sig(int sig);
void force_sig_fault(int sig, int code, unsigned long addr, int trapno,
                     unsigned long error);
void do_signal(struct pt_regs *regs);
#endif
