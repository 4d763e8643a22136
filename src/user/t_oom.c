/* Tangled from book/listings-fault.nw (chapter "Listings of ``Page faults and copy-on-write''"). Do not edit: edit the book and run make tangle. */
#include <signal.h>
#include <stdlib.h>
#include "ulib.h"

#define MiB (1UL << 20)
static char *map_and_touch(unsigned long bytes, char pattern)
{
        char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED)
                return NULL;
        for (unsigned long i = 0; i < bytes; i += 4096)
                p[i] = pattern;
        return p;
}
/* Touch a page at a time, for ever: only a signal ends it. */
static void __attribute__((noreturn)) grow(void)
{
        char *p = mmap(NULL, 1024 * MiB, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

        if (p == MAP_FAILED)
                _exit(3);
        for (unsigned long i = 0;; i += 4096)
                p[i % (1024 * MiB)] = 1;
}
/* A process that takes BYTES, says so on FD, and waits to be killed. */
static pid_t start_holder(unsigned long bytes, int fd)
{
        pid_t pid = fork();

        if (pid == 0) {
                if (!map_and_touch(bytes, 1))
                        _exit(3);
                if (write(fd, "r", 1) != 1)
                        _exit(4);
                for (;;)
                        pause();
        }
        return pid;
}
static bool killed_by(int status, int sig)
{
        return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static bool intact(const char *p, unsigned long bytes, char pattern)
{
        for (unsigned long i = 0; i < bytes; i += 4096)
                if (p[i] != pattern)
                        return false;
        return true;
}
/* The parent faults when memory is gone: the largest other process pays. */
static void parent_faults(void)
{
        int fds[2], st;
        char c;

        if (pipe(fds))
                return;
        pid_t small = start_holder(8 * MiB, fds[1]);
        pid_t big = start_holder(64 * MiB, fds[1]);
        ok(read(fds[0], &c, 1) == 1 && read(fds[0], &c, 1) == 1,
           "a holder of 8 MiB and one of 64 MiB are ready");
        say("# the holder of 64 MiB is pid %d\n", big);
        char *mine = map_and_touch(64 * MiB, 0x5a);
        ok(mine && intact(mine, 64 * MiB, 0x5a),
           "the parent then touches 64 MiB more than fit, and all of it is there");
        st = wait_child(big);
        ok(killed_by(st, SIGKILL), "the holder of 64 MiB was killed with SIGKILL (status %#x)", st);
        ok_eq(waitpid(small, &st, WNOHANG), 0, "the holder of 8 MiB still runs");
        kill(small, SIGTERM);
        st = wait_child(small);
        ok(killed_by(st, SIGTERM), "and ends only with the SIGTERM sent now");
        munmap(mine, 64 * MiB);
        close(fds[0]);
        close(fds[1]);
}
/* Processes that grow without end, all at once. */
static void storm(void)
{
        enum { HOGS = 3 };
        pid_t hog[HOGS];
        int killed = 0;

        for (int i = 0; i < HOGS; i++) {
                hog[i] = fork();
                if (hog[i] == 0)
                        grow();
        }
        for (int i = 0; i < HOGS; i++)
                killed += killed_by(wait_child(hog[i]), SIGKILL);
        ok_eq(killed, HOGS, "three processes that grow for ever are each killed with SIGKILL");
        char *p = map_and_touch(32 * MiB, 0x33);
        ok(p && intact(p, 32 * MiB, 0x33), "after the storm the parent maps and fills 32 MiB");
        if (p)
                munmap(p, 32 * MiB);
}
int main(void)
{
        parent_faults();
        storm();
        return done();
}
