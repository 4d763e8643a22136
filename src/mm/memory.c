/* Tangled from book/fault.nw (chapter "Page faults and copy-on-write"). Do not edit: edit the book and run make tangle. */
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/huge_mm.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>

static void put_user_page(struct page *page)
{
        __atomic_sub_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED);
        put_page(page);                 /* frees the page, or its folio, if last */
}
static void put_user_page_ref(struct page *page)
{
        put_page(page);
}
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, pmd_t *pmd,
                                    unsigned long address)
{
        struct page *page = alloc_page(GFP_USER_ANON | __GFP_ZERO);
        spinlock_t *ptl;

        if (!page)
                return VM_FAULT_OOM;
        pte_t entry = mk_pte(page, vma->vm_page_prot);
        if (vma->vm_flags & VM_WRITE)
                entry = pte_mkdirty(pte_mkwrite(entry));
        pte_t *pte = pte_offset_map_lock(vma->vm_mm, pmd, address, &ptl);
        if (!pte || !pte_none(ptep_get(pte))) {
                if (pte)
                        pte_unmap_unlock(pte, ptl);
                __free_page(page);              /* another thread won */
                return 0;
        }
        page->_mapcount = 0;
        inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
        set_pte_at(vma->vm_mm, address, pte, entry);
        pte_unmap_unlock(pte, ptl);
        return 0;
}
static vm_fault_t do_wp_page(struct vm_area_struct *vma, pmd_t *pmd,
                             unsigned long address, pte_t *pte, spinlock_t *ptl,
                             pte_t orig)
{
        struct mm_struct *mm = vma->vm_mm;
        struct page *old = pte_page(orig);

        if (page_count(old) == 1 || (vma->vm_flags & VM_SHARED)) {
                set_pte_at(mm, address, pte, pte_mkdirty(pte_mkwrite(pte_mkyoung(orig))));
                __flush_tlb_one(address);
                pte_unmap_unlock(pte, ptl);
                return 0;
        }
        get_page(old);                          /* keep it while unlocked */
        pte_unmap_unlock(pte, ptl);
        struct page *new = alloc_page(GFP_USER_ANON);
        if (!new) {
                put_user_page_ref(old);
                return VM_FAULT_OOM;
        }
        memcpy(page_address(new), page_address(old), PAGE_SIZE);
        pte = pte_offset_map_lock(mm, pmd, address, &ptl);
        if (!pte || !pte_same(ptep_get(pte), orig)) {
                if (pte)
                        pte_unmap_unlock(pte, ptl);
                __free_page(new);
                put_user_page_ref(old);
                return 0;                       /* changed under us: retry */
        }
        ptep_get_and_clear(mm, address, pte);
        flush_tlb_mm_range(mm, address, address + PAGE_SIZE);
        new->_mapcount = 0;
        if (mm_counter(old) != MM_ANONPAGES) {
                dec_mm_counter(mm, mm_counter(old));
                inc_mm_counter(mm, MM_ANONPAGES);
        }
        set_pte_at(mm, address, pte, pte_mkdirty(pte_mkwrite(mk_pte(new, vma->vm_page_prot))));
        pte_unmap_unlock(pte, ptl);
        put_user_page(old);                     /* the mapping's reference */
        put_user_page_ref(old);                 /* ours */
        return 0;
}
static vm_fault_t handle_pte_fault(struct vm_area_struct *vma, pmd_t *pmd,
                                   unsigned long address, unsigned int flags)
{
        spinlock_t *ptl;
        pmd_t pmdval;
        pte_t *pte = pte_offset_map_rw_nolock(vma->vm_mm, pmd, address, &pmdval, &ptl);

        if (!pte)
                return 0;                       /* none or huge by now: retry */
        race_point("pte-fault:after-map");
        pte_t orig = ptep_get_lockless(pte);
        if (pte_none(orig)) {
                pte_unmap(pte);
                if (vma->vm_obj)
                        return shmem_fault(vma, pmd, address, flags);
                return do_anonymous_page(vma, pmd, address);
        }
        spin_lock(ptl);
        if (unlikely(!PageTable(virt_to_page(pte)))) {
                report_stale_table(pte, orig);
                spin_unlock(ptl);
                pte_unmap(pte);
                return 0;
        }
        if (unlikely(pte_recheck && !pmd_same(pmdval, pmdp_get_lockless(pmd)))) {
                report_detached_table(orig);
                pte_unmap_unlock(pte, ptl);
                return 0;                       /* the table was detached: retry */
        }
        if (unlikely(!pte_same(ptep_get(pte), orig))) {
                pte_unmap_unlock(pte, ptl);
                return 0;
        }
        if ((flags & FAULT_FLAG_WRITE) && !pte_write(orig))
                return do_wp_page(vma, pmd, address, pte, ptl, orig);
        pte_unmap_unlock(pte, ptl);
        return 0;                               /* spurious */
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
                           unsigned int flags)
{
        struct mm_struct *mm = vma->vm_mm;
        vm_fault_t ret;

        address &= PAGE_MASK;
        pud_t *pud = pud_alloc(mm, pgd_offset(mm, address), address);
        pmd_t *pmd = pud ? pmd_alloc(mm, pud, address) : NULL;
        if (!pmd)
                return VM_FAULT_OOM;
        if (vma->vm_obj && huge_pmd_fault(vma, pmd, address, flags, &ret))
                return ret;
        race_point("pte-fault:before-alloc");
        if (pte_alloc(mm, pmd))
                return VM_FAULT_OOM;
        return handle_pte_fault(vma, pmd, address, flags);
}
typedef void (*pte_visit_t)(struct vm_area_struct *vma, pte_t *pte,
                            unsigned long addr, void *arg);

