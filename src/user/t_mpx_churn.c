/* Tangled from book/listings-mpx.nw (chapter "Listings of ``MPX bounds tables and the lock that frees them''"). Do not edit: edit the book and run make tangle. */
#include "mpx_user.h"
#include <pthread.h>

#define CHURN_THREADS 4
#define CHURN_ROUNDS  150
static uint64_t churn_obj[CHURN_THREADS][8];
static int churn_bad[CHURN_THREADS];

static void *churn(void *arg)
{
        long t = (long)arg;
        uint64_t obj = (uint64_t)churn_obj[t], b[2];

        for (int r = 0; r < CHURN_ROUNDS; r++) {
                uint64_t at = MPX_DATA + (24 + t) * MPX_GIB + (r % 8) * MPX_MIB;
                uint64_t *p = mpx_map_at(at, 4096);

                if (!p) {
                        churn_bad[t]++;
                        continue;
                }
                p[1] = at ^ r;
                mpx_bndmk0(obj, obj + 63 - (r & 7));
                mpx_bndstx0(p, obj);
                mpx_bndldx1(p, obj);
                mpx_read_bnd(1, b);
                churn_bad[t] += b[0] != obj || b[1] != obj + 63 - (r & 7) || p[1] != (at ^ r);
                munmap(p, 4096);
        }
        return NULL;
}
int main(void)
{
        pthread_t th[CHURN_THREADS];
        int bad = 0;

        if (!mpx_available()) {
                say("t_mpx_churn: no MPX on this machine\n");
                return 1;
        }
        if (!mpx_setup())
                return 2;
        for (long t = 0; t < CHURN_THREADS; t++)
                pthread_create(&th[t], NULL, churn, (void *)t);
        for (long t = 0; t < CHURN_THREADS; t++) {
                pthread_join(th[t], NULL);
                bad += churn_bad[t];
        }
        ok_eq(bad, 0, "%d threads x %d rounds: every bound and every datum as stored",
              CHURN_THREADS, CHURN_ROUNDS);
        ok_eq(mpx_tables(), 0, "every table freed with its data");
        ok(book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_FREED) >= CHURN_THREADS * CHURN_ROUNDS,
           "at least one table freed per round");
        return done();
}
