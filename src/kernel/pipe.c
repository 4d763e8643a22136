/* Tangled from book/pipe.nw (chapter "Pipes"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define S_IFIFO         0010000         /* st_mode: a pipe */
#define PIPE_SIZE       65536UL         /* bytes in the ring */
#define PIPE_ORDER      4               /* 16 pages */
#define PIPE_BUF        4096            /* writes up to this are atomic */

struct pipe_inode_info {
        struct mutex mutex;             /* held by a reader or a writer */
        struct wait_queue_head rd_wait; /* readers waiting for data */
        struct wait_queue_head wr_wait; /* writers waiting for room */
        unsigned long head, tail;       /* bytes written, bytes read */
        unsigned int readers, writers;  /* open ends; mutex */
        char *buf;                      /* PIPE_SIZE bytes */
};
static bool pipe_ready(struct pipe_inode_info *pipe, bool reader)
{
        unsigned long used = READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);

        return reader ? used || !READ_ONCE(pipe->writers)
                      : used < PIPE_SIZE || !READ_ONCE(pipe->readers);
}

static int pipe_wait(struct wait_queue_head *wq, struct pipe_inode_info *pipe, bool reader)
{
        struct wait_queue_entry w = { current, { NULL, NULL } };
        int ret = 0;

        for (;;) {
                prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
                if (pipe_ready(pipe, reader))
                        break;
                if (signal_pending(current)) {
                        ret = -ERESTARTSYS;
                        break;
                }
                schedule();
        }
        finish_wait(wq, &w);
        return ret;
}
static long pipe_copy_out(struct pipe_inode_info *pipe, char __user *buf, size_t n)
{
        size_t done = 0;

        while (done < n) {
                size_t at = (pipe->tail + done) % PIPE_SIZE;
                size_t chunk = min(n - done, PIPE_SIZE - at);
                size_t left = copy_to_user(buf + done, pipe->buf + at, chunk);
                done += chunk - left;
                if (left)
                        break;
        }
        return done;
}

static long pipe_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
        struct pipe_inode_info *pipe = f->private_data;
        (void)pos;

        if (!count)
                return 0;
        mutex_lock(&pipe->mutex);
        for (;;) {
                unsigned long avail = pipe->head - pipe->tail;
                if (avail) {
                        long got = pipe_copy_out(pipe, buf, min(count, avail));
                        pipe->tail += got;
                        mutex_unlock(&pipe->mutex);
                        wake_up(&pipe->wr_wait);
                        return got ? got : -EFAULT;
                }
                if (!pipe->writers) {
                        mutex_unlock(&pipe->mutex);
                        return 0;
                }
                if (f->f_flags & O_NONBLOCK) {
                        mutex_unlock(&pipe->mutex);
                        return -EAGAIN;
                }
                mutex_unlock(&pipe->mutex);
                if (pipe_wait(&pipe->rd_wait, pipe, true))
                        return -ERESTARTSYS;
                mutex_lock(&pipe->mutex);
        }
}
static long pipe_copy_in(struct pipe_inode_info *pipe, const char __user *buf, size_t n)
{
        size_t done = 0;

        while (done < n) {
                size_t at = (pipe->head + done) % PIPE_SIZE;
                size_t chunk = min(n - done, PIPE_SIZE - at);
                size_t left = copy_from_user(pipe->buf + at, buf + done, chunk);
                done += chunk - left;
                if (left)
                        break;
        }
        return done;
}

