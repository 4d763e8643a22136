/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <linux/kernel.h>
#include <linux/mutex.h>

void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key)
{
        spin_lock_init(&s->lock);
        s->count = 0;
        s->writers_waiting = 0;
        init_waitqueue_head(&s->wq);
        lockdep_init_map(&s->dep_map, name, key);
}

static bool rwsem_try_read(struct rw_semaphore *s)
{
        unsigned long flags;
        spin_lock_irqsave(&s->lock, flags);
        bool ok = s->count >= 0 && !s->writers_waiting;
        if (ok)
                s->count++;
        spin_unlock_irqrestore(&s->lock, flags);
        return ok;
}

static bool rwsem_try_write(struct rw_semaphore *s)
{
        unsigned long flags;
        spin_lock_irqsave(&s->lock, flags);
        bool ok = s->count == 0;
        if (ok) {
                s->count = -1;
                s->writers_waiting--;
        }
        spin_unlock_irqrestore(&s->lock, flags);
        return ok;
}
static void __down_read(struct rw_semaphore *s, unsigned int subclass, unsigned long ip)
{
        might_sleep();
        lock_acquire(&s->dep_map, subclass, 0, 1, ip);
        if (!rwsem_try_read(s))
                wait_event(s->wq, rwsem_try_read(s));
}
void down_read(struct rw_semaphore *s) { __down_read(s, 0, _RET_IP_); }
void down_read_nested(struct rw_semaphore *s, unsigned int subclass)
{
        __down_read(s, subclass, _RET_IP_);
}

static void __down_write(struct rw_semaphore *s, unsigned int subclass, unsigned long ip)
{
        unsigned long flags;
        might_sleep();
        lock_acquire(&s->dep_map, subclass, 0, 0, ip);
        spin_lock_irqsave(&s->lock, flags);
        bool free = s->count == 0;
        if (free)
                s->count = -1;
        else
                s->writers_waiting++;
        spin_unlock_irqrestore(&s->lock, flags);
        if (!free)
                wait_event(s->wq, rwsem_try_write(s));
}
void down_write(struct rw_semaphore *s) { __down_write(s, 0, _RET_IP_); }
void down_write_nested(struct rw_semaphore *s, unsigned int subclass)
{
        __down_write(s, subclass, _RET_IP_);
}

static void rwsem_release(struct rw_semaphore *s, bool writer)
{
        unsigned long flags;
        lock_release(&s->dep_map, _RET_IP_);
        spin_lock_irqsave(&s->lock, flags);
        WARN_ON(writer ? s->count != -1 : s->count <= 0);
        s->count = writer ? 0 : s->count - 1;
        bool waiters = READ_ONCE(s->wq.head.next) != &s->wq.head;
        spin_unlock_irqrestore(&s->lock, flags);
        if (waiters)
                wake_up(&s->wq);
}
void up_read(struct rw_semaphore *s) { rwsem_release(s, false); }
void up_write(struct rw_semaphore *s) { rwsem_release(s, true); }
