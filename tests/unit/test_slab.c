/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "host_kernel.h"
#include "linux/slab.h"
#include "linux/mm.h"

#define SIM_MEM (32UL << 20)

static struct mem_snapshot heap_before;
static unsigned long heap_errors_before;

static unsigned long heap_errors(void)
{
        return kmalloc_errors - heap_errors_before;
}
static bool log_has(const char *s) { return strstr(host_log, s) != NULL; }

static int heap_setup(void **state)
{
        (void)state;
        sim_mem_init(SIM_MEM);
        kmalloc_init();
        host_log_clear();
        mem_snapshot(&heap_before);
        heap_errors_before = kmalloc_errors;
        return 0;
}

static int heap_teardown(void **state)
{
        (void)state;
        fail_alloc_reset();
        sim_mem_exit();
        return 0;
}
static void assert_heap_empty(void)
{
        struct mem_snapshot now;

        assert_int_equal(kmalloc_validate(), 0);
        mem_snapshot(&now);
        assert_int_equal(mem_snapshot_leaks(&heap_before, &now), 0);
        assert_int_equal(page_acct_read(PGACCT_KHEAP),
                         heap_before.acct[PGACCT_KHEAP]);
}

static unsigned long kheap_pages(void)
{
        return page_acct_read(PGACCT_KHEAP) - heap_before.acct[PGACCT_KHEAP];
}

