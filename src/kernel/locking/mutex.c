/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>

void __might_sleep(const char *file, int line)
{
        if (!sched_ready || (!preempt_count() && !irqs_disabled()))
                return;
        pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
        pr_err("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
               preempt_count() != 0, irqs_disabled(), current->pid, current->comm);
        dump_stack();
}
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key)
{
        m->owner = NULL;
        init_waitqueue_head(&m->wq);
        lockdep_init_map(&m->dep_map, name, key);
}

static bool mutex_try_acquire(struct mutex *m)
{
        struct task_struct *none = NULL;
        return __atomic_compare_exchange_n(&m->owner, &none, current, false,
                                           __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static void __mutex_lock(struct mutex *m, unsigned int subclass, unsigned long ip)
{
        might_sleep();
        lock_acquire(&m->dep_map, subclass, 0, 0, ip);
        if (!mutex_try_acquire(m))
                wait_event(m->wq, mutex_try_acquire(m));
}

void mutex_lock(struct mutex *m) { __mutex_lock(m, 0, _RET_IP_); }
void mutex_lock_nested(struct mutex *m, unsigned int subclass)
{
        __mutex_lock(m, subclass, _RET_IP_);
}

int mutex_trylock(struct mutex *m)
{
        if (!mutex_try_acquire(m))
                return 0;
        lock_acquire(&m->dep_map, 0, 1, 0, _RET_IP_);
        return 1;
}
void mutex_unlock(struct mutex *m)
{
        if (WARN_ON(READ_ONCE(m->owner) != current))
                return;
        lock_release(&m->dep_map, _RET_IP_);
        __atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
        wake_up(&m->wq);
}
