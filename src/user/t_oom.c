/* Tangled from book/listings-fault.nw (chapter "Listings of ``Page faults and copy-on-write''"). Do not edit: edit the book and run make tangle. */
#include <signal.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
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
                close(fd);              /* if the other holder dies first, the reader sees EOF */
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

        struct sysinfo si;

        if (pipe(fds) || sysinfo(&si))
                return;
        unsigned long free = si.freeram * si.mem_unit, half = free / 2 & ~(MiB - 1);
        pid_t small = start_holder(free / 16 & ~(MiB - 1), fds[1]);
        pid_t big = start_holder(half, fds[1]);
        close(fds[1]);
        ok(read(fds[0], &c, 1) == 1 && read(fds[0], &c, 1) == 1,
           "a holder of a sixteenth of free memory and one of half are ready");
        say("# the larger holder is pid %d\n", big);
        char *mine = map_and_touch(half, 0x5a);
        ok(mine && intact(mine, half, 0x5a),
           "the parent then touches another half, more than is left, and all of it is there");
        st = wait_child(big);
        ok(killed_by(st, SIGKILL), "the larger holder was killed with SIGKILL (status %#x)", st);
        ok_eq(waitpid(small, &st, WNOHANG), 0, "the smaller holder still runs");
        kill(small, SIGTERM);
        st = wait_child(small);
        ok(killed_by(st, SIGTERM), "and ends only with the SIGTERM sent now");
        munmap(mine, half);
        close(fds[0]);
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
        struct sysinfo si;
        unsigned long quarter = sysinfo(&si) ? 0 : si.freeram * si.mem_unit / 4 & ~(MiB - 1);
        char *p = quarter ? map_and_touch(quarter, 0x33) : NULL;
        ok(p && intact(p, quarter, 0x33),
           "after the storm the parent maps and fills a quarter of free memory");
        if (p)
                munmap(p, quarter);
}
int main(void)
{
        parent_faults();
        storm();
        return done();
}
