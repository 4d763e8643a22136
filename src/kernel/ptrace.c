/* Tangled from book/ptrace.nw (chapter "Tracing a process: ptrace"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/process.h>
#include <linux/ptrace.h>
#include <linux/race.h>
#include <linux/shmem_fs.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

static void notify_tracer(struct task_struct *t, int code);
static void wake_tracee(struct task_struct *child, int sig);
static long send_sigkill(struct task_struct *child);
static bool fatal_signal_pending(struct task_struct *t)
{
        return ((t->pending.signal | t->signal->shared_pending.signal) & sigmask(SIGKILL)) ||
               t->signal->group_exit;
}
/* Context: current, interrupts on, no lock held.  Returns false if it did not stop. */
static bool ptrace_stop(int code, struct ksiginfo *info)
{
        struct task_struct *t = current;
        unsigned long flags;

        spin_lock(&tasklist_lock);
        spin_lock_irqsave(&t->sighand->siglock, flags);
        if (!t->ptrace || fatal_signal_pending(t)) {
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
                spin_unlock(&tasklist_lock);
                return false;
        }
        t->last_siginfo = info;
        t->ptrace_code = code;
        WRITE_ONCE(t->state, TASK_TRACED);
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        notify_tracer(t, code);
        spin_unlock(&tasklist_lock);
        preempt_disable();
        race_point("ptrace:stopped-on-cpu");
        preempt_enable();
        schedule();
        spin_lock_irqsave(&t->sighand->siglock, flags);
        t->last_siginfo = NULL;
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        return true;
}
/* Context: tasklist_lock held. */
static void notify_tracer(struct task_struct *t, int code)
{
        struct task_struct *tracer = t->tracer;
        struct ksiginfo info = { .signo = SIGCHLD, .code = CLD_TRAPPED, .pid = t->pid,
                                 .status = code & 0x7f };
        unsigned long flags;
        const struct k_sigaction *ka = &tracer->sighand->action[SIGCHLD - 1];

        if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP)) {
                spin_lock_irqsave(&tracer->sighand->siglock, flags);
                send_signal_locked(SIGCHLD, &info, tracer, true);
                spin_unlock_irqrestore(&tracer->sighand->siglock, flags);
        }
        wake_up(&tracer->group_leader->wait_chldexit);
}
/* Context: t's siglock held. */
void ptrace_wake_killed(struct task_struct *t)
{
        if (fatal_signal_pending(t) && !t->ptrace_frozen)
                wake_up_state(t, TASK_TRACED);
}
int ptrace_signal(int sig, struct ksiginfo *info)
{
        struct task_struct *t = current;
        unsigned long flags;

        if (!ptrace_stop(sig, info))
                return sig;
        int resume = t->ptrace_code;
        t->ptrace_code = 0;
        if (!resume)
                return 0;
        if (resume != sig) {
                spin_lock(&tasklist_lock);
                *info = (struct ksiginfo){ .signo = resume, .code = SI_USER,
                                           .pid = t->tracer ? t->tracer->tgid : 0 };
                spin_unlock(&tasklist_lock);
        }
        spin_lock_irqsave(&t->sighand->siglock, flags);
        if ((t->blocked & sigmask(resume)) || fatal_signal_pending(t)) {
                send_signal_locked(resume, info, t, false);
                resume = 0;
        }
        spin_unlock_irqrestore(&t->sighand->siglock, flags);
        return resume;
}
/* Context: tasklist_lock held. */
bool ptrace_wait_stopped(int pid, bool *any, int *pidp, int *status)
{
        struct task_struct *t;
        unsigned long flags;

        list_for_each_entry(t, &task_list, tasks) {
                if (!t->tracer || t->tracer->group_leader != current->group_leader)
                        continue;
                if (pid > 0 && t->pid != pid && t->tgid != pid)
                        continue;
                *any = true;
                spin_lock_irqsave(&t->sighand->siglock, flags);
                bool stopped = READ_ONCE(t->state) == TASK_TRACED && t->ptrace_code;
                if (stopped) {
                        *pidp = t->pid;
                        *status = (t->ptrace_code << 8) | 0x7f;
                        t->ptrace_code = 0;
                }
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
                if (stopped)
                        return true;
        }
        return false;
}
static long ptrace_traceme(void)
{
        struct task_struct *t = current;
        long ret = -EPERM;

        spin_lock(&tasklist_lock);
        if (!t->ptrace && t->group_leader->parent) {
                t->tracer = t->group_leader->parent;
                t->ptrace = PT_PTRACED;
                ret = 0;
        }
        spin_unlock(&tasklist_lock);
        return ret;
}
/* Context: tasklist_lock held. */
static long ptrace_attach(struct task_struct *child, long request, unsigned long addr,
                          unsigned long flags)
{
        unsigned long irqflags;

        if (request == PTRACE_SEIZE) {
                if (addr)
                        return -EIO;
                if (flags & ~(unsigned long)PTRACE_O_MASK)
                        return -EIO;
        }
        if (!child->mm || child->signal == current->signal || child->ptrace ||
            child->exit_state || READ_ONCE(child->exiting))
                return -EPERM;
        child->tracer = current;
        child->ptrace = PT_PTRACED;
        if (request == PTRACE_SEIZE)
                child->ptrace |= PT_SEIZED | (flags << PT_OPT_FLAG_SHIFT);
        else {
                struct ksiginfo info = { .signo = SIGSTOP, .code = SI_KERNEL };
                spin_lock_irqsave(&child->sighand->siglock, irqflags);
                send_signal_locked(SIGSTOP, &info, child, false);
                spin_unlock_irqrestore(&child->sighand->siglock, irqflags);
        }
        return 0;
}
bool ptrace_wait_none;

