/* Tangled from book/listings-vm.nw (chapter "Listings of ``Address spaces''"). Do not edit: edit the book and run make tangle. */
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/shmem_fs.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/slab.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/errno.h"
#include "host_kernel.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

struct call { unsigned long start, end; pteval_t prot; };
struct call_log { int n; struct call c[16]; };
static struct call_log zapped, freed, gaps, reprotected;
static int nr_copied, fail_copy_at;

static void log_call(struct call_log *l, unsigned long start, unsigned long end,
                     pteval_t prot)
{
        assert_true(l->n < 16);
        l->c[l->n++] = (struct call){ start, end, prot };
}

static void check_range(struct vm_area_struct *vma, unsigned long start,
                        unsigned long end)
{
        assert_true(vma->vm_start <= start && start < end && end <= vma->vm_end);
        assert_int_equal(vma->vm_mm->mmap_lock.count, -1);
}
void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
        check_range(vma, start, end);
        log_call(&zapped, start, end, 0);
}
void change_protection(struct vm_area_struct *vma, unsigned long start,
                       unsigned long end, pgprot_t newprot)
{
        check_range(vma, start, end);
        log_call(&reprotected, start, end, pgprot_val(newprot));
}
void free_pgtables_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
        assert_int_equal(mm->mmap_lock.count, -1);
        log_call(&freed, start, end, 0);
}
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
                    unsigned long floor, unsigned long ceiling)
{
        assert_int_equal(mm->mmap_lock.count, -1);
        assert_true(floor <= addr && addr < end && end <= ceiling);
        log_call(&freed, addr, end, 0);
        log_call(&gaps, floor, ceiling, 0);
}
/* The MPX chapter's hooks around an unmap: no address space here has bounds tables. */
int mpx_pre_unmap(struct mm_struct *mm, unsigned long start, size_t len)
{
        (void)mm, (void)start, (void)len;
        return 0;               /* MPX_PRE_NONE: nothing to do */
}
void mpx_post_unmap(struct mm_struct *mm, int pre)
{
        (void)mm, (void)pre;
}
void mpx_notify_unmap(struct mm_struct *mm, unsigned long start, unsigned long end, int when)
{
        assert_int_equal(mm->mmap_lock.count, -1);
        (void)start, (void)end, (void)when;
}
/* mremap's move: the unit test has no page tables to move. */
int move_page_tables(struct vm_area_struct *vma, unsigned long old, unsigned long new_addr,
                     unsigned long len)
{
        check_range(vma, old, old + len);
        (void)new_addr;
        return 0;
}
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
        assert_true(dst->vm_start == src->vm_start && dst->vm_end == src->vm_end);
        assert_int_equal(dst->vm_mm->mmap_lock.count, -1);
        assert_int_equal(src->vm_mm->mmap_lock.count, -1);
        return ++nr_copied == fail_copy_at ? -ENOMEM : 0;
}
void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key)
{
        (void)name; (void)key;
        s->count = 0;
}
void down_write(struct rw_semaphore *s) { assert_int_equal(s->count, 0); s->count = -1; }
void down_write_nested(struct rw_semaphore *s, unsigned int subclass)
{
        (void)subclass;
        down_write(s);
}
void up_write(struct rw_semaphore *s) { assert_int_equal(s->count, -1); s->count = 0; }
void down_read(struct rw_semaphore *s) { assert_true(s->count >= 0); s->count++; }
void up_read(struct rw_semaphore *s) { assert_true(s->count > 0); s->count--; }
struct task_struct *current_task;
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key)
{
        (void)m; (void)name; (void)key;
}
struct file *fget(unsigned int fd)
{
        (void)fd;
        return NULL;
}
void fput(struct file *f)
{
        (void)f;
}
#define SIM_BYTES (16UL << 20)
#define P PAGE_SIZE
#define A 0x10000000UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define FIXED (ANON | MAP_FIXED)

static struct mm_struct mm;
static struct task_struct task;
static struct mem_snapshot before;

