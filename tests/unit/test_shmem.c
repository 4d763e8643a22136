/* Tangled from book/listings-shmem.nw (chapter "Listings of ``Shared memory''"). Do not edit: edit the book and run make tangle. */
#include "linux/mm.h"
#include "linux/shmem_fs.h"
#include "linux/slab.h"
#include "linux/errno.h"
#include "host_kernel.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

struct zap { struct vm_area_struct *vma; unsigned long start, end; };
static struct zap zaps[16];
static int nr_zaps;
static long rwsem_count_seen;

void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key)
{
        (void)name; (void)key;
        s->count = 0;
}
void down_write(struct rw_semaphore *s) { assert_int_equal(s->count, 0); s->count = -1; }
void up_write(struct rw_semaphore *s) { assert_int_equal(s->count, -1); s->count = 0; }
void down_read(struct rw_semaphore *s) { assert_true(s->count >= 0); s->count++; }
void up_read(struct rw_semaphore *s) { assert_true(s->count > 0); s->count--; }
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key)
{
        (void)m; (void)name; (void)key;
}
void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
        assert_true(nr_zaps < 16);
        rwsem_count_seen = vma->vm_obj->i_mmap_rwsem.count;
        zaps[nr_zaps++] = (struct zap){ vma, start, end };
}
#define FAKE(i) ((struct page *)(0x1000 + 8 * (uintptr_t)(i)))
static const unsigned long offsets[] = { 0, 1, 63, 64, 4095, 4096, 262143, 1UL << 40,
                                         (~0UL >> 1) >> 12 };
#define NOFF (sizeof(offsets) / sizeof(offsets[0]))

