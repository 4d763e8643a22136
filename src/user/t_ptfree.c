/* Tangled from book/listings-ptfree.nw (chapter "Listings of ``Freeing page tables by RCU''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sched.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HP  (2L << 20)
#define PG  4096L
#define NPG (HP / PG)

enum { COLLAPSED, RETRACTED, KEPT_BUSY, FREED_AFTER_GP, STALE_TABLE };

static long stat(int which)
{
        return book_debug(BOOK_DEBUG_HUGE_STATS, which);
}

static long pmd_state(const void *addr)
{
        return book_debug(BOOK_DEBUG_PMD_STATE, (unsigned long)addr);
}

static char *map_at_offset(int fd, int prot, int flags, long off, long len)
{
        char *area = mmap(NULL, len + HP, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *at = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));

        return mmap(at, len, prot, flags | MAP_FIXED, fd, off);
}

struct shared { volatile int ready, go; };

static int child(int fd, bool private, struct shared *sh)
{
        int flags = private ? MAP_PRIVATE : MAP_SHARED;
        char *p = map_at_offset(fd, PROT_READ | PROT_WRITE, flags, 0, HP);

        if (p == MAP_FAILED)
                return 10;
        for (long i = 0; i < 8; i++)
                (void)*(volatile long *)(p + i * PG);
        if (private)
                *(long *)(p + 3 * PG) = -1;     /* a private copy in this table */
        __atomic_add_fetch(&sh->ready, 1, __ATOMIC_SEQ_CST);
        while (!sh->go)
                sched_yield();
        for (long i = 0; i < NPG; i++) {
                long want = private && i == 3 ? -1 : i;
                if (*(volatile long *)(p + i * PG) != want)
                        return 11;
        }
        long state = pmd_state(p);
        return private ? (state == 0 ? 0 : 12) : (state == 1 ? 0 : 13);
}
static int walk_for_figure(int fd)
{
        if (ftruncate(fd, HP))
                return 1;
        char *p = map_at_offset(fd, PROT_READ | PROT_WRITE, MAP_SHARED, 0, HP);
        for (long i = 0; i < NPG; i++)
                *(long *)(p + i * PG) = i;
        char *addr = p + 3 * PG + 0x128;
        book_debug(BOOK_DEBUG_PTWALK, (unsigned long)addr & ~1UL);
        if (madvise(p, HP, MADV_COLLAPSE))
                return 1;
        (void)*(volatile char *)addr;
        book_debug(BOOK_DEBUG_PTWALK, (unsigned long)addr | 1);
        return 0;
}

int main(int argc, char **argv)
{
        struct shared *sh = mmap(NULL, PG, PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        int fd = memfd_create("t_ptfree", 0);
        pid_t kids[3];

        if (argc > 1 && !strcmp(argv[1], "figure"))
                return walk_for_figure(fd);
        ok_eq(ftruncate(fd, HP), 0, "a 2 MiB memfd");
        for (long i = 0; i < NPG; i++)
                pwrite(fd, &i, sizeof(i), i * PG);
        char *p = map_at_offset(fd, PROT_READ | PROT_WRITE, MAP_SHARED, 0, HP);
        for (int k = 0; k < 3; k++)
                if ((kids[k] = fork()) == 0)
                        _exit(child(fd, k == 2, sh));
        while (sh->ready < 3)
                sched_yield();
        long retracted = stat(RETRACTED), kept = stat(KEPT_BUSY);
        long freed = stat(FREED_AFTER_GP);
        ok_eq(pmd_state(p), -ENOENT, "the parent never touched its mapping: no PMD entry");
        ok_eq(madvise(p, HP, MADV_COLLAPSE), 0, "MADV_COLLAPSE");
        ok_eq(stat(RETRACTED) - retracted, 2, "the two shared children's tables were retracted");
        ok_eq(stat(KEPT_BUSY) - kept, 0, "no table was found busy");
        ok_eq(pmd_state(p), 1, "the parent's range is mapped huge at once");
        sh->go = 1;
        int status;
        for (int k = 0; k < 3; k++) {
                status = wait_child(kids[k]);
                ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                   k == 2 ? "the private child kept its table and its copy (status %d)"
                          : "shared child %d reads every value through a huge entry (status %d)",
                   k == 2 ? WEXITSTATUS(status) : k, WEXITSTATUS(status));
        }
        for (int tries = 0; tries < 100 && stat(FREED_AFTER_GP) - freed < 2; tries++)
                usleep(10000);
        ok_eq(stat(FREED_AFTER_GP) - freed, 2, "both retracted tables were freed after a grace period");
        ok_eq(stat(STALE_TABLE), 0, "no fault ever locked a freed table");
        char *u = map_at_offset(fd, PROT_READ, MAP_SHARED, PG, HP - PG);
        long bad = 0;
        for (long i = 0; i < NPG - 1; i++)
                bad += *(volatile long *)(u + i * PG) != i + 1;
        ok_eq(bad, 0, "a mapping at an unaligned offset reads the folio's pages");
        ok_eq(pmd_state(u), 0, "through a PTE table");
        int fd2 = memfd_create("t_ptfree-2", 0);
        ok_eq(ftruncate(fd2, 2 * HP), 0, "a 4 MiB memfd");
        char *q = map_at_offset(fd2, PROT_READ | PROT_WRITE, MAP_SHARED, 0, 2 * HP);
        for (long i = 0; i < 2 * NPG; i += 2)
                *(long *)(q + i * PG) = i;
        ok_eq(madvise(q, 2 * HP, MADV_HUGEPAGE), 0, "MADV_HUGEPAGE");
        ok_eq(book_debug(BOOK_DEBUG_KHUGEPAGED, 0), 2, "khugepaged collapsed both 2 MiB ranges");
        ok_eq(pmd_state(q), -ENOENT, "the range's table was retracted");
        bad = 0;
        for (long i = 0; i < 2 * NPG; i++)
                bad += *(volatile long *)(q + i * PG) != (i % 2 ? 0 : i);
        ok_eq(bad, 0, "every value survived, holes as zeroes");
        ok_eq(pmd_state(q) + pmd_state(q + HP), 2, "both halves are mapped huge");
        ok_eq(book_debug(BOOK_DEBUG_KHUGEPAGED, 0), 0, "a second pass finds nothing to do");
        return done();
}
