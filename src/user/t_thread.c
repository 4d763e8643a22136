/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <pthread.h>

#define THREADS 4
#define ROUNDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;            /* guarded by lock */
static __thread long mine;      /* one per thread */
static int set_before_start;    /* written by main before the threads start */

struct result {
        pid_t pid, tid;
        int saw;                /* set_before_start as the thread saw it */
        long mine;              /* its thread-local count at the end */
        long *mine_at;          /* where its thread-local variable is */
};
static struct result results[THREADS];

static void *worker(void *arg)
{
        struct result *r = arg;

        r->pid = getpid();
        r->tid = gettid();
        r->saw = set_before_start;
        for (int i = 0; i < ROUNDS; i++) {
                pthread_mutex_lock(&lock);
                counter++;
                pthread_mutex_unlock(&lock);
                mine++;
        }
        r->mine = mine;
        r->mine_at = &mine;
        return (void *)(long)(r - results + 100);
}
int main(void)
{
        pthread_t t[THREADS];
        int created = 0, joined = 0, distinct = 1;

        set_before_start = 42;
        mine = -1;
        for (int i = 0; i < THREADS; i++)
                created += pthread_create(&t[i], NULL, worker, &results[i]) == 0;
        ok_eq(created, THREADS, "pthread_create starts %d threads", THREADS);
        for (int i = 0; i < THREADS; i++) {
                void *ret;
                joined += pthread_join(t[i], &ret) == 0 && (long)ret == i + 100;
        }
        ok_eq(joined, THREADS, "pthread_join returns each thread's value");
        ok_eq(counter, (long)THREADS * ROUNDS, "no increment under the mutex was lost");
        for (int i = 0; i < THREADS; i++) {
                struct result *r = &results[i];
                distinct &= r->pid == getpid() && r->tid != getpid() && r->saw == 42 &&
                            r->mine == ROUNDS && r->mine_at != &mine;
                for (int j = 0; j < i; j++)
                        distinct &= r->tid != results[j].tid && r->mine_at != results[j].mine_at;
        }
        ok(distinct, "each thread: same pid, own tid, saw main's write, own thread-local");
        ok_eq(mine, -1, "main's thread-local variable is untouched");
        return done();
}
