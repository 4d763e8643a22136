/* Tangled from book/listings-ptfree.nw (chapter "Listings of ``Freeing page tables by RCU''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HP  (2L << 20)
#define PG  4096L
#define NPG (HP / PG)

static char *map_huge_aligned(int fd)
{
        char *area = mmap(NULL, 2 * HP, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *at = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));

        return mmap(at, HP, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
}

/* A 2 MiB memfd with every page written through pwrite: small pages. */
static int small_file(void)
{
        int fd = memfd_create("bench_ptfree", 0);

        ftruncate(fd, HP);
        for (long i = 0; i < NPG; i++)
                pwrite(fd, &i, sizeof(i), i * PG);
        return fd;
}

static uint64_t touch_all(char *p)
{
        uint64_t t0 = rdtsc();

        for (long i = 0; i < NPG; i++)
                (void)*(volatile long *)(p + i * PG);
        return rdtsc() - t0;
}

static void bench_fault(int rounds)
{
        uint64_t small = 0, huge = 0;

        for (int r = 0; r < rounds; r++) {
                int fd = small_file();
                char *p = map_huge_aligned(fd);
                small += touch_all(p);
                munmap(p, HP);
                p = map_huge_aligned(fd);
                if (madvise(p, HP, MADV_COLLAPSE)) {
                        say("bench_ptfree: MADV_COLLAPSE failed: %s\n", strerror(errno));
                        return;
                }
                munmap(p, HP);
                p = map_huge_aligned(fd);
                huge += touch_all(p);
                munmap(p, HP);
                close(fd);
        }
        say("bench_ptfree: first touch of 2 MiB, small pages: %lu cycles\n", small / rounds);
        say("bench_ptfree: first touch of 2 MiB, huge folio:  %lu cycles\n", huge / rounds);
        say("bench_ptfree: small / huge: %lu.%02lu\n", small / huge, small * 100 / huge % 100);
}
static uint64_t collapse_with(int mappers)
{
        volatile int *word = mmap(NULL, PG, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        int fd = small_file();
        char *p = map_huge_aligned(fd);
        pid_t kids[8];

        word[0] = word[1] = 0;
        for (int k = 0; k < mappers; k++)
                if ((kids[k] = fork()) == 0) {
                        touch_all(p);
                        __atomic_add_fetch(&word[0], 1, __ATOMIC_SEQ_CST);
                        while (!word[1])
                                sched_yield();
                        _exit(0);
                }
        while (word[0] < mappers)
                sched_yield();
        uint64_t t0 = rdtsc();
        int ret = madvise(p, HP, MADV_COLLAPSE);
        uint64_t t = rdtsc() - t0;
        word[1] = 1;
        for (int k = 0; k < mappers; k++)
                wait_child(kids[k]);
        munmap(p, HP);
        munmap((void *)word, PG);
        close(fd);
        return ret ? 0 : t;
}

static void bench_collapse(int rounds)
{
        static const int counts[] = { 1, 2, 8 };

        for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
                uint64_t sum = 0;
                for (int r = 0; r < rounds; r++)
                        sum += collapse_with(counts[i]);
                say("bench_ptfree: MADV_COLLAPSE of 2 MiB mapped by %d: %lu cycles\n",
                    counts[i], sum / rounds);
        }
}
static void bench_grace(void)
{
        if (book_debug(BOOK_DEBUG_HUGE_STATS, 3) < 0) {
                say("bench_ptfree: grace period: not measured (no book_debug call here)\n");
                return;
        }
        volatile int *word = mmap(NULL, PG, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        int fd = small_file();
        char *p = map_huge_aligned(fd);
        pid_t kid = fork();
        if (kid == 0) {
                touch_all(p);
                word[0] = 1;
                while (!word[1])
                        sched_yield();
                _exit(0);
        }
        while (!word[0])
                sched_yield();
        long retracted = book_debug(BOOK_DEBUG_HUGE_STATS, 1);
        long freed = book_debug(BOOK_DEBUG_HUGE_STATS, 3);
        madvise(p, HP, MADV_COLLAPSE);
        uint64_t t0 = rdtsc();
        long want = book_debug(BOOK_DEBUG_HUGE_STATS, 1) - retracted;
        while (book_debug(BOOK_DEBUG_HUGE_STATS, 3) - freed < want)
                sched_yield();
        uint64_t t = rdtsc() - t0;
        word[1] = 1;
        wait_child(kid);
        say("bench_ptfree: retraction to free (%ld table%s): %lu cycles\n", want,
            want == 1 ? "" : "s", t);
}

int main(int argc, char **argv)
{
        int rounds = argc > 1 ? atoi(argv[1]) : 3;

        bench_fault(rounds);
        bench_collapse(rounds);
        bench_grace();
        return 0;
}
