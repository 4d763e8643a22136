/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <stdlib.h>
#include <sys/syscall.h>

static void time_calls(const char *what, long nr, long n)
{
        for (long i = 0; i < 1000; i++)         /* warm caches and TLB */
                syscall(nr);
        uint64_t t0 = rdtsc();
        for (long i = 0; i < n; i++)
                syscall(nr);
        uint64_t t1 = rdtsc();
        say("bench_syscall: %-12s %8lu cycles per call, %ld calls\n", what, (t1 - t0) / n, n);
}

int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 100000;

        if (n < 1)
                n = 1;
        time_calls("getpid", SYS_getpid, n);
        time_calls("ENOSYS (999)", 999, n);
        return 0;
}
