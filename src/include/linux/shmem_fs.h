/* Tangled from book/shmem.nw (chapter "Shared memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

typedef long loff_t;
#define PC_SHIFT      6
#define PC_SLOTS      (1UL << PC_SHIFT)
#define PC_MASK       (PC_SLOTS - 1)
#define PC_MAX_HEIGHT 9
struct pc_node {
        void *slot[PC_SLOTS];           /* pages at height 1, nodes above */
};
struct page_cache {
        void *root;                     /* a pc_node, or NULL when height is 0 */
        unsigned int height;            /* levels of nodes */
        unsigned long nrpages;          /* pages in the tree */
};
struct shmem_inode {
        int i_count;                    /* atomic: files and VMAs holding it */
        unsigned long i_ino;            /* a number for fstat */
        struct mutex i_mutex;           /* held by write and ftruncate */
        spinlock_t i_pages_lock;        /* protects i_pages and i_size */
        loff_t i_size;                  /* bytes; read unlocked with READ_ONCE */
        struct page_cache i_pages;      /* the pages, by offset in pages */
        struct rw_semaphore i_mmap_rwsem; /* protects i_mmap and its VMAs' bounds */
        struct list_head i_mmap;        /* VMAs mapping it, through vm_shared */
        unsigned long collapse_start;   /* i_pages_lock: a range being collapsed */
        unsigned long collapse_nr;      /*   into a huge folio (Chapter ptfree) */
        struct list_head khugepaged_link; /* on khugepaged's list, if asked */
};
enum sgp_type { SGP_READ, SGP_FAULT, SGP_WRITE };
static inline void vma_obj_lock(struct vm_area_struct *vma)
{
        if (vma->vm_obj)
                down_write(&vma->vm_obj->i_mmap_rwsem);
}
static inline void vma_obj_unlock(struct vm_area_struct *vma)
{
        if (vma->vm_obj)
                up_write(&vma->vm_obj->i_mmap_rwsem);
}
struct shmem_inode *shmem_inode_alloc(loff_t size);
struct shmem_inode *shmem_anon_create(unsigned long size);
static inline struct shmem_inode *shmem_inode_get(struct shmem_inode *obj)
{
        __atomic_add_fetch(&obj->i_count, 1, __ATOMIC_RELAXED);
        return obj;
}
void shmem_inode_put(struct shmem_inode *obj);
bool shmem_inode_tryget(struct shmem_inode *obj);
extern struct list_head khugepaged_objects;    /* under khugepaged_lock */
extern spinlock_t khugepaged_lock;
void put_page(struct page *page);
int shmem_get_page(struct shmem_inode *obj, unsigned long index, enum sgp_type sgp,
                   struct page **pagep);
bool shmem_page_still_cached(struct shmem_inode *obj, unsigned long index,
                             struct page *page);
/* Context: the PTE lock of the table that will map the pages held. */
void shmem_get_cached_pages(struct shmem_inode *obj, unsigned long first, unsigned int nr,
                            struct page **pages);
extern bool collapse_recheck;
/* Context: i_mutex held; may sleep; takes i_mmap_rwsem and PTE locks. */
int shmem_setsize(struct shmem_inode *obj, loff_t size);
extern bool shmem_truncate_zaps;
extern unsigned int shmem_fault_delay;
struct page *pc_lookup(const struct page_cache *pc, unsigned long index);
int pc_insert(struct page_cache *pc, unsigned long index, struct page *page);
struct page *pc_delete(struct page_cache *pc, unsigned long index);
struct page *pc_next(const struct page_cache *pc, unsigned long *index);
void pc_free_nodes(struct page_cache *pc);
/* Reverse map.  Context: mmap_lock of the VMA's mm held for writing. */
void shmem_rmap_insert(struct vm_area_struct *vma);
void shmem_rmap_insert_after(struct vm_area_struct *new, struct vm_area_struct *old);
void shmem_rmap_remove(struct vm_area_struct *vma);
void __shmem_rmap_remove(struct vm_area_struct *vma);
/* Context: may sleep; fn runs under i_mmap_rwsem (read), no mmap_lock. */
typedef void (*shmem_mapping_fn)(struct vm_area_struct *vma, unsigned long start,
                                 unsigned long end, void *arg);
void shmem_for_each_mapping(struct shmem_inode *obj, unsigned long first,
                            unsigned long end, shmem_mapping_fn fn, void *arg);
/* mm/memory.c.  Context: mmap_lock held for reading. */
vm_fault_t shmem_fault(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
                       unsigned int flags);
/* Context: i_pages_lock held; a page is at index. */
struct page *pc_replace(struct page_cache *pc, unsigned long index, struct page *page);
#endif
