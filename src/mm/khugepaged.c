/* Tangled from book/ptfree.nw (chapter "Freeing page tables by RCU, and the recheck after locking"). Do not edit: edit the book and run make tangle. */
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/huge_mm.h>
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/syscalls.h>

pmd_t *find_pmd_of(struct mm_struct *mm, unsigned long addr)
{
        pgd_t *pgd = pgd_offset(mm, addr);

        if (!pgd_present(*pgd))
                return NULL;
        pud_t *pud = pud_offset(pgd, addr);
        if (!pud_present(*pud) || pud_leaf(*pud))
                return NULL;
        return pmd_offset(pud, addr);
}

static bool pte_table_empty(const pte_t *table)
{
        for (unsigned long i = 0; i < PTRS_PER_PTE; i++)
                if (!pte_none(ptep_get((pte_t *)&table[i])))
                        return false;
        return true;
}

static void retract_one(struct vm_area_struct *vma, unsigned long start,
                        unsigned long end, void *arg)
{
        struct mm_struct *mm = vma->vm_mm;
        pmd_t *pmd;
        (void)arg;

        if (!(vma->vm_flags & VM_SHARED) || (start & ~PMD_MASK) || end - start != PMD_SIZE)
                return;
        if (!(pmd = find_pmd_of(mm, start)))
                return;
        spin_lock(&mm->page_table_lock);
        pmd_t pmdval = *pmd;
        if (!pmd_present(pmdval) || pmd_leaf(pmdval)) {
                spin_unlock(&mm->page_table_lock);
                return;                 /* no table: nothing to retract */
        }
        spinlock_t *ptl = pte_lockptr(mm, pmdval);
        spin_lock(ptl);
        bool retract = pte_table_empty((pte_t *)pmd_page_vaddr(pmdval));
        if (retract)
                pmd_clear(pmd);
        spin_unlock(ptl);
        spin_unlock(&mm->page_table_lock);
        if (!retract) {
                khugepaged_stats.kept_busy++;
                return;
        }
        flush_tlb_mm_range(mm, start, end);
        pte_free_defer(mm, pmd_page(pmdval));
        khugepaged_stats.retracted++;
        race_point("collapse:retracted");
}

void retract_page_tables(struct shmem_inode *obj, unsigned long index)
{
        shmem_for_each_mapping(obj, index, index + HPAGE_PMD_NR, retract_one, NULL);
}
static bool collapse_range_ok(struct shmem_inode *obj, unsigned long index, int *err)
{
        bool ok;

        spin_lock(&obj->i_pages_lock);
        struct page *first = pc_lookup(&obj->i_pages, index);
        unsigned long size = (unsigned long)obj->i_size >> PAGE_SHIFT;
        *err = index + HPAGE_PMD_NR > size ? -EINVAL : 0;
        ok = !*err && !(first && folio_test_pmd(first));
        spin_unlock(&obj->i_pages_lock);
        return ok;
}

static void zap_for_collapse(struct vm_area_struct *vma, unsigned long start,
                             unsigned long end, void *arg)
{
        (void)arg;
        unmap_object_pages(vma, start, end);
}

