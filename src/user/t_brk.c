/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sys/syscall.h>

#define PG 4096UL

extern char end[];              /* the linker's end of .bss */

static char *set_brk(char *to) { return (char *)syscall(SYS_brk, to); }

static void check_grow_shrink(char *start)
{
        size_t wrong = 0;

        ok(set_brk(start + 16 * PG) == start + 16 * PG, "brk grows the heap by 64 KiB");
        for (size_t i = 0; i < 16 * PG; i++)
                start[i] = (char)(i * 7 + 1);
        for (size_t i = 0; i < 16 * PG; i++)
                wrong += start[i] != (char)(i * 7 + 1);
        ok_eq(wrong, 0, "every byte of the new heap can be written and read back");
        ok(set_brk(start + 8 * PG) == start + 8 * PG, "brk shrinks it to 32 KiB");
        ok(!page_mapped(start + 8 * PG) && page_mapped(start + 7 * PG),
           "the pages above the new break are unmapped, those below are not");
        ok(set_brk(start + 16 * PG) == start + 16 * PG, "brk grows it to 64 KiB again");
        wrong = 0;
        for (size_t i = 8 * PG; i < 16 * PG; i++)
                wrong += start[i] != 0;
        ok_eq(wrong, 0, "the regrown part reads as zero");
        wrong = 0;
        for (size_t i = 0; i < 8 * PG; i++)
                wrong += start[i] != (char)(i * 7 + 1);
        ok_eq(wrong, 0, "the part that was never released kept its data");
        ok(set_brk(start + 16 * PG + 1) == start + 16 * PG + 1,
           "an unaligned break is kept as asked");
        start[16 * PG] = 1;
        start[17 * PG - 1] = 1;
        ok(page_mapped(start + 16 * PG), "the page it falls in is mapped to its end");
}
static void check_refused(char *start)
{
        char *now = set_brk(start + 16 * PG);   /* a page boundary again */

        ok(set_brk(start - PG) == now, "brk below the start of the heap fails; the break stays");
        char *in_way = mmap(now + 256 * PG, PG, PROT_READ,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        ok(in_way != MAP_FAILED, "map a page 1 MiB above the break");
        ok(set_brk(now + 512 * PG) == now, "brk over that mapping fails; the break stays");
        ok(set_brk(0) == now, "brk(0) still reports the same break");
        munmap(in_way, PG);
}

int main(void)
{
        char *start = set_brk(0);

        ok(start >= end, "the initial break %p is at or after the end of .bss %p", start, end);
        ok_eq((uintptr_t)start % PG, 0, "the initial break is page-aligned");
        check_grow_shrink(start);
        check_refused(start);
        ok(set_brk(start) == start, "the break moves back to where it started");
        return done();
}
