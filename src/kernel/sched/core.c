/* Tangled from book/sched.nw (chapter "Tasks and scheduling"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sprintf.h>
#include <linux/string.h>

struct rq {
        arch_spinlock_t lock;
        struct list_head queue;         /* runnable, not running */
        struct task_struct *curr, *idle;
        unsigned long nr_switches;
};
static DEFINE_PER_CPU(struct rq, runqueues);
DEFINE_PER_CPU(struct task_struct *, current_task);
static DEFINE_PER_CPU(int, resched_pending);
static int next_pid = 1;

/* Context: rq->lock held, interrupts off. */
static void enqueue(struct rq *rq, struct task_struct *t)
{
        list_add_tail(&t->run_list, &rq->queue);
}

static struct task_struct *pick_next(struct rq *rq)
{
        if (list_empty(&rq->queue))
                return rq->idle;
        struct task_struct *t = list_first_entry(&rq->queue, struct task_struct, run_list);
        list_del(&t->run_list);
        return t;
}

bool need_resched(void) { return raw_cpu_read(resched_pending); }
static struct rq *task_rq_lock(struct task_struct *t, unsigned long *flags)
{
        for (;;) {
                local_irq_save(*flags);
                unsigned int cpu = READ_ONCE(t->cpu);
                struct rq *rq = per_cpu_ptr(&runqueues, cpu);
                arch_spin_lock(&rq->lock);
                if (READ_ONCE(t->cpu) == cpu)
                        return rq;
                arch_spin_unlock(&rq->lock);
                local_irq_restore(*flags);
        }
}
static bool work_elsewhere(unsigned int cpu)
{
        unsigned int other;

        for_each_online_cpu(other) {
                struct rq *src = per_cpu_ptr(&runqueues, other);
                if (other != cpu && READ_ONCE(src->queue.next) != &src->queue)
                        return true;
        }
        return false;
}

/* Context: this CPU's rq->lock held, interrupts off. */
static bool pull_task(struct rq *rq, unsigned int cpu)
{
        unsigned int other;

        for_each_online_cpu(other) {
                struct rq *src = per_cpu_ptr(&runqueues, other);
                struct task_struct *t;

                if (other == cpu || READ_ONCE(src->queue.next) == &src->queue ||
                    !arch_spin_trylock(&src->lock))
                        continue;
                list_for_each_entry(t, &src->queue, run_list) {
                        if (!(t->cpus_allowed & (1UL << cpu)))
                                continue;
                        list_del(&t->run_list);
                        WRITE_ONCE(t->cpu, cpu);
                        enqueue(rq, t);
                        arch_spin_unlock(&src->lock);
                        return true;
                }
                arch_spin_unlock(&src->lock);
        }
        return false;
}
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);
extern char ret_from_fork[];
static void finish_task_switch(struct task_struct *prev);

/* Context: this CPU's rq->lock held, interrupts off, preempt_count 1. */
static struct task_struct *context_switch(struct rq *rq, struct task_struct *prev,
                                          struct task_struct *next)
{
        rq->curr = next;
        rq->nr_switches++;
        next->on_cpu = 1;
        arch_switch_to(prev, next);
        raw_cpu_write(current_task, next);
        return __switch_to_asm(prev, next);
}
static void __schedule(bool preempt)
{
        unsigned long flags;

        local_irq_save(flags);
        preempt_disable();
        unsigned int cpu = raw_smp_processor_id();
        struct rq *rq = per_cpu_ptr(&runqueues, cpu);
        rcu_note_context_switch(cpu);
        arch_spin_lock(&rq->lock);
        struct task_struct *prev = rq->curr;
        raw_cpu_write(resched_pending, 0);
        if (!preempt && prev->state != TASK_RUNNING)
                prev->on_rq = 0;                /* goes to sleep */
        else if (prev != rq->idle && (prev->cpus_allowed & (1UL << cpu)))
                enqueue(rq, prev);
        if (list_empty(&rq->queue))
                pull_task(rq, cpu);
        struct task_struct *next = pick_next(rq);
        if (next != prev) {
                if (!preempt && prev->state != TASK_RUNNING)
                        prev->usage.nvcsw++;
                else
                        prev->usage.nivcsw++;
                prev = context_switch(rq, prev, next);
                finish_task_switch(prev);
        } else {
                arch_spin_unlock(&rq->lock);
        }
        preempt_enable_no_resched();
        local_irq_restore(flags);
}

void schedule(void) { __schedule(false); }
static void migrate_off(struct task_struct *t);

static void finish_task_switch(struct task_struct *prev)
{
        struct rq *rq = raw_cpu_ptr(&runqueues);
        unsigned int cpu = raw_smp_processor_id();
        bool moved = prev->on_rq && prev != per_cpu(runqueues, prev->cpu).idle
                && !(prev->cpus_allowed & (1UL << cpu));
        bool dead = prev->state == TASK_DEAD;

        __atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
        arch_spin_unlock(&rq->lock);
        if (moved)
                migrate_off(prev);
        if (dead)
                put_task_struct(prev);
}