static int setup(void **state)
{
        (void)state;
        sim_mem_init(SIM_BYTES);
        kmalloc_init();
        mem_snapshot(&before);
        mm = (struct mm_struct){ 0 };
        mm_init_mmap(&mm);
        task = (struct task_struct){ .pid = 1, .mm = &mm };
        current_task = &task;
        zapped.n = freed.n = gaps.n = reprotected.n = 0;
        nr_copied = fail_copy_at = 0;
        sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
        return 0;
}
static int teardown(void **state)
{
        struct mem_snapshot after;
        bool ok;

        (void)state;
        fail_alloc_reset();
        exit_mmap(&mm);
        mem_snapshot(&after);
        ok = mm.map_count == 0 && list_empty(&mm.mmap) && mm.total_vm == 0 &&
             mm.mmap_lock.count == 0 && host_warnings == 0 &&
             kmalloc_validate() == 0 && mem_snapshot_leaks(&before, &after) == 0;
        sim_mem_exit();
        return ok ? 0 : -1;
}
static unsigned long map(unsigned long addr, unsigned long len, unsigned long prot,
                         unsigned long flags)
{
        unsigned long ret;

        mmap_write_lock(&mm);
        ret = do_mmap(&mm, addr, len, prot, flags, 0);
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        return ret;
}
static int unmap(unsigned long addr, size_t len)
{
        int ret;

        mmap_write_lock(&mm);
        ret = do_munmap(&mm, addr, len);
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        return ret;
}
static int protect(unsigned long addr, size_t len, unsigned long prot)
{
        int ret;

        mmap_write_lock(&mm);
        ret = do_mprotect(&mm, addr, len, prot);
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        return ret;
}
static unsigned long set_brk(unsigned long brk)
{
        unsigned long ret;

        mmap_write_lock(&mm);
        ret = do_brk(&mm, brk);
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        return ret;
}
static struct vm_area_struct *nth_vma(struct mm_struct *m, int n)
{
        struct vm_area_struct *vma;

        for_each_vma(m, vma)
                if (n-- == 0)
                        return vma;
        return NULL;
}
static void assert_vma(int n, unsigned long start, unsigned long end,
                       unsigned long prot_flags)
{
        struct vm_area_struct *vma = nth_vma(&mm, n);

        assert_non_null(vma);
        assert_int_equal(vma->vm_start, start);
        assert_int_equal(vma->vm_end, end);
        assert_int_equal(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC), prot_flags);
        assert_int_equal(vma->vm_pgoff, start >> PAGE_SHIFT);
}
static void assert_call(struct call_log *l, int i, unsigned long start, unsigned long end)
{
        assert_true(i < l->n);
        assert_int_equal(l->c[i].start, start);
        assert_int_equal(l->c[i].end, end);
}
static struct vm_area_struct *new_vma(unsigned long start, unsigned long end)
{
        struct vm_area_struct *vma = vm_area_alloc(&mm);

