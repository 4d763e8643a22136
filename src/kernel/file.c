/* Tangled from book/shmem.nw (chapter "Shared memory"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/tty.h>
#include <linux/uio.h>

struct file *alloc_file(const struct file_operations *fop, unsigned int mode,
                        struct shmem_inode *obj)
{
        struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

        if (!f)
                return NULL;
        f->f_count = 1;
        f->f_op = fop;
        f->f_flags = O_RDWR | O_LARGEFILE;
        f->f_mode = mode;
        mutex_init(&f->f_pos_lock);
        f->f_shmem = obj;
        return f;
}

void fput(struct file *f)
{
        if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL))
                return;
        if (f->f_op->release)
                f->f_op->release(f);
        if (f->f_shmem)
                shmem_inode_put(f->f_shmem);
        kfree(f);
}
struct file *fget(unsigned int fd)
{
        struct files_struct *files = current->files;
        struct file *f = NULL;

        if (!files || fd >= NR_OPEN_DEFAULT)
                return NULL;
        spin_lock(&files->file_lock);
        f = files->fd[fd];
        if (f)
                get_file(f);
        spin_unlock(&files->file_lock);
        return f;
}
int install_fd(struct file *f, bool cloexec, unsigned int from)
{
        struct files_struct *files = current->files;
        int fd = -EMFILE;

        if (!files)
                return fd;
        unsigned long limit = min(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN_DEFAULT);
        spin_lock(&files->file_lock);
        for (unsigned int i = from; i < limit; i++) {
                if (files->fd[i])
                        continue;
                files->fd[i] = f;
                if (cloexec)
                        files->close_on_exec |= 1UL << i;
                else
                        files->close_on_exec &= ~(1UL << i);
                fd = i;
                break;
        }
        spin_unlock(&files->file_lock);
        return fd;
}
int close_fd(unsigned int fd)
{
        struct files_struct *files = current->files;
        struct file *f = NULL;

        if (!files || fd >= NR_OPEN_DEFAULT)
                return -EBADF;
        spin_lock(&files->file_lock);
        f = files->fd[fd];
        files->fd[fd] = NULL;
        files->close_on_exec &= ~(1UL << fd);
        spin_unlock(&files->file_lock);
        if (!f)
                return -EBADF;
        fput(f);
        return 0;
}
int dup_files(struct task_struct *child)
{
        struct files_struct *old = current->files, *new;

        child->files = NULL;
        if (!old)
                return 0;
        new = kzalloc(sizeof(*new), GFP_KERNEL);
        if (!new)
                return -ENOMEM;
        new->count = 1;
        spin_lock_init(&new->file_lock);
        spin_lock(&old->file_lock);
        for (int i = 0; i < NR_OPEN_DEFAULT; i++)
                if ((new->fd[i] = old->fd[i]))
                        get_file(new->fd[i]);
        new->close_on_exec = old->close_on_exec;
        memcpy(new->cwd, old->cwd, sizeof(new->cwd));
        spin_unlock(&old->file_lock);
        child->files = new;
        return 0;
}
static void put_files_struct(struct files_struct *files)
{
        if (__atomic_sub_fetch(&files->count, 1, __ATOMIC_ACQ_REL))
                return;
        for (int i = 0; i < NR_OPEN_DEFAULT; i++)
                if (files->fd[i])
                        fput(files->fd[i]);
        kfree(files);
}

void exit_files(struct task_struct *t)
{
        struct files_struct *files = t->files;

        if (!files)
                return;
        t->files = NULL;
        put_files_struct(files);
}
void do_close_on_exec(struct files_struct *files)
{
        if (!files)
                return;
        for (;;) {
                spin_lock(&files->file_lock);
                unsigned long set = files->close_on_exec;
                if (!set) {
                        spin_unlock(&files->file_lock);
                        return;
                }
                int fd = __builtin_ctzl(set);
                struct file *f = files->fd[fd];
                files->fd[fd] = NULL;
                files->close_on_exec &= ~(1UL << fd);
                spin_unlock(&files->file_lock);
                if (f)
                        fput(f);
        }
}
static long confile_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
        (void)f; (void)pos;
        return tty_sys_read(0, buf, count, &tty_user_access);
}
static long confile_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
        (void)f; (void)pos;
        return tty_sys_write(0, buf, count, &tty_user_access);
}
static long confile_writev(struct file *f, const struct iovec __user *vec, unsigned long vlen)
{
        (void)f;
        return tty_sys_writev(0, vec, vlen, &tty_user_access);
}
static long confile_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
        (void)f;
        return tty_sys_ioctl(0, cmd, arg, &tty_user_access);
}
static void confile_getattr(struct file *f, struct stat *st)
{
        (void)f;
        st->st_mode = S_IFCHR | 0600;
        st->st_nlink = 1;
        st->st_rdev = 5 << 8 | 1;
        st->st_blksize = 1024;
}

const struct file_operations console_fops = {
        .read = confile_read, .write = confile_write, .writev = confile_writev,
        .ioctl = confile_ioctl, .getattr = confile_getattr, .poll = tty_file_poll,
};
int open_console_stdio(struct task_struct *t)
{
        struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
        struct file *con = alloc_file(&console_fops, FMODE_READ | FMODE_WRITE, NULL);

        if (!files || !con) {
                kfree(files);
                kfree(con);
                return -ENOMEM;
        }
        files->count = 1;
        spin_lock_init(&files->file_lock);
        files->fd[0] = con;
        files->fd[1] = get_file(con);
        files->fd[2] = get_file(con);
        t->files = files;
        return 0;
}
static long do_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
        long ret;

        if (!(f->f_mode & FMODE_READ))
                return -EBADF;
        if (!f->f_op->read)
                return -EINVAL;
        if (pos || !(f->f_mode & FMODE_ATOMIC_POS))
                return f->f_op->read(f, buf, count, pos ? pos : &f->f_pos);
        mutex_lock(&f->f_pos_lock);
        ret = f->f_op->read(f, buf, count, &f->f_pos);
        mutex_unlock(&f->f_pos_lock);
        return ret;
}
static long do_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
        long ret;

        if (!(f->f_mode & FMODE_WRITE))
                return -EBADF;
        if (!f->f_op->write)
                return -EINVAL;
        if (pos || !(f->f_mode & FMODE_ATOMIC_POS))
                return f->f_op->write(f, buf, count, pos ? pos : &f->f_pos);
        mutex_lock(&f->f_pos_lock);
        ret = f->f_op->write(f, buf, count, &f->f_pos);
        mutex_unlock(&f->f_pos_lock);
        return ret;
}
static long loop_writev(struct file *f, const struct iovec __user *vec, unsigned long vlen)
{
        long done = 0;

        if (vlen > UIO_MAXIOV)
                return -EINVAL;
        for (unsigned long i = 0; i < vlen; i++) {
                struct iovec iov;
                if (copy_from_user(&iov, vec + i, sizeof(iov)))
                        return done ? done : -EFAULT;
                if ((long)iov.iov_len < 0)
                        return done ? done : -EINVAL;
                long n = do_write(f, iov.iov_base, iov.iov_len, NULL);
                if (n < 0)
                        return done ? done : n;
                done += n;
                if ((size_t)n < iov.iov_len)
                        break;
        }
        return done;
}
SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
        struct file *f = fget(fd);
        if (!f)
                return -EBADF;
        long ret = do_read(f, buf, count, NULL);
        fput(f);
        return ret;
}
SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
        struct file *f = fget(fd);
        if (!f)
                return -EBADF;
        long ret = do_write(f, buf, count, NULL);
        fput(f);
        return ret;
}
static long do_prw(unsigned int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
        struct file *f;
        long ret;

        if (pos < 0)
                return -EINVAL;
        if (!(f = fget(fd)))
                return -EBADF;
        if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
                ret = -ESPIPE;
        else
                ret = write ? do_write(f, buf, count, &pos) : do_read(f, buf, count, &pos);
        fput(f);
        return ret;
}
SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
        return do_prw(fd, buf, count, pos, false);
}
SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
                loff_t, pos)
{
        return do_prw(fd, (char __user *)buf, count, pos, true);
}
SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
                unsigned long, vlen)
{
        struct file *f = fget(fd);
        long ret;

        if (!f)
                return -EBADF;
        if (!(f->f_mode & FMODE_WRITE))
                ret = -EBADF;
        else if (f->f_op->writev)
                ret = f->f_op->writev(f, vec, vlen);
        else
                ret = loop_writev(f, vec, vlen);
        fput(f);
        return ret;
}
SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
        struct file *f = fget(fd);
        if (!f)
                return -EBADF;
        long ret = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
        fput(f);
        return ret;
}
SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
        struct file *f = fget(fd);
        long ret;

        if (!f)
                return -EBADF;
        if (!f->f_op->llseek) {
                ret = -ESPIPE;
        } else {
                mutex_lock(&f->f_pos_lock);
                ret = f->f_op->llseek(f, offset, whence);
                mutex_unlock(&f->f_pos_lock);
        }
        fput(f);
        return ret;
}
SYSCALL_DEFINE1(close, unsigned int, fd)
{
        return close_fd(fd);
}
static long dup_from(unsigned int oldfd, unsigned int from, bool cloexec)
{
        struct file *f = fget(oldfd);
        if (!f)
                return -EBADF;
        int fd = install_fd(f, cloexec, from);
        if (fd < 0)
                fput(f);
        return fd;
}
SYSCALL_DEFINE1(dup, unsigned int, oldfd)
{
        return dup_from(oldfd, 0, false);
}
SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
        struct files_struct *files = current->files;
        struct file *f = fget(oldfd), *old;

        if (!f)
                return -EBADF;
        if (newfd >= NR_OPEN_DEFAULT || oldfd == newfd) {
                fput(f);
                return newfd >= NR_OPEN_DEFAULT ? -EBADF : (long)newfd;
        }
        spin_lock(&files->file_lock);
        old = files->fd[newfd];
        files->fd[newfd] = f;
        files->close_on_exec &= ~(1UL << newfd);
        spin_unlock(&files->file_lock);
        if (old)
                fput(old);
        return newfd;
}
#define F_DUPFD          0
#define F_GETFD          1
#define F_SETFD          2
#define F_GETFL          3
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  1030
#define FD_CLOEXEC       1
SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
        struct files_struct *files = current->files;
        struct file *f = fget(fd);
        long ret = 0;

        if (!f)
                return -EBADF;
        switch (cmd) {
        case F_DUPFD:
        case F_DUPFD_CLOEXEC:
                ret = arg >= NR_OPEN_DEFAULT ? -EINVAL :
                      dup_from(fd, arg, cmd == F_DUPFD_CLOEXEC);
                break;
        case F_GETFD:
                ret = files->close_on_exec >> fd & 1 ? FD_CLOEXEC : 0;
                break;
        case F_SETFD:
                spin_lock(&files->file_lock);
                if (arg & FD_CLOEXEC)
                        files->close_on_exec |= 1UL << fd;
                else
                        files->close_on_exec &= ~(1UL << fd);
                spin_unlock(&files->file_lock);
                break;
        case F_GETFL:
                ret = f->f_flags;
                break;
        case F_SETFL:
                __atomic_store_n(&f->f_flags, (f->f_flags & ~(O_APPEND | O_NONBLOCK)) |
                                 (arg & (O_APPEND | O_NONBLOCK)), __ATOMIC_RELAXED);
                break;
        default:
                ret = -EINVAL;
        }
        fput(f);
        return ret;
}
SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
        struct stat st;
        struct file *f = fget(fd);

        if (!f)
                return -EBADF;
        memset(&st, 0, sizeof(st));
        f->f_op->getattr(f, &st);
        fput(f);
        return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}
