/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/pgtable_types.h>
#include <linux/mutex.h>

struct kmem_cache;

struct rcu_head {
        struct rcu_head *next;
        void (*func)(struct rcu_head *head);
};
enum pageflags {
        PG_reserved,
        PG_buddy,
        PG_slab,
        PG_pgtable,
        PG_head,
        PG_poisoned,
        PG_large_kmalloc,
};
struct page {
        unsigned long flags;            /* PG_*; changed only by the owner */
        int _refcount;                  /* 0: free; set by the allocator */
        int _mapcount;                  /* user mappings - 1 (-1: none) */
        u8 order;                       /* PG_buddy or PG_head: block order */
        u8 acct;                        /* enum page_acct, while allocated */
        struct page *compound_head;     /* a huge folio's tail: its first page */
        struct list_head lru;           /* buddy free list, or slab list */
        union {
                struct {                /* PG_pgtable: protected by ptl itself */
                        spinlock_t ptl;         /* the split PTE lock */
                        struct mm_struct *pt_mm; /* owning address space */
                        struct rcu_head rcu_head; /* deferred free */
                };
                struct {                /* PG_slab: protected by the cache lock */
                        struct kmem_cache *slab_cache;
                        void *freelist;         /* first free object */
                        unsigned int inuse;     /* objects handed out */
                };
        };
};
struct mm_struct {
        pgd_t *pgd;                     /* top-level table */
        spinlock_t page_table_lock;     /* populating pud and pmd entries */
        long nr_ptes;                   /* page-table pages owned */
        unsigned long cpu_mask;         /* atomic: CPUs whose CR3 holds this mm */
        struct rw_semaphore mmap_lock;  /* guards the VMA list and the fields below */
        struct list_head mmap;          /* VMAs, sorted by address, disjoint */
        int map_count;                  /* number of VMAs */
        int mm_users;                   /* atomic: tasks that use this mm */
        unsigned long mmap_base;        /* mmap searches down from here */
        unsigned long start_code, end_code, start_data, end_data;
        unsigned long start_brk, brk;   /* the heap: [start_brk, brk) */
        unsigned long start_stack;      /* initial stack pointer of the program */
        unsigned long arg_start, arg_end, env_start, env_end;
        unsigned long total_vm;         /* pages covered by VMAs */
        long rss_stat[2];               /* atomic: pages mapped, MM_ANONPAGES and MM_SHMEMPAGES */
        unsigned long hiwater_rss;      /* atomic max: the most pages rss_stat ever reached */
        #define EXE_PATH_MAX 256
        char exe_path[EXE_PATH_MAX];    /* the program, for /proc/self/exe (Chapter Files) */
        struct mm_context {             /* the LDT (Chapter "The local descriptor table") */
                struct ldt_struct *ldt; /* NULL: none; written under lock, read with IRQs off */
                struct mutex lock;      /* held to change ldt, and by fork to copy it */
                struct rw_semaphore ldt_usr_sem;        /* modify_ldt: read shared, write exclusive */
        } context;
        struct rw_semaphore bd_sem;     /* MPX: orders the bounds-table work below */
        unsigned long bd_addr;          /* the bounds directory, if bd_enabled */
        int bd_enabled;                 /* prctl: the kernel manages bounds tables */
        int bd_remove_vmas;             /* bd_sem: tables marked for mpx_post_unmap */
};
struct shmem_inode;
struct vm_area_struct {
        unsigned long vm_start, vm_end; /* [start, end), page-aligned */
        struct mm_struct *vm_mm;        /* the address space it belongs to */
        pgprot_t vm_page_prot;          /* PTE bits for pages mapped here */
        unsigned long vm_flags;         /* VM_* */
        struct list_head vm_list;       /* in mm->mmap, by address */
        unsigned long vm_pgoff;         /* offset of vm_start in its object, pages */
        struct shmem_inode *vm_obj;     /* the object shown, or NULL (anonymous) */
        struct list_head vm_shared;     /* in vm_obj->i_mmap (Chapter shmem) */
};

#define VM_NONE         0x00000000UL
#define VM_READ         0x00000001UL
#define VM_WRITE        0x00000002UL
#define VM_EXEC         0x00000004UL
#define VM_SHARED       0x00000008UL
#define VM_MAYREAD      0x00000010UL
#define VM_MAYWRITE     0x00000020UL
#define VM_MAYEXEC      0x00000040UL
#define VM_MAYSHARE     0x00000080UL
#define VM_GROWSDOWN    0x00000100UL
#define VM_STACK        VM_GROWSDOWN
#endif
