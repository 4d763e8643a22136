/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <asm/page.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/err.h>

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
static inline struct page *compound_head(struct page *p)
{
        return p->compound_head ? p->compound_head : p;
}
static inline int page_count(struct page *p)
{
        return __atomic_load_n(&compound_head(p)->_refcount, __ATOMIC_RELAXED);
}
static inline void get_page(struct page *p)
{
        __atomic_fetch_add(&compound_head(p)->_refcount, 1, __ATOMIC_RELAXED);
}
/* Drop a reference; true if it was the last one. */
static inline bool put_page_testzero(struct page *p)
{
        return __atomic_sub_fetch(&compound_head(p)->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}
void page_alloc_init(struct page *map, unsigned long nr_pfns);
void mem_init(void);
extern struct mm_struct init_mm;
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);
void reserve_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);
void show_meminfo(void);
void show_free_areas(void);
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
static inline void mmap_write_lock(struct mm_struct *mm) { down_write(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm_struct *mm) { up_write(&mm->mmap_lock); }
static inline void mmap_read_lock(struct mm_struct *mm) { down_read(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm) { up_read(&mm->mmap_lock); }
static inline void mmap_assert_locked(struct mm_struct *mm)
{
        lockdep_assert_held(&mm->mmap_lock.dep_map);
        WARN_ON(READ_ONCE(mm->mmap_lock.count) == 0);
}
static inline void mmap_assert_write_locked(struct mm_struct *mm)
{
        lockdep_assert_held(&mm->mmap_lock.dep_map);
        WARN_ON(READ_ONCE(mm->mmap_lock.count) != -1);
}
#define MMAP_MIN_ADDR           0x10000UL
#define MMAP_STACK_GAP          (128UL * 1024 * 1024)
#define DEFAULT_MAX_MAP_COUNT   65530
extern int sysctl_max_map_count;
void mm_init_mmap(struct mm_struct *mm);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);

static inline struct vm_area_struct *vma_next(struct mm_struct *mm,
                                              struct vm_area_struct *vma)
{
        struct list_head *n = vma ? vma->vm_list.next : mm->mmap.next;

        return n == &mm->mmap ? NULL : list_entry(n, struct vm_area_struct, vm_list);
}
static inline struct vm_area_struct *vma_prev(struct mm_struct *mm,
                                              struct vm_area_struct *vma)
{
        struct list_head *p = vma ? vma->vm_list.prev : mm->mmap.prev;

        return p == &mm->mmap ? NULL : list_entry(p, struct vm_area_struct, vm_list);
}
#define for_each_vma(mm, vma) \
        for (vma = vma_next(mm, NULL); vma; vma = vma_next(mm, vma))
static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
        return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
                                     struct vm_area_struct **pprev);
/* For mm/ only.  mmap_lock held for write. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
              unsigned long addr, int new_below);
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
                                            struct vm_area_struct *vma);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
int validate_mm(struct mm_struct *mm);
/* mm/mmap.c.  Context: mmap_lock held for write; may sleep. */
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
                      unsigned long prot, unsigned long flags, unsigned long pgoff);
unsigned long do_mmap_obj(struct mm_struct *mm, struct shmem_inode *obj,
                          unsigned long addr, unsigned long len, unsigned long prot,
                          unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
                unsigned long prot);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
/* Context: mmap_lock not held; they take it. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
void exit_mmap(struct mm_struct *mm);
/* Provided by the page-table chapters.  mmap_lock held for write. */
void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start,
                       unsigned long end, pgprot_t newprot);
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
int move_page_tables(struct vm_area_struct *vma, unsigned long old, unsigned long new_addr,
                     unsigned long len);
enum { MM_ANONPAGES, MM_SHMEMPAGES, NR_MM_COUNTERS };
static inline int mm_counter(struct page *page)
{
        return compound_head(page)->acct == PGACCT_SHMEM ? MM_SHMEMPAGES : MM_ANONPAGES;
}
static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
        __atomic_add_fetch(&mm->rss_stat[member], value, __ATOMIC_RELAXED);
}
#define inc_mm_counter(mm, member) add_mm_counter(mm, member, 1)
#define dec_mm_counter(mm, member) add_mm_counter(mm, member, -1)
static inline long get_mm_counter(struct mm_struct *mm, int member)
{
        return __atomic_load_n(&mm->rss_stat[member], __ATOMIC_RELAXED);
}
static inline long get_mm_rss(struct mm_struct *mm)
{
        return get_mm_counter(mm, MM_ANONPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
}
static inline void update_hiwater_rss(struct mm_struct *mm)
{
        unsigned long rss = get_mm_rss(mm), old = __atomic_load_n(&mm->hiwater_rss,
                                                                  __ATOMIC_RELAXED);

        while (rss > old && !__atomic_compare_exchange_n(&mm->hiwater_rss, &old, rss, false,
                                                         __ATOMIC_RELAXED, __ATOMIC_RELAXED))
                ;
}
_Static_assert(NR_MM_COUNTERS == sizeof(((struct mm_struct *)0)->rss_stat) / sizeof(long),
               "rss_stat");
extern long rss_count_errors;
extern struct mm_struct *oom_victim_mm;
void pagefault_out_of_memory(void);
/* Page faults and page-table operations on user ranges (mm/memory.c). */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM            0x0001
#define VM_FAULT_SIGBUS         0x0002
#define FAULT_FLAG_WRITE        0x0001
#define FAULT_FLAG_INSTRUCTION  0x0002
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
                           unsigned int flags);
void unmap_region(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void unmap_object_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start,
                       unsigned long end, pgprot_t newprot);
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
#define IA32_PAGE_OFFSET        0xffffe000UL    /* the top of an i386 address space */
#define IA32_MMAP_BASE          (IA32_PAGE_OFFSET - MMAP_STACK_GAP)
#endif