/* The first thing a new task does; called from ret_from_fork. */
void schedule_tail(struct task_struct *prev);
void schedule_tail(struct task_struct *prev)
{
        finish_task_switch(prev);
        preempt_enable_no_resched();
        local_irq_enable();
}
static void resched_cpu(unsigned int cpu)
{
        per_cpu(resched_pending, cpu) = 1;
        if (cpu != raw_smp_processor_id())
                apic_send_ipi(cpu, RESCHEDULE_VECTOR);
}

int wake_up_state(struct task_struct *t, long state)
{
        unsigned long flags;
        int woke = 0;
        struct rq *rq = task_rq_lock(t, &flags);

        if (t->state & state) {
                t->state = TASK_RUNNING;
                woke = 1;
                if (!t->on_rq) {
                        BUG_ON(__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE));
                        t->on_rq = 1;
                        enqueue(rq, t);
                        resched_cpu(t->cpu);
                }
        }
        arch_spin_unlock(&rq->lock);
        local_irq_restore(flags);
        return woke;
}
int wake_up_process(struct task_struct *t)
{
        return wake_up_state(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}
#define TIME_SLICE_TICKS 2

void scheduler_tick(void)
{
        struct rq *rq = raw_cpu_ptr(&runqueues);
        arch_spin_lock(&rq->lock);
        struct task_struct *curr = rq->curr;
        if (curr == rq->idle ? !list_empty(&rq->queue) || work_elsewhere(raw_smp_processor_id()) :
            (--curr->ticks == 0 && !list_empty(&rq->queue)))
                raw_cpu_write(resched_pending, 1);
        if (curr->ticks == 0)
                curr->ticks = TIME_SLICE_TICKS;
        arch_spin_unlock(&rq->lock);
}

/* Context: interrupt return, interrupts off, preempt_count 0. */
void preempt_schedule_irq(void)
{
        while (need_resched())
                __schedule(true);
}
static unsigned int first_allowed(unsigned long mask)
{
        for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
                if ((mask & (1UL << cpu)) && cpu_online(cpu))
                        return cpu;
        panic("sched: no online CPU in mask %#lx", mask);
}

static void migrate_off(struct task_struct *t)
{
        unsigned long flags;
        unsigned int cpu = first_allowed(t->cpus_allowed);
        struct rq *rq = per_cpu_ptr(&runqueues, cpu);

        local_irq_save(flags);
        arch_spin_lock(&rq->lock);
        t->cpu = cpu;
        enqueue(rq, t);
        resched_cpu(cpu);
        arch_spin_unlock(&rq->lock);
        local_irq_restore(flags);
}

void set_cpus_allowed(struct task_struct *t, unsigned long mask)
{
        unsigned long flags;
        bool move = false;
        struct rq *rq = task_rq_lock(t, &flags);

        t->cpus_allowed = mask;
        if (!(mask & (1UL << t->cpu))) {
                if (t->on_cpu)
                        resched_cpu(t->cpu);
                else if (t->on_rq) {
                        list_del(&t->run_list);
                        move = true;
                }
        }
        arch_spin_unlock(&rq->lock);
        local_irq_restore(flags);
        if (move)
                migrate_off(t);
        if (t == current)
                schedule();
}
static DECLARE_WAIT_QUEUE_HEAD(exit_wq);
static arch_spinlock_t stack_pool_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static void *stack_pool;                /* free stacks, linked by first word */

static void *alloc_task_stack(void)
{
        unsigned long flags;
        arch_spin_lock_irqsave(&stack_pool_lock, flags);
        void *s = stack_pool;
        if (s)
                stack_pool = *(void **)s;
        arch_spin_unlock_irqrestore(&stack_pool_lock, flags);
        return s ? s : vmap_stack(BOOT_STACK_SIZE);
}

static void free_task_stack(void *s)
{
        unsigned long flags;
        arch_spin_lock_irqsave(&stack_pool_lock, flags);
        *(void **)s = stack_pool;
        stack_pool = s;
        arch_spin_unlock_irqrestore(&stack_pool_lock, flags);
}
struct task_struct *task_alloc(int (*fn)(void *), void *arg, const char *name,
                               unsigned int cpu)
{
        struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
        char *stack = t ? alloc_task_stack() : NULL;
        if (!stack) {
                kfree(t);
                return NULL;
        }
        t->stack_lo = (unsigned long)stack;
        t->stack_hi = t->stack_lo + BOOT_STACK_SIZE;
        unsigned long *sp = (unsigned long *)(t->stack_hi - PTREGS_SIZE);
        *--sp = 0;                              /* alignment: ret_from_fork's "caller" */
        *--sp = (unsigned long)ret_from_fork;
        *--sp = 0; *--sp = (unsigned long)fn; *--sp = (unsigned long)arg;  /* rbp rbx r12 */
        *--sp = 0; *--sp = 0; *--sp = 0;        /* r13 r14 r15 */
        t->thread_sp = (unsigned long)sp;
        t->fn = fn;
        t->arg = arg;
        t->pid = __atomic_fetch_add(&next_pid, 1, __ATOMIC_RELAXED);
        strscpy(t->comm, name, sizeof(t->comm));
        lockdep_init_task(&t->lockdep, t->comm, t->pid);
        t->cpu = cpu < nr_cpu_ids && cpu_online(cpu) ? cpu : 0;
        t->cpus_allowed = ~0UL;
        t->ticks = TIME_SLICE_TICKS;
        t->refcount = 2;
        t->exit_wq = &exit_wq;
        t->state = TASK_UNINTERRUPTIBLE;
        return t;
}
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name,
                                   unsigned int cpu)
{
        struct task_struct *t = task_alloc(fn, arg, name, cpu);
        if (t) {
                t->cpus_allowed = 1UL << t->cpu;        /* bound, as kthread_bind does */
                wake_up_process(t);
        }
        return t;
}
void put_task_struct(struct task_struct *t)
{
        if (__atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL))
                return;
        fpu_free(t);
        put_signal_state(t);
        free_task_stack((void *)t->stack_lo);
        kfree(t);
}

