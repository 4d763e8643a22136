/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/process.h>
#include <linux/ptrace.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

LIST_HEAD(task_list);

#define SIG_KERNEL_ONLY_MASK   (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_IGNORE_MASK (sigmask(SIGCHLD) | sigmask(SIGURG) | \
                                sigmask(SIGWINCH) | sigmask(SIGCONT))
#define SIG_KERNEL_STOP_MASK   (sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
                                sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SYNCHRONOUS_MASK       (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
                                sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))
static bool sig_in(int sig, unsigned long mask)
{
        return sig < SIGRTMIN && (mask & sigmask(sig));
}
static const char *const signal_names[SIGRTMIN] = {
        [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
        [SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
        [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
        [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
        [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
        [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
        [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
        [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
        [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
        [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
};
const char *signal_name(int sig)
{
        return sig > 0 && sig < SIGRTMIN ? signal_names[sig] : "a real-time signal";
}
static struct sighand_struct *sighand_alloc(void)
{
        struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

        if (sh) {
                sh->count = 1;
                spin_lock_init(&sh->siglock);
        }
        return sh;
}
static struct signal_struct *signal_alloc(void)
{
        struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

        if (sig) {
                sig->count = 1;
                INIT_LIST_HEAD(&sig->thread_head);
                spin_lock_init(&sig->rlim_lock);
                rlimits_init(sig->rlim);
        }
        return sig;
}
int copy_signal_state(struct task_struct *p, unsigned long clone_flags)
{
        struct task_struct *cur = current;
        unsigned long flags;

        if (clone_flags & CLONE_SIGHAND) {
                __atomic_add_fetch(&cur->sighand->count, 1, __ATOMIC_RELAXED);
                p->sighand = cur->sighand;
        } else {
                p->sighand = sighand_alloc();
                if (!p->sighand)
                        return -ENOMEM;
                spin_lock_irqsave(&cur->sighand->siglock, flags);
                memcpy(p->sighand->action, cur->sighand->action, sizeof(p->sighand->action));
                spin_unlock_irqrestore(&cur->sighand->siglock, flags);
        }
        if (clone_flags & CLONE_THREAD) {
                __atomic_add_fetch(&cur->signal->count, 1, __ATOMIC_RELAXED);
                p->signal = cur->signal;
        } else if (!(p->signal = signal_alloc())) {
                return -ENOMEM;
        } else if (cur->signal) {
                spin_lock(&cur->signal->rlim_lock);     /* limits are inherited */
                memcpy(p->signal->rlim, cur->signal->rlim, sizeof(p->signal->rlim));
                spin_unlock(&cur->signal->rlim_lock);
        }
        p->blocked = cur->blocked;
        if (!(clone_flags & CLONE_VM)) {
                p->sas_ss_sp = cur->sas_ss_sp;
                p->sas_ss_size = cur->sas_ss_size;
                p->sas_ss_flags = cur->sas_ss_flags;
        }
        return 0;
}
void put_signal_state(struct task_struct *t)
{
        if (t->sighand && !__atomic_sub_fetch(&t->sighand->count, 1, __ATOMIC_ACQ_REL))
                kfree(t->sighand);
        if (t->signal && !__atomic_sub_fetch(&t->signal->count, 1, __ATOMIC_ACQ_REL))
                kfree(t->signal);
        t->sighand = NULL;
        t->signal = NULL;
}
int signal_init_task(struct task_struct *t)
{
        futex_init();
        t->sighand = sighand_alloc();
        t->signal = signal_alloc();
        if (!t->sighand || !t->signal)
                return -ENOMEM;
        t->signal->unkillable = 1;
        t->group_leader = t;
        spin_lock(&tasklist_lock);
        t->signal->live = 1;
        list_add_tail(&t->thread_node, &t->signal->thread_head);
        list_add_tail(&t->tasks, &task_list);
        spin_unlock(&tasklist_lock);
        return 0;
}
int unshare_sighand(void)
{
        struct task_struct *t = current;
        struct sighand_struct *old = t->sighand, *sh;
        unsigned long flags;

        if (__atomic_load_n(&old->count, __ATOMIC_ACQUIRE) == 1)
                return 0;
        if (!(sh = sighand_alloc()))
                return -ENOMEM;
        spin_lock(&tasklist_lock);
        spin_lock_irqsave(&old->siglock, flags);
        memcpy(sh->action, old->action, sizeof(sh->action));
        t->sighand = sh;
        spin_unlock_irqrestore(&old->siglock, flags);
        spin_unlock(&tasklist_lock);
        if (!__atomic_sub_fetch(&old->count, 1, __ATOMIC_ACQ_REL))
                kfree(old);
        return 0;
}
void flush_signal_handlers(struct task_struct *t)
{
        unsigned long flags;

        spin_lock_irqsave(&t->sighand->siglock, flags);
        for (int i = 0; i < _NSIG; i++) {
                struct k_sigaction *ka = &t->sighand->action[i];
                if (ka->handler != SIG_IGN)
                        ka->handler = SIG_DFL;
                ka->flags = ka->restorer = ka->mask = 0;
        }
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        t->sas_ss_sp = t->sas_ss_size = 0;
        t->sas_ss_flags = 0;
}
static void recalc_sigpending(void)
{
        struct task_struct *t = current;

        WRITE_ONCE(t->sigpending, ((t->pending.signal | t->signal->shared_pending.signal) &
                                   ~t->blocked) != 0);
}
static void signal_wake_up(struct task_struct *t)
{
        WRITE_ONCE(t->sigpending, 1);
        ptrace_wake_killed(t);
        if (wake_up_state(t, TASK_INTERRUPTIBLE) || t == current)
                return;
        unsigned int cpu = READ_ONCE(t->cpu);
        if (READ_ONCE(t->on_cpu) && cpu != raw_smp_processor_id())
                apic_send_ipi(cpu, RESCHEDULE_VECTOR);
}
static void complete_signal(int sig, struct task_struct *p, bool group);
static bool sig_ignored(struct task_struct *t, int sig)
{
        unsigned long h = t->sighand->action[sig - 1].handler;

        if (t->blocked & sigmask(sig))
                return false;
        if (t->ptrace)
                return false;
        if (h == SIG_DFL && t->signal->unkillable)
                return true;
        return h == SIG_IGN || (h == SIG_DFL && sig_in(sig, SIG_KERNEL_IGNORE_MASK));
}
/* Context: t->sighand->siglock held; for a group signal, tasklist_lock too. */
void send_signal_locked(int sig, const struct ksiginfo *info,
                        struct task_struct *t, bool group)
{
        struct sigpending *q = group ? &t->signal->shared_pending : &t->pending;

        if (t->signal->group_exit || sig_ignored(t, sig))
                return;
        if (!(q->signal & sigmask(sig))) {
                q->signal |= sigmask(sig);
                q->info[sig - 1] = *info;
        }
        complete_signal(sig, t, group);
}
static bool wants_signal(int sig, const struct task_struct *t)
{
        return !(t->blocked & sigmask(sig)) && !t->exiting;
}
static void complete_signal(int sig, struct task_struct *p, bool group)
{
        struct task_struct *t = p;

        if (!wants_signal(sig, p)) {
                if (!group)
                        return;
                t = NULL;
                struct task_struct *c;
                list_for_each_entry(c, &p->signal->thread_head, thread_node)
                        if (wants_signal(sig, c)) {
                                t = c;
                                break;
                        }
                if (!t)
                        return;
        }
        signal_wake_up(t);
}
static void force_sig_info(int sig, const struct ksiginfo *info, bool fatal)
{
        struct task_struct *t = current;
        struct k_sigaction *ka = &t->sighand->action[sig - 1];
        unsigned long flags;

        spin_lock_irqsave(&t->sighand->siglock, flags);
        if (fatal || ka->handler == SIG_IGN || (t->blocked & sigmask(sig))) {
                ka->handler = SIG_DFL;
                t->blocked &= ~sigmask(sig);
        }
        if (!(t->pending.signal & sigmask(sig))) {
                t->pending.signal |= sigmask(sig);
                t->pending.info[sig - 1] = *info;
        }
        recalc_sigpending();
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
}
void force_sig(int sig)
{
        struct ksiginfo info = { .signo = sig, .code = SI_KERNEL };
        force_sig_info(sig, &info, false);
}
void force_sig_fault(int sig, int code, unsigned long addr, int trapno,
                     unsigned long error)
{
        struct ksiginfo info = { .signo = sig, .code = code, .addr = addr };

        current->fault.signo = sig;
        current->fault.trapno = trapno;
        current->fault.error = error;
        if (trapno == X86_TRAP_PF)
                current->fault.cr2 = addr;
        force_sig_info(sig, &info, false);
}
void force_sigsegv(int sig)
{
        struct ksiginfo info = { .signo = SIGSEGV, .code = SI_KERNEL };
        force_sig_info(SIGSEGV, &info, sig == SIGSEGV);
}
void force_sig_bnderr(unsigned long addr, unsigned long lower, unsigned long upper)
{
        struct ksiginfo info = { .signo = SIGSEGV, .code = SEGV_BNDERR, .addr = addr,
                                 .lower = lower, .upper = upper };

        current->fault.signo = SIGSEGV;
        current->fault.trapno = X86_TRAP_BR;
        current->fault.error = 0;
        force_sig_info(SIGSEGV, &info, false);
}
bool sig_handled(struct task_struct *t, int sig)
{
        return t->sighand && t->sighand->action[sig - 1].handler > SIG_IGN &&
               !(t->blocked & sigmask(sig));
}
struct task_struct *find_task_by_pid(int pid)
{
        struct task_struct *t;

        list_for_each_entry(t, &task_list, tasks)
                if (t->pid == pid)
                        return t;
        return NULL;
}
static long send_to(int sig, const struct ksiginfo *info, struct task_struct *t, bool group)
{
        unsigned long flags;

        if (sig < 0 || sig > _NSIG)
                return -EINVAL;
        if (!sig)
                return 0;                       /* signal 0: does the target exist? */
        spin_lock_irqsave(&t->sighand->siglock, flags);
        send_signal_locked(sig, info, t, group);
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        return 0;
}
SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
        struct ksiginfo info = { .signo = sig, .code = SI_USER, .pid = current->tgid };
        struct task_struct *t;
        long ret = -ESRCH;

        spin_lock(&tasklist_lock);
        if (pid > 0) {
                t = find_task_by_pid(pid);
                if (t && t->group_leader == t)
                        ret = send_to(sig, &info, t, true);
        } else if (pid >= -1) {
                list_for_each_entry(t, &task_list, tasks) {
                        if (t->group_leader != t || t->exit_state)
                                continue;
                        if (pid == -1 && (t->tgid == 1 || t->signal == current->signal))
                                continue;
                        ret = send_to(sig, &info, t, true);
                }
        }
        spin_unlock(&tasklist_lock);
        return ret;
}
static long do_tkill(int tgid, int tid, int sig)
{
        struct ksiginfo info = { .signo = sig, .code = SI_TKILL, .pid = current->tgid };
        long ret = -ESRCH;

        spin_lock(&tasklist_lock);
        struct task_struct *t = find_task_by_pid(tid);
        if (t && (tgid <= 0 || t->tgid == tgid) && !t->exit_state && !READ_ONCE(t->exiting))
                ret = send_to(sig, &info, t, false);
        spin_unlock(&tasklist_lock);
        return ret;
}
SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
        if (tid <= 0)
                return -EINVAL;
        return do_tkill(0, tid, sig);
}
SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
        if (tid <= 0 || tgid <= 0)
                return -EINVAL;
        return do_tkill(tgid, tid, sig);
}
/* Context: tasklist_lock held. */
void do_notify_parent(struct task_struct *leader, int status)
{
        struct task_struct *parent = leader->parent;
        struct ksiginfo info = { .signo = SIGCHLD, .pid = leader->tgid };
        unsigned long flags;

        if (status & 0x7f) {
                info.code = CLD_KILLED;
                info.status = status & 0x7f;
        } else {
                info.code = CLD_EXITED;
                info.status = (status >> 8) & 0xff;
        }
        if (leader->exit_signal > 0 && parent->sighand) {
                spin_lock_irqsave(&parent->sighand->siglock, flags);
                send_signal_locked(leader->exit_signal, &info, parent, true);
                spin_unlock_irqrestore(&parent->sighand->siglock, flags);
        }
        wake_up(&parent->wait_chldexit);
}
static int next_signal(unsigned long pending)
{
        if (pending & SYNCHRONOUS_MASK)
                pending &= SYNCHRONOUS_MASK;
        return pending ? __builtin_ctzl(pending) + 1 : 0;
}
/* Context: current's siglock held. */
static int dequeue_signal(struct ksiginfo *info)
{
        struct task_struct *t = current;
        struct sigpending *q = &t->pending;
        int sig = next_signal(q->signal & ~t->blocked);

        if (!sig) {
                q = &t->signal->shared_pending;
                sig = next_signal(q->signal & ~t->blocked);
        }
        if (sig) {
                q->signal &= ~sigmask(sig);
                *info = q->info[sig - 1];
        }
        recalc_sigpending();
        return sig;
}
static void restart_syscall_without_handler(struct pt_regs *regs)
{
        if ((long)regs->orig_ax < 0)
                return;
        switch ((long)regs->ax) {
        case -ERESTARTNOHAND:
        case -ERESTARTSYS:
        case -ERESTARTNOINTR:
                regs->ax = regs->orig_ax;
                regs->ip -= 2;
                break;
        }
        regs->orig_ax = -1;
}
static void restart_syscall_for_handler(struct pt_regs *regs, const struct k_sigaction *ka)
{
        if ((long)regs->orig_ax < 0)
                return;
        switch ((long)regs->ax) {
        case -ERESTART_RESTARTBLOCK:
        case -ERESTARTNOHAND:
                regs->ax = -EINTR;
                break;
        case -ERESTARTSYS:
                if (!(ka->flags & SA_RESTART)) {
                        regs->ax = -EINTR;
                        break;
                }
                /* fall through */
        case -ERESTARTNOINTR:
                regs->ax = regs->orig_ax;
                regs->ip -= 2;
                break;
        }
        regs->orig_ax = -1;
}
static void handle_signal(int sig, const struct ksiginfo *info,
                          const struct k_sigaction *ka, struct pt_regs *regs)
{
        struct task_struct *t = current;
        unsigned long flags;

        restart_syscall_for_handler(regs, ka);
        unsigned long oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;
        if (setup_rt_frame(sig, info, ka, oldmask, regs)) {
                force_sigsegv(sig);
                return;
        }
        t->restore_sigmask = 0;
        spin_lock_irqsave(&t->sighand->siglock, flags);
        t->blocked |= ka->mask | (ka->flags & SA_NODEFER ? 0 : sigmask(sig));
        t->blocked &= ~SIG_KERNEL_ONLY_MASK;
        recalc_sigpending();
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
}
void do_signal(struct pt_regs *regs)
{
        struct task_struct *t = current;
        struct ksiginfo info;
        unsigned long flags;

        for (;;) {
                spin_lock_irqsave(&t->sighand->siglock, flags);
                int sig = dequeue_signal(&info);
                if (!sig) {
                        spin_unlock_irqrestore(&t->sighand->siglock, flags);
                        break;
                }
                if (t->ptrace && sig != SIGKILL) {
                        spin_unlock_irqrestore(&t->sighand->siglock, flags);
                        sig = ptrace_signal(sig, &info);
                        if (!sig)
                                continue;
                        spin_lock_irqsave(&t->sighand->siglock, flags);
                }
                struct k_sigaction ka = t->sighand->action[sig - 1];
                if (ka.handler > SIG_IGN && (ka.flags & SA_RESETHAND))
                        t->sighand->action[sig - 1].handler = SIG_DFL;
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
                if (ka.handler == SIG_IGN)
                        continue;
                if (ka.handler != SIG_DFL) {
                        handle_signal(sig, &info, &ka, regs);
                        return;
                }
                if (sig_in(sig, SIG_KERNEL_IGNORE_MASK))
                        continue;
                if (sig_in(sig, SIG_KERNEL_STOP_MASK)) {
                        pr_info("%s[%d]: %s: stopping is not supported; the signal is ignored\n",
                                t->comm, t->pid, signal_name(sig));
                        continue;
                }
                do_group_exit(sig);
        }
        restart_syscall_without_handler(regs);
        if (t->restore_sigmask) {
                t->restore_sigmask = 0;
                set_current_blocked(t->saved_sigmask);
        }
}
void __noreturn do_group_exit(int status)
{
        struct task_struct *t = current, *c;
        struct signal_struct *sig = t->signal;
        unsigned long flags;

        spin_lock(&tasklist_lock);
        spin_lock_irqsave(&t->sighand->siglock, flags);
        if (sig->group_exit) {
                status = sig->group_exit_code;
        } else {
                sig->group_exit = 1;
                sig->group_exit_code = status;
                list_for_each_entry(c, &sig->thread_head, thread_node) {
                        if (c == t)
                                continue;
                        c->pending.signal |= sigmask(SIGKILL);
                        signal_wake_up(c);
                }
        }
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        spin_unlock(&tasklist_lock);
        do_exit(status);
}
SYSCALL_DEFINE1(exit_group, int, code)
{
        do_group_exit((code & 0xff) << 8);
}
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
        struct task_struct *t = current;
        unsigned long flags;

        if (sig < 1 || sig > _NSIG || (act && sig_in(sig, SIG_KERNEL_ONLY_MASK)))
                return -EINVAL;
        spin_lock_irqsave(&t->sighand->siglock, flags);
        if (oact)
                *oact = t->sighand->action[sig - 1];
        if (act) {
                struct k_sigaction new = *act;

                new.mask &= ~SIG_KERNEL_ONLY_MASK;
                t->sighand->action[sig - 1] = new;
                if (new.handler == SIG_IGN ||
                    (new.handler == SIG_DFL && sig_in(sig, SIG_KERNEL_IGNORE_MASK))) {
                        t->pending.signal &= ~sigmask(sig);
                        t->signal->shared_pending.signal &= ~sigmask(sig);
                }
        }
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        if (oact)
                oact->flags &= UAPI_SA_FLAGS;
        return 0;
}
SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction __user *, act,
                struct k_sigaction __user *, oact, size_t, sigsetsize)
{
        struct k_sigaction new, old;
        int ret;

        if (sigsetsize != sizeof(unsigned long))
                return -EINVAL;
        if (sig < 1 || sig > _NSIG || (act && sig_in(sig, SIG_KERNEL_ONLY_MASK)))
                return -EINVAL;
        if (act) {
                if (copy_from_user(&new, act, sizeof(new)))
                        return -EFAULT;
                new.flags &= UAPI_SA_FLAGS;
        }
        ret = do_sigaction(sig, act ? &new : NULL, &old);
        if (!ret && oact && copy_to_user(oact, &old, sizeof(old)))
                return -EFAULT;
        return ret;
}
void set_current_blocked(unsigned long mask)
{
        struct task_struct *t = current;
        unsigned long flags;

        spin_lock_irqsave(&t->sighand->siglock, flags);
        t->blocked = mask & ~SIG_KERNEL_ONLY_MASK;
        recalc_sigpending();
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
}
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
SYSCALL_DEFINE4(rt_sigprocmask, int, how, const unsigned long __user *, nset,
                unsigned long __user *, oset, size_t, sigsetsize)
{
        unsigned long new, old = current->blocked;

        if (sigsetsize != sizeof(unsigned long))
                return -EINVAL;
        if (nset) {
                if (copy_from_user(&new, nset, sizeof(new)))
                        return -EFAULT;
                switch (how) {
                case SIG_BLOCK: set_current_blocked(old | new); break;
                case SIG_UNBLOCK: set_current_blocked(old & ~new); break;
                case SIG_SETMASK: set_current_blocked(new); break;
                default: return -EINVAL;
                }
        }
        if (oset && copy_to_user(oset, &old, sizeof(old)))
                return -EFAULT;
        return 0;
}
SYSCALL_DEFINE2(rt_sigpending, unsigned long __user *, uset, size_t, sigsetsize)
{
        struct task_struct *t = current;
        unsigned long flags, set;

        if (sigsetsize > sizeof(unsigned long))
                return -EINVAL;
        spin_lock_irqsave(&t->sighand->siglock, flags);
        set = (t->pending.signal | t->signal->shared_pending.signal) & t->blocked;
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

bool on_sig_stack(unsigned long sp)
{
        struct task_struct *t = current;

        if (t->sas_ss_flags & SS_AUTODISARM)
                return false;
        return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}
int sas_ss_flags(unsigned long sp)
{
        if (!current->sas_ss_size)
                return SS_DISABLE;
        return on_sig_stack(sp) ? SS_ONSTACK : 0;
}
int do_sigaltstack(const struct kernel_stack_t *ss, struct kernel_stack_t *oss,
                   unsigned long sp)
{
        struct task_struct *t = current;

        if (oss) {
                oss->ss_sp = t->sas_ss_sp;
                oss->ss_size = t->sas_ss_size;
                oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_AUTODISARM);
        }
        if (ss) {
                unsigned int mode = ss->ss_flags & ~SS_AUTODISARM;
                if (on_sig_stack(sp))
                        return -EPERM;
                if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
                        return -EINVAL;
                if (mode == SS_DISABLE) {
                        t->sas_ss_sp = t->sas_ss_size = 0;
                        t->sas_ss_flags = SS_DISABLE;
                        return 0;
                }
                if (ss->ss_size < MINSIGSTKSZ)
                        return -ENOMEM;
                t->sas_ss_sp = ss->ss_sp;
                t->sas_ss_size = ss->ss_size;
                t->sas_ss_flags = ss->ss_flags;
        }
        return 0;
}
SYSCALL_DEFINE2(sigaltstack, const struct kernel_stack_t __user *, uss,
                struct kernel_stack_t __user *, uoss)
{
        struct kernel_stack_t new, old = { 0, 0, 0, 0 };
        unsigned long sp = current_pt_regs()->sp;

        if (uss && copy_from_user(&new, uss, sizeof(new)))
                return -EFAULT;
        int err = do_sigaltstack(uss ? &new : NULL, &old, sp);
        if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
                return -EFAULT;
        return err;
}
static long sleep_until_signal(void)
{
        while (!signal_pending(current)) {
                WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
                if (!signal_pending(current))
                        schedule();
                WRITE_ONCE(current->state, TASK_RUNNING);
        }
        return -ERESTARTNOHAND;
}
SYSCALL_DEFINE0(pause)
{
        return sleep_until_signal();
}
SYSCALL_DEFINE2(rt_sigsuspend, const unsigned long __user *, unewset, size_t, sigsetsize)
{
        unsigned long mask;

        if (sigsetsize != sizeof(unsigned long))
                return -EINVAL;
        if (copy_from_user(&mask, unewset, sizeof(mask)))
                return -EFAULT;
        current->saved_sigmask = current->blocked;
        current->restore_sigmask = 1;
        set_current_blocked(mask);
        return sleep_until_signal();
}
int sleep_until_interruptible(unsigned long deadline)
{
        return wait_event_interruptible(jiffies_wq, (long)(jiffies - deadline) >= 0) ? -EINTR : 0;
}
