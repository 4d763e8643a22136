/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#include <asm/termbits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

static bool console_fd(unsigned long fd)
{
        return fd <= 2;
}

long tty_sys_read(unsigned int fd, char __user *buf, size_t count,
                  const struct tty_uaccess *ua)
{
        if (!console_fd(fd))
                return -EBADF;
        if (!ua->ok(buf, count))
                return -EFAULT;
        if (!count)
                return 0;
        size_t size = min(count, (size_t)N_TTY_BUF_SIZE);
        char *kbuf = kmalloc(size, GFP_KERNEL);
        if (!kbuf)
                return -ENOMEM;
        ssize_t n = tty_read(kbuf, size);
        unsigned long left = n > 0 ? ua->to(buf, kbuf, (unsigned long)n) : 0;
        kfree(kbuf);
        if (n > 0 && left == (unsigned long)n)
                return -EFAULT;
        return n - (long)left;
}
#define TTY_BOUNCE   256
#define MAX_RW_COUNT 0x7ffff000UL       /* Linux's cap on one transfer */

static size_t tty_write_from(const char __user *buf, size_t count,
                             const struct tty_uaccess *ua, bool *fault)
{
        char bounce[TTY_BOUNCE];
        size_t done = 0;

        while (done < count) {
                size_t piece = min(count - done, sizeof(bounce));
                size_t got = piece - ua->from(bounce, buf + done, piece);
                tty_write(bounce, got);
                done += got;
                if (got < piece) {
                        *fault = true;
                        break;
                }
        }
        return done;
}

long tty_sys_write(unsigned int fd, const char __user *buf, size_t count,
                   const struct tty_uaccess *ua)
{
        bool fault = false;

        if (!console_fd(fd))
                return -EBADF;
        if (!ua->ok(buf, count))
                return -EFAULT;
        size_t done = tty_write_from(buf, min(count, MAX_RW_COUNT), ua, &fault);
        return fault && !done ? -EFAULT : (long)done;
}
static long tty_writev_copied(const struct iovec *iov, unsigned long vlen,
                              const struct tty_uaccess *ua)
{
        size_t total = 0, done = 0;
        bool fault = false;

        for (unsigned long i = 0; i < vlen; i++)
                if ((ssize_t)iov[i].iov_len < 0 ||
                    __builtin_add_overflow(total, iov[i].iov_len, &total) || total > SSIZE_MAX)
                        return -EINVAL;
        for (unsigned long i = 0; i < vlen; i++)
                if (!ua->ok(iov[i].iov_base, iov[i].iov_len))
                        return -EFAULT;
        for (unsigned long i = 0; i < vlen && !fault; i++)
                done += tty_write_from(iov[i].iov_base, iov[i].iov_len, ua, &fault);
        return fault && !done ? -EFAULT : (long)done;
}
long tty_sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
                    const struct tty_uaccess *ua)
{
        struct iovec fast[UIO_FASTIOV], *iov = fast;
        long ret;

        if (!console_fd(fd))
                return -EBADF;
        if (vlen > UIO_MAXIOV)
                return -EINVAL;
        if (!vlen)
                return 0;
        if (vlen > UIO_FASTIOV && !(iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL)))
                return -ENOMEM;
        if (!ua->ok(vec, vlen * sizeof(*iov)) || ua->from(iov, vec, vlen * sizeof(*iov)))
                ret = -EFAULT;
        else
                ret = tty_writev_copied(iov, vlen, ua);
        if (iov != fast)
                kfree(iov);
        return ret;
}
static void tty_get_termios(struct termios *t)
{
        memset(t, 0, sizeof(*t));
        t->c_iflag = ICRNL | IMAXBEL | IUTF8;
        t->c_oflag = OPOST | ONLCR;
        t->c_cflag = B115200 | CS8 | CREAD | CLOCAL;
        t->c_lflag = ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE;
        t->c_line = N_TTY;
        t->c_cc[VERASE] = TTY_ERASE;
        t->c_cc[VKILL] = TTY_KILL;
        t->c_cc[VEOF] = TTY_EOF;
        t->c_cc[VMIN] = 1;
}

static long copy_out(void __user *p, const void *k, size_t n, const struct tty_uaccess *ua)
{
        return ua->ok(p, n) && !ua->to(p, k, n) ? 0 : -EFAULT;
}

long tty_sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg,
                   const struct tty_uaccess *ua)
{
        if (!console_fd(fd))
                return -EBADF;
        if (cmd == TIOCGWINSZ) {
                struct winsize ws = { .ws_row = 24, .ws_col = 80 };
                return copy_out((void __user *)arg, &ws, sizeof(ws), ua);
        }
        if (cmd == TCGETS) {
                struct termios t;
                tty_get_termios(&t);
                return copy_out((void __user *)arg, &t, sizeof(t), ua);
        }
        return -ENOTTY;
}
static bool user_range_ok(const void __user *p, unsigned long n)
{
        return access_ok(p, n);
}

const struct tty_uaccess tty_user_access = { user_range_ok, copy_from_user, copy_to_user };
