/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#include "linux/pgtable.h"
#include "linux/errno.h"
#include "linux/sprintf.h"
#include "host_kernel.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#define SIM_BYTES (16UL * 1024 * 1024)

static struct mm_struct mm;
static struct mem_snapshot before;

static int setup(void **state)
{
        (void)state;
        sim_mem_init(SIM_BYTES);
        mem_snapshot(&before);
        mm = (struct mm_struct){ 0 };
        spin_lock_init(&mm.page_table_lock);
        mm.pgd = pgd_alloc(&mm);
        pte_map_depth = 0;
        host_log_clear();
        return mm.pgd ? 0 : -1;
}

static int teardown(void **state)
{
        struct mem_snapshot after;
        unsigned long leaked;

        (void)state;
        free_pgtables_range(&mm, 0, TASK_SIZE_MAX);
        pgd_free(&mm, mm.pgd);
        mem_snapshot(&after);
        leaked = mem_snapshot_leaks(&before, &after);
        sim_mem_exit();
        return leaked || mm.nr_ptes || pte_map_depth ? -1 : 0;
}
static pmd_t *alloc_pmd(unsigned long addr)
{
        pud_t *pud = pud_alloc(&mm, pgd_offset(&mm, addr), addr);
        pmd_t *pmd;

        assert_non_null(pud);
        pmd = pmd_alloc(&mm, pud, addr);
        assert_non_null(pmd);
        return pmd;
}

static pte_t *alloc_pte(unsigned long addr)
{
        pmd_t *pmd = alloc_pmd(addr);

        assert_int_equal(pte_alloc(&mm, pmd), 0);
        return pte_offset_kernel(pmd, addr);
}

static pmd_t *lookup_pmd(unsigned long addr)
{
        return pmd_offset(pud_offset(pgd_offset(&mm, addr), addr), addr);
}

