/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/spinlock.h>

/*
 * Invariant, whenever lock is free, for every slab page of the cache:
 *   page->inuse == number of bits set in the slab's bitmap;
 *   page->freelist threads exactly the objects whose bit is clear;
 *   0 < inuse < objects  <=>  the slab is on partial;
 *   inuse == objects     <=>  the slab is on full.
 */
struct kmem_cache {
        spinlock_t lock;
        struct list_head partial;       /* lock: slabs with free and used objects */
        struct list_head full;          /* lock: slabs with no free object */
        /* Set by kmalloc_init, read-only after: no lock needed. */
        unsigned int size;              /* object size, a power of two */
        unsigned int objects;           /* objects per slab */
        unsigned int map_offset;        /* where the bitmap starts in the slab */
        const char *name;               /* "kmalloc-64" */
};
#define NR_KMALLOC_CACHES (KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1)

static struct kmem_cache kmalloc_caches[NR_KMALLOC_CACHES];
static const char *const kmalloc_names[NR_KMALLOC_CACHES] = {
        "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
        "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};
unsigned long kmalloc_errors;

static unsigned int kmalloc_index(size_t size)
{
        if (size <= KMALLOC_MIN_SIZE)
                return 0;
        return (unsigned int)(64 - __builtin_clzl(size - 1)) - KMALLOC_SHIFT_LOW;
}
static inline char *obj_addr(const struct kmem_cache *s, struct page *page,
                             unsigned int i)
{
        return (char *)page_address(page) + (size_t)i * s->size;
}
static inline u8 *slab_map(const struct kmem_cache *s, struct page *page)
{
        return (u8 *)page_address(page) + s->map_offset;
}
static inline void *get_freepointer(const void *obj)
{
        return *(void *const *)obj;
}
static inline void set_freepointer(void *obj, void *next)
{
        *(void **)obj = next;
}
static inline bool obj_allocated(const struct kmem_cache *s,
                                 struct page *page, unsigned int i)
{
        return slab_map(s, page)[i / 8] & (1U << (i % 8));
}
static inline void obj_mark(const struct kmem_cache *s, struct page *page,
                            unsigned int i, bool allocated)
{
        u8 *byte = &slab_map(s, page)[i / 8], bit = (u8)(1U << (i % 8));

        *byte = allocated ? (u8)(*byte | bit) : (u8)(*byte & ~bit);
}
static bool obj_index(const struct kmem_cache *s, struct page *page,
                      const void *p, unsigned int *index)
{
        unsigned long off = (unsigned long)p - (unsigned long)page_address(page);

        *index = (unsigned int)(off / s->size);
        return off < (unsigned long)s->objects * s->size && off % s->size == 0;
}
#define POISON_FREE 0x6b
#define POISON_WORD 0x6b6b6b6b6b6b6b6bUL  /* a whole word of it */

static void poison_object(const struct kmem_cache *s, void *obj)
{
        memset((char *)obj + sizeof(void *), POISON_FREE,
               s->size - sizeof(void *));
}
static __printf(1, 2) void slab_bug(const char *fmt, ...)
{
        va_list args;

        va_start(args, fmt);
        vprintk(fmt, args);
        va_end(args);
        dump_stack();
        __atomic_fetch_add(&kmalloc_errors, 1, __ATOMIC_RELAXED);
}
void kmalloc_init(void)
{
        unsigned int i;

        for (i = 0; i < NR_KMALLOC_CACHES; i++) {
                struct kmem_cache *s = &kmalloc_caches[i];

                spin_lock_init(&s->lock);
                INIT_LIST_HEAD(&s->partial);
                INIT_LIST_HEAD(&s->full);
                s->size = KMALLOC_MIN_SIZE << i;
                s->objects = 8 * PAGE_SIZE / (8 * s->size + 1);
                s->map_offset = PAGE_SIZE - (s->objects + 7) / 8;
                s->name = kmalloc_names[i];
        }
        pr_info("kmalloc: %u caches of %lu to %lu bytes, %u to %u objects a slab\n",
                NR_KMALLOC_CACHES, KMALLOC_MIN_SIZE, KMALLOC_MAX_CACHE_SIZE,
                kmalloc_caches[NR_KMALLOC_CACHES - 1].objects,
                kmalloc_caches[0].objects);
}
/* Context: no cache lock held (the page allocator takes a zone lock). */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
        gfp_t page_gfp = GFP_KHEAP | __GFP_NOFAULT | (gfp & __GFP_NOWARN);
        struct page *page = alloc_pages_site(page_gfp, 0, s->name);
        unsigned int i;

        if (!page)
                return NULL;
        memset(slab_map(s, page), 0, PAGE_SIZE - s->map_offset);
        page->freelist = NULL;
        for (i = s->objects; i-- > 0; ) {
                poison_object(s, obj_addr(s, page, i));
                set_freepointer(obj_addr(s, page, i), page->freelist);
                page->freelist = obj_addr(s, page, i);
        }
        page->inuse = 0;
        page->slab_cache = s;
        page_set(page, PG_slab);
        return page;
}
/* Context: s->lock held; obj is the head of page's free list. */
static bool free_pointer_ok(const struct kmem_cache *s, struct page *page,
                            const void *obj, const void *next)
{
        unsigned int i;

        if (page->inuse + 1 == s->objects)
                return next == NULL;
        return next != obj && obj_index(s, page, next, &i) &&
               !obj_allocated(s, page, i);
}
/* Context: s->lock held. */
static void rebuild_freelist(const struct kmem_cache *s, struct page *page)
{
        unsigned int i;

        page->freelist = NULL;
        for (i = s->objects; i-- > 0; ) {
                if (obj_allocated(s, page, i))
                        continue;
                set_freepointer(obj_addr(s, page, i), page->freelist);
                page->freelist = obj_addr(s, page, i);
        }
}
/* Context: s->lock held. */
static void check_object_poison(const struct kmem_cache *s, const void *obj)
{
        const u8 *b = obj;
        unsigned int off;

        for (off = sizeof(void *); off < s->size; off++) {
                if (b[off] == POISON_FREE)
                        continue;
                slab_bug(KERN_ERR "BUG: kmalloc: use after free: %px in %s was "
                         "written at offset %u after kfree (0x%02x, not 0x%02x)\n",
                         obj, s->name, off, b[off], POISON_FREE);
                return;
        }
}
/* Context: s->lock held; page is a slab of s with a free object. */
static void *take_object(struct kmem_cache *s, struct page *page)
{
        void *obj = page->freelist;
        unsigned int i;

        if (!free_pointer_ok(s, page, obj, get_freepointer(obj))) {
                slab_bug(KERN_ERR "BUG: kmalloc: use after free: free pointer "
                         "of %px in %s overwritten with %px\n",
                         obj, s->name, get_freepointer(obj));
                rebuild_freelist(s, page);
                obj = page->freelist;
        }
        page->freelist = get_freepointer(obj);
        obj_index(s, page, obj, &i);
        obj_mark(s, page, i, true);
        page->inuse++;
        check_object_poison(s, obj);
        set_freepointer(obj, (void *)POISON_WORD);
        return obj;
}
/* Context: no cache lock held. */
static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
        struct page *page;
        void *obj;

        spin_lock(&s->lock);
        if (list_empty(&s->partial)) {
                spin_unlock(&s->lock);
                page = new_slab(s, gfp);
                if (!page)
                        return NULL;
                spin_lock(&s->lock);
                list_add(&page->lru, &s->partial);
        }
        page = list_first_entry(&s->partial, struct page, lru);
        obj = take_object(s, page);
        if (page->inuse == s->objects) {
                list_del(&page->lru);
                list_add(&page->lru, &s->full);
        }
        spin_unlock(&s->lock);
        return obj;
}
static bool kmalloc_should_fail(gfp_t gfp, unsigned int order,
                                const char *site)
{
        return !(gfp & __GFP_NOFAULT) && should_fail_alloc(gfp, order, site);
}
/* Context: no cache lock held. */
static void *kmalloc_large(size_t size, gfp_t gfp, const char *site)
{
        gfp_t page_gfp = GFP_KHEAP | __GFP_NOFAULT |
                         (gfp & (__GFP_ZERO | __GFP_NOWARN | __GFP_DMA32));
        unsigned int order = 0;
        struct page *page;

        while (order <= MAX_ORDER && (PAGE_SIZE << order) < size)
                order++;
        if (order > MAX_ORDER) {
                if (!(gfp & __GFP_NOWARN))
                        pr_warn("kmalloc: %s asked for %zu bytes, more than %lu\n",
                                site, size, KMALLOC_MAX_SIZE);
                return NULL;
        }
        if (kmalloc_should_fail(gfp, order, site))
                return NULL;
        page = alloc_pages_site(page_gfp, order, site);
        if (!page)
                return NULL;
        page->order = (u8)order;
        page_set(page, PG_large_kmalloc);
        return page_address(page);
}
/* Context: process context, no cache lock held.  NULL on failure. */
void *kmalloc_site(size_t size, gfp_t gfp, const char *site)
{
        struct kmem_cache *s;
        void *obj;

        if (!size)
                return ZERO_SIZE_PTR;
        if (size > KMALLOC_MAX_CACHE_SIZE)
                return kmalloc_large(size, gfp, site);
        if (kmalloc_should_fail(gfp, 0, site))
                return NULL;
        s = &kmalloc_caches[kmalloc_index(size)];
        BUG_ON(!s->objects);            /* called before kmalloc_init */
        obj = slab_alloc(s, gfp);
        if (obj && (gfp & __GFP_ZERO))
                memset(obj, 0, s->size);
        return obj;
}
static struct page *addr_to_page(const void *p)
{
        unsigned long pfn = __pa(p) >> PAGE_SHIFT;

