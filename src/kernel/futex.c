/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define FUTEX_WAIT           0
#define FUTEX_WAKE           1
#define FUTEX_PRIVATE_FLAG   128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK       (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_HASH_BITS      6

struct futex_key { struct mm_struct *mm; unsigned long addr; };
struct futex_q {
        struct list_head list;          /* in its bucket; empty once woken */
        struct task_struct *task;
        struct futex_key key;
};
struct futex_bucket {
        spinlock_t lock;
        struct list_head chain;         /* futex_q waiting on words that hash here */
};
static struct futex_bucket futex_queues[1 << FUTEX_HASH_BITS];

void futex_init(void)
{
        for (unsigned int i = 0; i < ARRAY_SIZE(futex_queues); i++) {
                spin_lock_init(&futex_queues[i].lock);
                INIT_LIST_HEAD(&futex_queues[i].chain);
        }
}
static struct futex_bucket *futex_hash(const struct futex_key *key)
{
        unsigned long h = (key->addr >> 2) ^ ((unsigned long)key->mm >> 6);
        return &futex_queues[(h * 0x9e3779b97f4a7c15UL) >> (64 - FUTEX_HASH_BITS)];
}
static bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
        return a->mm == b->mm && a->addr == b->addr;
}
static long futex_wait(u32 __user *uaddr, u32 val,
                       const struct __kernel_timespec __user *timeout)
{
        struct futex_q q = { .task = current, .key = { current->mm, (unsigned long)uaddr } };
        struct futex_bucket *hb = futex_hash(&q.key);
        struct wait_queue_entry tick = { current, { NULL, NULL } };
        unsigned long deadline = 0;
        u32 uval;

        if (timeout) {
                struct __kernel_timespec ts;
                if (copy_from_user(&ts, timeout, sizeof(ts)))
                        return -EFAULT;
                if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
                        return -EINVAL;
                deadline = jiffies + timespec_to_ticks(&ts);
        }
        retry:
                spin_lock(&hb->lock);
                if (get_user(uval, uaddr)) {
                        spin_unlock(&hb->lock);
                        if (get_user(uval, uaddr))
                                return -EFAULT;
                        goto retry;
                }
                if (uval != val) {
                        spin_unlock(&hb->lock);
                        return -EAGAIN;
                }
                list_add_tail(&q.list, &hb->chain);
                spin_unlock(&hb->lock);
        for (;;) {
                if (timeout)
                        prepare_to_wait(&jiffies_wq, &tick, TASK_INTERRUPTIBLE);
                else
                        WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
                if (READ_ONCE(q.list.next) == &q.list || signal_pending(current) ||
                    (timeout && (long)(jiffies - deadline) >= 0))
                        break;
                schedule();
        }
        if (timeout)
                finish_wait(&jiffies_wq, &tick);
        else
                WRITE_ONCE(current->state, TASK_RUNNING);
        spin_lock(&hb->lock);
        bool woken = list_empty(&q.list);
        if (!woken)
                list_del(&q.list);
        spin_unlock(&hb->lock);
        if (woken)
                return 0;
        if (signal_pending(current))
                return timeout ? -ERESTARTNOHAND : -ERESTARTSYS;
        return -ETIMEDOUT;
}
long futex_wake(u32 __user *uaddr, int nr)
{
        struct futex_key key = { current->mm, (unsigned long)uaddr };
        struct futex_bucket *hb = futex_hash(&key);
        struct futex_q *q, *next;
        long woken = 0;

        if ((unsigned long)uaddr & 3)
                return -EINVAL;
        spin_lock(&hb->lock);
        for (q = list_entry(hb->chain.next, struct futex_q, list); &q->list != &hb->chain;
             q = next) {
                next = list_entry(q->list.next, struct futex_q, list);
                if (!futex_match(&q->key, &key))
                        continue;
                list_del(&q->list);
                INIT_LIST_HEAD(&q->list);
                wake_up_process(q->task);
                if (++woken >= nr)
                        break;
        }
        spin_unlock(&hb->lock);
        return woken;
}
SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
                const struct __kernel_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
        int cmd = op & FUTEX_CMD_MASK;

        (void)uaddr2; (void)val3;
        if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAKE) && !(op & FUTEX_CLOCK_REALTIME)) {
                if ((unsigned long)uaddr & 3)
                        return -EINVAL;
                return cmd == FUTEX_WAIT ? futex_wait(uaddr, val, utime) :
                                           futex_wake(uaddr, (int)val);
        }
        pr_info("%s[%d]: futex op %#x not implemented (ENOSYS)\n",
                current->comm, current->pid, op);
        return -ENOSYS;
}
