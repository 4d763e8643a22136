/* Tangled from book/ptfree.nw (chapter "Freeing page tables by RCU, and the recheck after locking"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_HUGE_MM_H
#define _LINUX_HUGE_MM_H
#include <linux/mm.h>
#include <linux/pgtable.h>

struct shmem_inode;

#define HPAGE_PMD_ORDER 9
#define HPAGE_PMD_NR    (1UL << HPAGE_PMD_ORDER)
#define HPAGE_PMD_SIZE  (HPAGE_PMD_NR << PAGE_SHIFT)

void prep_compound_page(struct page *head, unsigned int order);
static inline bool folio_test_pmd(struct page *page)
{
        return !page->compound_head && page_test(page, PG_head) &&
               page->order == HPAGE_PMD_ORDER;
}
/* Context: mmap_lock held for reading.  True if it mapped the folio. */
bool do_set_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr);
/* Context: mmap_lock held for reading.  True if the fault was handled. */
bool huge_pmd_fault(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
                    unsigned int flags, vm_fault_t *ret);
/* Context: the caller may change the VMA's tables (mmap_lock or i_mmap_rwsem). */
void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address);
extern bool pt_free_deferred;
extern bool pte_recheck;
void pte_free_defer(struct mm_struct *mm, struct page *pte);
int collapse_file(struct shmem_inode *obj, unsigned long index);
void retract_page_tables(struct shmem_inode *obj, unsigned long index);
struct khugepaged_stats {
        unsigned long collapsed;        /* ranges made huge */
        unsigned long retracted;        /* PTE tables detached */
        unsigned long kept_busy;        /* tables left: not empty, or huge */
        unsigned long freed_after_gp;   /* atomic: tables freed by RCU */
        unsigned long stale_table;      /* faults that locked a freed table */
        unsigned long recheck_failed;   /* faults whose pmd_same recheck failed */
};
extern struct khugepaged_stats khugepaged_stats;
void report_detached_table(pte_t orig);
void report_stale_table(pte_t *pte, pte_t orig);
/* The PMD entry for addr, if the levels above exist; no locks taken. */
pmd_t *find_pmd_of(struct mm_struct *mm, unsigned long addr);
int madvise_collapse(struct mm_struct *mm, unsigned long start, unsigned long end);
void khugepaged_enter(struct shmem_inode *obj);
long khugepaged_scan_now(void);
#endif