void __noreturn kthread_exit(int code)
{
        struct task_struct *t = current;
        unsigned long flags;

        spin_lock_irqsave(&exit_wq.lock, flags);
        t->exit_code = code;
        t->exited = 1;
        spin_unlock_irqrestore(&exit_wq.lock, flags);
        wake_up(&exit_wq);
        local_irq_disable();
        t->state = TASK_DEAD;
        schedule();
        panic("kthread_exit: a dead task was scheduled");
}

int kthread_join(struct task_struct *t)
{
        wait_event(exit_wq, READ_ONCE(t->exited));
        while (__atomic_load_n(&t->refcount, __ATOMIC_ACQUIRE) > 1)
                asm volatile("pause");  /* its own put, after the switch away */
        int code = t->exit_code;
        put_task_struct(t);
        return code;
}
void init_waitqueue_head(struct wait_queue_head *wq)
{
        spin_lock_init(&wq->lock);
        INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state)
{
        unsigned long flags;
        spin_lock_irqsave(&wq->lock, flags);
        if (!w->entry.next || w->entry.next == LIST_POISON1)
                list_add_tail(&w->entry, &wq->head);
        current->state = state;
        spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
        unsigned long flags;
        current->state = TASK_RUNNING;
        spin_lock_irqsave(&wq->lock, flags);
        if (w->entry.next && w->entry.next != LIST_POISON1)
                list_del(&w->entry);
        spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
        unsigned long flags;
        struct wait_queue_entry *w;
        spin_lock_irqsave(&wq->lock, flags);
        list_for_each_entry(w, &wq->head, entry)
                wake_up_process(w->task);
        spin_unlock_irqrestore(&wq->lock, flags);
}
DECLARE_WAIT_QUEUE_HEAD(jiffies_wq);

void msleep(unsigned int ms)
{
        unsigned long until = jiffies + (ms * HZ + 999) / 1000;
        wait_event(jiffies_wq, jiffies >= until);
}
static struct task_struct idle_tasks[NR_CPUS];

static void init_idle(unsigned int cpu)
{
        struct task_struct *idle = &idle_tasks[cpu];
        struct rq *rq = per_cpu_ptr(&runqueues, cpu);

        arch_spin_lock_init(&rq->lock);
        INIT_LIST_HEAD(&rq->queue);
        idle->state = TASK_RUNNING;
        idle->on_rq = 1;
        idle->on_cpu = 1;
        idle->cpu = cpu;
        idle->cpus_allowed = 1UL << cpu;
        idle->ticks = TIME_SLICE_TICKS;
        scnprintf(idle->comm, sizeof(idle->comm), "swapper/%u", cpu);
        lockdep_init_task(&idle->lockdep, idle->comm, 0);
        rq->idle = rq->curr = idle;
        per_cpu(current_task, cpu) = idle;
}

void sched_init(void)
{
        for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
                init_idle(cpu);
}

void __noreturn cpu_idle(void)
{
        for (;;) {
                local_irq_disable();
                if (need_resched()) {
                        local_irq_enable();
                        schedule();
                        continue;
                }
                unsigned int cpu = raw_smp_processor_id();
                rcu_idle_enter(cpu);
                asm volatile("sti; hlt; cli" ::: "memory");
                rcu_idle_exit(cpu);
                local_irq_enable();
        }
}

void preempt_schedule(void)
{
        if (!preempt_count() && !irqs_disabled())
                __schedule(true);
}