static unsigned long pgtable_pages(void) { return page_acct_read(PGACCT_PGTABLE); }
static void test_alloc_one_accounting(void **state)
{
        unsigned long base = pgtable_pages();
        struct page *pt = pte_alloc_one(&mm);
        pmd_t *pmd = pmd_alloc_one(&mm, 0);
        pud_t *pud = pud_alloc_one(&mm, 0);

        (void)state;
        assert_true(pt && pmd && pud);
        assert_true(PageTable(pt) && PageTable(virt_to_page(pmd)) && PageTable(virt_to_page(pud)));
        assert_ptr_equal(pt->pt_mm, &mm);
        assert_false(spin_is_locked(&pt->ptl));
        assert_int_equal(mm.nr_ptes, 3);
        assert_int_equal(pgtable_pages(), base + 3);
        for (int i = 0; i < PTRS_PER_TABLE; i++)
                assert_true(pte_none(((pte_t *)page_address(pt))[i]) &&
                            pmd_none(pmd[i]) && pud_none(pud[i]));
        pte_free(&mm, pt);
        pmd_free(&mm, pmd);
        pud_free(&mm, pud);
        assert_int_equal(mm.nr_ptes, 0);
        assert_int_equal(pgtable_pages(), base);
}
static void test_build_tree(void **state)
{
        static const unsigned long addrs[] = {
                0x400000, 0x401000,     /* one PTE table */
                0x600000,               /* the next 2 MiB: a second PTE table */
                0x40000000,             /* the next 1 GiB: a PMD and a PTE table */
                0x7fffffffe000,         /* the last user page: PUD, PMD and PTE tables */
        };
        unsigned long base = pgtable_pages();
        pte_t *pte[ARRAY_SIZE(addrs)];

        (void)state;
        for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
                pte[i] = alloc_pte(addrs[i]);
                set_pte_at(&mm, addrs[i], pte[i], pfn_pte(0x100 + i, PAGE_SHARED));
        }
        assert_int_equal(mm.nr_ptes, 2 + 3 + 4);
        assert_int_equal(pgtable_pages(), base + 9);
        assert_ptr_equal(pte[1], pte[0] + 1);
        assert_ptr_not_equal(pmd_page(*lookup_pmd(0x400000)), pmd_page(*lookup_pmd(0x600000)));
        for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
                unsigned long a = addrs[i];
                pgd_t *pgd = pgd_offset(&mm, a);
                pud_t *pud = pud_offset(pgd, a);
                pmd_t *pmd = pmd_offset(pud, a);

                assert_int_equal(pgd_flags(*pgd), _PAGE_TABLE);
                assert_false(pgd_bad(*pgd) || pud_bad(*pud) || pmd_bad(*pmd));
                assert_true(PageTable(pmd_page(*pmd)));
                assert_ptr_equal(pte_offset_kernel(pmd, a), pte[i]);
                assert_int_equal(pte_pfn(ptep_get(pte[i])), 0x100 + i);
        }
}
static void test_pte_bits(void **state)
{
        pte_t ro = pfn_pte(0x1234, PAGE_READONLY), rw = pte_mkwrite(ro);

        (void)state;
        assert_int_equal(pte_pfn(ro), 0x1234);
        assert_true(pte_present(ro) && !pte_none(ro) && pte_young(ro));
        assert_false(pte_write(ro) || pte_exec(ro) || pte_dirty(ro));
        assert_true(pte_write(rw) && !pte_same(rw, ro));
        assert_true(pte_same(pte_wrprotect(rw), ro));
        assert_false(pte_young(pte_mkold(ro)));
        assert_true(pte_dirty(pte_mkdirty(ro)) && !pte_dirty(pte_mkclean(pte_mkdirty(ro))));
        assert_true(pte_exec(pfn_pte(1, PAGE_READONLY_EXEC)));
        assert_true(pte_write(pfn_pte(1, PAGE_SHARED)) && !pte_write(pfn_pte(1, PAGE_COPY)));
        assert_true(pte_present(pfn_pte(1, PAGE_NONE)) && pte_protnone(pfn_pte(1, PAGE_NONE)));
        assert_false(pte_protnone(ro) || pte_flags(pfn_pte(1, PAGE_NONE)) & _PAGE_PRESENT);
        assert_int_equal(pte_pfn(pfn_pte(PTE_PFN_MASK / PAGE_SIZE, PAGE_SHARED)),
                         PTE_PFN_MASK / PAGE_SIZE);
        assert_int_equal(pmd_pfn(pmd_mkhuge(pfn_pmd(0x201, PAGE_SHARED))), 0x200);
}
static void test_set_and_clear_entries(void **state)
{
        pte_t *ptep = alloc_pte(0x400000);
        pte_t pte = pfn_pte(0x1234, PAGE_SHARED);

        (void)state;
        set_pte_at(&mm, 0x400000, ptep, pte);
        assert_true(pte_same(ptep_get(ptep), pte));
        assert_true(pte_same(ptep_get_lockless(ptep), pte));
        assert_true(pte_same(ptep_get_and_clear(&mm, 0x400000, ptep), pte));
        assert_true(pte_none(ptep_get(ptep)));
        set_pte_at(&mm, 0x400000, ptep, pte_wrprotect(pte));
        assert_false(pte_write(ptep_get(ptep)));
        pte_clear(&mm, 0x400000, ptep);
        assert_true(pte_none(ptep_get(ptep)));
}
static void test_pte_alloc_spare_freed(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000);
        struct page *first;
        unsigned long pages;

        (void)state;
        assert_int_equal(__pte_alloc(&mm, pmd), 0);
        first = pmd_page(*pmd);
        pages = pgtable_pages();
        assert_int_equal(__pte_alloc(&mm, pmd), 0);
        assert_ptr_equal(pmd_page(*pmd), first);
        assert_int_equal(pgtable_pages(), pages);
        assert_int_equal(mm.nr_ptes, 3);
        assert_int_equal(pte_alloc(&mm, pmd), 0);
        assert_ptr_equal(pmd_page(*pmd), first);
}
static void test_pte_offset_map(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000);
        pte_t *pte;

        (void)state;
        assert_null(pte_offset_map(pmd, 0x400000));
        assert_int_equal(pte_map_depth, 0);
        set_pmd(pmd, pmd_mkhuge(pfn_pmd(0x200, PAGE_SHARED)));
        assert_null(pte_offset_map(pmd, 0x400000));
        assert_int_equal(pte_map_depth, 0);
        pmd_clear(pmd);
        assert_int_equal(pte_alloc(&mm, pmd), 0);
        pte = pte_offset_map(pmd, 0x403000);
        assert_ptr_equal(pte, pte_offset_kernel(pmd, 0x403000));
        assert_int_equal(pte_map_depth, 1);
        pte_unmap(pte);
        assert_int_equal(pte_map_depth, 0);
        assert_string_equal(host_log, "");
}
static void test_pte_offset_map_bad_pmd(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000);
        struct page *pt = pte_alloc_one(&mm);
        pmd_t bad = __pmd(page_to_phys(pt) | _PAGE_PRESENT | _PAGE_USER);
        char value[32];

        (void)state;
        set_pmd(pmd, bad);
        assert_null(pte_offset_map(pmd, 0x400000));
        assert_int_equal(pte_map_depth, 0);
        snprintf(value, sizeof(value), "(%016lx)\n", pmd_val(bad));
        assert_non_null(strstr(host_log, "bad pmd"));
        assert_non_null(strstr(host_log, value));
        assert_true(pmd_same(*pmd, bad));
        pmd_populate(&mm, pmd, pt);     /* repair it, so that teardown frees the table */
}
static void test_pte_offset_map_lock(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000);
        spinlock_t *ptl = NULL;
        pte_t *pte;

        (void)state;
        assert_null(pte_offset_map_lock(&mm, pmd, 0x400000, &ptl));
        assert_null(ptl);
        assert_int_equal(pte_map_depth, 0);
        assert_int_equal(pte_alloc(&mm, pmd), 0);
        pte = pte_offset_map_lock(&mm, pmd, 0x400000, &ptl);
        assert_ptr_equal(pte, pte_offset_kernel(pmd, 0x400000));
        assert_ptr_equal(ptl, &pmd_page(*pmd)->ptl);
        assert_true(spin_is_locked(ptl));
        assert_int_equal(pte_map_depth, 1);
        pte_unmap_unlock(pte, ptl);
        assert_false(spin_is_locked(ptl));
        assert_int_equal(pte_map_depth, 0);
}
static void test_rw_nolock_recheck_sees_detach(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000), pmdval;
        struct page *old, *new = pte_alloc_one(&mm);
        spinlock_t *ptl;
        pte_t *pte;

        (void)state;
        assert_int_equal(pte_alloc(&mm, pmd), 0);
        pte = pte_offset_map_nolock(&mm, pmd, 0x400000, &ptl);
        assert_false(spin_is_locked(ptl));
        pte_unmap(pte);
        pte = pte_offset_map_rw_nolock(&mm, pmd, 0x400000, &pmdval, &ptl);
        old = pmd_page(pmdval);
        spin_lock(&mm.page_table_lock);
        spin_lock(&old->ptl);
        pmd_populate(&mm, pmd, new);    /* detach the old table, attach the new */
        spin_unlock(&old->ptl);
        spin_unlock(&mm.page_table_lock);
        spin_lock(ptl);
        assert_ptr_equal(ptl, &old->ptl);
        assert_false(pmd_same(pmdval, pmdp_get_lockless(pmd)));
        pte_unmap_unlock(pte, ptl);
        pte_free(&mm, old);
}
/* Wait until someone besides the holder is queued on a ticket lock. */
static void wait_for_waiter(spinlock_t *l)
{
        while ((u16)(__atomic_load_n(&l->raw.next, __ATOMIC_ACQUIRE) -
                     __atomic_load_n(&l->raw.owner, __ATOMIC_ACQUIRE)) < 2)
                __builtin_ia32_pause();
}

