/* Tangled from book/listings-files.nw (chapter "Listings of ``Files''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1++; }

static short revents(int fd, short events, int timeout)
{
        struct pollfd p = { fd, events, 0 };
        int n = poll(&p, 1, timeout);
        return n < 0 ? -1 : p.revents;
}

static long ms_since(const struct timespec *t0)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void check_pipes(void)
{
        int p[2];
        char buf[4096];

        pipe(p);
        ok_eq(revents(p[0], POLLIN, 0), 0, "an empty pipe's read end: nothing");
        ok_eq(revents(p[1], POLLOUT, 0), POLLOUT, "its write end: POLLOUT");
        write(p[1], "x", 1);
        ok_eq(revents(p[0], POLLIN | POLLOUT, 0), POLLIN, "one byte: POLLIN (and no POLLOUT)");
        close(p[1]);
        ok_eq(revents(p[0], POLLIN, 0), POLLIN | POLLHUP, "writer gone, byte left: POLLIN|POLLHUP");
        read(p[0], buf, 1);
        ok_eq(revents(p[0], POLLIN, 0), POLLHUP, "drained: POLLHUP alone, asked or not");
        close(p[0]);
        pipe2(p, O_NONBLOCK);
        while (write(p[1], buf, sizeof(buf)) > 0)
                ;
        ok_eq(revents(p[1], POLLOUT, 0), 0, "a full pipe: no POLLOUT");
        read(p[0], buf, 100);
        ok_eq(revents(p[1], POLLOUT, 0), 0, "100 bytes read: still no room for PIPE_BUF");
        read(p[0], buf, sizeof(buf));
        ok_eq(revents(p[1], POLLOUT, 0), POLLOUT, "4196 bytes read: POLLOUT");
        close(p[0]);
        ok_eq(revents(p[1], POLLOUT, 0), POLLOUT | POLLERR, "reader gone: POLLOUT|POLLERR");
        close(p[1]);
}
static void check_files(void)
{
        int fd = open("/proc/self/exe", O_RDONLY);
        ok_eq(revents(fd, POLLIN | POLLOUT, 0), POLLIN | POLLOUT, "a regular file: always ready");
        close(fd);
        fd = open("/dev/null", O_RDWR);
        ok_eq(revents(fd, POLLIN | POLLOUT, 0), POLLIN | POLLOUT, "/dev/null: always ready");
        close(fd);
        fd = open("/dev/zero", O_RDONLY);
        ok_eq(revents(fd, POLLIN, 0), POLLIN, "/dev/zero: POLLIN");
        close(fd);
        fd = open("/dev/console", O_WRONLY | O_NOCTTY);
        ok_eq(revents(fd, POLLOUT, 0), POLLOUT, "the console: ready for writing");
        close(fd);
        ok_eq(revents(60, POLLIN, 0), POLLNVAL, "a closed descriptor: POLLNVAL");
        struct pollfd two[2] = { { -1, POLLIN, 77 }, { 60, POLLIN, 0 } };
        ok_eq(poll(two, 2, 0), 1, "a negative fd is not counted");
        ok_eq(two[0].revents, 0, "and its revents is 0");
        ok_errno(poll((struct pollfd *)8, 1, 0), EFAULT, "poll of a bad address: EFAULT");
        struct rlimit rl = { 64, 64 };
        setrlimit(RLIMIT_NOFILE, &rl);
        static struct pollfd many[65];
        ok_errno(poll(many, 65, 0), EINVAL, "more fds than RLIMIT_NOFILE: EINVAL");
}
static void check_waiting(void)
{
        struct sigaction sa = { .sa_handler = on_usr1 };
        struct timespec t0;
        int p[2];

        pipe(p);
        clock_gettime(CLOCK_MONOTONIC, &t0);    /* before the child's 50 ms begin */
        pid_t pid = fork();
        if (pid == 0) {
                usleep(50000);
                write(p[1], "x", 1);
                _exit(0);
        }
        ok_eq(revents(p[0], POLLIN, 5000), POLLIN, "a blocked poll wakes for the child's byte");
        ok(ms_since(&t0) >= 40 && ms_since(&t0) < 4000, "after about 50 ms");
        wait_child(pid);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        ok_eq(poll(NULL, 0, 100), 0, "poll of nothing for 100 ms: 0");
        ok(ms_since(&t0) >= 95 && ms_since(&t0) < 2000, "after at least 100 ms");
        sigaction(SIGUSR1, &sa, NULL);
        pid_t parent = getpid();
        pid = fork();
        if (pid == 0) {
                usleep(50000);
                kill(parent, SIGUSR1);
                _exit(0);
        }
        struct pollfd pf = { p[0], POLLIN, 0 };
        read(p[0], &pf.revents, 1);
        ok_errno(poll(&pf, 1, -1), EINTR, "a signal ends an endless poll: EINTR");
        ok_eq(got_usr1, 1, "the handler ran");
        wait_child(pid);
        close(p[0]);
        close(p[1]);
}
static void check_ppoll(void)
{
        sigset_t block, empty, now;
        struct timespec ts = { 0, 20000000 }, bad = { 0, 2000000000 };
        int p[2];

        pipe(p);
        sigemptyset(&block);
        sigemptyset(&empty);
        sigaddset(&block, SIGUSR1);
        sigprocmask(SIG_BLOCK, &block, NULL);
        got_usr1 = 0;
        kill(getpid(), SIGUSR1);
        ok_eq(got_usr1, 0, "SIGUSR1 blocked: pending, not handled");
        struct pollfd pf = { p[0], POLLIN, 0 };
        ok_errno(ppoll(&pf, 1, NULL, &empty), EINTR, "ppoll with SIGUSR1 unblocked: EINTR");
        ok_eq(got_usr1, 1, "the handler ran inside ppoll");
        sigprocmask(SIG_BLOCK, NULL, &now);
        ok(sigismember(&now, SIGUSR1), "and the old mask is back: SIGUSR1 blocked");
        ok_eq(ppoll(&pf, 1, &ts, &empty), 0, "ppoll with a 20 ms timeout: 0");
        ok_errno(ppoll(&pf, 1, &bad, NULL), EINVAL, "tv_nsec of 2e9: EINVAL");
        ok_errno(syscall(SYS_ppoll, &pf, 1, &ts, &empty, 4), EINVAL, "a sigset size of 4: EINVAL");
        write(p[1], "x", 1);
        ok_eq(ppoll(&pf, 1, NULL, &empty), 1, "ready at once: 1");
        ok_eq(pf.revents, POLLIN, "POLLIN");
        sigprocmask(SIG_UNBLOCK, &block, NULL);
        close(p[0]);
        close(p[1]);
}

int main(void)
{
        check_pipes();
        check_files();
        check_waiting();
        check_ppoll();
        return done();
}
