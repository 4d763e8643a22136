/* Tangled from book/listings-mpx.nw (chapter "Listings of ``MPX bounds tables and the lock that frees them''"). Do not edit: edit the book and run make tangle. */
#include "mpx_user.h"
#include <pthread.h>

static uint64_t race_obj[2][8];

static void *race_store(void *arg)
{
        long i = (long)arg;
        uint64_t *slot = (uint64_t *)(MPX_DATA + 20 * MPX_GIB) + i;
        uint64_t obj = (uint64_t)race_obj[i];

        mpx_bndmk0(obj, obj + sizeof(race_obj[i]) - 1);
        mpx_bndstx0(slot, obj);
        return NULL;
}
int main(int argc, char **argv)
{
        bool lost = argc > 1 && !strcmp(argv[1], "lost");
        void *page = (void *)(MPX_DATA + 20 * MPX_GIB);
        pthread_t t[2];

        if (!mpx_available()) {
                say("t_mpx_race: no MPX on this machine\n");
                return 1;
        }
        if (!mpx_map_at((uint64_t)page, 4096) || !mpx_setup())
                return 2;
        for (long i = 0; i < (lost ? 2 : 1); i++)
                pthread_create(&t[i], NULL, race_store, (void *)i);
        if (!lost)
                say("t_mpx_race: munmap of the data: %d\n", munmap(page, 4096));
        for (long i = 0; i < (lost ? 2 : 1); i++)
                pthread_join(t[i], NULL);
        say("t_mpx_race: tables: %ld, directory entry %s\n", mpx_tables(),
            mpx_entry(page) & 1 ? "valid" : "empty");
        if (lost) {
                say("t_mpx_race: lost exchanges: %ld\n",
                    book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_LOST));
                for (int i = 0; i < 2; i++) {
                        uint64_t b[2], obj = (uint64_t)race_obj[i];

                        mpx_bndldx1((uint64_t *)page + i, obj);
                        mpx_read_bnd(1, b);
                        say("t_mpx_race: bounds of pointer %d: %s\n", i,
                            b[0] == obj && b[1] == obj + 63 ? "as stored" : "lost");
                }
        }
        return 0;
}
