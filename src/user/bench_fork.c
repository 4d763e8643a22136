/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <stdlib.h>

static void time_forks(const char *what, long n)
{
        say("bench_fork: %-24s %10lu cycles per fork+exit+wait4, %ld forks\n", what,
            cycles_per_fork(n), n);
}

int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 200;
        size_t size = 4 << 20;

        if (n < 1)
                n = 1;
        time_forks("small process", n);
        char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memset(p, 1, size);
        time_forks("with 4 MiB written", n);
        return 0;
}