struct table_swap {
        pmd_t *pmd;
        struct page *old, *new;
};

static void *swap_table_behind_waiter(void *arg)
{
        struct table_swap *s = arg;

        wait_for_waiter(&s->old->ptl);
        pmd_populate(&mm, s->pmd, s->new);
        spin_unlock(&s->old->ptl);
        return NULL;
}
static void test_pte_offset_map_lock_rechecks_pmd(void **state)
{
        pmd_t *pmd = alloc_pmd(0x400000);
        struct table_swap s = { .pmd = pmd };
        spinlock_t *ptl;
        pthread_t t;
        pte_t *pte;

        (void)state;
        assert_int_equal(pte_alloc(&mm, pmd), 0);
        s.old = pmd_page(*pmd);
        s.new = pte_alloc_one(&mm);
        spin_lock(&s.old->ptl);         /* held for the other thread, which releases it */
        assert_int_equal(pthread_create(&t, NULL, swap_table_behind_waiter, &s), 0);
        pte = pte_offset_map_lock(&mm, pmd, 0x400000, &ptl);
        assert_int_equal(pthread_join(t, NULL), 0);
        assert_ptr_equal(ptl, &s.new->ptl);
        assert_ptr_equal(pte, (pte_t *)page_address(s.new) + pte_index(0x400000));
        assert_true(spin_is_locked(&s.new->ptl) && !spin_is_locked(&s.old->ptl));
        assert_int_equal(pte_map_depth, 1);
        pte_unmap_unlock(pte, ptl);
        pte_free(&mm, s.old);           /* detached: ours to free */
}
static void *free_user_tables(void *arg)
{
        (void)arg;
        free_pgtables_range(&mm, 0, TASK_SIZE_MAX);
        return NULL;
}

