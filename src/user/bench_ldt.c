/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <stdlib.h>

static void time_forks(const char *what, long n)
{
        say("bench_ldt: fork+exit+wait4, %-16s %10lu cycles, %ld forks\n",
            what,
            cycles_per_fork(n), n);
}
static void time_writes(const char *what, long n)
{
        uint64_t t0 = rdtsc();
        for (long i = 0; i < n; i++)
                set_entry(0, 0, 0, 1, 1);
        say("bench_ldt: modify_ldt write, %-14s %10lu cycles, %ld writes\n",
            what,
            (rdtsc() - t0) / n, n);
}
int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 100;

        if (n < 1)
                n = 1;
        time_forks("no LDT", n);
        set_entry(15, 0, 0, 1, 1);
        time_forks("16-entry LDT", n);
        time_writes("16 entries", n);
        set_entry(LDT_ENTRIES - 1, 0, 0, 1, 1);
        time_forks("8192-entry LDT", n);
        time_writes("8192 entries", n);
        return 0;
}
