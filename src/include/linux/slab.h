/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <asm/page.h>

#define KMALLOC_SHIFT_LOW      3
#define KMALLOC_SHIFT_HIGH     11
#define KMALLOC_MIN_SIZE       (1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE       (PAGE_SIZE << MAX_ORDER)

#define ZERO_SIZE_PTR          ((void *)16)
#define ZERO_OR_NULL_PTR(p)    ((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)
extern unsigned long kmalloc_errors;    /* BUG reports so far */

void kmalloc_init(void);
void *kmalloc_site(size_t size, gfp_t gfp, const char *site);
void kfree(const void *p);
size_t ksize(const void *p);
unsigned long kmalloc_validate(void);

#define kmalloc(size, gfp)    kmalloc_site(size, gfp, __func__)
#define kzalloc(size, gfp)    kmalloc_site(size, (gfp) | __GFP_ZERO, __func__)
#define kcalloc(n, size, gfp) kcalloc_site(n, size, gfp, __func__)

static inline void *kcalloc_site(size_t n, size_t size, gfp_t gfp,
                                 const char *site)
{
        size_t bytes;

        if (__builtin_mul_overflow(n, size, &bytes))
                return NULL;
        return kmalloc_site(bytes, gfp | __GFP_ZERO, site);
}
#endif
