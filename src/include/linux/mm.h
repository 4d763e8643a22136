/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <asm/page.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>

extern struct page *mem_map;
extern unsigned long max_pfn;

#define page_to_pfn(page)   ((unsigned long)((page) - mem_map))
#define pfn_to_page(pfn)    (mem_map + (pfn))
#define page_to_phys(page)  ((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define page_address(page)  __va(page_to_phys(page))
#define virt_to_page(addr)  pfn_to_page(__pa(addr) >> PAGE_SHIFT)
#define pfn_valid(pfn)      ((pfn) < max_pfn)

static inline bool page_test(const struct page *p, enum pageflags f)
{
        return p->flags & (1UL << f);
}
static inline void page_set(struct page *p, enum pageflags f) { p->flags |= 1UL << f; }
static inline void page_clear(struct page *p, enum pageflags f) { p->flags &= ~(1UL << f); }
#define PageReserved(p)  page_test(p, PG_reserved)
#define PageBuddy(p)     page_test(p, PG_buddy)
#define PageSlab(p)      page_test(p, PG_slab)
#define PageTable(p)     page_test(p, PG_pgtable)
static inline int page_count(const struct page *p)
{
        return __atomic_load_n(&p->_refcount, __ATOMIC_RELAXED);
}
static inline void get_page(struct page *p)
{
        __atomic_fetch_add(&p->_refcount, 1, __ATOMIC_RELAXED);
}
/* Drop a reference; true if it was the last one. */
static inline bool put_page_testzero(struct page *p)
{
        return __atomic_sub_fetch(&p->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}
void page_alloc_init(struct page *map, unsigned long nr_pfns);
void mem_init(void);
extern struct mm_struct init_mm;
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);
void show_meminfo(void);
extern bool page_poisoning;
extern unsigned long page_poison_errors, bad_page_count;

bool should_fail_alloc(gfp_t gfp, unsigned int order, const char *site);
int fail_alloc_parse(const char *spec);
void fail_alloc_reset(void);
void fail_alloc_arm_cmdline(void);
extern unsigned long fail_alloc_injected;
/* The VMA set (mm/vma.c).  Context: mmap_lock held, read or write as said. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
                                             unsigned long start, unsigned long end);
/* Page faults and page-table operations on user ranges (mm/memory.c). */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM            0x0001
#define FAULT_FLAG_WRITE        0x0001
#define FAULT_FLAG_INSTRUCTION  0x0002
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
                           unsigned int flags);
void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start,
                       unsigned long end, pgprot_t newprot);
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
#endif
