/* Tangled from book/fault.nw (chapter "Page faults and copy-on-write"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/process.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>

struct oom_choice {
        int tgid;                       /* 0: none; -1: the last victim still lives */
        struct mm_struct *mm;
        char comm[16];
        long points, total_vm, anon, shmem, pgtables;
};
static bool oom_unkillable_task(const struct task_struct *t)
{
        return t->tgid == 1 || !t->mm;  /* init; a kernel thread, or one exiting */
}
static void select_bad_process(struct oom_choice *c)
{
        struct task_struct *t;

        c->tgid = 0;
        if (READ_ONCE(oom_victim_mm)) {
                c->tgid = -1;
                return;
        }
        spin_lock(&tasklist_lock);
        list_for_each_entry(t, &task_list, tasks) {
                if (oom_unkillable_task(t) || t->exit_state)
                        continue;
                long points = get_mm_rss(t->mm) + READ_ONCE(t->mm->nr_ptes);
                if (c->tgid && points <= c->points)
                        continue;
                *c = (struct oom_choice){
                        .tgid = t->tgid, .mm = t->mm, .points = points, .total_vm = READ_ONCE(t->mm->total_vm),
                        .anon = get_mm_counter(t->mm, MM_ANONPAGES),
                        .shmem = get_mm_counter(t->mm, MM_SHMEMPAGES),
                        .pgtables = READ_ONCE(t->mm->nr_ptes),
                };
                memcpy(c->comm, t->group_leader->comm, sizeof(c->comm));
        }
        spin_unlock(&tasklist_lock);
}
static void oom_kill_process(const struct oom_choice *c)
{
        struct ksiginfo info = { .signo = SIGKILL, .code = SI_KERNEL };
        struct task_struct *t;
        unsigned long flags;

        pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
               "file-rss:0kB, shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:0\n",
               c->tgid, c->comm, c->total_vm * 4, c->anon * 4, c->shmem * 4,
               c->pgtables * 4);
        spin_lock(&tasklist_lock);
        t = find_task_by_pid(c->tgid);
        if (t) {
                spin_lock_irqsave(&t->sighand->siglock, flags);
                send_signal_locked(SIGKILL, &info, t, true);
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
        }
        spin_unlock(&tasklist_lock);
}
static int oom_lock;                    /* 1 while a killer runs */
#define PAGE_ALLOC_COSTLY_ORDER 3
#define OOM_SLACK_PAGES 16
#define OOM_WAIT_MS 2000

static bool oom_fatal_pending(struct task_struct *t)
{
        return READ_ONCE(t->signal->group_exit) ||
               ((t->pending.signal | t->signal->shared_pending.signal) & sigmask(SIGKILL));
}
bool out_of_memory(gfp_t gfp, unsigned int order)
{
        struct oom_choice c;

        if (!sched_ready || order > PAGE_ALLOC_COSTLY_ORDER || preempt_count() ||
            irqs_disabled() || !current->mm || oom_fatal_pending(current))
                return false;
        while (__atomic_exchange_n(&oom_lock, 1, __ATOMIC_ACQUIRE))
                msleep(1);
        if (nr_free_pages() > (1UL << order) + OOM_SLACK_PAGES) {
                __atomic_store_n(&oom_lock, 0, __ATOMIC_RELEASE);
                return true;                    /* freed while we waited for the lock */
        }
        select_bad_process(&c);
        if (!c.tgid) {
                show_meminfo();
                panic("Out of memory and no killable processes...\n");
        }
        if (c.tgid > 0) {
                pr_err("%s invoked oom-killer: gfp_mask=%#x, order=%u, oom_score_adj=0\n",
                       current->comm, gfp, order);
                show_meminfo();
                WRITE_ONCE(oom_victim_mm, c.mm);
                oom_kill_process(&c);
        }
        struct mm_struct *victim = READ_ONCE(oom_victim_mm);
        __atomic_store_n(&oom_lock, 0, __ATOMIC_RELEASE);
        if (!victim)
                return true;                    /* already freed: try again */
        if (victim == current->mm)
                return false;                   /* we are the victim: fail, and die */
        for (int ms = 0; ms < OOM_WAIT_MS; ms += 10) {
                if (READ_ONCE(oom_victim_mm) != victim)
                        return true;
                if (oom_fatal_pending(current))
                        return false;
                msleep(10);
        }
        pr_warn("oom: the victim still holds its memory after %d ms; the request fails\n",
                OOM_WAIT_MS);
        return false;
}
void pagefault_out_of_memory(void)
{
        static int warned;

        if (oom_fatal_pending(current))
                return;
        if (warned < 10) {
                warned++;
                pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
        }
}