static void test_free_waits_for_pte_lock(void **state)
{
        pmd_t *pmd, pmdval;
        spinlock_t *ptl;
        pthread_t t;
        pte_t *pte;

        (void)state;
        alloc_pte(0x400000);
        pmd = lookup_pmd(0x400000);
        pte = pte_offset_map_lock(&mm, pmd, 0x400000, &ptl);
        pmdval = *pmd;
        assert_int_equal(pthread_create(&t, NULL, free_user_tables, NULL), 0);
        wait_for_waiter(ptl);
        assert_true(spin_is_locked(&mm.page_table_lock));
        assert_true(pmd_same(pmdp_get_lockless(pmd), pmdval));
        pte_unmap_unlock(pte, ptl);
        assert_int_equal(pthread_join(t, NULL), 0);
        assert_int_equal(mm.nr_ptes, 0);
}
static void test_free_pgtables_range(void **state)
{
        (void)state;
        alloc_pte(0x400000);
        alloc_pte(0x600000);
        alloc_pte(0x40000000);
        assert_int_equal(mm.nr_ptes, 1 + 2 + 3);
        free_pgtables_range(&mm, 0x400000, 0x401000);
        assert_int_equal(mm.nr_ptes, 6);
        free_pgtables_range(&mm, 0x600000, 0x800000);
        assert_int_equal(mm.nr_ptes, 5);
        assert_true(pmd_none(*lookup_pmd(0x600000)) && !pmd_none(*lookup_pmd(0x400000)));
        free_pgtables_range(&mm, 0, 0x40000000);
        assert_int_equal(mm.nr_ptes, 3);
        assert_true(pud_none(*pud_offset(pgd_offset(&mm, 0), 0)));
        assert_false(pgd_none(*pgd_offset(&mm, 0)));
        free_pgtables_range(&mm, 0x40000000, 0x80000000);
        assert_int_equal(mm.nr_ptes, 1);
}
static void test_free_pgd_range_gap(void **state)
{
        (void)state;
        alloc_pte(0x400000);
        alloc_pte(0x600000);
        alloc_pte(0x40000000);
        free_pgd_range(&mm, 0x600000, 0x601000, 0x401000, 0x40000000);
        assert_int_equal(mm.nr_ptes, 5);
        assert_true(pmd_none(*lookup_pmd(0x600000)) && !pmd_none(*lookup_pmd(0x400000)));
        free_pgd_range(&mm, 0x400000, 0x401000, 0, 0x40000000);
        assert_int_equal(mm.nr_ptes, 3);
        assert_true(pud_none(*pud_offset(pgd_offset(&mm, 0), 0)));
        free_pgd_range(&mm, 0x40000000, 0x40001000, 0, TASK_SIZE_MAX);
        assert_int_equal(mm.nr_ptes, 0);
        assert_true(pgd_none(*pgd_offset(&mm, 0)));
}
static void test_free_pgtables_keeps_leaves(void **state)
{
        struct page *page = alloc_page(GFP_USER_ANON);
        unsigned long anon = page_acct_read(PGACCT_ANON);

        (void)state;
        assert_non_null(page);
        set_pte_at(&mm, 0x400000, alloc_pte(0x400000), mk_pte(page, PAGE_SHARED));
        free_pgtables_range(&mm, 0, TASK_SIZE_MAX);
        assert_int_equal(mm.nr_ptes, 0);
        assert_int_equal(page_acct_read(PGACCT_ANON), anon);
        assert_int_equal(page_count(page), 1);
        __free_page(page);
}
static void free_kernel_tables(unsigned long va)
{
        pgd_t *pgd = pgd_offset(&mm, va);
        pud_t *pud = pud_offset(pgd, va);
        pmd_t *pmd = pmd_offset(pud, va);

        pte_free(&mm, pmd_page(*pmd));
        pmd_free(&mm, pud_pgtable(*pud));
        pud_free(&mm, (pud_t *)pgd_page_vaddr(*pgd));
        pgd_clear(pgd);
}