        assert_non_null(vma);
        vma->vm_start = start;
        vma->vm_end = end;
        vma->vm_flags = VM_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
        vma->vm_pgoff = start >> PAGE_SHIFT;
        return vma;
}
static void insert(struct vm_area_struct *vma)
{
        mmap_write_lock(&mm);
        assert_int_equal(insert_vm_struct(&mm, vma), 0);
        mmap_write_unlock(&mm);
}
static void test_find_vma(void **state)
{
        struct vm_area_struct *v0 = new_vma(A, A + 2 * P), *v1 = new_vma(A + 4 * P, A + 5 * P);
        struct vm_area_struct *v2 = new_vma(A + 8 * P, A + 10 * P), *prev;

        (void)state;
        insert(v2); insert(v0); insert(v1);
        assert_int_equal(validate_mm(&mm), 0);
        assert_int_equal(mm.map_count, 3);
        assert_int_equal(mm.total_vm, 5);
        mmap_read_lock(&mm);
        assert_ptr_equal(find_vma(&mm, 0), v0);
        assert_ptr_equal(find_vma(&mm, A + P), v0);
        assert_ptr_equal(find_vma(&mm, A + 2 * P), v1);
        assert_null(find_vma(&mm, A + 10 * P));
        assert_null(find_vma_intersection(&mm, A + 2 * P, A + 4 * P));
        assert_ptr_equal(find_vma_intersection(&mm, A + 2 * P, A + 4 * P + 1), v1);
        assert_ptr_equal(find_vma_prev(&mm, A + 5 * P, &prev), v2);
        assert_ptr_equal(prev, v1);
        assert_null(find_vma_prev(&mm, A + 20 * P, &prev));
        assert_ptr_equal(prev, v2);
        assert_ptr_equal(find_vma_prev(&mm, 0, &prev), v0);
        assert_null(prev);
        mmap_read_unlock(&mm);
}
static void test_insert_refuses_overlap(void **state)
{
        struct vm_area_struct *bad = new_vma(A + 3 * P, A + 5 * P);

        (void)state;
        insert(new_vma(A, A + 4 * P));
        mmap_write_lock(&mm);
        assert_int_equal(insert_vm_struct(&mm, bad), -ENOMEM);
        bad->vm_start = A + 4 * P + 1;
        assert_int_equal(insert_vm_struct(&mm, bad), -EINVAL);
        assert_int_equal(host_warnings, 1);
        host_warnings = 0;
        mmap_write_unlock(&mm);
        vm_area_free(bad);
        insert(new_vma(A + 4 * P, A + 5 * P));
        assert_int_equal(mm.map_count, 2);
        assert_int_equal(validate_mm(&mm), 0);
}
static void test_split_vma(void **state)
{
        struct vm_area_struct *vma;

        (void)state;
        assert_int_equal(map(A, 4 * P, RW, FIXED), A);
        vma = nth_vma(&mm, 0);
        mmap_write_lock(&mm);
        assert_int_equal(split_vma(&mm, vma, A + P, 1), 0);
        assert_int_equal(vma->vm_start, A + P);
        assert_int_equal(split_vma(&mm, vma, A + 3 * P, 0), 0);
        assert_int_equal(vma->vm_end, A + 3 * P);
        assert_int_equal(split_vma(&mm, vma, A + P, 0), -EINVAL);
        assert_int_equal(host_warnings, 1);
        host_warnings = 0;
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        assert_int_equal(mm.map_count, 3);
        assert_int_equal(mm.total_vm, 4);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_vma(1, A + P, A + 3 * P, VM_READ | VM_WRITE);
        assert_vma(2, A + 3 * P, A + 4 * P, VM_READ | VM_WRITE);
}
static void test_mmap_merges_adjacent(void **state)
{
        (void)state;
        assert_int_equal(map(A, 2 * P, RW, FIXED), A);
        assert_int_equal(map(A + 2 * P, 2 * P, RW, FIXED), A + 2 * P);
        assert_int_equal(map(A - 2 * P, 2 * P, RW, FIXED), A - 2 * P);
        assert_int_equal(mm.map_count, 1);
        assert_vma(0, A - 2 * P, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(map(A + 4 * P, P, PROT_READ, FIXED), A + 4 * P);
        assert_int_equal(mm.map_count, 2);
        assert_int_equal(map(A + 6 * P, P, PROT_READ, FIXED), A + 6 * P);
        assert_int_equal(map(A + 5 * P, P, PROT_READ, FIXED), A + 5 * P);
        assert_int_equal(mm.map_count, 2);
        assert_vma(1, A + 4 * P, A + 7 * P, VM_READ);
        assert_int_equal(mm.total_vm, 9);
}
static void test_munmap_middle(void **state)
{
        (void)state;
        map(A, 4 * P, RW, FIXED);
        assert_int_equal(unmap(A + P, 2 * P), 0);
        assert_int_equal(mm.map_count, 2);
        assert_int_equal(mm.total_vm, 2);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_vma(1, A + 3 * P, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(zapped.n, 1);
        assert_call(&zapped, 0, A + P, A + 3 * P);
        assert_int_equal(freed.n, 1);
        assert_call(&freed, 0, A + P, A + 3 * P);
        assert_call(&gaps, 0, A + P, A + 3 * P);
}

static void test_munmap_walks_only_the_range(void **state)
{
        (void)state;
        map(A, P, RW, FIXED);
        map(A + 3 * P, 2 * P, RW, FIXED);
        map(A + 7 * P, P, RW, FIXED);
        assert_int_equal(unmap(A + 3 * P, 2 * P), 0);
        assert_int_equal(mm.map_count, 2);
        assert_call(&zapped, 0, A + 3 * P, A + 5 * P);
        assert_int_equal(freed.n, 1);
        assert_call(&freed, 0, A + 3 * P, A + 5 * P);
        assert_call(&gaps, 0, A + P, A + 7 * P);
}
static void test_munmap_across(void **state)
{
        (void)state;
        map(A, 2 * P, RW, FIXED);
        map(A + 3 * P, P, PROT_READ, FIXED);
        map(A + 5 * P, 2 * P, RW, FIXED);
        assert_int_equal(unmap(A + P, 5 * P), 0);
        assert_int_equal(mm.map_count, 2);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_vma(1, A + 6 * P, A + 7 * P, VM_READ | VM_WRITE);
        assert_int_equal(zapped.n, 3);
        assert_call(&zapped, 0, A + P, A + 2 * P);
        assert_call(&zapped, 1, A + 3 * P, A + 4 * P);
        assert_call(&zapped, 2, A + 5 * P, A + 6 * P);
        assert_int_equal(freed.n, 1);
        assert_call(&freed, 0, A + P, A + 6 * P);
        assert_call(&gaps, 0, A + P, A + 6 * P);
        assert_int_equal(unmap(0, TASK_SIZE_MAX), 0);
        assert_int_equal(mm.map_count, 0);
        assert_call(&freed, 1, 0, TASK_SIZE_MAX);
}
static void test_munmap_nothing_and_errors(void **state)
{
        (void)state;
        assert_int_equal(unmap(A, P), 0);
        map(A, 2 * P, RW, FIXED);
        assert_int_equal(unmap(A + 4 * P, 4 * P), 0);
        assert_int_equal(zapped.n + freed.n, 0);
        assert_int_equal(unmap(A + 1, P), -EINVAL);
        assert_int_equal(unmap(A, 0), -EINVAL);
        assert_int_equal(unmap(TASK_SIZE_MAX + P, P), -EINVAL);
        assert_int_equal(unmap(A, TASK_SIZE_MAX), -EINVAL);
        assert_int_equal(mm.map_count, 1);
        assert_int_equal(unmap(A + P, 1), 0);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
}
static void test_munmap_split_fails(void **state)
{
        (void)state;
        map(A, 4 * P, RW, FIXED);
        assert_int_equal(fail_alloc_parse("site:vm_area_dup"), 0);
        assert_int_equal(unmap(A + P, P), -ENOMEM);
        assert_int_equal(fail_alloc_parse("site:vm_area_dup,nth:2"), 0);
        assert_int_equal(unmap(A + P, P), -ENOMEM);
        fail_alloc_reset();
        assert_int_equal(mm.map_count, 1);
        assert_vma(0, A, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(zapped.n, 0);
        map(A + 8 * P, P, RW, FIXED);
        sysctl_max_map_count = 3;
        assert_int_equal(unmap(A + P, P), -ENOMEM);
        assert_int_equal(map(A + 16 * P, P, RW, FIXED), A + 16 * P);
        assert_int_equal(map(A + 32 * P, P, RW, FIXED), (unsigned long)-ENOMEM);
        assert_int_equal(mm.map_count, 3);
}
static void test_mprotect_middle_and_back(void **state)
{
        (void)state;
        map(A, 4 * P, RW, FIXED);
        assert_int_equal(protect(A + P, 2 * P, PROT_READ), 0);
        assert_int_equal(mm.map_count, 3);
        assert_vma(1, A + P, A + 3 * P, VM_READ);
        assert_int_equal(pgprot_val(nth_vma(&mm, 1)->vm_page_prot),
                         pgprot_val(PAGE_READONLY));
        assert_int_equal(reprotected.n, 1);
        assert_call(&reprotected, 0, A + P, A + 3 * P);
        assert_int_equal(reprotected.c[0].prot, pgprot_val(PAGE_READONLY));
        assert_int_equal(protect(A + P, 2 * P, RW), 0);
        assert_int_equal(mm.map_count, 1);
        assert_vma(0, A, A + 4 * P, VM_READ | VM_WRITE);
        assert_call(&reprotected, 1, A + P, A + 3 * P);
        assert_int_equal(reprotected.c[1].prot, pgprot_val(PAGE_COPY));
        assert_int_equal(mm.total_vm, 4);
}
static void test_mprotect_merges_beyond_range(void **state)
{
        (void)state;
        map(A, 2 * P, RW, FIXED);
        map(A + 2 * P, 2 * P, PROT_READ, FIXED);
        assert_int_equal(protect(A + P, 2 * P, PROT_READ), 0);
        assert_int_equal(mm.map_count, 2);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_vma(1, A + P, A + 4 * P, VM_READ);
        assert_int_equal(reprotected.n, 1);
        assert_call(&reprotected, 0, A + P, A + 2 * P);
}
static void test_mprotect_hole(void **state)
{
        (void)state;
        map(A, 2 * P, RW, FIXED);
        map(A + 3 * P, P, RW, FIXED);
        assert_int_equal(protect(A, 4 * P, PROT_READ), -ENOMEM);
        assert_vma(0, A, A + 2 * P, VM_READ);
        assert_vma(1, A + 3 * P, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(protect(A + 2 * P, 2 * P, PROT_READ), -ENOMEM);
        assert_int_equal(protect(A + 8 * P, P, PROT_READ), -ENOMEM);
        assert_vma(1, A + 3 * P, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(reprotected.n, 1);
}
static void test_mprotect_errors(void **state)
{
        (void)state;
        map(A, P, RW, FIXED);
        assert_int_equal(protect(A + 1, P, PROT_READ), -EINVAL);
        assert_int_equal(protect(A + 8 * P, 0, PROT_READ), 0);
        assert_int_equal(protect(A, P, 0x10), -EINVAL);
        assert_int_equal(protect(A, P, PROT_READ | PROT_GROWSDOWN), -EINVAL);
        assert_int_equal(protect(A, -1UL, PROT_READ), -ENOMEM);
        assert_int_equal(protect(A, P, RW), 0);
        assert_int_equal(reprotected.n, 0);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
}
static void test_map_fixed_replaces(void **state)
{
        (void)state;
        map(A, 4 * P, RW, FIXED);
        assert_int_equal(map(A + P, P, PROT_READ, FIXED), A + P);
        assert_int_equal(mm.map_count, 3);
        assert_vma(1, A + P, A + 2 * P, VM_READ);
        assert_int_equal(zapped.n, 1);
        assert_call(&zapped, 0, A + P, A + 2 * P);
        assert_int_equal(map(A + P, 2 * P, RW, ANON | MAP_FIXED_NOREPLACE),
                         (unsigned long)-EEXIST);
        assert_int_equal(map(A + 4 * P, P, PROT_READ, ANON | MAP_FIXED_NOREPLACE), A + 4 * P);
        assert_int_equal(mm.map_count, 4);
        assert_int_equal(zapped.n, 1);
        assert_int_equal(mm.total_vm, 5);
}
static void test_topdown_placement(void **state)
{
        unsigned long base = mm.mmap_base, a, b;

        (void)state;
        assert_int_equal(a = map(0, 2 * P, RW, ANON), base - 2 * P);
        assert_int_equal(b = map(0, P, PROT_READ, ANON), a - P);
        assert_int_equal(map(0, P, RW, ANON), b - P);
        assert_int_equal(mm.map_count, 3);
        assert_int_equal(map(A, P, RW, ANON), A);
        assert_int_equal(map(A, P, RW, ANON), b - 2 * P);
        assert_int_equal(map(A + 1, P, RW, ANON), A + P);
        assert_int_equal(unmap(a, P), 0);
        assert_int_equal(map(0, 2 * P, RW, ANON), b - 4 * P);
        assert_int_equal(map(0, P, PROT_READ, ANON), a);
        assert_int_equal(validate_mm(&mm), 0);
}
static void test_mmap_enomem(void **state)
{
        (void)state;
        mm.mmap_base = MMAP_MIN_ADDR + 4 * P;
        assert_int_equal(map(0, 4 * P, RW, ANON), MMAP_MIN_ADDR);
        assert_int_equal(map(0, P, RW, ANON), (unsigned long)-ENOMEM);
        assert_int_equal(map(0, TASK_SIZE_MAX, RW, ANON), (unsigned long)-ENOMEM);
        assert_int_equal(map(0, -16UL, RW, ANON), (unsigned long)-ENOMEM);
        assert_int_equal(map(TASK_SIZE_MAX - P, 2 * P, RW, FIXED), (unsigned long)-ENOMEM);
        assert_int_equal(map(P, P, RW, FIXED), (unsigned long)-EPERM);
        assert_int_equal(mm.map_count, 1);
}
static void test_mmap_errors(void **state)
{
        (void)state;
        assert_int_equal(map(A, 0, RW, ANON), (unsigned long)-EINVAL);
        assert_int_equal(map(A + 1, P, RW, FIXED), (unsigned long)-EINVAL);
        assert_int_equal(map(A, P, RW, MAP_ANONYMOUS), (unsigned long)-EINVAL);
        assert_int_equal(map(A, P, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS),
                         (unsigned long)-EINVAL);
        assert_int_equal(map(A, P, RW, MAP_PRIVATE), (unsigned long)-EBADF);
        mmap_write_lock(&mm);
        assert_int_equal(do_mmap(&mm, A, P, RW, FIXED, -1UL), (unsigned long)-EOVERFLOW);
        mmap_write_unlock(&mm);
        assert_int_equal(mm.map_count, 0);
        assert_int_equal(map(A, P, RW | 0x10, FIXED), A);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
}
static void test_private_writable_is_copy_on_write(void **state)
{
        (void)state;
        map(A, P, RW, FIXED);
        map(A + 2 * P, P, RW | PROT_EXEC, FIXED);
        map(A + 4 * P, P, PROT_NONE, FIXED);
        assert_int_equal(pgprot_val(nth_vma(&mm, 0)->vm_page_prot), pgprot_val(PAGE_COPY));
        assert_false(pgprot_val(nth_vma(&mm, 0)->vm_page_prot) & _PAGE_RW);
        assert_int_equal(pgprot_val(nth_vma(&mm, 1)->vm_page_prot),
                         pgprot_val(PAGE_COPY_EXEC));
        assert_false(pgprot_val(nth_vma(&mm, 1)->vm_page_prot) & _PAGE_RW);
        assert_int_equal(pgprot_val(nth_vma(&mm, 2)->vm_page_prot), pgprot_val(PAGE_NONE));
        assert_true(pgprot_val(vm_get_page_prot(VM_SHARED | VM_WRITE | VM_READ)) & _PAGE_RW);
        assert_int_equal(pgprot_val(vm_get_page_prot(VM_SHARED | VM_WRITE | VM_READ)),
                         pgprot_val(PAGE_SHARED));
        assert_true(pgprot_val(vm_get_page_prot(VM_READ)) & _PAGE_NX);
}
static void test_brk(void **state)
{
        (void)state;
        mm.start_brk = mm.brk = A;
        assert_int_equal(set_brk(0), A);
        assert_int_equal(set_brk(A + 100), A + 100);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_int_equal(set_brk(A + 3 * P + 5), A + 3 * P + 5);
        assert_int_equal(mm.map_count, 1);
        assert_vma(0, A, A + 4 * P, VM_READ | VM_WRITE);
        assert_int_equal(set_brk(A + P - 1), A + P - 1);
        assert_vma(0, A, A + P, VM_READ | VM_WRITE);
        assert_call(&zapped, 0, A + P, A + 4 * P);
        assert_int_equal(set_brk(A + P), A + P);
        map(A + 3 * P, P, PROT_READ, FIXED);
        assert_int_equal(set_brk(A + 3 * P), A + P);
        assert_int_equal(set_brk(A + 2 * P), A + 2 * P);
        assert_int_equal(set_brk(TASK_SIZE_MAX + 1), A + 2 * P);
        assert_int_equal(mm.total_vm, 3);
}
static void init_child(struct mm_struct *child)
{
        *child = (struct mm_struct){ 0 };
        mm_init_mmap(child);
}
static void assert_same_vmas(struct mm_struct *child)
{
        struct vm_area_struct *v, *c;

        assert_int_equal(validate_mm(child), 0);
        assert_int_equal(child->map_count, mm.map_count);
        for (int i = 0; i < mm.map_count; i++) {
                v = nth_vma(&mm, i);
                c = nth_vma(child, i);
                assert_ptr_not_equal(v, c);
                assert_ptr_equal(c->vm_mm, child);
                assert_true(c->vm_start == v->vm_start && c->vm_end == v->vm_end &&
                            c->vm_flags == v->vm_flags && c->vm_pgoff == v->vm_pgoff);
        }
}
static void test_dup_mmap(void **state)
{
        struct mm_struct child;

        (void)state;
        map(A, 2 * P, RW, FIXED);
        map(A + 4 * P, P, PROT_READ, FIXED);
        map(0, 3 * P, RW | PROT_EXEC, ANON);
        mm.start_brk = mm.brk = A + 2 * P;
        init_child(&child);
        assert_int_equal(dup_mmap(&child, &mm), 0);
        assert_int_equal(child.mmap_lock.count, 0);
        assert_int_equal(mm.mmap_lock.count, 0);
        assert_int_equal(mm.map_count, 3);
        assert_same_vmas(&child);
        assert_int_equal(child.total_vm, mm.total_vm);
        assert_int_equal(child.brk, mm.brk);
        assert_int_equal(nr_copied, 3);
        exit_mmap(&child);
        assert_int_equal(child.map_count, 0);
}
static void test_dup_mmap_failure(void **state)
{
        struct mm_struct child;

        (void)state;
        map(A, P, RW, FIXED);
        map(A + 2 * P, P, PROT_READ, FIXED);
        map(A + 4 * P, P, RW, FIXED);
        init_child(&child);
        fail_copy_at = 2;
        assert_int_equal(dup_mmap(&child, &mm), -ENOMEM);
        assert_int_equal(child.map_count, 2);
        assert_int_equal(validate_mm(&child), 0);
        exit_mmap(&child);
        assert_int_equal(zapped.n, 2);
        init_child(&child);
        assert_int_equal(fail_alloc_parse("site:vm_area_dup,nth:3"), 0);
        assert_int_equal(dup_mmap(&child, &mm), -ENOMEM);
        fail_alloc_reset();
        assert_int_equal(child.map_count, 2);
        exit_mmap(&child);
        assert_int_equal(child.map_count, 0);
}
static void test_exit_mmap(void **state)
{
        (void)state;
        map(A, P, RW, FIXED);
        map(A + 2 * P, 2 * P, PROT_READ, FIXED);
        exit_mmap(&mm);
        assert_int_equal(mm.map_count, 0);
        assert_int_equal(mm.total_vm, 0);
        assert_true(list_empty(&mm.mmap));
        assert_int_equal(mm.mmap_lock.count, 0);
        assert_int_equal(zapped.n, 2);
        assert_call(&zapped, 1, A + 2 * P, A + 4 * P);
        assert_int_equal(freed.n, 1);
        assert_call(&freed, 0, 0, TASK_SIZE_MAX);
}
static int nr_mappings(struct shmem_inode *obj)
{
        struct vm_area_struct *v;
        int n = 0;

        list_for_each_entry(v, &obj->i_mmap, vm_shared)
                n++;
        return n;
}
static void assert_maps(int n, struct shmem_inode *obj, unsigned long pgoff)
{
        struct vm_area_struct *v = nth_vma(&mm, n);

        assert_ptr_equal(v->vm_obj, obj);
        assert_int_equal(v->vm_pgoff, pgoff);
}
static void test_shared_anonymous(void **state)
{
        struct shmem_inode *obj;

        (void)state;
        assert_int_equal(map(A, 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), A);
        assert_int_equal(map(A + 4 * P, P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED),
                         A + 4 * P);
        assert_int_equal(mm.map_count, 2);
        obj = nth_vma(&mm, 0)->vm_obj;
        assert_non_null(obj);
        assert_ptr_not_equal(nth_vma(&mm, 1)->vm_obj, obj);
        assert_true((nth_vma(&mm, 0)->vm_flags & (VM_SHARED | VM_MAYSHARE)) ==
                    (VM_SHARED | VM_MAYSHARE));
        assert_int_equal(obj->i_size, 4 * P);
        assert_int_equal(obj->i_count, 1);
        assert_int_equal(unmap(A + P, P), 0);
        assert_maps(0, obj, 0);
        assert_maps(1, obj, 2);
        assert_int_equal(protect(A + 2 * P, P, PROT_READ), 0);
        assert_int_equal(mm.map_count, 4);
        assert_maps(2, obj, 3);
        assert_int_equal(obj->i_count, 3);
        assert_int_equal(nr_mappings(obj), 3);
        assert_int_equal(protect(A + 2 * P, P, RW), 0);
        assert_int_equal(mm.map_count, 3);
        assert_int_equal(obj->i_count, 2);
        assert_int_equal(nr_mappings(obj), 2);
}
static void test_fork_shares_objects(void **state)
{
        struct mm_struct child;
        struct shmem_inode *obj;
        struct vm_area_struct *v;

        (void)state;
        map(A, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED);
        v = nth_vma(&mm, 0);
        obj = v->vm_obj;
        init_child(&child);
        assert_int_equal(dup_mmap(&child, &mm), 0);
        assert_same_vmas(&child);
        assert_ptr_equal(nth_vma(&child, 0)->vm_obj, obj);
        assert_int_equal(obj->i_count, 2);
        assert_ptr_equal(v->vm_shared.next, &nth_vma(&child, 0)->vm_shared);
        exit_mmap(&child);
        assert_int_equal(obj->i_count, 1);
        assert_int_equal(nr_mappings(obj), 1);
}
static unsigned long map_obj(struct shmem_inode *obj, unsigned long addr,
                             unsigned long len, unsigned long flags, unsigned long pgoff)
{
        unsigned long ret;

        mmap_write_lock(&mm);
        ret = do_mmap_obj(&mm, obj, addr, len, RW, flags | MAP_FIXED, pgoff);
        mmap_write_unlock(&mm);
        assert_int_equal(validate_mm(&mm), 0);
        return ret;
}
static void test_map_an_object(void **state)
{
        struct shmem_inode *obj = shmem_inode_alloc(16 * P);

        (void)state;
        assert_int_equal(map_obj(obj, A, 2 * P, MAP_SHARED, 4), A);
        assert_int_equal(map_obj(obj, A + 2 * P, P, MAP_SHARED_VALIDATE, 6), A + 2 * P);
        assert_int_equal(mm.map_count, 1);
        assert_maps(0, obj, 4);
        assert_int_equal(map_obj(obj, A + 3 * P, P, MAP_SHARED, 0), A + 3 * P);
        assert_int_equal(mm.map_count, 2);
        assert_int_equal(map_obj(obj, A + 8 * P, P, MAP_PRIVATE, 9), A + 8 * P);
        assert_maps(2, obj, 9);
        assert_false(nth_vma(&mm, 2)->vm_flags & VM_SHARED);
        assert_int_equal(map_obj(obj, A + 9 * P, P, MAP_SHARED_VALIDATE | MAP_SYNC, 0),
                         (unsigned long)-EOPNOTSUPP);
        assert_int_equal(obj->i_count, 4);
        shmem_inode_put(obj);
}
static void test_syscalls(void **state)
{
        struct pt_regs r = { .di = 0, .si = 2 * P, .dx = RW, .r10 = ANON,
                             .r8 = -1UL, .r9 = 0 };
        unsigned long addr = mm.mmap_base - 2 * P;

        (void)state;
        assert_int_equal(__x64_sys_mmap(&r), (long)addr);
        assert_int_equal(mm.mmap_lock.count, 0);
        r.r9 = 1;
        assert_int_equal(__x64_sys_mmap(&r), -EINVAL);
        r = (struct pt_regs){ .si = P, .dx = RW, .r10 = MAP_PRIVATE };
        assert_int_equal(__x64_sys_mmap(&r), -EBADF);
        r = (struct pt_regs){ .di = addr, .si = P, .dx = PROT_READ };
        assert_int_equal(__x64_sys_mprotect(&r), 0);
        r = (struct pt_regs){ .di = addr + P, .si = P };
        assert_int_equal(__x64_sys_munmap(&r), 0);
        assert_vma(0, addr, addr + P, VM_READ);
        mm.start_brk = mm.brk = A;
        r = (struct pt_regs){ .di = A + P };
        assert_int_equal(__x64_sys_brk(&r), (long)(A + P));
        r.di = 0;
        assert_int_equal(__x64_sys_brk(&r), (long)(A + P));
        assert_int_equal(mm.mmap_lock.count, 0);
        assert_int_equal(validate_mm(&mm), 0);
}
static void test_changes_need_the_write_lock(void **state)
{
        (void)state;
        mmap_write_lock(&mm);
        do_mmap(&mm, A, 2 * P, RW, FIXED, 0);
        mmap_write_unlock(&mm);
        assert_int_equal(host_warnings, 0);
        do_mprotect(&mm, A, P, RW);
        assert_true(host_warnings >= 1);
        host_warnings = 0;
        mmap_read_lock(&mm);
        do_munmap(&mm, A + 8 * P, P);
        mmap_read_unlock(&mm);
        assert_true(host_warnings >= 1);
        host_warnings = 0;
}
#define VMA_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
                VMA_TEST(test_find_vma),
                VMA_TEST(test_insert_refuses_overlap),
                VMA_TEST(test_split_vma),
                VMA_TEST(test_mmap_merges_adjacent),
                VMA_TEST(test_munmap_middle),
                VMA_TEST(test_munmap_walks_only_the_range),
                VMA_TEST(test_munmap_across),
                VMA_TEST(test_munmap_nothing_and_errors),
                VMA_TEST(test_munmap_split_fails),
                VMA_TEST(test_mprotect_middle_and_back),
                VMA_TEST(test_mprotect_merges_beyond_range),
                VMA_TEST(test_mprotect_hole),
                VMA_TEST(test_mprotect_errors),
                VMA_TEST(test_map_fixed_replaces),
                VMA_TEST(test_topdown_placement),
                VMA_TEST(test_mmap_enomem),
                VMA_TEST(test_mmap_errors),
                VMA_TEST(test_private_writable_is_copy_on_write),
                VMA_TEST(test_brk),
                VMA_TEST(test_dup_mmap),
                VMA_TEST(test_dup_mmap_failure),
                VMA_TEST(test_exit_mmap),
                VMA_TEST(test_shared_anonymous),
                VMA_TEST(test_fork_shares_objects),
                VMA_TEST(test_map_an_object),
                VMA_TEST(test_syscalls),
                VMA_TEST(test_changes_need_the_write_lock),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
