/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <stdlib.h>

static char *fresh(long pages)
{
        return mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);
}

static void report(const char *what, uint64_t cycles, long pages)
{
        say("bench_fault: %-24s %8lu cycles per 4 KiB page, %ld pages\n", what,
            cycles / pages, pages);
}

int main(int argc, char **argv)
{
        long pages = argc > 1 ? atol(argv[1]) : 1024;
        volatile char *w = (volatile char *)fresh(pages), *r = (volatile char *)fresh(pages);
        uint64_t t0, t1;

        if (pages < 1 || w == MAP_FAILED || r == MAP_FAILED)
                return 1;
        t0 = rdtsc();
        for (long i = 0; i < pages; i++)
                w[i * 4096] = 1;
        t1 = rdtsc();
        report("first write", t1 - t0, pages);
        t0 = rdtsc();
        for (long i = 0; i < pages; i++)
                (void)r[i * 4096];
        t1 = rdtsc();
        report("first read", t1 - t0, pages);
        t0 = rdtsc();
        for (long i = 0; i < pages; i++)
                w[i * 4096] = 2;
        t1 = rdtsc();
        report("write again (no fault)", t1 - t0, pages);
        return 0;
}
