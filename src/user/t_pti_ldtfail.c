/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include "book_debug.h"
#include <stdlib.h>

static uint32_t numbers[2] = { 40, 2 };

static const char *result(long r)
{
        int v = (int)r;         /* modify_ldt's errors: 32-bit (Rule LDT-2) */

        return v == 0 ? "0" : v == -ENOMEM ? "ENOMEM" :
               v == -EINVAL ? "EINVAL" : "other error";
}
static uint32_t ldt_32bit_sum(void)
{
        set_seg(ds, LDT_SEL(1));
        set_seg(es, LDT_SEL(1));
        uint32_t sum = call32(LDT_SEL(0), 1);
        set_seg(ds, 0);
        set_seg(es, 0);
        return sum;
}
static long write_pair(void)
{
        long r = set_entry(0, 0, 0, 1, 1);
        return r ? r : set_entry(1, numbers, 7, 0, 1);
}
static long tables(void)
{
        return book_debug(BOOK_DEBUG_LDT_PGTABLES, 0);
}
static int mode_write(void)
{
        long r = set_entry(0, 0, 0, 1, 1);

        say("t_pti_ldtfail: first write_ldt: %s; LDT page tables: %ld\n",
            result(r), tables());
        r = write_pair();
        say("t_pti_ldtfail: again: %s; LDT page tables: %ld\n",
            result(r), tables());
        if (r)
                return 1;
        say("t_pti_ldtfail: 32-bit code through the LDT: %u\n",
            ldt_32bit_sum());
        return 0;
}
static int mode_rewrite(void)
{
        long r = write_pair();

        say("t_pti_ldtfail: first table: %s; LDT page tables: %ld\n",
            result(r), tables());
        for (unsigned int n = 2; n < 7; n++) {
                r = set_entry(n, numbers, 7, 0, 1);
                say("t_pti_ldtfail: write of entry %u with a table mapped: "
                    "%s; LDT page tables: %ld\n", n, result(r), tables());
        }
        say("t_pti_ldtfail: 32-bit code through the LDT: %u\n",
            ldt_32bit_sum());
        return 0;
}
static int child_sum(void *arg)
{
        (void)arg;
        return (int)ldt_32bit_sum();
}
static int mode_fork(void)
{
        long r = write_pair();

        say("t_pti_ldtfail: parent's table: %s; LDT page tables: %ld\n",
            result(r), tables());
        for (int i = 0; i < 2; i++) {
                int status = fork_and_run(child_sum, NULL);
                if (status < 0)
                        say("t_pti_ldtfail: fork: %s\n", strerror(errno));
                else
                        say("t_pti_ldtfail: fork: child's 32-bit code "
                            "returned %d\n",
                            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
                say("t_pti_ldtfail: parent's LDT page tables: %ld; "
                    "its 32-bit code: %u\n", tables(), ldt_32bit_sum());
        }
        return 0;
}

int main(int argc, char **argv)
{
        const char *mode = argc > 1 ? argv[1] : "write";

        if (!strcmp(mode, "write"))
                return mode_write();
        if (!strcmp(mode, "rewrite"))
                return mode_rewrite();
        if (!strcmp(mode, "fork"))
                return mode_fork();
        say("t_pti_ldtfail: unknown mode %s (write, rewrite or fork)\n",
            mode);
        return 2;
}
