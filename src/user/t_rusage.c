/* Tangled from book/listings-process.nw (chapter "Listings of ``Processes''"). Do not edit: edit the book and run make tangle. */
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include "ulib.h"

#define MiB (1UL << 20)
static long usec(struct timeval tv)
{
        return tv.tv_sec * 1000000L + tv.tv_usec;
}

/* Spin in user mode until getrusage says at least MS milliseconds. */
static bool spin_user(int who, long ms)
{
        struct rusage ru;
        volatile unsigned long x = 0;

        for (long round = 0; round < 100000; round++) {
                for (int i = 0; i < 100000; i++)
                        x += i;
                if (getrusage(who, &ru) == 0 && usec(ru.ru_utime) >= ms * 1000)
                        return true;
        }
        return false;
}
static char *touch(unsigned long bytes)
{
        char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED)
                return NULL;
        madvise(p, bytes, MADV_NOHUGEPAGE);     /* one fault per page, even on Linux */
        for (unsigned long i = 0; i < bytes; i += 4096)
                p[i] = 1;
        return p;
}
static void self(void)
{
        struct rusage a, b;

        ok_eq(getrusage(RUSAGE_SELF, &a), 0, "getrusage(RUSAGE_SELF)");
        ok(spin_user(RUSAGE_SELF, 100), "spinning in user mode shows as user time (100 ms reached)");
        ok_eq(getrusage(RUSAGE_THREAD, &b), 0, "getrusage(RUSAGE_THREAD)");
        ok(usec(b.ru_utime) >= 100000, "and the thread's own record has it too");
        getrusage(RUSAGE_SELF, &a);
        char *p = touch(8 * MiB);
        getrusage(RUSAGE_SELF, &b);
        ok(p && b.ru_minflt - a.ru_minflt >= 2048,
           "touching 8 MiB is at least 2048 minor faults");
        ok(b.ru_maxrss >= 8192, "ru_maxrss (KiB) covers the 8 MiB touched");
        ok(b.ru_majflt - a.ru_majflt < 2048, "and they were minor faults, not major ones");
        munmap(p, 8 * MiB);
        getrusage(RUSAGE_SELF, &a);
        ok(a.ru_maxrss >= b.ru_maxrss, "ru_maxrss is a high-water mark: unmapping keeps it");
        struct timespec ms = { 0, 20 * 1000 * 1000 };
        nanosleep(&ms, NULL);
        getrusage(RUSAGE_SELF, &b);
        ok(b.ru_nvcsw > a.ru_nvcsw, "a sleep is a voluntary context switch");
}
static void children(void)
{
        struct rusage before, after, ru;
        int st;

        getrusage(RUSAGE_CHILDREN, &before);
        pid_t pid = fork();
        if (pid == 0) {
                bool spun = spin_user(RUSAGE_SELF, 50);
                _exit(touch(4 * MiB) && spun ? 0 : 1);
        }
        ok_eq(wait4(pid, &st, 0, &ru), pid, "wait4 with an rusage pointer reaps the child");
        ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child spun and touched 4 MiB");
        ok(usec(ru.ru_utime) >= 50000 && ru.ru_minflt >= 1024 && ru.ru_maxrss >= 4096,
           "wait4's rusage is the child's: user time, faults, maxrss");
        getrusage(RUSAGE_CHILDREN, &after);
        ok(usec(after.ru_utime) - usec(before.ru_utime) >= 50000 &&
           after.ru_minflt - before.ru_minflt >= 1024 && after.ru_maxrss >= 4096,
           "RUSAGE_CHILDREN adds the reaped child");
        struct tms t;
        clock_t now = times(&t);
        ok(now != (clock_t)-1 && t.tms_cutime > 0 && t.tms_utime > 0,
           "times: the process's and its children's user time in ticks");
}
static void errors(void)
{
        struct rusage ru;

        ok_errno(getrusage(5, &ru), EINVAL, "getrusage(5) is EINVAL");
        ok_errno(getrusage(RUSAGE_SELF, (void *)8), EFAULT, "getrusage to a bad pointer is EFAULT");
        ok_errno(getrusage(RUSAGE_CHILDREN, (void *)0xffff888000000000UL), EFAULT,
                 "getrusage to a kernel address is EFAULT");
}
int main(void)
{
        self();
        children();
        errors();
        return done();
}
