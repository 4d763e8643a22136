/* Tangled from book/listings-process.nw (chapter "Listings of ``Processes''"). Do not edit: edit the book and run make tangle. */
#include <sched.h>
#include <time.h>
#include "ulib.h"

static bool pin(int cpu)
{
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        return sched_setaffinity(0, sizeof(set), &set) == 0 && sched_getcpu() == cpu;
}

static int lazy_child(void *arg)
{
        struct timespec nap = { 0, 30 * 1000 * 1000 };

        (void)arg;
        if (!pin(1))
                return 1;
        nanosleep(&nap, NULL);          /* CPU 1 idles, lazily holding this mm */
        return pin(0) ? 0 : 2;          /* then exit from CPU 0 */
}

int main(void)
{
        if (!ok(sysconf(_SC_NPROCESSORS_ONLN) >= 2, "there are at least two CPUs"))
                return done();
        ok(pin(0), "the parent pins itself to CPU 0");
        for (int i = 0; i < 5; i++)
                ok(fork_and_run(lazy_child, NULL) == 0,
                   "child %d slept on CPU 1, then exited on CPU 0", i);
        return done();
}