static void send_sigpipe(void)
{
        struct ksiginfo info = { .signo = SIGPIPE, .code = SI_USER, .pid = current->tgid };
        unsigned long flags;

        spin_lock_irqsave(&current->sighand->siglock, flags);
        send_signal_locked(SIGPIPE, &info, current, false);
        spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

static long pipe_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
        struct pipe_inode_info *pipe = f->private_data;
        size_t written = 0;
        long ret = 0;
        (void)pos;

        if (!count)
                return 0;
        mutex_lock(&pipe->mutex);
        for (;;) {
                if (!pipe->readers) {
                        ret = -EPIPE;
                        break;
                }
                size_t room = PIPE_SIZE - (pipe->head - pipe->tail);
                size_t want = count - written;
                if (room && (want > PIPE_BUF || room >= want)) {
                        size_t n = min(room, want);
                        long got = pipe_copy_in(pipe, buf + written, n);
                        pipe->head += got;
                        written += got;
                        wake_up(&pipe->rd_wait);
                        if (got < (long)n) {
                                ret = -EFAULT;
                                break;
                        }
                        if (written == count)
                                break;
                        continue;
                }
                if (f->f_flags & O_NONBLOCK) {
                        ret = -EAGAIN;
                        break;
                }
                mutex_unlock(&pipe->mutex);
                if (pipe_wait(&pipe->wr_wait, pipe, false)) {
                        ret = -ERESTARTSYS;
                        mutex_lock(&pipe->mutex);
                        break;
                }
                mutex_lock(&pipe->mutex);
        }
        mutex_unlock(&pipe->mutex);
        if (ret == -EPIPE && !written)
                send_sigpipe();
        return written ? (long)written : ret;
}
static void pipe_release(struct file *f)
{
        struct pipe_inode_info *pipe = f->private_data;
        bool last;

        mutex_lock(&pipe->mutex);
        if (f->f_mode & FMODE_READ)
                pipe->readers--;
        if (f->f_mode & FMODE_WRITE)
                pipe->writers--;
        last = !pipe->readers && !pipe->writers;
        mutex_unlock(&pipe->mutex);
        if (last) {
                free_pages((unsigned long)pipe->buf, PIPE_ORDER);
                kfree(pipe);
                return;
        }
        wake_up(&pipe->rd_wait);
        wake_up(&pipe->wr_wait);
}
static unsigned int pipe_poll(struct file *f, struct poll_table_struct *pt)
{
        struct pipe_inode_info *pipe = f->private_data;
        unsigned int mask = 0;

        poll_wait(f, &pipe->rd_wait, pt);
        poll_wait(f, &pipe->wr_wait, pt);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        unsigned long used = READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
        if (f->f_mode & FMODE_READ) {
                if (used)
                        mask |= POLLIN | POLLRDNORM;
                if (!READ_ONCE(pipe->writers))
                        mask |= POLLHUP;
        }
        if (f->f_mode & FMODE_WRITE) {
                if (PIPE_SIZE - used >= PIPE_BUF)
                        mask |= POLLOUT | POLLWRNORM;
                if (!READ_ONCE(pipe->readers))
                        mask |= POLLERR;
        }
        return mask;
}
static void pipe_getattr(struct file *f, struct stat *st)
{
        (void)f;
        st->st_mode = S_IFIFO | 0600;
        st->st_nlink = 1;
        st->st_blksize = PAGE_SIZE;
}

static const struct file_operations pipe_read_fops = {
        .read = pipe_read, .getattr = pipe_getattr, .release = pipe_release, .poll = pipe_poll,
};
static const struct file_operations pipe_write_fops = {
        .write = pipe_write, .getattr = pipe_getattr, .release = pipe_release, .poll = pipe_poll,
};
static long do_pipe2(int __user *fds, int flags)
{
        struct pipe_inode_info *pipe;
        struct file *rd = NULL, *wr = NULL;
        int fd[2] = { -1, -1 };

        if (flags & ~(O_CLOEXEC | O_NONBLOCK))
                return -EINVAL;
        if (!(pipe = kzalloc(sizeof(*pipe), GFP_KERNEL)))
                return -ENOMEM;
        if (!(pipe->buf = (char *)__get_free_pages(GFP_KERNEL, PIPE_ORDER))) {
                kfree(pipe);
                return -ENOMEM;
        }
        mutex_init(&pipe->mutex);
        init_waitqueue_head(&pipe->rd_wait);
        init_waitqueue_head(&pipe->wr_wait);
        pipe->readers = pipe->writers = 1;
        rd = alloc_file(&pipe_read_fops, FMODE_READ, NULL);
        wr = rd ? alloc_file(&pipe_write_fops, FMODE_WRITE, NULL) : NULL;
        if (!wr) {
                if (rd)
                        kfree(rd);
                free_pages((unsigned long)pipe->buf, PIPE_ORDER);
                kfree(pipe);
                return -ENOMEM;
        }
        rd->private_data = wr->private_data = pipe;
        rd->f_flags = O_RDONLY | (flags & O_NONBLOCK);
        wr->f_flags = O_WRONLY | (flags & O_NONBLOCK);
        if ((fd[0] = install_fd(rd, flags & O_CLOEXEC, 0)) < 0 ||
            (fd[1] = install_fd(wr, flags & O_CLOEXEC, 0)) < 0 ||
            copy_to_user(fds, fd, sizeof(fd))) {
                long err = fd[0] < 0 || fd[1] < 0 ? -EMFILE : -EFAULT;
                if (fd[0] >= 0)
                        close_fd(fd[0]);
                else
                        fput(rd);
                if (fd[1] >= 0)
                        close_fd(fd[1]);
                else
                        fput(wr);
                return err;
        }
        return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fds, int, flags)
{
        return do_pipe2(fds, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fds)
{
        return do_pipe2(fds, 0);
}
