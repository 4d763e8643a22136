/* Tangled from book/ptfree.nw (chapter "Freeing page tables by RCU, and the recheck after locking"). Do not edit: edit the book and run make tangle. */
#include <asm/tlbflush.h>
#include <linux/huge_mm.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/shmem_fs.h>

struct khugepaged_stats khugepaged_stats;

void prep_compound_page(struct page *head, unsigned int order)
{
        for (unsigned long i = 1; i < (1UL << order); i++)
                head[i].compound_head = head;
}
bool do_set_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
        struct shmem_inode *obj = vma->vm_obj;
        struct mm_struct *mm = vma->vm_mm;
        unsigned long index = vma->vm_pgoff + ((haddr - vma->vm_start) >> PAGE_SHIFT);
        struct page *page;
        bool mapped = false;

        if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end ||
            (index % HPAGE_PMD_NR) || !(vma->vm_flags & VM_SHARED))
                return false;
        if (shmem_get_page(obj, index, SGP_READ, &page) || !page)
                return false;
        if (folio_test_pmd(page)) {
                spin_lock(&mm->page_table_lock);
                if (pmd_none(*pmd) &&
                    shmem_page_still_cached(obj, index + HPAGE_PMD_NR - 1,
                                            page + HPAGE_PMD_NR - 1)) {
                        set_pmd(pmd, pmd_mkhuge(pfn_pmd(page_to_pfn(page), vma->vm_page_prot)));
                        mapped = true;          /* the entry keeps our reference */
                        add_mm_counter(mm, MM_SHMEMPAGES, HPAGE_PMD_NR);
                }
                spin_unlock(&mm->page_table_lock);
        }
        if (!mapped)
                put_page(page);
        return mapped;
}

bool huge_pmd_fault(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
                    unsigned int flags, vm_fault_t *ret)
{
        struct mm_struct *mm = vma->vm_mm;
        pmd_t pmdval = pmdp_get_lockless(pmd);

        *ret = 0;
        if (pmd_trans_huge(pmdval)) {
                spin_lock(&mm->page_table_lock);
                if (pmd_same(*pmd, pmdval) && (flags & FAULT_FLAG_WRITE) &&
                    !(pmd_flags(pmdval) & _PAGE_RW) && (vma->vm_flags & VM_WRITE))
                        set_pmd(pmd, __pmd(pmd_val(pmdval) | _PAGE_RW | _PAGE_DIRTY));
                spin_unlock(&mm->page_table_lock);
                return true;
        }
        if (!pmd_none(pmdval))
                return false;
        return do_set_pmd(vma, pmd, address & PMD_MASK);
}
void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
        struct mm_struct *mm = vma->vm_mm;
        unsigned long haddr = address & PMD_MASK;

        spin_lock(&mm->page_table_lock);
        pmd_t pmdval = *pmd;
        if (!pmd_trans_huge(pmdval)) {
                spin_unlock(&mm->page_table_lock);
                return;
        }
        pmd_clear(pmd);
        add_mm_counter(mm, MM_SHMEMPAGES, -HPAGE_PMD_NR);
        spin_unlock(&mm->page_table_lock);
        flush_tlb_mm_range(mm, haddr, haddr + HPAGE_PMD_SIZE);
        put_page(pfn_to_page(pmd_pfn(pmdval)));
}
static void pte_free_rcu(struct rcu_head *head)
{
        struct page *page = container_of(head, struct page, rcu_head);

        pgtable_page_free(page->pt_mm, page);
        __atomic_add_fetch(&khugepaged_stats.freed_after_gp, 1, __ATOMIC_RELAXED);
}

void pte_free_defer(struct mm_struct *mm, struct page *pte)
{
        if (!pt_free_deferred) {
                pte_free_quick(mm, pte);        /* pt_free=now: broken on purpose */
                return;
        }
        mm_dec_nr_ptes(mm);
        call_rcu(&pte->rcu_head, pte_free_rcu);
}
void report_detached_table(pte_t orig)
{
        khugepaged_stats.recheck_failed++;
        pr_info("fault: the PMD entry changed while the fault held its table; "
                "entry read %016lx (%s); retrying\n",
                pte_val(orig), pte_present(orig) ? "present" : "not present");
}

void report_stale_table(pte_t *pte, pte_t orig)
{
        khugepaged_stats.stale_table++;
        pr_err("fault: PTE table %px was freed under the fault; entry read %016lx%s\n",
               (void *)pte, pte_val(orig),
               pte_val(orig) == 0xaaaaaaaaaaaaaaaaUL ? " (the allocator's poison)" : "");
}
static int set_collapse_recheck(char *val)
{
        int bad = parse_broken_switch("collapse_recheck", val, "on", "off",
                "a fault maps a small page that a collapse is replacing");
        if (bad < 0)
                return bad;
        collapse_recheck = !bad;
        return 0;
}
early_param("collapse_recheck", set_collapse_recheck);
bool pt_free_deferred = true;           /* false: pt_free=now, broken */

static int set_pt_free(char *val)
{
        int bad = parse_broken_switch("pt_free", val, "rcu", "now",
                "retracted page tables are freed while walkers may hold them");
        if (bad < 0)
                return bad;
        pt_free_deferred = !bad;
        return 0;
}
early_param("pt_free", set_pt_free);
bool pte_recheck = true;                /* false: pte_recheck=off, broken */

static int set_pte_recheck(char *val)
{
        int bad = parse_broken_switch("pte_recheck", val, "on", "off",
                "a fault trusts a PTE table it locked without checking the PMD");
        if (bad < 0)
                return bad;
        pte_recheck = !bad;
        return 0;
}
early_param("pte_recheck", set_pte_recheck);
