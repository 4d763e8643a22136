/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>

#define PG 4096UL
#define ARCH_GET_FS 0x1003      /* from Linux's asm/prctl.h */

static void *bad[3];
static const char *const bad_name[3] = { "NULL", "an unmapped page", "a kernel address" };

static void make_bad_pointers(void)
{
        bad[0] = NULL;
        bad[1] = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(bad[1], PG);
        bad[2] = (void *)0xffff888000000000UL;
}
static void check_read_write(void)
{
        ok_errno(syscall(SYS_read, 0, bad[2], 1), EFAULT, "read into %s", bad_name[2]);
        for (int i = 0; i < 3; i++)
                ok_errno(syscall(SYS_write, 1, bad[i], 1), EFAULT, "write from %s", bad_name[i]);
        for (int i = 0; i < 3; i++)
                ok_errno(syscall(SYS_writev, 1, bad[i], 1), EFAULT,
                         "writev with the iovec array at %s", bad_name[i]);
        for (int i = 0; i < 3; i++) {
                struct iovec iov = { bad[i], 1 };
                ok_errno(syscall(SYS_writev, 1, &iov, 1), EFAULT, "writev with iov_base at %s",
                         bad_name[i]);
        }
}
static void check_partial_write(void)
{
        char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        static const char head[] = "# a page written up to a hole: ";

        munmap(p + PG, PG);
        memset(p, '.', PG);
        memcpy(p, head, sizeof(head) - 1);
        p[PG - 1] = '\n';
        ok_eq(syscall(SYS_write, 1, p, 2 * PG), PG,
              "write of two pages, the second unmapped, writes the first");
        munmap(p, PG);
}
static void check_tty_ioctls(void)
{
        struct termios t;
        int fd = 0;

        while (fd < 3 && ioctl(fd, TCGETS, &t) != 0)
                fd++;
        if (fd == 3) {
                skip("ioctl TCGETS and TIOCGWINSZ: none of fds 0-2 is a terminal");
                return;
        }
        for (int i = 0; i < 3; i++)
                ok_errno(syscall(SYS_ioctl, fd, TCGETS, bad[i]), EFAULT, "ioctl(TCGETS) into %s",
                         bad_name[i]);
        for (int i = 0; i < 3; i++)
                ok_errno(syscall(SYS_ioctl, fd, TIOCGWINSZ, bad[i]), EFAULT,
                         "ioctl(TIOCGWINSZ) into %s", bad_name[i]);
}
static void check_structures(void)
{
        sigset_t set;

        sigemptyset(&set);
        for (int i = 0; i < 3; i++) {
                const char *b = bad_name[i];
                ok_errno(syscall(SYS_uname, bad[i]), EFAULT, "uname into %s", b);
                ok_errno(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad[i]), EFAULT,
                         "clock_gettime into %s", b);
                ok_errno(syscall(SYS_nanosleep, bad[i], NULL), EFAULT, "nanosleep reading %s", b);
                ok_errno(syscall(SYS_arch_prctl, ARCH_GET_FS, bad[i]), EFAULT,
                         "arch_prctl(ARCH_GET_FS) storing at %s", b);
        }
        for (int i = 1; i < 3; i++) {
                ok_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad[i], NULL, 8), EFAULT,
                         "rt_sigprocmask reading the new set from %s", bad_name[i]);
                ok_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, bad[i], 8), EFAULT,
                         "rt_sigprocmask storing the old set at %s", bad_name[i]);
        }
        char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p + PG, PG);
        ok_errno(syscall(SYS_uname, p + PG - 100), EFAULT,
                 "uname into a buffer that runs into a hole");
        munmap(p, PG);
}
static void check_wait4(void)
{
        for (int i = 1; i < 3; i++) {
                pid_t pid = fork();
                if (pid == 0)
                        _exit(3);
                ok_errno(syscall(SYS_wait4, pid, bad[i], 0, NULL), EFAULT,
                         "wait4 storing the status at %s", bad_name[i]);
                ok_errno(syscall(SYS_wait4, pid, NULL, WNOHANG, NULL), ECHILD,
                         "the child was reaped all the same");
        }
}
static void check_execve(void)
{
        char *self = (char *)getauxval(AT_EXECFN);
        char *good_argv[] = { self, "--execed", NULL };
        char *good_envp[] = { "T_EFAULT_EXECED=1", NULL };

        for (int i = 0; i < 3; i++)
                ok_errno(syscall(SYS_execve, bad[i], good_argv, good_envp), EFAULT,
                         "execve with the path at %s", bad_name[i]);
        for (int i = 1; i < 3; i++) {
                char *bad_argv[] = { self, bad[i], NULL };
                char *bad_envp[] = { "A=1", bad[i], NULL };
                const char *b = bad_name[i];
                ok_errno(syscall(SYS_execve, self, bad[i], good_envp), EFAULT,
                         "execve with argv at %s", b);
                ok_errno(syscall(SYS_execve, self, bad_argv, good_envp), EFAULT,
                         "execve with argv[1] at %s", b);
                ok_errno(syscall(SYS_execve, self, good_argv, bad[i]), EFAULT,
                         "execve with envp at %s", b);
                ok_errno(syscall(SYS_execve, self, good_argv, bad_envp), EFAULT,
                         "execve with envp[1] at %s", b);
        }
}
static void check_later_calls(void)
{
        int fd = memfd_create("efault", 0), word = 7;

        ok(fd >= 0 && ftruncate(fd, PG) == 0, "a memfd to read and write (fd %d)", fd);
        for (int i = 0; i < 3; i++) {
                ok_errno(syscall(SYS_fstat, fd, bad[i]), EFAULT, "fstat into %s", bad_name[i]);
                ok_errno(syscall(SYS_pread64, fd, bad[i], 16, 0), EFAULT, "pread into %s",
                         bad_name[i]);
                ok_errno(syscall(SYS_pwrite64, fd, bad[i], 16, 0), EFAULT, "pwrite from %s",
                         bad_name[i]);
                ok_errno(syscall(SYS_memfd_create, bad[i], 0), EFAULT,
                         "memfd_create with its name at %s", bad_name[i]);
                ok_errno(syscall(SYS_rt_sigpending, bad[i], 8), EFAULT,
                         "rt_sigpending into %s", bad_name[i]);
                ok_errno(syscall(SYS_rt_sigsuspend, bad[i], 8), EFAULT,
                         "rt_sigsuspend with its mask at %s", bad_name[i]);
                ok_errno(syscall(SYS_futex, bad[i], 0 /* FUTEX_WAIT */, 0, NULL), EFAULT,
                         "futex on a word at %s", bad_name[i]);
                long r = syscall(SYS_modify_ldt, 1, bad[i], 16);
                ok((int)r == -EFAULT, "modify_ldt from %s (raw %#lx)", bad_name[i], r);
                if (i == 0)
                        continue;
                ok_errno(syscall(SYS_rt_sigaction, SIGUSR1, bad[i], NULL, 8), EFAULT,
                         "rt_sigaction with the new action at %s", bad_name[i]);
                ok_errno(syscall(SYS_rt_sigaction, SIGUSR1, NULL, bad[i], 8), EFAULT,
                         "rt_sigaction with the old action at %s", bad_name[i]);
                ok_errno(syscall(SYS_sigaltstack, bad[i], NULL), EFAULT,
                         "sigaltstack with the new stack at %s", bad_name[i]);
                ok_errno(syscall(SYS_sigaltstack, NULL, bad[i]), EFAULT,
                         "sigaltstack with the old stack at %s", bad_name[i]);
                ok_errno(syscall(SYS_futex, &word, 0 /* FUTEX_WAIT */, 7, bad[i]), EFAULT,
                         "futex with its timeout at %s", bad_name[i]);
        }
        close(fd);
}
int main(int argc, char **argv)
{
        if ((argc > 1 && strcmp(argv[1], "--execed") == 0) || getenv("T_EFAULT_EXECED")) {
                say("not ok - execve with a bad pointer ran the program anyway\n");
                return 1;
        }
        check_partial_write();
        make_bad_pointers();
        check_read_write();
        check_tty_ioctls();
        check_structures();
        check_wait4();
        check_execve();
        check_later_calls();
        return done();
}
