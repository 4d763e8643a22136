/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <asm/pgtable_types.h>

#define PTRS_PER_PTE  PTRS_PER_TABLE
#define PTRS_PER_PMD  PTRS_PER_TABLE
#define PTRS_PER_PUD  PTRS_PER_TABLE
#define PTRS_PER_PGD  PTRS_PER_TABLE
#define PUD_MASK      (~(PUD_SIZE - 1))
#define PGDIR_SIZE    (_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK    (~(PGDIR_SIZE - 1))

static inline unsigned long __pt_addr_end(unsigned long addr, unsigned long end,
                                          unsigned long size)
{
        unsigned long boundary = (addr + size) & ~(size - 1);

        return boundary - 1 < end - 1 ? boundary : end;
}
#define pgd_addr_end(addr, end) __pt_addr_end(addr, end, PGDIR_SIZE)
#define pud_addr_end(addr, end) __pt_addr_end(addr, end, PUD_SIZE)
#define pmd_addr_end(addr, end) __pt_addr_end(addr, end, PMD_SIZE)
#define _PAGE_PROTNONE  _PAGE_GLOBAL

static inline pteval_t pte_flags(pte_t pte) { return pte_val(pte) & ~PTE_PFN_MASK; }
static inline bool pte_none(pte_t pte) { return !pte_val(pte); }
static inline bool pte_present(pte_t pte)
{
        return pte_flags(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}
static inline bool pte_protnone(pte_t pte)
{
        return (pte_flags(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE;
}
static inline bool pte_write(pte_t pte) { return pte_flags(pte) & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte) { return pte_flags(pte) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t pte) { return pte_flags(pte) & _PAGE_ACCESSED; }
static inline bool pte_exec(pte_t pte) { return !(pte_flags(pte) & _PAGE_NX); }
static inline unsigned long pte_pfn(pte_t pte)
{
        return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
}
#define pte_page(pte) pfn_to_page(pte_pfn(pte))
#define __PAGE_USER_BASE   (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_NONE          __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED        __pgprot(__PAGE_USER_BASE | _PAGE_RW | _PAGE_NX)
#define PAGE_SHARED_EXEC   __pgprot(__PAGE_USER_BASE | _PAGE_RW)
#define PAGE_COPY          __pgprot(__PAGE_USER_BASE | _PAGE_NX)
#define PAGE_COPY_EXEC     __pgprot(__PAGE_USER_BASE)
#define PAGE_READONLY      __pgprot(__PAGE_USER_BASE | _PAGE_NX)
#define PAGE_READONLY_EXEC __pgprot(__PAGE_USER_BASE)
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
        return __pte((((pteval_t)pfn << PAGE_SHIFT) & PTE_PFN_MASK) | pgprot_val(prot));
}
#define mk_pte(page, prot) pfn_pte(page_to_pfn(page), prot)
static inline pte_t pte_set_flags(pte_t pte, pteval_t f) { return __pte(pte_val(pte) | f); }
static inline pte_t pte_clear_flags(pte_t pte, pteval_t f) { return __pte(pte_val(pte) & ~f); }
static inline pte_t pte_mkwrite(pte_t pte) { return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkyoung(pte_t pte) { return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte) { return pte_clear_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkdirty(pte_t pte) { return pte_set_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte) { return pte_clear_flags(pte, _PAGE_DIRTY); }
static inline bool pte_same(pte_t a, pte_t b) { return pte_val(a) == pte_val(b); }
static inline pteval_t pmd_flags(pmd_t pmd) { return pmd_val(pmd) & ~PTE_PFN_MASK; }
static inline bool pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline bool pmd_present(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_PRESENT; }
static inline bool pmd_leaf(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_PSE; }
static inline bool pmd_trans_huge(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_PSE; }
static inline bool pmd_bad(pmd_t pmd)
{
        return (pmd_flags(pmd) & ~(_PAGE_USER | _PAGE_ACCESSED)) !=
               (_PAGE_PRESENT | _PAGE_RW);
}
static inline bool pmd_same(pmd_t a, pmd_t b) { return pmd_val(a) == pmd_val(b); }
static inline unsigned long pmd_pfn(pmd_t pmd)
{
        pteval_t mask = pmd_leaf(pmd) ? (PTE_PFN_MASK & PMD_MASK) : PTE_PFN_MASK;

        return (pmd_val(pmd) & mask) >> PAGE_SHIFT;
}
static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
        return __pmd((((pteval_t)pfn << PAGE_SHIFT) & PTE_PFN_MASK) | pgprot_val(prot));
}
static inline pmd_t pmd_mkhuge(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_PSE); }
static inline pteval_t pud_flags(pud_t pud) { return pud_val(pud) & ~PTE_PFN_MASK; }
static inline bool pud_none(pud_t pud) { return !pud_val(pud); }
static inline bool pud_present(pud_t pud) { return pud_flags(pud) & _PAGE_PRESENT; }
static inline bool pud_leaf(pud_t pud) { return pud_flags(pud) & _PAGE_PSE; }
static inline bool pud_bad(pud_t pud)
{
        return (pud_flags(pud) & ~(_PAGE_USER | _PAGE_ACCESSED)) !=
               (_PAGE_PRESENT | _PAGE_RW);
}
static inline pteval_t pgd_flags(pgd_t pgd) { return pgd_val(pgd) & ~PTE_PFN_MASK; }
static inline bool pgd_none(pgd_t pgd) { return !pgd_val(pgd); }
static inline bool pgd_present(pgd_t pgd) { return pgd_flags(pgd) & _PAGE_PRESENT; }
static inline bool pgd_bad(pgd_t pgd)
{
        return (pgd_flags(pgd) & ~(_PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)) !=
               (_PAGE_PRESENT | _PAGE_RW);
}
static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
        return (unsigned long)__va(pmd_val(pmd) & PTE_PFN_MASK);
}
#define pmd_page(pmd) pfn_to_page(pmd_pfn(pmd))
static inline pmd_t *pud_pgtable(pud_t pud)
{
        return (pmd_t *)__va(pud_val(pud) & PTE_PFN_MASK);
}
static inline unsigned long pgd_page_vaddr(pgd_t pgd)
{
        return (unsigned long)__va(pgd_val(pgd) & PTE_PFN_MASK);
}
static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
        return pgd + pgd_index(addr);
}
static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
        return pgd_offset_pgd(mm->pgd, addr);
}
static inline pud_t *pud_offset(pgd_t *pgd, unsigned long addr)
{
        return (pud_t *)pgd_page_vaddr(*pgd) + pud_index(addr);
}
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr)
{
        return pud_pgtable(*pud) + pmd_index(addr);
}
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
        return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(addr);
}
static inline pte_t ptep_get(pte_t *ptep) { return __pte(READ_ONCE(ptep->pte)); }
static inline pte_t ptep_get_lockless(pte_t *ptep) { return ptep_get(ptep); }
static inline pmd_t pmdp_get_lockless(pmd_t *pmdp) { return __pmd(READ_ONCE(pmdp->pmd)); }
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
                              pte_t *ptep, pte_t pte)
{
        (void)mm; (void)addr;
        WRITE_ONCE(ptep->pte, pte_val(pte));
}
static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
        set_pte_at(mm, addr, ptep, __pte(0));
}
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
                                       pte_t *ptep)
{
        (void)mm; (void)addr;
        return __pte(__atomic_exchange_n(&ptep->pte, 0, __ATOMIC_SEQ_CST));
}
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { WRITE_ONCE(pmdp->pmd, pmd_val(pmd)); }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }
static inline void set_pud(pud_t *pudp, pud_t pud) { WRITE_ONCE(pudp->pud, pud_val(pud)); }
static inline void pud_clear(pud_t *pudp) { set_pud(pudp, __pud(0)); }
pgd_t pti_set_user_pgtbl(pgd_t *pgdp, pgd_t pgd);     /* the KPTI chapter */
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
        WRITE_ONCE(pgdp->pgd, pgd_val(pti_set_user_pgtbl(pgdp, pgd)));
}
static inline void pgd_clear(pgd_t *pgdp) { set_pgd(pgdp, __pgd(0)); }
static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd, struct page *pte)
{
        (void)mm;
        set_pmd(pmd, __pmd(page_to_phys(pte) | _PAGE_TABLE));
}
static inline void pud_populate(struct mm_struct *mm, pud_t *pud, pmd_t *pmd)
{
        (void)mm;
        set_pud(pud, __pud(__pa(pmd) | _PAGE_TABLE));
}
static inline void pgd_populate(struct mm_struct *mm, pgd_t *pgd, pud_t *pud)
{
        (void)mm;
        set_pgd(pgd, __pgd(__pa(pud) | _PAGE_TABLE));
}
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t pmdval)
{
        (void)mm;
        return &pmd_page(pmdval)->ptl;
}
static inline void mm_inc_nr_ptes(struct mm_struct *mm)
{
        __atomic_fetch_add(&mm->nr_ptes, 1, __ATOMIC_RELAXED);
}
static inline void mm_dec_nr_ptes(struct mm_struct *mm)
{
        __atomic_fetch_sub(&mm->nr_ptes, 1, __ATOMIC_RELAXED);
}
struct page *pte_alloc_one(struct mm_struct *mm);
void pte_free(struct mm_struct *mm, struct page *pte);
void pte_free_quick(struct mm_struct *mm, struct page *pte);
pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long addr);
void pmd_free(struct mm_struct *mm, pmd_t *pmd);
pud_t *pud_alloc_one(struct mm_struct *mm, unsigned long addr);
void pud_free(struct mm_struct *mm, pud_t *pud);
#define PGD_ALLOCATION_ORDER 1      /* the kernel's and the user's top level */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);
struct page *pgtable_page_alloc(struct mm_struct *mm, const char *site);
void pgtable_page_free(struct mm_struct *mm, struct page *page);
extern long user_pgtable_pages;