static void walk_pte_range(struct vm_area_struct *vma, unsigned long addr,
                           unsigned long end, pte_visit_t visit, void *arg)
{
        struct mm_struct *mm = vma->vm_mm;
        unsigned long next;

        for (; addr < end; addr = next) {
                pgd_t *pgd = pgd_offset(mm, addr);
                next = pgd_addr_end(addr, end);
                if (!pgd_present(*pgd))
                        continue;
                pud_t *pud = pud_offset(pgd, addr);
                next = pud_addr_end(addr, end);
                if (!pud_present(*pud))
                        continue;
                pmd_t *pmd = pmd_offset(pud, addr);
                next = pmd_addr_end(addr, end);
                if (pmd_trans_huge(pmdp_get_lockless(pmd)))
                        split_huge_pmd(vma, pmd, addr);
                spinlock_t *ptl;
                pte_t *start = pte_offset_map_lock(mm, pmd, addr, &ptl);
                if (!start)
                        continue;
                pte_t *pte = start;
                for (unsigned long a = addr; a < next; a += PAGE_SIZE, pte++)
                        visit(vma, pte, a, arg);
                pte_unmap_unlock(start, ptl);
        }
}
int *pte_map_depth_ptr(void)
{
        return &current->pte_maps_open;
}

unsigned long zone_irq_save(void)
{
        unsigned long flags;

        local_irq_save(flags);
        return flags;
}

void zone_irq_restore(unsigned long flags)
{
        local_irq_restore(flags);
}
#define GATHER_LOCAL 8
#define GATHER_BATCH 64
struct mmu_gather {
        struct mm_struct *mm;
        unsigned long start, end;
        bool only_object;               /* spare private copies (a collapse) */
        unsigned int nr, max;
        struct page **pages;            /* local, or a batch once local is full */
        struct page *local[GATHER_LOCAL];
};
static void tlb_flush_and_free(struct mmu_gather *tlb)
{
        if (!tlb->nr)
                return;
        flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
        for (unsigned int i = 0; i < tlb->nr; i++)
                put_user_page(tlb->pages[i]);
        tlb->nr = 0;
}
static void tlb_make_room(struct mmu_gather *tlb)
{
        struct page **batch = NULL;

        if (tlb->pages == tlb->local)
                batch = kmalloc(GATHER_BATCH * sizeof(*batch), GFP_KERNEL | __GFP_NOWARN);
        if (!batch) {
                tlb_flush_and_free(tlb);
                return;
        }
        memcpy(batch, tlb->local, sizeof(tlb->local));
        tlb->pages = batch;
        tlb->max = GATHER_BATCH;
}
static void zap_one(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
                    void *arg)
{
        struct mmu_gather *tlb = arg;
        pte_t entry = ptep_get(pte);

        if (tlb->only_object && pte_present(entry) &&
            compound_head(pte_page(entry))->acct != PGACCT_SHMEM)
                return;                 /* a private copy: not the object's page */
        entry = ptep_get_and_clear(vma->vm_mm, addr, pte);
        if (!pte_present(entry))
                return;
        dec_mm_counter(vma->vm_mm, mm_counter(pte_page(entry)));
        if (tlb->nr == tlb->max)
                tlb_make_room(tlb);
        tlb->pages[tlb->nr++] = pte_page(entry);
}
static void zap_range(struct vm_area_struct *vma, unsigned long start,
                      unsigned long end, bool only_object)
{
        struct mmu_gather tlb = { .mm = vma->vm_mm, .start = start, .end = end,
                                  .only_object = only_object, .max = GATHER_LOCAL };

        update_hiwater_rss(vma->vm_mm);         /* before the count goes down */
        tlb.pages = tlb.local;
        walk_pte_range(vma, start, end, zap_one, &tlb);
        tlb_flush_and_free(&tlb);
        if (tlb.pages != tlb.local)
                kfree(tlb.pages);
}

