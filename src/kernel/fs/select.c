/* Tangled from book/files.nw (chapter "Files"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/poll.h>
#include <linux/process.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/tty.h>
#include <linux/uaccess.h>

void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table_struct *pt)
{
        (void)f;
        if (!pt || pt->n >= pt->max)
                return;
        struct poll_entry *e = &pt->entries[pt->n++];
        e->wait = (struct wait_queue_entry){ current, { NULL, NULL } };
        e->wq = wq;
        prepare_to_wait(wq, &e->wait, TASK_INTERRUPTIBLE);
}

static void poll_rearm(struct poll_table_struct *pt)
{
        for (unsigned int i = 0; i < pt->n; i++)
                prepare_to_wait(pt->entries[i].wq, &pt->entries[i].wait, TASK_INTERRUPTIBLE);
        current->state = TASK_INTERRUPTIBLE;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void poll_freewait(struct poll_table_struct *pt)
{
        for (unsigned int i = 0; i < pt->n; i++)
                finish_wait(pt->entries[i].wq, &pt->entries[i].wait);
        current->state = TASK_RUNNING;
}
unsigned int tty_file_poll(struct file *f, struct poll_table_struct *pt)
{
        struct wait_queue_head *wq;

        tty_open();
        tty_poll_ready(&wq);
        poll_wait(f, wq, pt);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        return (tty_poll_ready(&wq) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}
struct pollfd {
        int fd;
        short events, revents;
};

static int poll_pass(struct pollfd *fds, unsigned int nfds, struct poll_table_struct *pt)
{
        int count = 0;

        for (unsigned int i = 0; i < nfds; i++) {
                unsigned int mask = 0;
                fds[i].revents = 0;
                if (fds[i].fd < 0)
                        continue;
                struct file *f = fget(fds[i].fd);
                if (!f) {
                        mask = POLLNVAL;
                } else {
                        mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
                        mask &= (unsigned short)fds[i].events | POLLERR | POLLHUP;
                        fput(f);
                }
                fds[i].revents = (short)mask;
                count += !!mask;
        }
        return count;
}
static long do_poll(struct pollfd *fds, unsigned int nfds, long ticks)
{
        struct poll_table_struct pt = { NULL, 0, 2 * nfds + 1 };
        unsigned long deadline = jiffies + (ticks > 0 ? ticks + 1 : 0);
        long ret;

        if (!(pt.entries = kmalloc(pt.max * sizeof(*pt.entries), GFP_KERNEL)))
                return -ENOMEM;
        current->state = TASK_INTERRUPTIBLE;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        ret = poll_pass(fds, nfds, &pt);
        if (ticks > 0)
                poll_wait(NULL, &jiffies_wq, &pt);
        for (;;) {
                if (ret || !ticks || (ticks > 0 && (long)(jiffies - deadline) >= 0))
                        break;
                if (signal_pending(current)) {
                        ret = -ERESTARTNOHAND;
                        break;
                }
                schedule();
                poll_rearm(&pt);
                ret = poll_pass(fds, nfds, NULL);
        }
        poll_freewait(&pt);
        kfree(pt.entries);
        return ret;
}
static long poll_copy(struct pollfd __user *ufds, unsigned int nfds, long ticks)
{
        struct pollfd *fds;
        long ret;

        if (nfds > rlimit(RLIMIT_NOFILE))
                return -EINVAL;
        if (!(fds = kmalloc(max(nfds, 1U) * sizeof(*fds), GFP_KERNEL)))
                return -ENOMEM;
        if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
                ret = -EFAULT;
        else
                ret = do_poll(fds, nfds, ticks);
        for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
                if (put_user(fds[i].revents, &ufds[i].revents))
                        ret = -EFAULT;
        kfree(fds);
        return ret;
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout)
{
        return poll_copy(ufds, nfds, timeout < 0 ? -1 : (long)((timeout * (u64)HZ + 999) / 1000));
}
SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
                struct __kernel_timespec __user *, tsp, const unsigned long __user *, sigmask,
                size_t, sigsetsize)
{
        struct __kernel_timespec ts;
        unsigned long mask;
        long ticks = -1, ret;

        if (tsp) {
                if (copy_from_user(&ts, tsp, sizeof(ts)))
                        return -EFAULT;
                if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
                        return -EINVAL;
                ticks = (long)timespec_to_ticks(&ts);
        }
        if (sigmask) {
                if (sigsetsize != sizeof(unsigned long))
                        return -EINVAL;
                if (copy_from_user(&mask, sigmask, sizeof(mask)))
                        return -EFAULT;
                current->saved_sigmask = current->blocked;
                set_current_blocked(mask);
        }
        ret = poll_copy(ufds, nfds, ticks);
        if (sigmask) {
                if (ret == -ERESTARTNOHAND)
                        current->restore_sigmask = 1;
                else
                        set_current_blocked(current->saved_sigmask);
        }
        return ret;
}
