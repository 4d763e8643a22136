/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "host_kernel.h"
#include "linux/mm.h"
#include "linux/errno.h"

#define SIM_PAGES 4096UL

static int setup(void **state) { (void)state; sim_mem_init(SIM_PAGES * PAGE_SIZE); return 0; }
static int teardown(void **state) { (void)state; sim_mem_exit(); return 0; }

static void buddyinfo(char *out, size_t n)
{
        host_log_clear();
        show_meminfo();
        const char *p = strstr(host_log, "buddyinfo: zone DMA32");
        assert_non_null(p);
        size_t len = strcspn(p, "\n");
        assert_true(len < n);
        memcpy(out, p, len);
        out[len] = '\0';
}

static void test_initial_state(void **state)
{
        char info[128];
        (void)state;
        assert_int_equal(nr_free_pages(), SIM_PAGES - 1);
        buddyinfo(info, sizeof(info));
        assert_string_equal(info, "buddyinfo: zone DMA32  1 1 1 1 1 1 1 1 1 1 3");
}

static void test_round_trip(void **state)
{
        char before[128], after[128];
        (void)state;
        buddyinfo(before, sizeof(before));
        struct page *p = alloc_pages(GFP_KERNEL, 3);
        assert_non_null(p);
        assert_int_equal(page_count(p), 1);
        assert_int_equal(nr_free_pages(), SIM_PAGES - 1 - 8);
        __free_pages(p, 3);
        buddyinfo(after, sizeof(after));
        assert_string_equal(before, after);
}
static void test_alignment_all_orders(void **state)
{
        (void)state;
        for (unsigned int o = 0; o <= MAX_ORDER; o++) {
                struct page *p = alloc_pages(GFP_KERNEL, o);
                assert_non_null(p);
                assert_int_equal(page_to_pfn(p) & ((1UL << o) - 1), 0);
                __free_pages(p, o);
        }
        host_log_clear();
        assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER + 1));
        assert_non_null(strstr(host_log, "> MAX_ORDER"));
}

static void test_merge_any_order(void **state)
{
        struct page *pages[64];
        char before[128], after[128];
        (void)state;
        buddyinfo(before, sizeof(before));
        for (int i = 0; i < 64; i++)
                assert_non_null(pages[i] = alloc_page(GFP_KERNEL));
        for (int i = 0; i < 64; i++)
                __free_page(pages[(i * 37) % 64]);   /* 37 is coprime to 64 */
        buddyinfo(after, sizeof(after));
        assert_string_equal(before, after);
}
static struct page *all[SIM_PAGES];

static void test_exhaustion_and_fragmentation(void **state)
{
        unsigned long n = 0;
        (void)state;
        while ((all[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN)) != NULL)
                n++;
        assert_int_equal(n, SIM_PAGES - 1);
        assert_null(strstr(host_log, "page allocation failure"));
        assert_null(alloc_page(GFP_KERNEL));
        assert_non_null(strstr(host_log, "page allocation failure: order 0"));
        for (unsigned long i = 0; i < n; i++)
                if (page_to_pfn(all[i]) % 2 == 0)
                        __free_page(all[i]);
        assert_int_equal(nr_free_pages(), SIM_PAGES / 2 - 1);
        assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1));
        for (unsigned long i = 0; i < n; i++)
                if (page_to_pfn(all[i]) % 2 == 1)
                        __free_page(all[i]);
        struct page *big = alloc_pages(GFP_KERNEL, MAX_ORDER);
        assert_non_null(big);
        __free_pages(big, MAX_ORDER);
}
static void test_poison_catches_use_after_free(void **state)
{
        (void)state;
        struct page *p = alloc_page(GFP_KERNEL);
        char *va = page_address(p);
        __free_page(p);
        assert_int_equal((unsigned char)va[100], 0xaa);
        va[100] = 1;                                  /* use after free */
        unsigned long errors = page_poison_errors;
        struct page *q = alloc_page(GFP_KERNEL);
        assert_ptr_equal(q, p);
        assert_int_equal(page_poison_errors, errors + 1);
        assert_non_null(strstr(host_log, "BUG: page poison overwritten"));
        assert_non_null(strstr(host_log, "offset 0x64 is 0x01"));
        __free_page(q);
        va[PAGE_SIZE - 1] = (char)0xab;                  /* one more bit, at the end */
        q = alloc_page(GFP_KERNEL);
        assert_ptr_equal(q, p);
        assert_int_equal(page_poison_errors, errors + 2);
        assert_non_null(strstr(host_log, "offset 0xfff is 0xab"));
        __free_page(q);
}