void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
        zap_range(vma, start, end, false);
}

void unmap_object_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
        zap_range(vma, start, end, true);
}
static void protect_one(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
                        void *arg)
{
        pgprot_t *prot = arg;
        pte_t entry = ptep_get(pte);

        if (!pte_present(entry))
                return;
        pteval_t keep = pte_val(entry) & (PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY);
        set_pte_at(vma->vm_mm, addr, pte, __pte(keep | pgprot_val(*prot)));
}
void change_protection(struct vm_area_struct *vma, unsigned long start,
                       unsigned long end, pgprot_t newprot)
{
        walk_pte_range(vma, start, end, protect_one, &newprot);
        flush_tlb_mm_range(vma->vm_mm, start, end);
}
struct copy_state {
        struct mm_struct *dst_mm;
        pmd_t *dst_pmd;
        bool cow;
};
static void copy_one(struct vm_area_struct *vma, pte_t *pte, unsigned long addr, void *arg)
{
        struct copy_state *cs = arg;
        pte_t entry = ptep_get(pte);

        if (!pte_present(entry))
                return;
        if (cs->cow && pte_write(entry)) {
                entry = pte_wrprotect(entry);
                set_pte_at(vma->vm_mm, addr, pte, entry);
        }
        struct page *page = pte_page(entry);
        get_page(page);
        __atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED);
        pte_t *dst = pte_offset_kernel(cs->dst_pmd, addr);
        inc_mm_counter(cs->dst_mm, mm_counter(page));
        set_pte_at(cs->dst_mm, addr, dst, entry);
}
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
        struct copy_state cs = { dst_vma->vm_mm, NULL,
                                 !(src_vma->vm_flags & VM_SHARED) };
        unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;

        if (src_vma->vm_flags & VM_SHARED)
                return 0;                       /* the child faults the object's pages */
        for (; addr < end; addr = next) {
                next = pmd_addr_end(addr, end);
                {
                        pgd_t *pgd = pgd_offset(src_vma->vm_mm, addr);
                        if (!pgd_present(*pgd))
                                continue;
                        pud_t *spud = pud_offset(pgd, addr);
                        if (!pud_present(*spud))
                                continue;
                        pmd_t spmd = pmdp_get_lockless(pmd_offset(spud, addr));
                        if (!pmd_present(spmd) || pmd_trans_huge(spmd))
                                continue;
                }
                pud_t *pud = pud_alloc(cs.dst_mm, pgd_offset(cs.dst_mm, addr), addr);
                cs.dst_pmd = pud ? pmd_alloc(cs.dst_mm, pud, addr) : NULL;
                if (!cs.dst_pmd || pte_alloc(cs.dst_mm, cs.dst_pmd))
                        return -ENOMEM;
                walk_pte_range(src_vma, addr, next, copy_one, &cs);
        }
        flush_tlb_mm_range(src_vma->vm_mm, src_vma->vm_start, src_vma->vm_end);
        return 0;
}
static pmd_t *pmd_of(struct mm_struct *mm, unsigned long addr, bool alloc)
{
        pgd_t *pgd = pgd_offset(mm, addr);

        if (alloc) {
                pud_t *pud = pud_alloc(mm, pgd, addr);
                pmd_t *pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
                return pmd && !pte_alloc(mm, pmd) ? pmd : NULL;
        }
        if (!pgd_present(*pgd))
                return NULL;
        pud_t *pud = pud_offset(pgd, addr);
        return pud_present(*pud) ? pmd_offset(pud, addr) : NULL;
}
int move_page_tables(struct vm_area_struct *vma, unsigned long old, unsigned long new_addr,
                     unsigned long len)
{
        struct mm_struct *mm = vma->vm_mm;
        spinlock_t *sptl, *dptl;

        for (unsigned long off = 0; off < len; off = pmd_addr_end(new_addr + off,
                                                               new_addr + len) - new_addr)
                if (!pmd_of(mm, new_addr + off, true))
                        return -ENOMEM;
        for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
                unsigned long a = old + off;
                pmd_t *spmd = pmd_of(mm, a, false);
                if (!spmd)
                        continue;
                if (pmd_trans_huge(pmdp_get_lockless(spmd)))
                        split_huge_pmd(vma, spmd, a);
                pte_t *spte = pte_offset_map_lock(mm, spmd, a, &sptl);
                if (!spte)
                        continue;
                pte_t entry = ptep_get_and_clear(mm, a, spte);
                pte_unmap_unlock(spte, sptl);
                if (pte_none(entry))
                        continue;
                pte_t *dpte = pte_offset_map_lock(mm, pmd_of(mm, new_addr + off, false),
                                                  new_addr + off, &dptl);
                set_pte_at(mm, new_addr + off, dpte, entry);
                pte_unmap_unlock(dpte, dptl);
        }
        flush_tlb_mm_range(mm, old, old + len);
        return 0;
}
#define FAULT_AROUND_PAGES 16           /* Linux's fault_around_bytes: 64 KiB */