static size_t class_of(size_t size)
{
        size_t c = KMALLOC_MIN_SIZE;

        while (c < size)
                c *= 2;
        return c;
}
static void test_size_classes(void **state)
{
        static const size_t sizes[] = { 1, 7, 8, 9, 16, 17, 31, 33, 64, 65,
                100, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 1024, 1025,
                2000, 2047, 2048 };
        size_t i, c;
        (void)state;
        for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
                u8 *a = kmalloc(sizes[i], GFP_KERNEL);
                u8 *b = kmalloc(sizes[i], GFP_KERNEL);

                c = class_of(sizes[i]);
                assert_non_null(a);
                assert_non_null(b);
                assert_int_equal((uintptr_t)a % c, 0);
                assert_int_equal((uintptr_t)b % c, 0);
                assert_int_equal(ksize(a), c);
                assert_true(a + c <= b || b + c <= a);
                memset(a, 0x11, c);
                memset(b, 0x22, c);
                assert_int_equal(a[c - 1], 0x11);
                kfree(a);
                kfree(b);
        }
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
static void test_fill_and_free_all(void **state)
{
        size_t c, i, n, per_slab;
        (void)state;
        for (c = KMALLOC_MIN_SIZE; c <= KMALLOC_MAX_CACHE_SIZE; c *= 2) {
                per_slab = 8 * PAGE_SIZE / (8 * c + 1);
                n = 3 * per_slab + 1;
                u8 **v = calloc(n, sizeof(*v));

                for (i = 0; i < n; i++) {
                        v[i] = kmalloc(c, GFP_KERNEL);
                        assert_non_null(v[i]);
                        memset(v[i], (int)(i & 0xff), c);
                }
                assert_int_equal(kheap_pages(), (n + per_slab - 1) / per_slab);
                assert_int_equal(kmalloc_validate(), 0);
                for (i = 0; i < n; i++)
                        assert_int_equal(v[i][c - 1], i & 0xff);
                for (i = 1; i < n; i += 2)
                        kfree(v[i]);
                assert_int_equal(kmalloc_validate(), 0);
                for (i = 0; i < n; i += 2)
                        kfree(v[i]);
                free(v);
                assert_heap_empty();
        }
        assert_int_equal(heap_errors(), 0);
}
static void test_kzalloc_zeroes(void **state)
{
        u8 *keep = kmalloc(128, GFP_KERNEL), *p = kmalloc(128, GFP_KERNEL), *z;
        size_t i;
        (void)state;
        for (i = 0; i < 128; i++)
                assert_int_equal(p[i], 0x6b);  /* POISON_FREE */
        memset(p, 0xff, 128);
        kfree(p);
        z = kzalloc(100, GFP_KERNEL);
        assert_ptr_equal(z, p);                 /* the same object, reused */
        for (i = 0; i < 128; i++)
                assert_int_equal(z[i], 0);
        kfree(z);
        kfree(keep);
        z = kzalloc(3 * PAGE_SIZE, GFP_KERNEL);
        for (i = 0; i < 3 * PAGE_SIZE; i++)
                assert_int_equal(z[i], 0);
        kfree(z);
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
static void test_kcalloc(void **state)
{
        u8 *p;
        size_t i;
        (void)state;
        assert_null(kcalloc(SIZE_MAX / 8 + 1, 8, GFP_KERNEL));
        assert_null(kcalloc(2, SIZE_MAX, GFP_KERNEL));
        assert_string_equal(host_log, "");
        p = kcalloc(10, 12, GFP_KERNEL);
        assert_non_null(p);
        assert_int_equal(ksize(p), 128);
        for (i = 0; i < 128; i++)
                assert_int_equal(p[i], 0);
        kfree(p);
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
static void test_ksize(void **state)
{
        static const size_t ask[] = { 1, 8, 100, 2048, 2049, PAGE_SIZE,
                                      3 * PAGE_SIZE };
        static const size_t got[] = { 8, 8, 128, 2048, PAGE_SIZE, PAGE_SIZE,
                                      4 * PAGE_SIZE };
        size_t i;
        (void)state;
        for (i = 0; i < sizeof(ask) / sizeof(ask[0]); i++) {
                void *p = kmalloc(ask[i], GFP_KERNEL);

                assert_int_equal(ksize(p), got[i]);
                kfree(p);
        }
        assert_int_equal(ksize(NULL), 0);
        assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
static void test_large(void **state)
{
        u8 *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
        struct page *head = virt_to_page(p);
        (void)state;
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
        assert_true(page_test(head, PG_large_kmalloc));
        assert_int_equal(head->order, 2);
        assert_int_equal(kheap_pages(), 4);
        memset(p, 0x5a, 4 * PAGE_SIZE);
        kfree(p);
        assert_heap_empty();
        p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
        assert_non_null(p);
        kfree(p);
        assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
        assert_string_equal(host_log, "");
        assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
        assert_true(log_has("more than"));
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
static void test_zero_size(void **state)
{
        (void)state;
        assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
        assert_ptr_equal(kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
        kfree(ZERO_SIZE_PTR);
        kfree(NULL);
        assert_int_equal(heap_errors(), 0);
        assert_string_equal(host_log, "");
        assert_heap_empty();
}
static void test_double_free(void **state)
{
        void *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL), *c, *d;
        (void)state;
        kfree(b);
        kfree(b);
        assert_int_equal(heap_errors(), 1);
        assert_true(log_has("BUG: kfree: double free of"));
        assert_true(log_has("kmalloc-64"));
        assert_int_equal(kmalloc_validate(), 0);
        c = kmalloc(64, GFP_KERNEL);
        d = kmalloc(64, GFP_KERNEL);
        assert_ptr_equal(c, b);
        assert_ptr_not_equal(d, c);
        kfree(a);
        kfree(c);
        kfree(d);
        assert_int_equal(heap_errors(), 1);
        assert_heap_empty();
}
static void test_double_free_of_released_memory(void **state)
{
        void *p = kmalloc(2048, GFP_KERNEL);
        void *q = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
        (void)state;
        kfree(p);
        kfree(p);
        assert_int_equal(heap_errors(), 1);
        assert_true(log_has("BUG: kfree: "));
        assert_true(log_has("double free"));
        kfree(q);
        kfree(q);
        assert_int_equal(heap_errors(), 2);
        assert_heap_empty();
}
static void test_free_inside_object(void **state)
{
        u8 *p = kmalloc(64, GFP_KERNEL), *q = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
        u8 *slab = (u8 *)((uintptr_t)p & ~(uintptr_t)(PAGE_SIZE - 1));
        (void)state;
        kfree(p + 8);
        assert_true(log_has("BUG: kfree: "));
        assert_true(log_has("is not the start of an object in kmalloc-64"));
        kfree(slab + PAGE_SIZE - 1);            /* the bitmap */
        assert_int_equal(heap_errors(), 2);
        host_log_clear();
        kfree(q + 100);
        kfree(q + 2 * PAGE_SIZE);
        assert_true(log_has("in kmalloc-large"));
        assert_true(log_has("of order 2"));
        assert_int_equal(heap_errors(), 4);
        assert_int_equal(ksize(p), 64);
        assert_int_equal(ksize(q), 4 * PAGE_SIZE);
        assert_int_equal(kmalloc_validate(), 0);
        kfree(p);
        kfree(q);
        assert_int_equal(heap_errors(), 4);
        assert_heap_empty();
}
static void test_free_foreign_pointer(void **state)
{
        struct page *page = alloc_page(GFP_KERNEL);
        int local;
        (void)state;
        assert_non_null(page);
        kfree(page_address(page));
        assert_true(log_has("BUG: kfree: "));
        assert_true(log_has("was never returned by kmalloc"));
        assert_int_equal(heap_errors(), 1);
        assert_false(page_test(page, PG_slab));
        __free_page(page);
        host_log_clear();
        page = alloc_pages(GFP_KERNEL, 1);
        kfree((char *)page_address(page) + PAGE_SIZE);
        assert_true(log_has("was never returned by kmalloc"));
        assert_false(log_has("free page"));
        __free_pages(page, 1);
        kfree(&local);
        assert_true(log_has("not in the direct map"));
        assert_int_equal(heap_errors(), 3);
        assert_heap_empty();
}
static void test_use_after_free(void **state)
{
        u8 *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL), *c;
        (void)state;
        kfree(b);
        b[20] = 0;                              /* the bug */
        c = kmalloc(64, GFP_KERNEL);
        assert_ptr_equal(c, b);
        assert_int_equal(heap_errors(), 1);
        assert_true(log_has("BUG: kmalloc: use after free: "));
        assert_true(log_has("in kmalloc-64 was written at offset 20"));
        kfree(a);
        kfree(c);
        assert_int_equal(heap_errors(), 1);
        assert_heap_empty();
}
static void test_free_pointer_overwritten(void **state)
{
        void *a = kmalloc(32, GFP_KERNEL), *b = kmalloc(32, GFP_KERNEL);
        void *c = kmalloc(32, GFP_KERNEL), *x, *y;
        (void)state;
        kfree(c);
        kfree(b);                               /* free list: b, c, ... */
        *(unsigned long *)b = 0x1234;           /* the bug */
        x = kmalloc(32, GFP_KERNEL);
        assert_int_equal(heap_errors(), 1);
        assert_true(log_has("BUG: kmalloc: use after free: free pointer of"));
        assert_ptr_equal(x, b);
        y = kmalloc(32, GFP_KERNEL);
        assert_ptr_equal(y, c);
        assert_int_equal(kmalloc_validate(), 0);
        kfree(a);
        kfree(x);
        kfree(y);
        assert_int_equal(heap_errors(), 1);
        assert_heap_empty();
}
static void test_fault_injection(void **state)
{
        void *p;
        (void)state;
        assert_int_equal(fail_alloc_parse("nth:1"), 0);
        assert_null(kmalloc(64, GFP_KERNEL));
        p = kmalloc(64, GFP_KERNEL);
        assert_non_null(p);
        kfree(p);
        assert_int_equal(fail_alloc_parse("nth:1"), 0);
        assert_null(kmalloc(3 * PAGE_SIZE, GFP_KERNEL));
        p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
        assert_non_null(p);
        kfree(p);
        assert_int_equal(fail_alloc_parse("nth:1"), 0);
        p = kmalloc(64, GFP_KERNEL | __GFP_NOFAULT);
        assert_non_null(p);
        assert_null(kmalloc(64, GFP_KERNEL));
        kfree(p);
        assert_int_equal(heap_errors(), 0);
        assert_heap_empty();
}
#define HEAP_TEST(f) cmocka_unit_test_setup_teardown(f, heap_setup, heap_teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
                HEAP_TEST(test_size_classes),
                HEAP_TEST(test_fill_and_free_all),
                HEAP_TEST(test_kzalloc_zeroes),
                HEAP_TEST(test_kcalloc),
                HEAP_TEST(test_ksize),
                HEAP_TEST(test_large),
                HEAP_TEST(test_zero_size),
                HEAP_TEST(test_double_free),
                HEAP_TEST(test_double_free_of_released_memory),
                HEAP_TEST(test_free_inside_object),
                HEAP_TEST(test_free_foreign_pointer),
                HEAP_TEST(test_use_after_free),
                HEAP_TEST(test_free_pointer_overwritten),
                HEAP_TEST(test_fault_injection),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