static void test_zeroed(void **state)
{
        (void)state;
        struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
        const unsigned char *b = page_address(p);
        for (size_t i = 0; i < 2 * PAGE_SIZE; i++)
                assert_int_equal(b[i], 0);
        __free_pages(p, 1);
}

static void test_bad_frees(void **state)
{
        (void)state;
        struct page *p = alloc_pages(GFP_KERNEL, 2);
        unsigned long bad = bad_page_count, free = nr_free_pages();
        __free_pages(p, 1);                           /* wrong order */
        assert_int_equal(bad_page_count, bad + 1);
        assert_non_null(strstr(host_log, "different order"));
        __free_pages(p, 2);
        __free_pages(p, 2);                           /* double free */
        assert_int_equal(bad_page_count, bad + 2);
        assert_non_null(strstr(host_log, "already free"));
        assert_int_equal(nr_free_pages(), free + 4);
        __free_page(pfn_to_page(0));                  /* reserved */
        assert_int_equal(bad_page_count, bad + 3);
}
static void test_accounts(void **state)
{
        struct mem_snapshot before, after;
        (void)state;
        mem_snapshot(&before);
        struct page *p = alloc_pages(GFP_PGTABLE, 2);
        struct page *q = alloc_page(GFP_LDT);
        assert_int_equal(page_acct_read(PGACCT_PGTABLE), before.acct[PGACCT_PGTABLE] + 4);
        assert_int_equal(page_acct_read(PGACCT_LDT), before.acct[PGACCT_LDT] + 1);
        __free_pages(p, 2);
        mem_snapshot(&after);
        host_log_clear();
        assert_int_equal(mem_snapshot_leaks(&before, &after), 1);
        assert_non_null(strstr(host_log, "leak check: ldt pages 0 -> 1"));
        __free_page(q);
        mem_snapshot(&after);
        assert_int_equal(mem_snapshot_leaks(&before, &after), 0);
}
static noinline struct page *alloc_from_helper(void)
{
        return alloc_page(GFP_KERNEL | __GFP_NOWARN);
}

static void test_fail_alloc(void **state)
{
        (void)state;
        assert_int_equal(fail_alloc_parse(""), -EINVAL);
        assert_int_equal(fail_alloc_parse("nth:0"), -EINVAL);
        assert_int_equal(fail_alloc_parse("site:"), -EINVAL);
        assert_int_equal(fail_alloc_parse("sight:x"), -EINVAL);
        assert_int_equal(fail_alloc_parse("nth:3"), 0);
        struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
        assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
        struct page *c = alloc_page(GFP_KERNEL);
        assert_true(a && b && c);
        assert_non_null(strstr(host_log, "failing request #3 (order 0) from test_fail_alloc"));
        __free_page(a); __free_page(b); __free_page(c);

        assert_int_equal(fail_alloc_parse("site:alloc_from_helper"), 0);
        assert_null(alloc_from_helper());
        assert_null(alloc_from_helper());
        a = alloc_page(GFP_KERNEL);
        assert_non_null(a);
        __free_page(a);

        assert_int_equal(fail_alloc_parse("nth:2,site:alloc_from_helper"), 0);
        assert_non_null(a = alloc_from_helper());
        assert_null(alloc_from_helper());
        assert_non_null(b = alloc_from_helper());
        assert_non_null(c = alloc_pages_site(GFP_KERNEL | __GFP_NOFAULT, 0, "alloc_from_helper"));
        __free_page(a); __free_page(b); __free_page(c);
        fail_alloc_reset();
}
int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_initial_state, setup, teardown),
                cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
                cmocka_unit_test_setup_teardown(test_alignment_all_orders, setup, teardown),
                cmocka_unit_test_setup_teardown(test_merge_any_order, setup, teardown),
                cmocka_unit_test_setup_teardown(test_exhaustion_and_fragmentation,
                                                setup, teardown),
                cmocka_unit_test_setup_teardown(test_poison_catches_use_after_free,
                                                setup, teardown),
                cmocka_unit_test_setup_teardown(test_zeroed, setup, teardown),
                cmocka_unit_test_setup_teardown(test_bad_frees, setup, teardown),
                cmocka_unit_test_setup_teardown(test_accounts, setup, teardown),
                cmocka_unit_test_setup_teardown(test_fail_alloc, setup, teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
