/* Tangled from book/listings-shmem.nw (chapter "Listings of ``Shared memory''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PG      4096L
#define NPAGES  64
#define HOLE    40

static long minflt(void)
{
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        return ru.ru_minflt;
}

/* Faults taken by one read (value < 0) or write of the long at p. */
static long faults_while(volatile long *p, long value, long *seen)
{
        long before = minflt();

        if (value < 0)
                *seen = *p;
        else
                *p = value;
        return minflt() - before;
}

/* A mapping of the file at a 64 KiB boundary. */
static char *map_aligned(int fd, int prot, int flags, long pages, long offset)
{
        char *area = mmap(NULL, (pages + 16) * PG, PROT_NONE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *at = (char *)(((unsigned long)area + 16 * PG - 1) & ~(16 * PG - 1));

        return mmap(at, pages * PG, prot, flags | MAP_FIXED, fd, offset * PG);
}
static void check_windows(int fd)
{
        long *p = (long *)map_aligned(fd, PROT_READ, MAP_SHARED, NPAGES, 0);
        long v, later = 0, right = 0;

        ok(faults_while(p, -1, &v) == 1 && v == 0, "the first read of the file faults once");
        for (long i = 1; i < 16; i++) {
                later += faults_while(p + i * PG / 8, -1, &v);
                right += v == i;
        }
        ok(later == 0 && right == 15,
           "the other fifteen pages of its 64 KiB read without a fault (%ld faults, %ld right)",
           later, right);
        ok(faults_while(p + 16 * PG / 8, -1, &v) == 1 && v == 16,
           "the next 64 KiB begin with one fault");
        ok(faults_while(p + 33 * PG / 8, -1, &v) == 1 && v == 33 &&
           faults_while(p + (HOLE + 1) * PG / 8, -1, &v) == 0 && v == HOLE + 1,
           "a fault in the middle of a window maps the window around it");
        ok(faults_while(p + HOLE * PG / 8, -1, &v) == 1 && v == 0,
           "the hole was left out: reading it faults and finds zeroes");
        munmap(p, NPAGES * PG);
}
static void check_shared_writes(int fd)
{
        long *p = (long *)map_aligned(fd, PROT_READ | PROT_WRITE, MAP_SHARED, 16, 0);
        long v, back = 0;

        ok(faults_while(p + 2 * PG / 8, 1002, &v) == 1 &&
           faults_while(p + 3 * PG / 8, -1, &v) == 1 && v == 3,
           "a write fault maps one page: the next page's read faults");
        ok(faults_while(p + 5 * PG / 8, 1005, &v) == 0,
           "that read mapped its neighbours writable: writing one takes no fault");
        pread(fd, &back, sizeof(back), 5 * PG);
        ok(back == 1005, "and the file sees the write (%ld)", back);
        munmap(p, 16 * PG);
}
static void check_private(int fd)
{
        long *p = (long *)map_aligned(fd, PROT_READ | PROT_WRITE, MAP_PRIVATE, 16, 0);
        long v, back = 0;

        ok(faults_while(p, -1, &v) == 1 && faults_while(p + 6 * PG / 8, -1, &v) == 0 && v == 6,
           "a read in a private mapping maps its neighbours too");
        ok(faults_while(p + 6 * PG / 8, 2006, &v) == 1 && p[6 * PG / 8] == 2006,
           "a write to one faults once and sees its own value");
        pread(fd, &back, sizeof(back), 6 * PG);
        ok(back == 6, "and the file keeps its own bytes (%ld)", back);
        munmap(p, 16 * PG);
}
static sigjmp_buf jump;

static void caught(int sig)
{
        siglongjmp(jump, sig);
}

static int touch(volatile long *p)
{
        int sig = sigsetjmp(jump, 1);

        if (!sig)
                (void)*p;
        return sig;
}

static void check_edges(int fd)
{
        char *q = map_aligned(fd, PROT_READ, MAP_SHARED, 4, 8);
        long v, later = 0;

        ok(faults_while((long *)q, -1, &v) == 1 && v == 8, "a 4-page mapping's first read faults");
        for (long i = 1; i < 4; i++)
                later += faults_while((long *)(q + i * PG), -1, &v);
        ok(later == 0 && v == 11, "its other pages are mapped by it (%ld faults)", later);
        ok(touch((long *)(q + 4 * PG)) == SIGSEGV, "and beyond its end is SIGSEGV, not the file");
        munmap(q, 4 * PG);

        long *p = (long *)map_aligned(fd, PROT_READ, MAP_SHARED, 32, 0);
        (void)faults_while(p + 16 * PG / 8, -1, &v);
        ftruncate(fd, 20 * PG);
        ok(touch(p + 19 * PG / 8) == 0 && touch(p + 20 * PG / 8) == SIGBUS &&
           touch(p + 31 * PG / 8) == SIGBUS,
           "after a cut to 20 pages, page 19 reads and pages 20 and 31 are SIGBUS");
        munmap(p, 32 * PG);
}
int main(void)
{
        struct sigaction sa = { .sa_handler = caught };
        int fd = memfd_create("t_faultaround", 0);

        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        ftruncate(fd, NPAGES * PG);
        for (long i = 0; i < NPAGES; i++)
                if (i != HOLE)
                        pwrite(fd, &i, sizeof(i), i * PG);
        check_windows(fd);
        check_shared_writes(fd);
        check_private(fd);
        check_edges(fd);
        return done();
}
