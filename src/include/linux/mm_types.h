/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/pgtable_types.h>

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
};
#endif
