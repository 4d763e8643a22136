/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <signal.h>
#include <sys/syscall.h>

#define PG 4096UL

static int do_read(void *p) { return *(volatile char *)p & 0; }
static int do_write(void *p) { *(volatile char *)p = *(volatile char *)p; return 0; }

/* 1: the access worked; 0: it was killed by SIGSEGV; -1: something else. */
static int access_ok_in_child(int (*fn)(void *), void *p)
{
        int status = fork_and_run(fn, p);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
                return 1;
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV ? 0 : -1;
}
#define readable(p) access_ok_in_child(do_read, (p))
#define writable(p) access_ok_in_child(do_write, (p))
static char *free_range(size_t pages)
{
        char *p = mmap(NULL, pages * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p, pages * PG);
        return p;
}

static char *map(char *at, size_t pages, char tag)
{
        char *p = mmap(at, pages * PG, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p != MAP_FAILED)
                for (size_t i = 0; i < pages; i++)
                        p[i * PG] = tag;
        return p;
}

static bool tags_are(const char *p, size_t pages, char tag)
{
        for (size_t i = 0; i < pages; i++)
                if (p[i * PG] != tag)
                        return false;
        return true;
}
static void check_bad_arguments(void)
{
        const int anon = MAP_ANONYMOUS, rw = PROT_READ | PROT_WRITE;
        char *base = free_range(1);

        ok_errno((long)mmap(NULL, 0, rw, MAP_PRIVATE | anon, -1, 0), EINVAL, "mmap of 0 bytes");
        ok_errno((long)mmap(base + 1, PG, rw, MAP_PRIVATE | anon | MAP_FIXED, -1, 0), EINVAL,
                 "mmap(MAP_FIXED) at an unaligned address");
        ok_errno((long)mmap(NULL, PG, rw, anon, -1, 0), EINVAL, "mmap neither shared nor private");
        ok_errno((long)mmap(NULL, PG, rw, MAP_SHARED | MAP_PRIVATE | anon, -1, 0), EINVAL,
                 "anonymous mmap both shared and private (MAP_SHARED_VALIDATE)");
        ok_errno((long)mmap((void *)0x7ffffffff000, 2 * PG, rw,
                            MAP_PRIVATE | anon | MAP_FIXED, -1, 0),
                 ENOMEM, "mmap(MAP_FIXED) running past the end of user space");
        ok_errno(munmap(base, 0), EINVAL, "munmap of 0 bytes");
        ok_errno(munmap(base + 1, PG), EINVAL, "munmap at an unaligned address");
        ok_errno(munmap((void *)0xffff888000000000, PG), EINVAL, "munmap of a kernel address");
        ok_errno(syscall(SYS_mprotect, base + 1, PG, PROT_READ), EINVAL,
                 "mprotect at an unaligned address");
        ok_eq(mprotect(base, 0, PROT_READ), 0, "mprotect of 0 bytes succeeds");
}
static void check_new_mappings(void)
{
        const int flags = MAP_PRIVATE | MAP_ANONYMOUS;
        char *rw = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, flags, -1, 0);
        char *ro = mmap(NULL, PG, PROT_READ, flags, -1, 0);
        char *none = mmap(NULL, PG, PROT_NONE, flags, -1, 0);
        size_t nonzero = 0;

        for (size_t i = 0; i < 4 * PG; i++)
                nonzero += rw[i] != 0;
        ok_eq(nonzero, 0, "a new anonymous mapping reads as zeros");
        ok_eq(writable(rw + PG), 1, "a PROT_READ|PROT_WRITE page is writable");
        ok_eq(readable(ro), 1, "a PROT_READ page is readable");
        ok_eq(writable(ro), 0, "but not writable");
        ok_eq(readable(none), 0, "a PROT_NONE page is not readable");
        rw[0] = 'r';
        char *other = mmap(rw, PG, PROT_READ | PROT_WRITE, flags, -1, 0);
        ok(other != MAP_FAILED && other != rw && rw[0] == 'r',
           "a hint that is taken is ignored; the old mapping is intact");
        munmap(rw, 4 * PG);
        munmap(ro, PG);
        munmap(none, PG);
        munmap(other, PG);
}
static void check_munmap_middle(void)
{
        char *p = map(free_range(3), 3, 'm');

        ok_eq(munmap(p + PG, PG), 0, "munmap of the middle page of three");
        ok(!page_mapped(p + PG), "the middle page is unmapped");
        ok(page_mapped(p) && page_mapped(p + 2 * PG), "both ends are still mapped");
        ok(tags_are(p, 1, 'm') && tags_are(p + 2 * PG, 1, 'm'), "both ends keep their data");
        ok(writable(p) == 1 && writable(p + 2 * PG) == 1, "both ends are still writable");
        munmap(p, 3 * PG);
}
static void check_munmap_across(void)
{
        char *x = free_range(8);
        map(x, 2, 'a');
        map(x + 3 * PG, 2, 'b');
        map(x + 6 * PG, 2, 'c');

        ok_eq(munmap(x + PG, 6 * PG), 0, "munmap over three mappings and two holes");
        int still = 0;
        for (int i = 1; i < 7; i++)
                still += page_mapped(x + i * PG);
        ok_eq(still, 0, "the six pages in the range are unmapped");
        ok(tags_are(x, 1, 'a') && tags_are(x + 7 * PG, 1, 'c'),
           "the pages on either side are mapped and keep their data");
        ok_eq(munmap(x + PG, 6 * PG), 0, "munmap of a range with nothing mapped succeeds");
        munmap(x, 8 * PG);
}
static void check_map_fixed(void)
{
        char *p = map(free_range(4), 3, 'f');
        char *q = mmap(p + PG, PG, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

        ok(q == p + PG, "MAP_FIXED over the middle page maps at that address");
        ok_eq(*q, 0, "the new page reads as zero");
        ok(tags_are(p, 1, 'f') && tags_are(p + 2 * PG, 1, 'f'), "its neighbours keep their data");
        ok_errno((long)mmap(p, PG, PROT_READ,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 EEXIST, "MAP_FIXED_NOREPLACE over a mapping");
        ok_errno((long)mmap(p + 2 * PG, 2 * PG, PROT_READ,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 EEXIST, "MAP_FIXED_NOREPLACE half over a mapping");
        ok(!page_mapped(p + 3 * PG), "the failed call mapped nothing in the free half");
        ok(tags_are(p + 2 * PG, 1, 'f'), "nor changed the mapping it overlapped");
        munmap(p, 4 * PG);
}
static void check_mprotect_part(void)
{
        char *p = map(free_range(3), 3, 'p');

        ok_eq(mprotect(p + PG, PG, PROT_READ), 0,
              "mprotect(PROT_READ) of the middle page of three");
        ok(writable(p + PG) == 0 && readable(p + PG) == 1, "the middle page is read-only");
        ok(writable(p) == 1 && writable(p + 2 * PG) == 1, "its neighbours are still writable");
        ok(tags_are(p, 3, 'p'), "all three keep their data");
        ok_eq(mprotect(p, 3 * PG, PROT_NONE), 0, "mprotect(PROT_NONE) of all three");
        ok_eq(readable(p + 2 * PG), 0, "then they are not readable");
        ok_eq(mprotect(p, 3 * PG, PROT_READ | PROT_WRITE), 0, "mprotect back to read-write");
        ok(tags_are(p, 3, 'p') && writable(p + PG) == 1,
           "the data survived; the middle is writable");
        munmap(p, 3 * PG);
}
static void check_mprotect_hole(void)
{
        char *x = free_range(3);
        map(x, 1, 'h');
        map(x + 2 * PG, 1, 'h');

        ok_errno(mprotect(x, 3 * PG, PROT_READ), ENOMEM, "mprotect across a hole");
        ok_eq(writable(x), 0, "the mapping before the hole was made read-only");
        ok_eq(writable(x + 2 * PG), 1, "the mapping after the hole was not changed");
        ok_errno(mprotect(x + PG, PG, PROT_READ), ENOMEM, "mprotect of the hole alone");
        munmap(x, 3 * PG);
}

int main(void)
{
        check_bad_arguments();
        check_new_mappings();
        check_munmap_middle();
        check_munmap_across();
        check_map_fixed();
        check_mprotect_part();
        check_mprotect_hole();
        return done();
}