int collapse_file(struct shmem_inode *obj, unsigned long index)
{
        struct page **old = NULL, *folio = NULL;
        int err = 0;

        if (index % HPAGE_PMD_NR)
                return -EINVAL;
        mutex_lock(&obj->i_mutex);
        if (!collapse_range_ok(obj, index, &err))
                goto out;
        old = kzalloc(HPAGE_PMD_NR * sizeof(*old), GFP_KERNEL);
        folio = alloc_pages(GFP_USER_SHMEM, HPAGE_PMD_ORDER);
        if (!old || !folio) {
                err = -ENOMEM;
                goto out;
        }
        prep_compound_page(folio, HPAGE_PMD_ORDER);
        race_point("collapse:begin");
        spin_lock(&obj->i_pages_lock);
        obj->collapse_start = index;
        obj->collapse_nr = HPAGE_PMD_NR;
        spin_unlock(&obj->i_pages_lock);
        shmem_for_each_mapping(obj, index, index + HPAGE_PMD_NR, zap_for_collapse, NULL);
        race_point("collapse:zapped");
        for (unsigned long i = 0; i < HPAGE_PMD_NR; i++) {
                struct page *page;
                spin_lock(&obj->i_pages_lock);
                if ((page = pc_lookup(&obj->i_pages, index + i)))
                        get_page(page);
                spin_unlock(&obj->i_pages_lock);
                if (page) {
                        memcpy(page_address(folio + i), page_address(page), PAGE_SIZE);
                        put_page(page);
                } else {
                        memset(page_address(folio + i), 0, PAGE_SIZE);
                }
        }
        spin_lock(&obj->i_pages_lock);
        unsigned long filled = 0;
        for (unsigned long i = 0; i < HPAGE_PMD_NR && !err; i++) {
                if (pc_lookup(&obj->i_pages, index + i))
                        continue;
                if ((err = pc_insert(&obj->i_pages, index + i, folio + i)))
                        break;
                get_page(folio);
                filled = i + 1;
        }
        if (err) {
                for (unsigned long i = 0; i < filled; i++)
                        if (pc_lookup(&obj->i_pages, index + i) == folio + i) {
                                pc_delete(&obj->i_pages, index + i);
                                put_page(folio);
                        }
        } else {
                for (unsigned long i = 0; i < HPAGE_PMD_NR; i++) {
                        struct page *page = pc_lookup(&obj->i_pages, index + i);
                        if (page == folio + i)
                                continue;
                        old[i] = pc_replace(&obj->i_pages, index + i, folio + i);
                        get_page(folio);
                }
        }
        obj->collapse_nr = 0;
        spin_unlock(&obj->i_pages_lock);
        for (unsigned long i = 0; i < HPAGE_PMD_NR; i++)
                if (old[i])
                        put_page(old[i]);
        if (err)
                goto out;
        khugepaged_stats.collapsed++;
        retract_page_tables(obj, index);
out:
        mutex_unlock(&obj->i_mutex);
        if (folio)
                put_page(folio);        /* the allocation's reference */
        kfree(old);
        return err;
}
int madvise_collapse(struct mm_struct *mm, unsigned long start, unsigned long end)
{
        unsigned long hstart = (start + HPAGE_PMD_SIZE - 1) & PMD_MASK;
        unsigned long hend = end & PMD_MASK;
        int err = 0;

        if (hstart >= hend)
                return -EINVAL;
        for (unsigned long addr = hstart; addr < hend && !err; addr += HPAGE_PMD_SIZE) {
                struct vm_area_struct *vma = find_vma(mm, addr);
                if (!vma || vma->vm_start > addr || vma->vm_end < addr + HPAGE_PMD_SIZE)
                        return -ENOMEM;
                if (!vma->vm_obj)
                        return -EINVAL;
                unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
                if (index % HPAGE_PMD_NR)
                        return -EINVAL;
                if ((err = collapse_file(vma->vm_obj, index)))
                        break;
                pmd_t *pmd = find_pmd_of(mm, addr);
                if (pmd && pmd_none(*pmd))
                        do_set_pmd(vma, pmd, addr);
        }
        return err;
}
static DECLARE_WAIT_QUEUE_HEAD(khugepaged_wait);
static DECLARE_WAIT_QUEUE_HEAD(khugepaged_done);
static unsigned long khugepaged_requests, khugepaged_passes;
static int khugepaged_started;

