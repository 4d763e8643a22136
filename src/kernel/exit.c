/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <asm/ldt.h>
#include <asm/mmu_context.h>
#include <asm/power.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/process.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/signal.h>
#include <linux/syscalls.h>

DEFINE_SPINLOCK(tasklist_lock);
struct task_struct *child_reaper;

static void exit_mm(struct task_struct *t)
{
        struct mm_struct *mm = t->mm;

        if (!mm)
                return;
        preempt_disable();
        spin_lock(&tasklist_lock);      /* readers of another task's mm: the OOM killer */
        t->mm = NULL;
        spin_unlock(&tasklist_lock);
        switch_mm(NULL);
        preempt_enable();
        mmput(mm);
}
static void show_init_exit_dumps(struct task_struct *t)
{
        if (t->mm)
                mm_dump_requested(t->mm->pgd, (unsigned long)do_exit,
                                  task_pt_regs(t)->ip);
        lockdep_dump_requested();
}
static void forget_original_parent(struct task_struct *t)
{
        bool zombies = false;

        while (!list_empty(&t->children)) {
                struct task_struct *c = list_first_entry(&t->children, struct task_struct,
                                                         sibling);
                c->parent = child_reaper;
                list_del(&c->sibling);
                list_add_tail(&c->sibling, &child_reaper->children);
                zombies |= c->exit_state == EXIT_ZOMBIE;
        }
        if (zombies)
                wake_up(&child_reaper->wait_chldexit);
}
static void __noreturn init_exited(int wait_status)
{
        int code = (wait_status >> 8) & 0xff, sig = wait_status & 0x7f;

        if (sig)
                panic("Attempted to kill init! init killed by signal %d", sig);
        pr_notice("init exited with status %d\n", code);
        if (READ_ONCE(nr_user_mms) == 0) {
                unsigned long anon = page_acct_read(PGACCT_ANON);
                unsigned long ldt_pages = page_acct_read(PGACCT_LDT);
                unsigned long shmem = page_acct_read(PGACCT_SHMEM);
                long ldts = READ_ONCE(nr_ldt_structs);
                long pgtables = READ_ONCE(user_pgtable_pages);
                if (anon || shmem)
                        pr_err("BUG: %lu anonymous and %lu shared-memory user pages leaked\n",
                               anon, shmem);
                if (ldt_pages || ldts)
                        pr_err("BUG: %lu LDT pages and %ld LDTs leaked\n", ldt_pages, ldts);
                if (pgtables)
                        pr_err("BUG: %ld page-table pages of user address spaces leaked\n", pgtables);
                if (rss_count_errors)
                        pr_err("BUG: %ld address spaces ended with mapped pages still counted\n",
                               rss_count_errors);
                if (!anon && !shmem && !ldt_pages && !ldts && !pgtables && !rss_count_errors)
                        pr_notice("user memory: no page leaked\n");
        }
        if (code > EXIT_INIT_MAX)
                panic("init's exit status %d does not fit the exit-code range", code);
        power_off(EXIT_INIT_BASE + code);
}

void __noreturn do_exit(int wait_status)
{
        struct task_struct *t = current, *leader = t->group_leader;
        bool group_dead;

        if (t->sighand) {
                unsigned long flags;
                spin_lock_irqsave(&t->sighand->siglock, flags);
                t->exiting = 1;
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
        }
        if (t->clear_child_tid && t->mm && __atomic_load_n(&t->mm->mm_users, __ATOMIC_RELAXED) > 1) {
                (void)put_user(0, t->clear_child_tid);
                futex_wake((u32 __user *)t->clear_child_tid, 1);
        }
        t->clear_child_tid = NULL;
        if (t == child_reaper)
                show_init_exit_dumps(t);
        exit_files(t);
        if (t->mm) {
                update_hiwater_rss(t->mm);
                t->usage.maxrss = READ_ONCE(t->mm->hiwater_rss);
        }
        exit_mm(t);
        if (t == child_reaper)
                rcu_barrier();          /* retracted tables: see the leak check */
        spin_lock(&tasklist_lock);
        add_usage(&t->signal->dead, &t->usage);
        ptrace_exit(t);
        t->wait_status = wait_status;
        list_del(&t->thread_node);
        group_dead = --t->signal->live == 0;
        if (group_dead) {
                wait_status = t->signal->group_exit ? t->signal->group_exit_code :
                              leader->wait_status;
                if (wait_status & 0x7f)
                        pr_info("%s[%d]: killed by signal %d (%s)\n", leader->comm, leader->tgid,
                                wait_status & 0x7f, signal_name(wait_status & 0x7f));
        }
        if (group_dead) {
                if (leader == child_reaper)
                        init_exited(wait_status);
                forget_original_parent(leader);
                leader->wait_status = wait_status;
                leader->exit_state = EXIT_ZOMBIE;
                do_notify_parent(leader, wait_status);
        }
        if (t != leader) {
                list_del(&t->tasks);
                put_task_struct(t);
        }
        spin_unlock(&tasklist_lock);
        local_irq_disable();
        t->state = TASK_DEAD;
        schedule();
        panic("do_exit: a dead task was scheduled");
}
#define WNOHANG     0x00000001
#define WUNTRACED   0x00000002
#define WCONTINUED  0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

static struct task_struct *find_zombie(int pid, bool *any)
{
        struct task_struct *c;

        *any = false;
        list_for_each_entry(c, &current->group_leader->children, sibling) {
                if (pid > 0 && c->tgid != pid)
                        continue;
                *any = true;
                if (c->exit_state == EXIT_ZOMBIE) {
                        list_del(&c->sibling);
                        list_del(&c->tasks);
                        return c;
                }
        }
        return NULL;
}
SYSCALL_DEFINE4(wait4, int, pid, int __user *, stat_addr, int, options,
                void __user *, ru)
{
        struct wait_queue_entry w = { current, { NULL, NULL } };
        struct wait_queue_head *wq = &current->group_leader->wait_chldexit;
        struct task_struct *z;
        struct task_usage zu;
        int stopped_pid = 0, stopped_status = 0;
        bool any;

        if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
                return -EINVAL;
        if (pid < -1)
                return -ECHILD;                 /* another process group: none here */
        for (;;) {
                prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
                __atomic_thread_fence(__ATOMIC_SEQ_CST);        /* see signal_wake_up */
                spin_lock(&tasklist_lock);
                z = find_zombie(pid < 0 ? -1 : pid, &any);
                if (z)
                        reap_usage(z, &zu);
                if (!z)
                        ptrace_wait_stopped(pid < 0 ? -1 : pid, &any, &stopped_pid, &stopped_status);
                spin_unlock(&tasklist_lock);
                if (z || stopped_pid || !any || (options & WNOHANG) || signal_pending(current))
                        break;
                schedule();
        }
        finish_wait(wq, &w);
        if (stopped_pid) {
                if (stat_addr && put_user(stopped_status, stat_addr))
                        return -EFAULT;
                if (ru && clear_user(ru, RUSAGE_SIZE))
                        return -EFAULT;
                return stopped_pid;
        }
        if (!z)
                return !any ? -ECHILD : (options & WNOHANG) ? 0 : -ERESTARTSYS;
        int cpid = z->tgid, status = z->wait_status;
        put_task_struct(z);
        if (stat_addr && put_user(status, stat_addr))
                return -EFAULT;
        if (ru && put_rusage(&zu, ru))
                return -EFAULT;
        return cpid;
}
