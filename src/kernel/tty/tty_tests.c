/* Tangled from book/listings-tty.nw (chapter "Listings of ``The console as a terminal''"). Do not edit: edit the book and run make tangle. */
#include <asm/termbits.h>
#include <linux/cmdline.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/uio.h>

static void tty_show(const char *what, long ret, const char *buf)
{
        char out[200];
        size_t o = 0, n = ret > 0 ? (size_t)ret : 0;

        for (size_t i = 0; i < n; i++) {
                u8 c = (u8)buf[i];
                if (i == 40) {
                        o += scnprintf(out + o, sizeof(out) - o, "...");
                        break;
                }
                if (c == '\n')
                        o += scnprintf(out + o, sizeof(out) - o, "\\n");
                else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
                        o += scnprintf(out + o, sizeof(out) - o, "\\x%02x", c);
                else
                        out[o++] = (char)c;
        }
        out[o] = 0;
        pr_info("%s = %ld \"%s\"\n", what, ret, out);
}
#define TTY_TEST_READS 16
static unsigned int tty_test_read = 256;

static int set_tty_test_read(char *val)
{
        int v;
        if (!val || kstrtoint(val, 0, &v) || v < 1 || v > N_TTY_BUF_SIZE)
                return -EINVAL;
        tty_test_read = (unsigned int)v;
        return 0;
}
early_param("tty_test_read", set_tty_test_read);

DEFINE_KTEST(tty_read, "read lines typed on the console (--input) until end of file")
{
        static char bufs[TTY_TEST_READS][N_TTY_BUF_SIZE];
        long got[TTY_TEST_READS];
        char what[32];
        unsigned int n = 0;

        do
                got[n] = tty_read(bufs[n], tty_test_read);
        while (got[n++] > 0 && n < TTY_TEST_READS);
        for (unsigned int i = 0; i < n; i++) {
                snprintf(what, sizeof(what), "tty_read: read %u", i + 1);
                tty_show(what, got[i], bufs[i]);
        }
        pr_info("tty_read: %lu byte(s) dropped\n", tty_dropped());
        return got[n - 1] == 0 ? 0 : -1;
}
#define FAKE_SIZE   256
#define FAKE_MAPPED 192
static char fake[FAKE_SIZE];
static const void *fake_vec;
static unsigned int fake_vec_reads;

static bool fake_ok(const void __user *p, unsigned long n)
{
        unsigned long a = (unsigned long)p, lo = (unsigned long)fake;
        return a >= lo && n <= FAKE_SIZE && a - lo <= FAKE_SIZE - n;
}

static unsigned long fake_mapped(const void __user *p, unsigned long n)
{
        unsigned long a = (unsigned long)p, lo = (unsigned long)fake;
        return a < lo || a >= lo + FAKE_MAPPED ? 0 : min(n, lo + FAKE_MAPPED - a);
}

static unsigned long fake_from(void *to, const void __user *from, unsigned long n)
{
        unsigned long ok = fake_mapped(from, n);
        fake_vec_reads += from == fake_vec;
        memcpy(to, (const void *)from, ok);
        return n - ok;
}

static unsigned long fake_to(void __user *to, const void *from, unsigned long n)
{
        unsigned long ok = fake_mapped(to, n);
        memcpy((void *)to, from, ok);
        return n - ok;
}

static const struct tty_uaccess fake_access = { fake_ok, fake_from, fake_to };
#define SYS(call) ({ long _r = (call); pr_info("sys: %s = %ld\n", #call, _r); _r; })

DEFINE_KTEST(tty_syscalls, "read, write, writev and ioctl on the console, faults included")
{
        struct iovec *iov = (struct iovec *)fake;
        char *u = fake + 64;

        tty_open();
        msleep(300);
        struct winsize *ws = (struct winsize *)u;
        struct termios *t = (struct termios *)u;
        if (!SYS(tty_sys_ioctl(1, TIOCGWINSZ, (unsigned long)ws, &fake_access)))
                pr_info("sys: winsize %u rows, %u columns\n", ws->ws_row, ws->ws_col);
        if (!SYS(tty_sys_ioctl(0, TCGETS, (unsigned long)t, &fake_access)))
                pr_info("sys: termios iflag 0%o oflag 0%o cflag 0%o lflag 0%o; "
                        "erase %#x kill %#x eof %#x\n",
                        t->c_iflag, t->c_oflag, t->c_cflag, t->c_lflag,
                        t->c_cc[VERASE], t->c_cc[VKILL], t->c_cc[VEOF]);
        SYS(tty_sys_ioctl(1, TIOCGWINSZ, (unsigned long)(fake + 190), &fake_access));
        SYS(tty_sys_ioctl(1, TIOCGWINSZ, 0, &fake_access));
        SYS(tty_sys_ioctl(1, 0x5402, (unsigned long)t, &fake_access));
        SYS(tty_sys_ioctl(3, TIOCGWINSZ, (unsigned long)ws, &fake_access));
        memcpy(u, "sys: written\n", 13);
        SYS(tty_sys_write(1, u, 13, &fake_access));
        SYS(tty_sys_write(3, u, 13, &fake_access));
        SYS(tty_sys_write(1, NULL, 4, &fake_access));
        memcpy(fake + FAKE_MAPPED - 6, "tail!\n", 6);
        SYS(tty_sys_write(2, fake + FAKE_MAPPED - 6, 10, &fake_access));
        SYS(tty_sys_write(1, fake + FAKE_MAPPED, 4, &fake_access));
        memcpy(u, "sys: one two\n", 13);
        iov[0] = (struct iovec){ u, 9 };
        iov[1] = (struct iovec){ u + 9, 4 };
        fake_vec = iov;
        SYS(tty_sys_writev(1, iov, 2, &fake_access));
        pr_info("sys: the vector was read %u time(s)\n", fake_vec_reads);
        SYS(tty_sys_writev(1, iov, -1UL, &fake_access));
        SYS(tty_sys_writev(1, iov, UIO_MAXIOV + 1, &fake_access));
        SYS(tty_sys_writev(1, iov, 0, &fake_access));
        SYS(tty_sys_writev(3, iov, 2, &fake_access));
        SYS(tty_sys_writev(1, (struct iovec *)(fake + FAKE_MAPPED), 1, &fake_access));
        iov[1].iov_base = fake + FAKE_MAPPED;
        SYS(tty_sys_writev(1, iov, 2, &fake_access));
        iov[1].iov_len = (size_t)-1;
        SYS(tty_sys_writev(1, iov, 2, &fake_access));
        iov[0].iov_len = iov[1].iov_len = SSIZE_MAX;
        SYS(tty_sys_writev(1, iov, 2, &fake_access));
        long r = SYS(tty_sys_read(0, u, 64, &fake_access));
        tty_show("sys: read", r, u);
        SYS(tty_sys_read(3, u, 64, &fake_access));
        SYS(tty_sys_read(0, u, 0, &fake_access));
        SYS(tty_sys_read(0, NULL, 8, &fake_access));
        r = SYS(tty_sys_read(1, fake + FAKE_MAPPED - 6, 64, &fake_access));
        tty_show("sys: read", r, fake + FAKE_MAPPED - 6);
        SYS(tty_sys_read(2, fake + FAKE_MAPPED, 16, &fake_access));
        SYS(tty_sys_read(0, u, 64, &fake_access));
        return 0;
}