void pmd_install(struct mm_struct *mm, pmd_t *pmd, struct page **pte);
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr);
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr);
void free_pgtables_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
                    unsigned long floor, unsigned long ceiling);
static inline int pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
        return unlikely(pmd_none(pmdp_get_lockless(pmd))) ? __pte_alloc(mm, pmd) : 0;
}
static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
        if (unlikely(pud_none(*pud)) && __pmd_alloc(mm, pud, addr))
                return NULL;
        return pmd_offset(pud, addr);
}
static inline pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
        if (unlikely(pgd_none(*pgd)) && __pud_alloc(mm, pgd, addr))
                return NULL;
        return pud_offset(pgd, addr);
}
int *pte_map_depth_ptr(void);   /* the running task's count */
#define pte_map_depth (*pte_map_depth_ptr())     /* maps begun, not yet ended */
void pte_map_begin(void);
void pte_map_end(void);

/* Map *pmd's PTE table; NULL if *pmd is none, huge or bad.  End with pte_unmap. */
pte_t *__pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp);
static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
        return __pte_offset_map(pmd, addr, NULL);
}
/* Also say where the lock is; lockers must recheck pmd_same (Rule PT-3). */
pte_t *pte_offset_map_nolock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                             spinlock_t **ptlp);
pte_t *pte_offset_map_rw_nolock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                                pmd_t *pmdvalp, spinlock_t **ptlp);
/* Map, lock and recheck; end with pte_unmap_unlock. */
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                           spinlock_t **ptlp);
static inline void pte_unmap(pte_t *pte)
{
        (void)pte;
        pte_map_end();
}
static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
        spin_unlock(ptl);       /* the lock is in the page: release it while mapped */
        pte_unmap(pte);
}
struct ptcount {
        unsigned long ptes;             /* present 4 KiB entries */
        unsigned long huge_pmds;        /* present 2 MiB entries */
        unsigned long huge_puds;        /* present 1 GiB entries */
        unsigned long pud_tables, pmd_tables, pte_tables;      /* tables entered */
};
void ptdump(pgd_t *pgd, unsigned long start, unsigned long end);
void ptcount(pgd_t *pgd, unsigned long start, unsigned long end, struct ptcount *out);
void pt_walk_show(pgd_t *pgd, unsigned long va, const char *what);
void mm_dump_requested(pgd_t *pgd, unsigned long kaddr, unsigned long uaddr);
#endif
