/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"

#define PAGES 256
#define WORDS_PER_PAGE (4096 / sizeof(uint64_t))

static uint64_t *area;          /* PAGES anonymous pages */
static uint64_t data_word = 0x1111; /* in .data */
static uint64_t bss_word;       /* in .bss */

static uint64_t pattern(uint64_t tag, size_t page, size_t word)
{
        return tag << 48 | page << 16 | word;
}

static void fill(uint64_t tag, size_t first, size_t step)
{
        for (size_t p = first; p < PAGES; p += step)
                for (size_t w = 0; w < WORDS_PER_PAGE; w++)
                        area[p * WORDS_PER_PAGE + w] = pattern(tag, p, w);
}

static size_t count_wrong(uint64_t tag, size_t first, size_t step)
{
        size_t wrong = 0;
        for (size_t p = first; p < PAGES; p += step)
                for (size_t w = 0; w < WORDS_PER_PAGE; w++)
                        wrong += area[p * WORDS_PER_PAGE + w] != pattern(tag, p, w);
        return wrong;
}
static int child(uint64_t *protected)
{
        int bad = 0;

        bad |= (count_wrong('A', 0, 1) != 0) << 0;
        bad |= (data_word != 0x2222 || bss_word != 0x3333) << 1;
        pid_t pid = fork();
        if (pid == 0) {
                fill('G', 0, 1);
                _exit(count_wrong('G', 0, 1) != 0);
        }
        int status = wait_child(pid);
        bad |= (!WIFEXITED(status) || WEXITSTATUS(status) != 0) << 2;
        bad |= (count_wrong('A', 0, 1) != 0) << 3;
        fill('B', 0, 1);
        data_word = bss_word = 0xbad;
        bad |= (count_wrong('B', 0, 1) != 0) << 4;
        mprotect(protected, 4096, PROT_READ);
        mprotect(protected, 4096, PROT_READ | PROT_WRITE);
        *protected = 0xbad;
        bad |= (*protected != 0xbad) << 5;
        return bad;
}
static const char *const child_checks[] = {
        "the child sees the parent's pages as they were at fork",
        "the child sees the parent's .data and .bss",
        "a grandchild writing every page sees its own writes",
        "after the grandchild exits, the child still sees the parent's values",
        "the child's writes to every page stick",
        "the child can write a page it made read-only and writable again",
};

int main(void)
{
        area = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);
        uint64_t *protected = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (!ok(area != MAP_FAILED && protected != MAP_FAILED, "mmap %d pages", PAGES + 1))
                return done();
        fill('A', 0, 1);
        data_word = 0x2222;
        bss_word = 0x3333;
        *protected = 0x600d;
        pid_t pid = fork();
        if (pid == 0)
                _exit(child(protected));
        fill('P', 0, 2);
        ok_eq(count_wrong('P', 0, 2) + count_wrong('A', 1, 2), 0,
              "the parent sees its own writes while the child runs");
        int status = wait_child(pid);
        ok(WIFEXITED(status), "the child exited normally (status %#x)", status);
        for (int bit = 0; bit < 6; bit++)
                ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 1 << bit), "%s", child_checks[bit]);
        ok_eq(count_wrong('P', 0, 2), 0, "after the child exits, the even pages hold the parent's writes");
        ok_eq(count_wrong('A', 1, 2), 0, "and the odd pages the values from before the fork");
        ok(data_word == 0x2222 && bss_word == 0x3333, "the parent's .data and .bss are unchanged");
        ok_eq(*protected, 0x600d, "the child's write to its re-protected page did not reach the parent");
        fill('Q', 0, 1);
        ok_eq(count_wrong('Q', 0, 1), 0, "the parent can write every page again");
        return done();
}