bool fault_around = true;

static int set_fault_around(char *val)
{
        if (!val || (strcmp(val, "on") && strcmp(val, "off")))
                return -EINVAL;
        fault_around = !strcmp(val, "on");
        return 0;
}
early_param("fault_around", set_fault_around);

/* Context: the PTE lock of the table that holds pte held; pte maps address. */
static void shmem_fault_around(struct vm_area_struct *vma, pte_t *pte, unsigned long address)
{
        unsigned long span = FAULT_AROUND_PAGES * PAGE_SIZE;
        unsigned long start = max(max(address & ~(span - 1), address & PMD_MASK), vma->vm_start);
        unsigned long end = min(min((address & ~(span - 1)) + span,
                                    (address & PMD_MASK) + PMD_SIZE), vma->vm_end);
        unsigned long first = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
        unsigned int nr = (end - start) >> PAGE_SHIFT;
        struct page *pages[FAULT_AROUND_PAGES];

        shmem_get_cached_pages(vma->vm_obj, first, nr, pages);
        for (unsigned int i = 0; i < nr; i++) {
                unsigned long addr = start + i * PAGE_SIZE;
                pte_t *ptep = pte + ((long)(addr - address) >> PAGE_SHIFT);

                if (!pages[i])
                        continue;
                if (addr == address || !pte_none(ptep_get(ptep))) {
                        put_page(pages[i]);
                        continue;
                }
                inc_mm_counter(vma->vm_mm, MM_SHMEMPAGES);
                __atomic_add_fetch(&pages[i]->_mapcount, 1, __ATOMIC_RELAXED);
                set_pte_at(vma->vm_mm, addr, ptep, mk_pte(pages[i], vma->vm_page_prot));
        }
}
vm_fault_t shmem_fault(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
                       unsigned int flags)
{
        struct shmem_inode *obj = vma->vm_obj;
        unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
        struct page *page, *copy = NULL;
        int err;

        if (shmem_fault_delay && (flags & FAULT_FLAG_WRITE) && (vma->vm_flags & VM_SHARED))
                msleep(shmem_fault_delay);
        err = shmem_get_page(obj, index, SGP_FAULT, &page);
        if (err == -EAGAIN) {
                schedule();                     /* being collapsed: let it finish */
                return 0;                       /* and fault again */
        }
        if (err)
                return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
        race_point("shmem-fault:got-page");
        if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED)) {
                if (!(copy = alloc_page(GFP_USER_ANON))) {
                        put_page(page);
                        return VM_FAULT_OOM;
                }
                memcpy(page_address(copy), page_address(page), PAGE_SIZE);
        }
        spinlock_t *ptl;
        pte_t *pte = pte_offset_map_lock(vma->vm_mm, pmd, address, &ptl);
        if (!pte || !pte_none(ptep_get(pte)) || !shmem_page_still_cached(obj, index, page)) {
                if (pte)
                        pte_unmap_unlock(pte, ptl);
                race_point("shmem-fault:rechecked");
                if (copy)
                        put_page(copy);
                put_page(page);
                return 0;
        }
        inc_mm_counter(vma->vm_mm, copy ? MM_ANONPAGES : MM_SHMEMPAGES);
        if (copy) {
                copy->_mapcount = 0;
                set_pte_at(vma->vm_mm, address, pte,
                           pte_mkdirty(pte_mkwrite(mk_pte(copy, vma->vm_page_prot))));
        } else {
                __atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED);
                set_pte_at(vma->vm_mm, address, pte, mk_pte(page, vma->vm_page_prot));
                if (!(flags & FAULT_FLAG_WRITE) && fault_around)
                        shmem_fault_around(vma, pte, address);
        }
        pte_unmap_unlock(pte, ptl);
        race_point("shmem-fault:rechecked");
        if (copy)
                put_page(page);
        race_point("shmem-fault:installed");
        return 0;
}
