/* Tangled from book/listings-pipe.nw (chapter "Listings of ``Pipes''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static volatile sig_atomic_t got_sigpipe, got_alarm;
static void on_sigpipe(int sig) { (void)sig; got_sigpipe++; }
static void on_usr1(int sig) { (void)sig; got_alarm++; }

static void check_ends(void)
{
        int p[2];
        struct stat st;
        char buf[32] = { 0 };

        ok_eq(pipe(p), 0, "pipe");
        ok(p[0] >= 0 && p[1] == p[0] + 1, "two new descriptors, the lowest free");
        ok(!fstat(p[0], &st) && S_ISFIFO(st.st_mode), "fstat: a FIFO");
        ok_eq(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY, "the read end is read-only");
        ok_eq(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY, "the write end is write-only");
        ok_errno(write(p[0], "x", 1), EBADF, "writing the read end");
        ok_errno(read(p[1], buf, 1), EBADF, "reading the write end");
        ok_errno(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe");
        pid_t pid = fork();
        if (pid == 0) {
                close(p[0]);
                write(p[1], "hello through a pipe", 20);
                _exit(0);
        }
        close(p[1]);
        ok_eq(read(p[0], buf, sizeof(buf)), 20, "the parent reads the child's 20 bytes");
        ok(!memcmp(buf, "hello through a pipe", 20), "and they are the child's");
        wait_child(pid);
        ok_eq(read(p[0], buf, sizeof(buf)), 0, "then end of file: no writer left");
        close(p[0]);
}
static void check_eof_epipe_nonblock(void)
{
        int p[2];
        char c;

        signal(SIGPIPE, on_sigpipe);
        pipe(p);
        close(p[0]);
        ok_errno(write(p[1], "x", 1), EPIPE, "a write with no reader");
        ok_eq(got_sigpipe, 1, "raises SIGPIPE");
        close(p[1]);
        signal(SIGPIPE, SIG_DFL);
        pid_t pid = fork();
        if (pid == 0) {
                pipe(p);
                close(p[0]);
                write(p[1], "x", 1);
                _exit(0);
        }
        int status = wait_child(pid);
        ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
           "with SIGPIPE's default action the writer dies of it");
        ok_eq(pipe2(p, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
        ok(fcntl(p[0], F_GETFL) & O_NONBLOCK, "the flag shows in F_GETFL");
        ok_errno(read(p[0], &c, 1), EAGAIN, "an empty non-blocking read");
        ok_eq(fcntl(p[0], F_SETFL, 0), 0, "F_SETFL clears O_NONBLOCK");
        ok(!(fcntl(p[0], F_GETFL) & O_NONBLOCK), "and F_GETFL agrees");
        close(p[0]);
        close(p[1]);
}
static void check_capacity_and_atomicity(void)
{
        static char block[4096], rec[100];
        int p[2];
        long total = 0, n;

        pipe2(p, O_NONBLOCK);
        while ((n = write(p[1], block, sizeof(block))) > 0)
                total += n;
        ok_eq(total, 65536, "a pipe holds 64 KiB");
        ok_errno(write(p[1], block, 1), EAGAIN, "a full non-blocking pipe: EAGAIN");
        fcntl(p[1], F_SETFL, 0);
        pid_t pid = fork();
        if (pid == 0)
                _exit(write(p[1], block, sizeof(block)) == sizeof(block) ? 0 : 1);
        usleep(20000);
        while (total > 0 && (n = read(p[0], block, sizeof(block))) > 0)
                total -= n;
        int status = wait_child(pid);
        ok(WIFEXITED(status) && !WEXITSTATUS(status), "a blocked writer finishes once read");
        close(p[0]);
        close(p[1]);

        pipe(p);
        for (int k = 0; k < 2; k++)
                if (fork() == 0) {
                        memset(rec, 'a' + k, sizeof(rec));
                        for (int i = 0; i < 1000; i++)
                                write(p[1], rec, sizeof(rec));
                        _exit(0);
                }
        close(p[1]);
        long records = 0, split = 0;
        while ((n = read(p[0], rec, sizeof(rec))) > 0) {
                long more = sizeof(rec) - n;
                while (more > 0 && (n = read(p[0], rec + sizeof(rec) - more, more)) > 0)
                        more -= n;
                records++;
                for (unsigned i = 1; i < sizeof(rec); i++)
                        split += rec[i] != rec[0];
        }
        wait(NULL);
        wait(NULL);
        ok_eq(records, 2000, "2000 records of 100 bytes from two writers");
        ok_eq(split, 0, "none of them split");
        close(p[0]);
}
static void check_signal_and_errors(void)
{
        struct sigaction sa = { .sa_handler = on_usr1 };
        int p[2];
        char c;

        sigaction(SIGUSR1, &sa, NULL);
        pipe(p);
        pid_t parent = getpid(), pid = fork();
        if (pid == 0) {
                usleep(50000);
                kill(parent, SIGUSR1);
                _exit(0);
        }
        ok_errno(read(p[0], &c, 1), EINTR, "a read waiting on an empty pipe, then a signal");
        ok_eq(got_alarm, 1, "the handler ran");
        wait_child(pid);
        close(p[0]);
        close(p[1]);
        ok_errno(pipe2(p, 0x1234), EINVAL, "pipe2 with an unknown flag");
        int before = dup(0);
        close(before);
        ok_errno(syscall(SYS_pipe2, (int *)8, 0), EFAULT, "pipe2 into a bad address");
        ok_eq(dup(0), before, "leaves no descriptor behind");
        close(before);
        ok_eq(pipe2(p, O_CLOEXEC), 0, "pipe2(O_CLOEXEC)");
        ok_eq(fcntl(p[0], F_GETFD) & fcntl(p[1], F_GETFD) & FD_CLOEXEC, FD_CLOEXEC,
              "both ends close on exec");
        close(p[0]);
        close(p[1]);
}

int main(void)
{
        check_ends();
        check_eof_epipe_nonblock();
        check_capacity_and_atomicity();
        check_signal_and_errors();
        return done();
}