static int set_ptrace_wait(char *val)
{
        int broken = parse_broken_switch("ptrace_wait", val, "inactive", "none",
                "a tracer reads a stopped tracee's FPU registers before they are saved");

        if (broken < 0)
                return broken;
        ptrace_wait_none = broken;
        return 0;
}
early_param("ptrace_wait", set_ptrace_wait);
static long ptrace_check_attach(struct task_struct *child, bool ignore_state)
{
        unsigned long flags;
        long ret = -ESRCH;

        spin_lock_irqsave(&child->sighand->siglock, flags);
        if (child->tracer == current &&
            (ignore_state || READ_ONCE(child->state) == TASK_TRACED)) {
                child->ptrace_frozen = !ignore_state;
                ret = 0;
        }
        spin_unlock_irqrestore(&child->sighand->siglock, flags);
        if (ret || ignore_state)
                return ret;
        race_point("ptrace:found-stopped");
        if (!ptrace_wait_none)
                while (__atomic_load_n(&child->on_cpu, __ATOMIC_ACQUIRE))
                        asm volatile("pause");
        return 0;
}
static void ptrace_unfreeze(struct task_struct *child)
{
        unsigned long flags;

        spin_lock_irqsave(&child->sighand->siglock, flags);
        if (child->ptrace_frozen) {
                child->ptrace_frozen = 0;
                ptrace_wake_killed(child);
        }
        spin_unlock_irqrestore(&child->sighand->siglock, flags);
}
static long ptrace_resume(struct task_struct *child, long request, unsigned long data)
{
        if (data > _NSIG)
                return -EIO;
        child->syscall_trace = request == PTRACE_SYSCALL;
        if (request == PTRACE_SINGLESTEP)
                user_enable_single_step(child);
        else
                user_disable_single_step(child);
        wake_tracee(child, data);
        return 0;
}
static void wake_tracee(struct task_struct *child, int sig)
{
        unsigned long flags;

        spin_lock_irqsave(&child->sighand->siglock, flags);
        child->ptrace_code = sig;
        child->ptrace_frozen = 0;
        wake_up_state(child, TASK_TRACED);
        spin_unlock_irqrestore(&child->sighand->siglock, flags);
}
/* Context: tasklist_lock held. */
static void __ptrace_detach(struct task_struct *child, int sig)
{
        user_disable_single_step(child);
        ptrace_clear_debugregs(child);
        child->syscall_trace = false;
        child->ptrace = 0;
        child->tracer = NULL;
        wake_tracee(child, sig);
}
static long ptrace_detach(struct task_struct *child, unsigned long data)
{
        if (data > _NSIG)
                return -EIO;
        spin_lock(&tasklist_lock);
        __ptrace_detach(child, data);
        spin_unlock(&tasklist_lock);
        return 0;
}
/* Context: tasklist_lock held. */
void ptrace_exit(struct task_struct *t)
{
        struct task_struct *c;
        unsigned long flags;

        t->ptrace = 0;
        t->tracer = NULL;
        list_for_each_entry(c, &task_list, tasks) {
                if (c->tracer != t)
                        continue;
                bool kill = c->ptrace & PT_EXITKILL;
                __ptrace_detach(c, 0);
                if (kill) {
                        struct ksiginfo info = { .signo = SIGKILL, .code = SI_KERNEL };
                        spin_lock_irqsave(&c->sighand->siglock, flags);
                        send_signal_locked(SIGKILL, &info, c, false);
                        spin_unlock_irqrestore(&c->sighand->siglock, flags);
                }
        }
}
void ptrace_exec(int old_pid)
{
        struct task_struct *t = current;

        ptrace_clear_debugregs(t);
        if (!t->ptrace)
                return;
        if (t->ptrace & PT_TRACE_EXEC) {
                struct ksiginfo info = { .signo = SIGTRAP, .pid = t->pid,
                                         .code = SIGTRAP | (PTRACE_EVENT_EXEC << 8) };
                t->ptrace_message = old_pid;
                if (ptrace_stop(info.code, &info))
                        t->ptrace_code = 0;
        } else if (!(t->ptrace & PT_SEIZED)) {
                struct ksiginfo info = { .signo = SIGTRAP, .code = SI_USER, .pid = t->tgid };
                unsigned long flags;
                spin_lock_irqsave(&t->sighand->siglock, flags);
                send_signal_locked(SIGTRAP, &info, t, false);
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
        }
}
static bool ptrace_report_syscall(unsigned long message)
{
        struct task_struct *t = current;
        int code = SIGTRAP | (t->ptrace & PT_TRACESYSGOOD ? 0x80 : 0);
        struct ksiginfo info = { .signo = SIGTRAP, .code = code, .pid = t->pid };

        t->ptrace_message = message;
        if (ptrace_stop(code, &info)) {
                int sig = t->ptrace_code;
                t->ptrace_code = 0;
                if (sig) {
                        struct ksiginfo si = { .signo = sig, .code = SI_USER, .pid = t->tgid };
                        unsigned long flags;
                        spin_lock_irqsave(&t->sighand->siglock, flags);
                        send_signal_locked(sig, &si, t, false);
                        spin_unlock_irqrestore(&t->sighand->siglock, flags);
                }
        }
        return fatal_signal_pending(t);
}
long syscall_trace_enter(struct pt_regs *regs)
{
        if (ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_ENTRY))
                return -1;
        return regs->orig_ax;           /* the tracer may have changed it */
}
bool ptrace_step_late;

