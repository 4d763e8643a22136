/* Tangled from book/listings-ctxtrack.nw (chapter "Listings of ``Context tracking and the entry code''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>

static void on_trap(int sig) { (void)sig; }

int main(int argc, char **argv)
{
        int cpu = argc > 1 ? atoi(argv[1]) : 0;
        long n = argc > 2 ? atol(argv[2]) : 20000;
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof(set), &set) || sched_getcpu() != cpu) {
                say("bench_ctxtrack: cannot run on CPU %d\n", cpu);
                return 1;
        }
        signal(SIGTRAP, on_trap);
        for (long i = 0; i < 1000; i++)
                syscall(SYS_getppid);
        uint64_t t0 = rdtsc();
        for (long i = 0; i < n; i++)
                syscall(SYS_getppid);
        uint64_t t1 = rdtsc();
        for (long i = 0; i < n / 10; i++)
                asm volatile("int3");
        uint64_t t2 = rdtsc();
        say("bench_ctxtrack: CPU %d: getppid %lu cycles, int3 and SIGTRAP %lu cycles\n",
            cpu, (unsigned long)((t1 - t0) / n), (unsigned long)((t2 - t1) / (n / 10)));
        return 0;
}
