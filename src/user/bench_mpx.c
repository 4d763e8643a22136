/* Tangled from book/listings-mpx.nw (chapter "Listings of ``MPX bounds tables and the lock that frees them''"). Do not edit: edit the book and run make tangle. */
#include "mpx_user.h"

static uint64_t bench_obj[8];

static uint64_t time_munmap(int n, bool store)
{
        uint64_t best = ~0ULL;

        for (int run = 0; run < 3; run++) {
                char *p = mpx_map_at(MPX_DATA + 32 * MPX_GIB, n * MPX_MIB);

                if (!p)
                        return 0;
                for (int i = 0; store && i < n; i++)
                        mpx_bndstx0(p + i * MPX_MIB, (uint64_t)bench_obj);
                uint64_t t0 = rdtsc();
                munmap(p, n * MPX_MIB);
                uint64_t t = rdtsc() - t0;
                best = t < best ? t : best;
        }
        return best;
}
int main(void)
{
        static const int ns[] = { 1, 16, 256 };
        uint64_t off[3], on[3], tab[3], first = 0, second = 0;

        if (!mpx_available()) {
                say("bench_mpx: no MPX on this machine\n");
                return 1;
        }
        for (int i = 0; i < 3; i++)
                off[i] = time_munmap(ns[i], false);
        if (!mpx_setup())
                return 2;
        mpx_bndmk0((uint64_t)bench_obj, (uint64_t)bench_obj + 63);
        for (int i = 0; i < 3; i++) {
                on[i] = time_munmap(ns[i], false);
                tab[i] = time_munmap(ns[i], true);
        }
        char *p = mpx_map_at(MPX_DATA + 40 * MPX_GIB, 16 * MPX_MIB);
        for (int i = 0; p && i < 16; i++) {
                uint64_t t0 = rdtsc();
                mpx_bndstx0(p + i * MPX_MIB, (uint64_t)bench_obj);
                uint64_t t1 = rdtsc();
                mpx_bndstx0(p + i * MPX_MIB + 8, (uint64_t)bench_obj);
                first += t1 - t0;
                second += rdtsc() - t1;
        }
        for (int i = 0; i < 3; i++)
                say("bench_mpx: munmap of %3d MiB: %9llu cycles without MPX, %9llu managed, "
                    "%9llu with %d tables\n", ns[i], (unsigned long long)off[i],
                    (unsigned long long)on[i], (unsigned long long)tab[i], ns[i]);
        say("bench_mpx: BNDSTX into an empty entry (#BR, allocate): %llu cycles; "
            "into an existing table: %llu cycles\n", (unsigned long long)first / 16,
            (unsigned long long)second / 16);
        return 0;
}
