/* Tangled from book/listings-vm.nw (chapter "Listings of ``Address spaces''"). Do not edit: edit the book and run make tangle. */
#include <stdlib.h>
#include <sys/syscall.h>
#include "ulib.h"

#define PG 4096UL
static void fill(char *p, unsigned long pages, char base)
{
        for (unsigned long i = 0; i < pages; i++)
                memset(p + i * PG, base + (char)i, PG);
}
static bool holds(const char *p, unsigned long pages, char base)
{
        for (unsigned long i = 0; i < pages; i++)
                for (unsigned long j = 0; j < PG; j += 512)
                        if (p[i * PG + j] != (char)(base + (char)i))
                                return false;
        return true;
}
static char *anon(unsigned long pages)
{
        char *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        return p == MAP_FAILED ? NULL : p;
}
static void resize(void)
{
        char *p = anon(8);                      /* 8 pages reserved, 4 kept */

        munmap(p + 4 * PG, 4 * PG);
        fill(p, 4, 'a');
        ok(mremap(p, 4 * PG, 2 * PG, 0) == p, "shrinking returns the same address");
        ok(holds(p, 2, 'a') && !page_mapped(p + 2 * PG), "and keeps the head, unmaps the tail");
        ok(mremap(p, 2 * PG, 4 * PG, 0) == p, "growing into the free gap stays in place");
        ok(holds(p, 2, 'a') && p[3 * PG] == 0, "the old pages kept, the new ones zero");
        char *wall = mmap(p + 6 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        ok(wall == p + 6 * PG, "a mapping two pages after it");
        ok(mremap(p, 4 * PG, 8 * PG, 0) == MAP_FAILED && errno == ENOMEM,
           "without MREMAP_MAYMOVE it cannot grow: ENOMEM");
        char *q = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
        ok(q != MAP_FAILED && q != p, "with MREMAP_MAYMOVE it moves");
        ok(q != MAP_FAILED && holds(q, 2, 'a') && q[3 * PG] == 0 && q[7 * PG] == 0,
           "the contents moved with it");
        ok(!page_mapped(p), "and the old address is free");
        munmap(q, 8 * PG);
        munmap(wall, PG);
}
static void fixed(void)
{
        char *p = anon(3), *target = anon(5);

        fill(p, 3, 'k');
        fill(target, 5, 'z');
        char *q = mremap(p, 3 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + PG);
        ok(q == target + PG, "MREMAP_FIXED moves to exactly the address asked");
        ok(holds(q, 3, 'k') && target[0] == 'z' && target[4 * PG] == 'z' + 4,
           "replacing what was there, and only that");
        ok(mremap(q, 3 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q + PG) == MAP_FAILED &&
           errno == EINVAL, "overlapping ranges: EINVAL");
        munmap(target, 5 * PG);
        p = anon(2);
        fill(p, 2, 'd');
        q = mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
        ok(q != MAP_FAILED && q != p && holds(q, 2, 'd'), "MREMAP_DONTUNMAP moves the pages");
        ok(page_mapped(p) && p[0] == 0 && p[PG] == 0, "and leaves the old range mapped and empty");
        munmap(p, 2 * PG);
        if (q != MAP_FAILED)
                munmap(q, 2 * PG);
}
static void shared_and_forked(void)
{
        int fd = syscall(SYS_memfd_create, "t_mremap", 0);
        char buf[4];

        if (!ok(fd >= 0 && ftruncate(fd, 4 * PG) == 0, "a memfd of 4 pages"))
                return;
        char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        p[0] = 's';
        char *q = mremap(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p + 64 * PG);
        ok(q == p + 64 * PG && q[0] == 's', "a shared mapping moves and grows, contents kept");
        q[3 * PG] = 't';
        ok(pread(fd, buf, 1, 3 * PG) == 1 && buf[0] == 't',
           "and it still shows the file: a write there is read back by pread");
        munmap(q, 4 * PG);
        close(fd);
        char *a = anon(4);
        fill(a, 4, 'f');
        char *b = mremap(a, 4 * PG, 16 * PG, MREMAP_MAYMOVE);
        pid_t pid = fork();
        if (pid == 0)
                _exit(holds(b, 4, 'f') ? 0 : 1);
        int st = wait_child(pid);
        ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a child forked after a move sees the moved pages");
        munmap(b, 16 * PG);
}
static void errors_and_realloc(void)
{
        char *p = anon(2);

        ok_errno((long)mremap(p, PG, PG, 8), EINVAL, "an unknown flag: EINVAL");
        ok_errno((long)mremap(p, PG, PG, MREMAP_FIXED, p + 8 * PG), EINVAL,
                 "MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
        ok_errno((long)mremap(p + 1, PG, PG, 0), EINVAL, "a misaligned address: EINVAL");
        ok_errno((long)mremap(p, PG, 0, 0), EINVAL, "a new length of 0: EINVAL");
        ok_errno((long)mremap(p, 3 * PG, 4 * PG, MREMAP_MAYMOVE), EFAULT,
                 "an old range beyond the mapping: EFAULT");
        munmap(p, 2 * PG);
        ok_errno((long)mremap(p, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT, "nothing mapped there: EFAULT");
        unsigned long n = 4UL << 20;
        unsigned char *r = malloc(n);
        for (unsigned long i = 0; i < n; i++)
                r[i] = (unsigned char)(i * 7);
        r = realloc(r, 64UL << 20);
        bool same = r != NULL;
        for (unsigned long i = 0; same && i < n; i++)
                same = r[i] == (unsigned char)(i * 7);
        ok(same, "realloc of 4 MiB to 64 MiB keeps every byte");
        free(r);
}
int main(void)
{
        resize();
        fixed();
        shared_and_forked();
        errors_and_realloc();
        return done();
}
