/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <linux/kernel.h>
#include <linux/process.h>
#include <linux/signal.h>

bool sig_handled(struct task_struct *t, int sig)
{
        (void)t; (void)sig;
        return false;                   /* no handlers until the signals chapter */
}
void force_sig(int sig)
{
        current->blocked &= ~sigmask(sig);
        __atomic_or_fetch(&current->pending, sigmask(sig), __ATOMIC_RELAXED);
}
void force_sig_fault(int sig, int code, unsigned long addr, int trapno,
                     unsigned long error)
{
        current->fault.signo = sig;
        current->fault.code = code;
        current->fault.addr = addr;
        current->fault.trapno = trapno;
        current->fault.error = error;
        force_sig(sig);
}
void do_signal(struct pt_regs *regs)
{
        unsigned long deliverable = READ_ONCE(current->pending) & ~current->blocked;
        (void)regs;
        if (!deliverable)
                return;
        do_exit(__builtin_ctzl(deliverable) + 1);  /* default action: terminate */
}
