/* Tangled from book/listings-user.nw (chapter "Listings of ``User mode''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>

static volatile int *page;
static volatile int phase, faulted, reads_after;
static sigjmp_buf env;

static void shootdown_on_segv(int sig)
{
        (void)sig;
        siglongjmp(env, 1);
}
static void *shootdown_reader(void *arg)
{
        (void)arg;
        if (sigsetjmp(env, 1)) {
                faulted = 1;
                return NULL;
        }
        for (;;) {
                int v = page[0];
                if (phase == 0 && v == 42)
                        phase = 1;
                if (phase == 2) {
                        v = page[0];
                        reads_after++;
                        if (reads_after > 1000)
                                return NULL;
                }
        }
}

int main(void)
{
        pthread_t t;
        struct sigaction sa = { .sa_handler = shootdown_on_segv };

        sigaction(SIGSEGV, &sa, NULL);
        page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        page[0] = 42;
        pthread_create(&t, NULL, shootdown_reader, NULL);
        while (phase != 1)
                ;                               /* the reader has the page cached */
        munmap((void *)page, 4096);
        phase = 2;
        pthread_join(t, NULL);
        ok(faulted && reads_after == 0,
           "a reader on another CPU faults after munmap (faulted %d, stale reads %d)",
           faulted, reads_after);
        return done();
}
