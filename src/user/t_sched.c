/* Tangled from book/listings-process.nw (chapter "Listings of ``Processes''"). Do not edit: edit the book and run make tangle. */
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include "ulib.h"

static double seconds(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fork a child that runs fn and sends back one int; return it, or -1. */
static int child_says(int (*fn)(void))
{
        int fd[2], v = -1;

        if (pipe(fd))
                return -1;
        pid_t pid = fork();
        if (pid == 0) {
                v = fn();
                _exit(write(fd[1], &v, sizeof(v)) == sizeof(v) ? 0 : 1);
        }
        close(fd[1]);
        if (pid < 0 || read(fd[0], &v, sizeof(v)) != sizeof(v))
                v = -1;
        close(fd[0]);
        if (pid > 0)
                waitpid(pid, NULL, 0);
        return v;
}

static int target_cpu;

static int child_affinity(void)
{
        cpu_set_t got;
        CPU_ZERO(&got);
        if (sched_getaffinity(0, sizeof(got), &got))
                return -1;
        return (CPU_COUNT(&got) == 1 && CPU_ISSET(target_cpu, &got)) * 1000 + sched_getcpu();
}

static void inherit(long ncpu)
{
        cpu_set_t all, one;

        target_cpu = ncpu - 1;
        CPU_ZERO(&one);
        CPU_SET(target_cpu, &one);
        if (!ok(sched_getaffinity(0, sizeof(all), &all) == 0 &&
                sched_setaffinity(0, sizeof(one), &one) == 0, "the parent pins itself to CPU %d",
                target_cpu))
                return;
        int v = child_says(child_affinity);
        ok(v >= 1000, "a child inherits its parent's affinity");
        ok(v % 1000 == target_cpu, "and runs on CPU %d (%d)", target_cpu, v % 1000);
        ok(sched_setaffinity(0, sizeof(all), &all) == 0, "the parent is unpinned");
}
static void pulled(void)
{
        volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (!ok(shared != MAP_FAILED, "a shared page for the spinning child"))
                return;
        shared[0] = -1;
        pid_t pid = fork();
        if (pid == 0) {
                while (!shared[1])
                        shared[0] = sched_getcpu();
                _exit(0);
        }
        double t0 = seconds(), t = t0;
        bool apart = false;
        while (pid > 0 && !apart && (t = seconds()) - t0 < 5.0) {
                int c = shared[0];
                apart = c >= 0 && c != sched_getcpu();
        }
        shared[1] = 1;
        if (pid > 0)
                waitpid(pid, NULL, 0);
        ok(apart, "a spinning parent and its spinning child end up on two CPUs");
        say("# they were apart after %.0f ms\n", (t - t0) * 1000);
}
static int child_cpu(void) { return sched_getcpu(); }

static void placement(void)
{
        int same = 0, n = 20;

        for (int i = 0; i < n; i++) {
                int before = sched_getcpu();
                same += child_says(child_cpu) == before;
        }
        ok(same >= n - 2, "children start on their parent's CPU (%d of %d)", same, n);
}

int main(int argc, char **argv)
{
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

        if (!ok(ncpu >= 2, "there are at least two CPUs (%ld)", ncpu))
                return done();
        inherit(ncpu);
        pulled();
        if (argc > 1 && !strcmp(argv[1], "placement"))
                placement();
        return done();
}