        if ((unsigned long)p < page_offset_base || !pfn_valid(pfn))
                return NULL;
        return pfn_to_page(pfn);
}
static struct kmem_cache *cache_of(struct page *page)
{
        struct kmem_cache *s = READ_ONCE(page->slab_cache);

        if (!PageSlab(page) || s < kmalloc_caches ||
            s >= kmalloc_caches + NR_KMALLOC_CACHES)
                return NULL;
        return s;
}
static struct page *block_head(struct page *page, enum pageflags flag)
{
        unsigned long pfn = page_to_pfn(page);
        unsigned int order;

        for (order = 0; order <= MAX_ORDER; order++) {
                struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1));

                if (page_test(head, flag) && head->order >= order)
                        return head;
        }
        return NULL;
}
static void report_bad_pointer(const char *fn, const void *p, struct page *page)
{
        struct page *head = page ? block_head(page, PG_large_kmalloc) : NULL;

        if (!page)
                slab_bug(KERN_ERR "BUG: %s: %px was never returned by kmalloc "
                         "(not in the direct map)\n", fn, p);
        else if (head)
                slab_bug(KERN_ERR "BUG: %s: %px is not the start of an object in "
                         "kmalloc-large (block %px of order %u)\n", fn, p,
                         page_address(head), head->order);
        else if (block_head(page, PG_buddy))
                slab_bug(KERN_ERR "BUG: %s: %px is in a free page: a double free, "
                         "or never returned by kmalloc\n", fn, p);
        else
                slab_bug(KERN_ERR "BUG: %s: %px was never returned by kmalloc "
                         "(page flags %#lx)\n", fn, p, page->flags);
}
static struct kmem_cache *lock_slab_object(struct kmem_cache *s,
                                           struct page *page, const void *p,
                                           bool freeing, unsigned int *index)
{
        const char *fn = freeing ? "kfree" : "ksize";

        spin_lock(&s->lock);
        if (cache_of(page) != s) {
                spin_unlock(&s->lock);
                report_bad_pointer(fn, p, page);
                return NULL;
        }
        if (!obj_index(s, page, p, index)) {
                slab_bug(KERN_ERR "BUG: %s: %px is not the start of an object in %s "
                         "(slab %px, offset %lu)\n", fn, p, s->name, page_address(page),
                         (unsigned long)p - (unsigned long)page_address(page));
                spin_unlock(&s->lock);
                return NULL;
        }
        if (!obj_allocated(s, page, *index)) {
                slab_bug(KERN_ERR "BUG: %s: %s %px in %s\n", fn,
                         freeing ? "double free of" : "size of free object", p, s->name);
                spin_unlock(&s->lock);
                return NULL;
        }
        return s;
}
/* Context: s->lock held; object i of page is allocated. */
static void put_object(struct kmem_cache *s, struct page *page, unsigned int i)
{
        char *obj = obj_addr(s, page, i);

        poison_object(s, obj);
        set_freepointer(obj, page->freelist);
        page->freelist = obj;
        obj_mark(s, page, i, false);
        page->inuse--;
}
/* Context: s->lock held; true if the slab is empty and must be freed. */
static bool relist_slab(struct kmem_cache *s, struct page *page)
{
        if (page->inuse == 0) {
                list_del(&page->lru);
                page_clear(page, PG_slab);
                page->slab_cache = NULL;
                page->freelist = NULL;
                return true;
        }
        if (page->inuse == s->objects - 1) {    /* it was full */
                list_del(&page->lru);
                list_add(&page->lru, &s->partial);
        }
        return false;
}
static void free_large(struct page *page, const void *p)
{
        unsigned long bit = 1UL << PG_large_kmalloc;

        if (!(__atomic_fetch_and(&page->flags, ~bit, __ATOMIC_ACQ_REL) & bit)) {
                report_bad_pointer("kfree", p, page);
                return;
        }
        __free_pages(page, page->order);
}
/* Context: process context, no cache lock held. */
void kfree(const void *p)
{
        struct page *page;
        struct kmem_cache *s;
        unsigned int i;
        bool empty;

        if (ZERO_OR_NULL_PTR(p))
                return;
        page = addr_to_page(p);
        s = page ? cache_of(page) : NULL;
        if (s) {
                if (!lock_slab_object(s, page, p, true, &i))
                        return;
                put_object(s, page, i);
                empty = relist_slab(s, page);
                spin_unlock(&s->lock);
                if (empty)
                        __free_pages(page, 0);
        } else if (page && page_test(page, PG_large_kmalloc) &&
                   p == page_address(page)) {
                free_large(page, p);
        } else {
                report_bad_pointer("kfree", p, page);
        }
}
size_t ksize(const void *p)
{
        struct page *page;
        struct kmem_cache *s;
        unsigned int i;

        if (ZERO_OR_NULL_PTR(p))
                return 0;
        page = addr_to_page(p);
        s = page ? cache_of(page) : NULL;
        if (s) {
                if (!lock_slab_object(s, page, p, false, &i))
                        return 0;
                spin_unlock(&s->lock);
                return s->size;
        }
        if (page && page_test(page, PG_large_kmalloc) && p == page_address(page))
                return PAGE_SIZE << page->order;
        report_bad_pointer("ksize", p, page);
        return 0;
}
/* Context: s->lock held. */
static unsigned long validate_slab(struct kmem_cache *s, struct page *page,
                                   bool full)
{
        unsigned int i, used = 0, nfree = 0;
        void *obj;

        for (i = 0; i < s->objects; i++)
                used += obj_allocated(s, page, i);
        if (cache_of(page) != s || used != page->inuse || used == 0 ||
            (used == s->objects) != full)
                goto bad;
        for (obj = page->freelist; obj && nfree <= s->objects - used;
             obj = get_freepointer(obj), nfree++)
                if (!obj_index(s, page, obj, &i) || obj_allocated(s, page, i))
                        goto bad;
        if (!obj && nfree == s->objects - used)
                return 0;
bad:
        slab_bug(KERN_ERR "BUG: kmalloc: slab %px of %s is inconsistent (inuse %u,"
                 " %u objects allocated, on the %s list)\n", page_address(page),
                 s->name, page->inuse, used, full ? "full" : "partial");
        return 1;
}
/* Context: no cache lock held. */
unsigned long kmalloc_validate(void)
{
        unsigned long bad = 0;
        struct page *page;
        unsigned int i;

        for (i = 0; i < NR_KMALLOC_CACHES; i++) {
                struct kmem_cache *s = &kmalloc_caches[i];

                spin_lock(&s->lock);
                list_for_each_entry(page, &s->partial, lru)
                        bad += validate_slab(s, page, false);
                list_for_each_entry(page, &s->full, lru)
                        bad += validate_slab(s, page, true);
                spin_unlock(&s->lock);
        }
        return bad;
}