static struct mem_snapshot before;
static int setup(void **state)
{
        (void)state;
        sim_mem_init(16UL << 20);
        kmalloc_init();
        mem_snapshot(&before);
        nr_zaps = 0;
        return 0;
}
static int teardown(void **state)
{
        struct mem_snapshot after;

        (void)state;
        mem_snapshot(&after);
        bool ok = kmalloc_validate() == 0 && mem_snapshot_leaks(&before, &after) == 0 &&
                  host_warnings == 0;
        sim_mem_exit();
        return ok ? 0 : -1;
}
static void test_page_cache(void **state)
{
        struct page_cache pc = { 0 };
        unsigned long idx;

        (void)state;
        for (unsigned i = 0; i < NOFF; i++)
                assert_int_equal(pc_insert(&pc, offsets[i], FAKE(i)), 0);
        assert_int_equal(pc.nrpages, NOFF);
        assert_int_equal(pc_insert(&pc, 4096, FAKE(99)), -EEXIST);
        for (unsigned i = 0; i < NOFF; i++)
                assert_ptr_equal(pc_lookup(&pc, offsets[i]), FAKE(i));
        assert_null(pc_lookup(&pc, 2));
        assert_null(pc_lookup(&pc, 1UL << 40 | 1));
        for (unsigned i = 0; i < NOFF; i++) {
                idx = offsets[i] ? offsets[i - 1] + 1 : 0;
                assert_ptr_equal(pc_next(&pc, &idx), FAKE(i));
                assert_int_equal(idx, offsets[i]);
        }
        idx = offsets[NOFF - 1] + 1;
        assert_null(pc_next(&pc, &idx));
        for (unsigned i = 0; i < NOFF; i++)
                assert_ptr_equal(pc_delete(&pc, offsets[i]), FAKE(i));
        assert_null(pc.root);
        assert_int_equal(pc.height, 0);
}
static struct vm_area_struct *map_obj(struct shmem_inode *obj, unsigned long start,
                                      unsigned long pages, unsigned long pgoff)
{
        struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

        vma->vm_start = start;
        vma->vm_end = start + pages * PAGE_SIZE;
        vma->vm_pgoff = pgoff;
        vma->vm_obj = shmem_inode_get(obj);
        INIT_LIST_HEAD(&vma->vm_shared);
        shmem_rmap_insert(vma);
        return vma;
}
static void unmap_obj(struct vm_area_struct *vma)
{
        shmem_rmap_remove(vma);
        shmem_inode_put(vma->vm_obj);
        kfree(vma);
}
static void record(struct vm_area_struct *vma, unsigned long start, unsigned long end,
                   void *arg)
{
        (void)arg;
        unmap_region(vma, start, end);
}
static void test_walk_clips_each_mapping(void **state)
{
        struct shmem_inode *obj = shmem_inode_alloc(16 * PAGE_SIZE);
        struct vm_area_struct *a = map_obj(obj, 0x100000, 16, 0);
        struct vm_area_struct *b = map_obj(obj, 0x200000, 2, 2);
        struct vm_area_struct *c = map_obj(obj, 0x300000, 8, 8);

        (void)state;
        shmem_for_each_mapping(obj, 3, 6, record, NULL);
        assert_int_equal(nr_zaps, 2);
        assert_true(zaps[0].vma == a && zaps[0].start == 0x103000 && zaps[0].end == 0x106000);
        assert_true(zaps[1].vma == b && zaps[1].start == 0x201000 && zaps[1].end == 0x202000);
        assert_int_equal(rwsem_count_seen, 1);
        assert_int_equal(obj->i_mmap_rwsem.count, 0);
        unmap_obj(b);
        nr_zaps = 0;
        shmem_for_each_mapping(obj, 0, ~0UL, record, NULL);
        assert_int_equal(nr_zaps, 2);
        assert_true(zaps[1].vma == c && zaps[1].start == 0x300000 && zaps[1].end == 0x308000);
        unmap_obj(a);
        unmap_obj(c);
        assert_int_equal(obj->i_count, 1);
        shmem_inode_put(obj);
}
static void test_truncate_zaps_and_drops(void **state)
{
        struct shmem_inode *obj = shmem_inode_alloc(4 * PAGE_SIZE);
        struct vm_area_struct *a = map_obj(obj, 0x100000, 4, 0);
        struct vm_area_struct *b = map_obj(obj, 0x200000, 2, 2);
        struct page *page;

        (void)state;
        for (unsigned long i = 0; i < 4; i++) {
                assert_int_equal(shmem_get_page(obj, i, SGP_FAULT, &page), 0);
                memset(page_address(page), 'x', PAGE_SIZE);
                put_page(page);
        }
        assert_int_equal(shmem_get_page(obj, 4, SGP_FAULT, &page), -EINVAL);
        assert_int_equal(page_acct_read(PGACCT_SHMEM) - before.acct[PGACCT_SHMEM], 4);
        assert_int_equal(shmem_setsize(obj, PAGE_SIZE + PAGE_SIZE / 2), 0);
        assert_int_equal(nr_zaps, 2);
        assert_true(zaps[0].vma == a && zaps[0].start == 0x102000 && zaps[0].end == 0x104000);
        assert_true(zaps[1].vma == b && zaps[1].start == 0x200000 && zaps[1].end == 0x202000);
        assert_int_equal(obj->i_pages.nrpages, 2);
        assert_int_equal(shmem_get_page(obj, 2, SGP_READ, &page), 0);
        assert_null(page);
        assert_int_equal(shmem_get_page(obj, 1, SGP_READ, &page), 0);
        assert_int_equal(((char *)page_address(page))[PAGE_SIZE / 2 - 1], 'x');
        assert_int_equal(((char *)page_address(page))[PAGE_SIZE / 2], 0);
        put_page(page);
        assert_int_equal(page_acct_read(PGACCT_SHMEM) - before.acct[PGACCT_SHMEM], 2);
        unmap_obj(a);
        unmap_obj(b);
        shmem_inode_put(obj);
        assert_int_equal(page_acct_read(PGACCT_SHMEM), before.acct[PGACCT_SHMEM]);
}
#define SHM_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
int main(void)
{
        const struct CMUnitTest tests[] = {
                SHM_TEST(test_page_cache),
                SHM_TEST(test_walk_clips_each_mapping),
                SHM_TEST(test_truncate_zaps_and_drops),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