void khugepaged_enter(struct shmem_inode *obj)
{
        spin_lock(&khugepaged_lock);
        if (list_empty(&obj->khugepaged_link))
                list_add_tail(&obj->khugepaged_link, &khugepaged_objects);
        spin_unlock(&khugepaged_lock);
}
static void khugepaged_scan_object(struct shmem_inode *obj)
{
        unsigned long size = (unsigned long)READ_ONCE(obj->i_size) >> PAGE_SHIFT;

        for (unsigned long index = 0; index + HPAGE_PMD_NR <= size; index += HPAGE_PMD_NR) {
                unsigned long at = index;
                spin_lock(&obj->i_pages_lock);
                struct page *page = pc_next(&obj->i_pages, &at);
                bool worth = page && at < index + HPAGE_PMD_NR &&
                             !folio_test_pmd(compound_head(page));
                spin_unlock(&obj->i_pages_lock);
                if (worth)
                        collapse_file(obj, index);
        }
}

static void khugepaged_do_pass(void)
{
        struct shmem_inode *obj, *prev = NULL;

        spin_lock(&khugepaged_lock);
        struct list_head *e = khugepaged_objects.next;
        while (e != &khugepaged_objects) {
                obj = list_entry(e, struct shmem_inode, khugepaged_link);
                if (!shmem_inode_tryget(obj)) {
                        e = e->next;
                        continue;
                }
                spin_unlock(&khugepaged_lock);
                if (prev)
                        shmem_inode_put(prev);
                khugepaged_scan_object(obj);
                prev = obj;             /* our reference keeps it on the list */
                spin_lock(&khugepaged_lock);
                e = obj->khugepaged_link.next;
        }
        spin_unlock(&khugepaged_lock);
        if (prev)
                shmem_inode_put(prev);
}

static int khugepaged(void *arg)
{
        (void)arg;
        for (;;) {
                wait_event(khugepaged_wait,
                           READ_ONCE(khugepaged_requests) != READ_ONCE(khugepaged_passes));
                unsigned long upto = READ_ONCE(khugepaged_requests);
                khugepaged_do_pass();
                WRITE_ONCE(khugepaged_passes, upto);
                wake_up(&khugepaged_done);
        }
        return 0;
}
long khugepaged_scan_now(void)
{
        unsigned long before = khugepaged_stats.collapsed;
        int zero = 0;

        if (__atomic_compare_exchange_n(&khugepaged_started, &zero, 1, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_RELAXED) &&
            !kthread_create(khugepaged, NULL, "khugepaged", num_online_cpus() - 1)) {
                WRITE_ONCE(khugepaged_started, 0);
                return -ENOMEM;
        }
        spin_lock(&khugepaged_lock);
        unsigned long ticket = ++khugepaged_requests;
        spin_unlock(&khugepaged_lock);
        wake_up(&khugepaged_wait);
        wait_event(khugepaged_done, (long)(READ_ONCE(khugepaged_passes) - ticket) >= 0);
        return khugepaged_stats.collapsed - before;
}
static bool madvise_known(int behavior)
{
        switch (behavior) {
        case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
        case MADV_DONTNEED: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_COLLAPSE:
                return true;
        }
        return false;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
        struct mm_struct *mm = current->mm;
        size_t len = (len_in + PAGE_SIZE - 1) & PAGE_MASK;
        unsigned long end = start + len, addr = start;
        int ret = 0;

        if ((start & ~PAGE_MASK) || (len_in && !len) || end < start || !madvise_known(behavior))
                return -EINVAL;
        if (start == end)
                return 0;
        mmap_read_lock(mm);
        if (behavior == MADV_COLLAPSE) {
                ret = madvise_collapse(mm, start, end);
                mmap_read_unlock(mm);
                return ret;
        }
        while (addr < end) {
                struct vm_area_struct *vma = find_vma(mm, addr);
                if (!vma || vma->vm_start >= end) {
                        ret = -ENOMEM;
                        break;
                }
                if (vma->vm_start > addr)
                        ret = -ENOMEM;          /* a hole before this VMA */
                unsigned long s = max(addr, vma->vm_start), e = min(end, vma->vm_end);
                if (behavior == MADV_DONTNEED)
                        unmap_region(vma, s, e);
                else if (behavior == MADV_HUGEPAGE && vma->vm_obj)
                        khugepaged_enter(vma->vm_obj);
                addr = e;
        }
        mmap_read_unlock(mm);
        return ret;
}
