/* Tangled from book/listings-signal.nw (chapter "Listings of ``Signals and threads''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

static void *nothing(void *arg) { return arg; }
static volatile long handled;
static void on_usr1(int sig) { (void)sig; handled++; }

int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 1000, ok = 0;
        struct sigaction sa = { .sa_handler = on_usr1 };
        pthread_t t;
        uint64_t t0, t1;

        if (n < 1)
                n = 1;
        t0 = rdtsc();
        for (long i = 0; i < n; i++)
                ok += pthread_create(&t, NULL, nothing, NULL) == 0 && pthread_join(t, NULL) == 0;
        t1 = rdtsc();
        say("bench_thread: create+join %12lu cycles per thread, %ld threads\n", (t1 - t0) / n, ok);
        sigaction(SIGUSR1, &sa, NULL);
        t0 = rdtsc();
        for (long i = 0; i < n; i++)
                raise(SIGUSR1);
        t1 = rdtsc();
        say("bench_thread: raise+handler %10lu cycles per signal, %ld signals\n", (t1 - t0) / n,
            (long)handled);
        return ok == n && handled == n ? 0 : 1;
}
