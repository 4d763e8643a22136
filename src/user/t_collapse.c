/* Tangled from book/listings-ptfree.nw (chapter "Listings of ``Freeing page tables by RCU''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <setjmp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HP  (2L << 20)
#define PG  4096L
#define NPG (HP / PG)

static char *map_aligned(int fd, int prot)
{
        char *area = mmap(NULL, 2 * HP, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *at = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));

        return mmap(at, HP, prot, MAP_SHARED | MAP_FIXED, fd, 0);
}
static long pattern(long i)
{
        return i % 4 == 3 ? 0 : 0x5eed0000 + i * 7;
}

static long pages_intact(const char *p, long from, long to)
{
        long bad = 0;

        for (long i = from; i < to; i++)
                bad += *(volatile long *)(p + i * PG) != pattern(i);
        return bad;
}
static void collapse_beside_child(int fd, char *p)
{
        volatile int *started = mmap(NULL, PG, PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);

        pid_t pid = fork();
        if (pid == 0) {
                long bad = pages_intact(p, 0, NPG);
                *started = 1;
                for (int round = 0; round < 20; round++)
                        bad += pages_intact(p, 0, NPG);
                _exit(bad ? 1 : 0);
        }
        while (!*started)
                sched_yield();
        int ret, tries = 0;
        while ((ret = madvise(p, HP, MADV_COLLAPSE)) && errno == EAGAIN && ++tries < 100)
                usleep(1000);
        ok_eq(ret, 0, "madvise(MADV_COLLAPSE) of the 2 MiB range, while the child reads");
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "the child read every page right in every round, across the collapse");
        ok_eq(pages_intact(p, 0, NPG), 0, "after the collapse every page holds its value");
        ok_eq(madvise(p, HP, MADV_COLLAPSE), 0, "collapsing again is a no-op");
        pid = fork();
        if (pid == 0) {
                char *q = map_aligned(fd, PROT_READ);
                _exit(q == MAP_FAILED ? 2 : pages_intact(q, 0, NPG) ? 1 : 0);
        }
        status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "a new mapping in another process reads the same values");
        munmap((void *)started, PG);
}
static sigjmp_buf cut_jmp;

static void cut_caught(int sig)
{
        siglongjmp(cut_jmp, sig);
}

static int access_sig(volatile char *addr, bool write)
{
        struct sigaction sa = { .sa_handler = cut_caught }, o1, o2;
        int sig;

        sigaction(SIGSEGV, &sa, &o1);
        sigaction(SIGBUS, &sa, &o2);
        if (!(sig = sigsetjmp(cut_jmp, 1))) {
                if (write)
                        *addr = *addr;
                else
                        (void)*addr;
        }
        sigaction(SIGSEGV, &o1, NULL);
        sigaction(SIGBUS, &o2, NULL);
        return sig;
}

static void cut_in_pieces(int fd, char *p)
{
        long v;

        ok_eq(munmap(p + 10 * PG, PG), 0, "munmap one page in the middle");
        ok_eq(access_sig(p + 10 * PG, false), SIGSEGV, "that page is gone");
        ok_eq(pages_intact(p, 0, 10) + pages_intact(p, 11, NPG), 0, "the others hold their values");
        ok_eq(mprotect(p + 20 * PG, PG, PROT_READ), 0, "mprotect one page read-only");
        ok_eq(access_sig(p + 20 * PG, true), SIGSEGV, "a write to it faults");
        ok_eq(access_sig(p + 21 * PG, true), 0, "a write to its neighbour does not");
        *(long *)(p + 30 * PG) = 12345;
        ok_eq(madvise(p + 30 * PG, PG, MADV_DONTNEED), 0, "MADV_DONTNEED of a page");
        ok_eq(*(long *)(p + 30 * PG), 12345, "a shared page comes back from the file");
        ok_eq(pread(fd, &v, sizeof(v), 30 * PG), (long)sizeof(v), "pread the same page");
        ok_eq(v, 12345, "the file has the value written through the mapping");
        *(long *)(p + 30 * PG) = pattern(30);
        ok_eq(ftruncate(fd, HP / 2), 0, "truncate the file to 1 MiB");
        ok_eq(access_sig(p + (NPG / 2) * PG, false), SIGBUS, "the first page beyond the end is SIGBUS");
        ok_eq(access_sig(p + (NPG - 1) * PG, false), SIGBUS, "and the last");
        ok_eq(pages_intact(p, 0, 10) + pages_intact(p, 11, NPG / 2), 0,
              "the first half holds its values");
        ok_eq(ftruncate(fd, HP), 0, "grow it back to 2 MiB");
        ok_eq(*(long *)(p + (NPG - 1) * PG), 0, "the second half reads as zeroes");
}

int main(void)
{
        int fd = memfd_create("t_collapse", 0);

        ok_eq(ftruncate(fd, HP), 0, "a 2 MiB memfd");
        char *p = map_aligned(fd, PROT_READ | PROT_WRITE);
        for (long i = 0; i < NPG; i++)
                if (i % 4 != 3)
                        *(long *)(p + i * PG) = pattern(i);
        collapse_beside_child(fd, p);
        cut_in_pieces(fd, p);
        return done();
}
