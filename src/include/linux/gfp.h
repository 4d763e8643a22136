/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H
#include <linux/types.h>

struct page;
typedef unsigned int gfp_t;

enum page_acct {
        PGACCT_OTHER,           /* kernel pages with no better account */
        PGACCT_PGTABLE,         /* page-table pages (user and kernel) */
        PGACCT_KHEAP,           /* pages under kmalloc */
        PGACCT_ANON,            /* user anonymous memory */
        PGACCT_SHMEM,           /* user shared memory (memfd) */
        PGACCT_LDT,             /* LDT contents */
        PGACCT_BOUNDS,          /* MPX bounds tables */
        NR_PGACCT
};
#define PGACCT_MASK 0xfU
#define gfp_acct(gfp) ((enum page_acct)((gfp) & PGACCT_MASK))
#define __GFP_ZERO     0x0010U
#define __GFP_DMA32    0x0020U
#define __GFP_NOWARN   0x0040U
#define __GFP_NOFAULT  0x0080U

#define GFP_KERNEL     ((gfp_t)PGACCT_OTHER)
#define GFP_PGTABLE    ((gfp_t)PGACCT_PGTABLE | __GFP_ZERO)
#define GFP_KHEAP      ((gfp_t)PGACCT_KHEAP)
#define GFP_USER_ANON  ((gfp_t)PGACCT_ANON)
#define GFP_USER_SHMEM ((gfp_t)PGACCT_SHMEM)
#define GFP_LDT        ((gfp_t)PGACCT_LDT | __GFP_ZERO)
#define GFP_BOUNDS     ((gfp_t)PGACCT_BOUNDS | __GFP_ZERO)
#define MAX_ORDER 10

struct page *alloc_pages_site(gfp_t gfp, unsigned int order, const char *site);
void __free_pages(struct page *page, unsigned int order);
/* Interrupts off around a zone's lock: mm/memory.c in the kernel, the
 * host's own in the unit tests (which have no interrupts). */
unsigned long zone_irq_save(void);
void zone_irq_restore(unsigned long flags);
/* Chapter fault: kill a process to make room; true means try again. */
bool out_of_memory(gfp_t gfp, unsigned int order);
#define alloc_pages(gfp, order) alloc_pages_site(gfp, order, __func__)
#define alloc_page(gfp) alloc_pages(gfp, 0)
#define __free_page(page) __free_pages(page, 0)

unsigned long get_free_pages_site(gfp_t gfp, unsigned int order, const char *site);
void free_pages(unsigned long addr, unsigned int order);
#define __get_free_pages(gfp, order) get_free_pages_site(gfp, order, __func__)
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
#define get_zeroed_page(gfp) __get_free_pages((gfp) | __GFP_ZERO, 0)
#define free_page(addr) free_pages(addr, 0)

struct mem_snapshot {
        unsigned long free;
        unsigned long acct[NR_PGACCT];
};
extern const char *const page_acct_names[NR_PGACCT];
unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);
unsigned long page_acct_read(enum page_acct a);
void mem_snapshot(struct mem_snapshot *s);
unsigned long mem_snapshot_leaks(const struct mem_snapshot *before,
                                 const struct mem_snapshot *after);
#endif