static int set_ptrace_step(char *val)
{
        int broken = parse_broken_switch("ptrace_step", val, "exit", "late",
                "a single step over SYSCALL stops one instruction after the "
                "instruction that follows it");

        if (broken < 0)
                return broken;
        ptrace_step_late = broken;
        return 0;
}
early_param("ptrace_step", set_ptrace_step);

void syscall_exit_work(struct pt_regs *regs)
{
        struct task_struct *t = current;
        bool step = t->singlestep && !ptrace_step_late;

        if (step)
                force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->ip, X86_TRAP_DB, 0);
        else if (t->syscall_trace)
                ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_EXIT);
}
bool ptrace_poke_nocow;

static int set_ptrace_poke(char *val)
{
        int broken = parse_broken_switch("ptrace_poke", val, "cow", "nocow",
                "a debugger's write to a child's text changes the parent's text too");

        if (broken < 0)
                return broken;
        ptrace_poke_nocow = broken;
        return 0;
}
early_param("ptrace_poke", set_ptrace_poke);
/* Context: mm->mmap_lock held for reading; pte locked by ptl, unlocked on return. */
static int break_cow_for_tracer(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr,
                                pte_t *pte, spinlock_t *ptl, pte_t orig)
{
        struct mm_struct *mm = vma->vm_mm;
        struct page *old = pte_page(orig);

        get_page(old);
        pte_unmap_unlock(pte, ptl);
        struct page *new = alloc_page(GFP_USER_ANON);
        if (!new) {
                put_page(old);
                return -EIO;
        }
        memcpy(page_address(new), page_address(old), PAGE_SIZE);
        pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
        if (!pte || !pte_same(ptep_get(pte), orig)) {
                if (pte)
                        pte_unmap_unlock(pte, ptl);
                __free_page(new);
                put_page(old);
                return 0;                       /* changed under us: try again */
        }
        ptep_get_and_clear(mm, addr, pte);
        flush_tlb_mm_range(mm, addr, addr + PAGE_SIZE);
        new->_mapcount = 0;
        pte_t entry = pte_mkdirty(mk_pte(new, vma->vm_page_prot));
        if (vma->vm_flags & VM_WRITE)
                entry = pte_mkwrite(entry);
        set_pte_at(mm, addr, pte, entry);
        pte_unmap_unlock(pte, ptl);
        __atomic_sub_fetch(&old->_mapcount, 1, __ATOMIC_RELAXED);
        put_page(old);                          /* the mapping's reference */
        put_page(old);                          /* ours */
        return 0;
}
static int access_one_page(struct mm_struct *mm, unsigned long addr, void *buf, int len,
                           bool write)
{
        struct vm_area_struct *vma = find_vma(mm, addr);
        spinlock_t *ptl;

        if (!vma || vma->vm_start > addr)
                return -EIO;
        for (int tries = 0; tries < 8; tries++) {
                pgd_t *pgd = pgd_offset(mm, addr);
                pud_t *pud = pgd_present(*pgd) ? pud_offset(pgd, addr) : NULL;
                pmd_t *pmd = pud && pud_present(*pud) ? pmd_offset(pud, addr) : NULL;
                pmd_t pmdval = pmd ? pmdp_get_lockless(pmd) : __pmd(0);
                if (pmd && pmd_present(pmdval) && pmd_leaf(pmdval)) {
                        char *p = (char *)page_address(pmd_page(pmdval)) + (addr & ~PMD_MASK);
                        if (write)
                                memcpy(p, buf, len);
                        else
                                memcpy(buf, p, len);
                        return 0;
                }
                pte_t *pte = pmd && pmd_present(pmdval) ? pte_offset_map_lock(mm, pmd, addr, &ptl)
                                                       : NULL;
                if (pte) {
                        pte_t e = ptep_get(pte);
                        if (pte_present(e)) {
                                struct page *page = pte_page(e);
                                char *p = (char *)page_address(page) + (addr & ~PAGE_MASK);
                                if (write && !pte_write(e) && !(vma->vm_flags & VM_SHARED) &&
                                    page_count(page) != 1 && !ptrace_poke_nocow) {
                                        if (break_cow_for_tracer(vma, pmd, addr, pte, ptl, e))
                                                return -EIO;
                                        continue;
                                }
                                if (write)
                                        memcpy(p, buf, len);
                                else
                                        memcpy(buf, p, len);
                                pte_unmap_unlock(pte, ptl);
                                return 0;
                        }
                        pte_unmap_unlock(pte, ptl);
                }
                bool wfault = write && (vma->vm_flags & VM_WRITE);
                if (handle_mm_fault(vma, addr, wfault ? FAULT_FLAG_WRITE : 0) & VM_FAULT_OOM)
                        return -EIO;
        }
        return -EIO;
}
static int access_process_vm(struct task_struct *t, unsigned long addr, void *buf, int len,
                             bool write)
{
        struct mm_struct *mm = t->mm;
        int err = 0;

        if (!mm)
                return -EIO;
        down_read(&mm->mmap_lock);
        while (len > 0 && !err) {
                int n = min(len, (int)(PAGE_SIZE - (addr & ~PAGE_MASK)));
                err = access_one_page(mm, addr, buf, n, write);
                addr += n;
                buf = (char *)buf + n;
                len -= n;
        }
        up_read(&mm->mmap_lock);
        return err;
}
static long ptrace_request(struct task_struct *child, long request, unsigned long addr,
                           unsigned long data)
{
        unsigned long word;
        struct kernel_siginfo_buf { u8 b[128]; } si;

        switch (request) {
        case PTRACE_PEEKTEXT:
        case PTRACE_PEEKDATA:
                if (access_process_vm(child, addr, &word, sizeof(word), false))
                        return -EIO;
                return put_user(word, (unsigned long __user *)data);
        case PTRACE_POKETEXT:
        case PTRACE_POKEDATA:
                return access_process_vm(child, addr, &data, sizeof(data), true) ? -EIO : 0;
        case PTRACE_SETOPTIONS:
                if (data & ~(unsigned long)PTRACE_O_MASK)
                        return -EINVAL;
                child->ptrace = (child->ptrace & (PT_PTRACED | PT_SEIZED)) |
                                (data << PT_OPT_FLAG_SHIFT);
                return 0;
        case PTRACE_GETEVENTMSG:
                return put_user(child->ptrace_message, (unsigned long __user *)data);
        case PTRACE_GETSIGINFO:
                if (!child->last_siginfo)
                        return -EINVAL;
                ksiginfo_to_user_layout(&si, child->last_siginfo->signo, child->last_siginfo);
                if (child->last_siginfo->signo == SIGTRAP && (child->last_siginfo->code & ~0x7f) &&
                    child->last_siginfo->code != SI_KERNEL) {
                        memcpy(&si.b[16], &child->last_siginfo->pid, sizeof(int));
                        memset(&si.b[20], 0, 8);
                }
                return copy_to_user((void __user *)data, &si, sizeof(si)) ? -EFAULT : 0;
        case PTRACE_CONT:
        case PTRACE_SYSCALL:
        case PTRACE_SINGLESTEP:
                return ptrace_resume(child, request, data);
        case PTRACE_DETACH:
                return ptrace_detach(child, data);
        case PTRACE_KILL:
                return send_sigkill(child);
        default:
                return arch_ptrace(child, request, addr, data);
        }
}
static long send_sigkill(struct task_struct *child)
{
        struct ksiginfo info = { .signo = SIGKILL, .code = SI_KERNEL };
        unsigned long flags;

        spin_lock_irqsave(&child->sighand->siglock, flags);
        send_signal_locked(SIGKILL, &info, child, false);
        spin_unlock_irqrestore(&child->sighand->siglock, flags);
        return 0;
}
SYSCALL_DEFINE4(ptrace, long, request, long, pid, unsigned long, addr, unsigned long, data)
{
        struct task_struct *child;
        long ret;

        if (request == PTRACE_TRACEME)
                return ptrace_traceme();
        spin_lock(&tasklist_lock);
        child = find_task_by_pid(pid);
        if (!child || child->exit_state) {
                spin_unlock(&tasklist_lock);
                return -ESRCH;
        }
        if (request == PTRACE_ATTACH || request == PTRACE_SEIZE) {
                ret = ptrace_attach(child, request, addr, data);
                spin_unlock(&tasklist_lock);
                return ret;
        }
        spin_unlock(&tasklist_lock);
        ret = ptrace_check_attach(child, request == PTRACE_KILL);
        if (ret)
                return ret;
        ret = ptrace_request(child, request, addr, data);
        if (request != PTRACE_KILL && (ret || (request != PTRACE_DETACH &&
                request != PTRACE_CONT && request != PTRACE_SYSCALL &&
                request != PTRACE_SINGLESTEP)))
                ptrace_unfreeze(child);
        return ret;
}