static void map_test_layout(void)
{
        set_pmd(alloc_pmd(0x200000), pmd_mkhuge(pfn_pmd(0x200, PAGE_SHARED)));
        set_pte_at(&mm, 0x400000, alloc_pte(0x400000), pfn_pte(0x400, PAGE_SHARED));
        set_pte_at(&mm, 0x401000, alloc_pte(0x401000), pfn_pte(0x401, PAGE_SHARED));
        set_pte_at(&mm, 0x402000, alloc_pte(0x402000), pfn_pte(0x402, PAGE_READONLY_EXEC));
        set_pte_at(&mm, 0x404000, alloc_pte(0x404000), pfn_pte(0x404, __pgprot(PAGE_KERNEL)));
        set_pte_at(&mm, PAGE_OFFSET, alloc_pte(PAGE_OFFSET), pfn_pte(0, __pgprot(PAGE_KERNEL)));
}
static void test_ptdump(void **state)
{
        (void)state;
        map_test_layout();
        ptdump(mm.pgd, 0, 0);
        assert_string_equal(host_log,
                "0x0000000000200000-0x0000000000400000    2M  USR RW  NX  pmd\n"
                "0x0000000000400000-0x0000000000402000    8K  USR RW  NX  pte\n"
                "0x0000000000402000-0x0000000000403000    4K  USR ro  x   pte\n"
                "0x0000000000404000-0x0000000000405000    4K      RW  NX  pte GLB\n"
                "0xffff888000000000-0xffff888000001000    4K      RW  NX  pte GLB\n");
        host_log_clear();
        ptdump(mm.pgd, 0x300000, 0x402000);     /* a huge leaf is shown whole */
        assert_string_equal(host_log,
                "0x0000000000200000-0x0000000000400000    2M  USR RW  NX  pmd\n"
                "0x0000000000400000-0x0000000000402000    8K  USR RW  NX  pte\n");
        free_kernel_tables(PAGE_OFFSET);
}
static void test_ptcount(void **state)
{
        struct ptcount c;

        (void)state;
        map_test_layout();
        ptcount(mm.pgd, 0, TASK_SIZE_MAX, &c);
        assert_int_equal(c.ptes, 4);
        assert_int_equal(c.huge_pmds, 1);
        assert_int_equal(c.huge_puds, 0);
        assert_true(c.pud_tables == 1 && c.pmd_tables == 1 && c.pte_tables == 1);
        ptcount(mm.pgd, 0, 0, &c);
        assert_true(c.ptes == 5 && c.pud_tables == 2 && c.pmd_tables == 2 && c.pte_tables == 2);
        ptcount(mm.pgd, 0x401000, 0x402000, &c);
        assert_true(c.ptes == 1 && c.huge_pmds == 0 && c.pte_tables == 1);
        free_kernel_tables(PAGE_OFFSET);
}
static void test_pte_free_checks(void **state)
{
        struct mm_struct other = { 0 };
        struct page *page = alloc_page(GFP_KERNEL);
        struct page *theirs = pte_alloc_one(&other), *ours = pte_alloc_one(&mm);

        (void)state;
        EXPECT_PANIC(pte_free(&mm, page));
        EXPECT_PANIC(pte_free(&mm, theirs));
        spin_lock(&ours->ptl);
        EXPECT_PANIC(pte_free(&mm, ours));
        spin_unlock(&ours->ptl);
        __free_page(page);
        pte_free(&other, theirs);
        pte_free(&mm, ours);
}

static void test_pte_unmap_unbalanced_warns(void **state)
{
        long warnings = host_warnings;

        (void)state;
        pte_unmap(NULL);
        assert_int_equal(host_warnings - warnings, 1);
        assert_int_equal(pte_map_depth, 0);
}
#define PGTABLE_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
                PGTABLE_TEST(test_alloc_one_accounting),
                PGTABLE_TEST(test_build_tree),
                PGTABLE_TEST(test_pte_bits),
                PGTABLE_TEST(test_set_and_clear_entries),
                PGTABLE_TEST(test_pte_alloc_spare_freed),
                PGTABLE_TEST(test_pte_offset_map),
                PGTABLE_TEST(test_pte_offset_map_bad_pmd),
                PGTABLE_TEST(test_pte_offset_map_lock),
                PGTABLE_TEST(test_rw_nolock_recheck_sees_detach),
                PGTABLE_TEST(test_pte_offset_map_lock_rechecks_pmd),
                PGTABLE_TEST(test_free_waits_for_pte_lock),
                PGTABLE_TEST(test_free_pgtables_range),
                PGTABLE_TEST(test_free_pgd_range_gap),
                PGTABLE_TEST(test_free_pgtables_keeps_leaves),
                PGTABLE_TEST(test_ptdump),
                PGTABLE_TEST(test_ptcount),
                PGTABLE_TEST(test_pte_free_checks),
                PGTABLE_TEST(test_pte_unmap_unbalanced_warns),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
