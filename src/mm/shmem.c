/* Tangled from book/shmem.nw (chapter "Shared memory"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>

static unsigned long pc_reach(unsigned int height)
{
        return height ? 1UL << (PC_SHIFT * height) : 0;
}

static unsigned int pc_digit(unsigned long index, unsigned int level)
{
        return (index >> (PC_SHIFT * (level - 1))) & PC_MASK;
}

struct page *pc_lookup(const struct page_cache *pc, unsigned long index)
{
        const struct pc_node *node = pc->root;

        if (index >= pc_reach(pc->height))
                return NULL;
        for (unsigned int h = pc->height; h > 1; h--)
                if (!(node = node->slot[pc_digit(index, h)]))
                        return NULL;
        return node->slot[index & PC_MASK];
}
int pc_insert(struct page_cache *pc, unsigned long index, struct page *page)
{
        while (index >= pc_reach(pc->height)) {
                struct pc_node *top;
                if (pc->height == PC_MAX_HEIGHT)
                        return -EFBIG;
                if (!(top = kzalloc(sizeof(*top), GFP_KERNEL)))
                        return -ENOMEM;
                top->slot[0] = pc->root;
                pc->root = top;
                pc->height++;
        }
        struct pc_node *node = pc->root;
        for (unsigned int h = pc->height; h > 1; h--) {
                void **slot = &node->slot[pc_digit(index, h)];
                if (!*slot && !(*slot = kzalloc(sizeof(struct pc_node), GFP_KERNEL)))
                        return -ENOMEM;
                node = *slot;
        }
        if (node->slot[index & PC_MASK])
                return -EEXIST;
        node->slot[index & PC_MASK] = page;
        pc->nrpages++;
        return 0;
}
static void pc_free_node(struct pc_node *node, unsigned int height)
{
        if (height > 1)
                for (unsigned long i = 0; i < PC_SLOTS; i++)
                        if (node->slot[i])
                                pc_free_node(node->slot[i], height - 1);
        kfree(node);
}

void pc_free_nodes(struct page_cache *pc)
{
        if (pc->root)
                pc_free_node(pc->root, pc->height);
        pc->root = NULL;
        pc->height = 0;
}
struct page *pc_delete(struct page_cache *pc, unsigned long index)
{
        struct pc_node *node = pc->root;
        struct page *page;

        if (index >= pc_reach(pc->height))
                return NULL;
        for (unsigned int h = pc->height; h > 1; h--)
                if (!(node = node->slot[pc_digit(index, h)]))
                        return NULL;
        page = node->slot[index & PC_MASK];
        if (page) {
                node->slot[index & PC_MASK] = NULL;
                if (--pc->nrpages == 0)
                        pc_free_nodes(pc);
        }
        return page;
}
static struct page *pc_next_in(const struct pc_node *node, unsigned int height,
                               unsigned long base, unsigned long *index)
{
        unsigned int shift = PC_SHIFT * (height - 1);
        unsigned long first = *index > base ? (*index - base) >> shift : 0;

        for (unsigned long i = first; i < PC_SLOTS; i++) {
                unsigned long start = base + (i << shift);
                struct page *page;
                if (!node->slot[i])
                        continue;
                if (height == 1) {
                        *index = start;
                        return node->slot[i];
                }
                if ((page = pc_next_in(node->slot[i], height - 1, start, index)))
                        return page;
        }
        return NULL;
}

struct page *pc_next(const struct page_cache *pc, unsigned long *index)
{
        if (*index >= pc_reach(pc->height))
                return NULL;
        return pc_next_in(pc->root, pc->height, 0, index);
}
struct page *pc_replace(struct page_cache *pc, unsigned long index, struct page *page)
{
        struct pc_node *node = pc->root;

        for (unsigned int h = pc->height; h > 1; h--)
                node = node->slot[pc_digit(index, h)];
        struct page *old = node->slot[index & PC_MASK];
        node->slot[index & PC_MASK] = page;
        return old;
}
static unsigned long shmem_last_ino;

struct shmem_inode *shmem_inode_alloc(loff_t size)
{
        struct shmem_inode *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

        if (!obj)
                return NULL;
        obj->i_count = 1;
        obj->i_ino = __atomic_add_fetch(&shmem_last_ino, 1, __ATOMIC_RELAXED);
        obj->i_size = size;
        mutex_init(&obj->i_mutex);
        spin_lock_init(&obj->i_pages_lock);
        init_rwsem(&obj->i_mmap_rwsem);
        INIT_LIST_HEAD(&obj->i_mmap);
        INIT_LIST_HEAD(&obj->khugepaged_link);
        return obj;
}

struct shmem_inode *shmem_anon_create(unsigned long size)
{
        return shmem_inode_alloc(size);
}
void put_page(struct page *page)
{
        struct page *head = compound_head(page);

        if (!put_page_testzero(head))
                return;
        unsigned int order = page_test(head, PG_head) ? head->order : 0;
        for (unsigned long i = 0; i < (1UL << order); i++) {
                head[i].compound_head = NULL;
                head[i]._mapcount = -1;
        }
        head->_refcount = 1;
        __free_pages(head, order);
}
static void shmem_drop_pages(struct shmem_inode *obj, unsigned long first);

LIST_HEAD(khugepaged_objects);
DEFINE_SPINLOCK(khugepaged_lock);

bool shmem_inode_tryget(struct shmem_inode *obj)
{
        int count = __atomic_load_n(&obj->i_count, __ATOMIC_RELAXED);

        do {
                if (!count)
                        return false;
        } while (!__atomic_compare_exchange_n(&obj->i_count, &count, count + 1, false,
                                              __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
        return true;
}

void shmem_inode_put(struct shmem_inode *obj)
{
        if (__atomic_sub_fetch(&obj->i_count, 1, __ATOMIC_ACQ_REL))
                return;
        spin_lock(&khugepaged_lock);
        if (!list_empty(&obj->khugepaged_link))
                list_del(&obj->khugepaged_link);
        spin_unlock(&khugepaged_lock);
        WARN_ON(!list_empty(&obj->i_mmap));
        shmem_drop_pages(obj, 0);
        pc_free_nodes(&obj->i_pages);
        kfree(obj);
}
static unsigned long shmem_size_pages(const struct shmem_inode *obj)
{
        return ((unsigned long)obj->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* Context: i_pages_lock held. */
static bool shmem_collapsing(const struct shmem_inode *obj, unsigned long index)
{
        return index - obj->collapse_start < obj->collapse_nr;
}
int shmem_get_page(struct shmem_inode *obj, unsigned long index, enum sgp_type sgp,
                   struct page **pagep)
{
        struct page *page, *new = NULL;
        int err = 0;

        for (;;) {
                spin_lock(&obj->i_pages_lock);
                if (sgp == SGP_FAULT && index >= shmem_size_pages(obj))
                        err = -EINVAL;
                else if (sgp == SGP_FAULT && shmem_collapsing(obj, index))
                        err = -EAGAIN;          /* being collapsed: fault again later */
                page = err ? NULL : pc_lookup(&obj->i_pages, index);
                if (!page && !err && new && !(err = pc_insert(&obj->i_pages, index, new))) {
                        page = new;
                        new = NULL;
                }
                if (page)
                        get_page(page);
                spin_unlock(&obj->i_pages_lock);
                if (page || err || sgp == SGP_READ || new)
                        break;
                if (!(new = alloc_page(GFP_USER_SHMEM | __GFP_ZERO)))
                        return -ENOMEM;
        }
        if (new)
                put_page(new);
        *pagep = page;
        return err;
}
bool collapse_recheck = true;           /* false: collapse_recheck=off, broken */

/* Context: i_pages_lock held. */
static bool shmem_index_mappable(const struct shmem_inode *obj, unsigned long index)
{
        return index < shmem_size_pages(obj) &&
               !(collapse_recheck && shmem_collapsing(obj, index));
}

bool shmem_page_still_cached(struct shmem_inode *obj, unsigned long index,
                             struct page *page)
{
        bool ok;

        spin_lock(&obj->i_pages_lock);
        ok = shmem_index_mappable(obj, index) && pc_lookup(&obj->i_pages, index) == page;
        spin_unlock(&obj->i_pages_lock);
        return ok;
}
void shmem_get_cached_pages(struct shmem_inode *obj, unsigned long first, unsigned int nr,
                            struct page **pages)
{
        spin_lock(&obj->i_pages_lock);
        for (unsigned int i = 0; i < nr; i++) {
                pages[i] = NULL;
                if (shmem_index_mappable(obj, first + i) &&
                    (pages[i] = pc_lookup(&obj->i_pages, first + i)))
                        get_page(pages[i]);
        }
        spin_unlock(&obj->i_pages_lock);
}
void shmem_rmap_insert(struct vm_area_struct *vma)
{
        down_write(&vma->vm_obj->i_mmap_rwsem);
        list_add_tail(&vma->vm_shared, &vma->vm_obj->i_mmap);
        up_write(&vma->vm_obj->i_mmap_rwsem);
}

void shmem_rmap_insert_after(struct vm_area_struct *new, struct vm_area_struct *old)
{
        list_add(&new->vm_shared, &old->vm_shared);
}
void __shmem_rmap_remove(struct vm_area_struct *vma)
{
        list_del(&vma->vm_shared);
        INIT_LIST_HEAD(&vma->vm_shared);
}

void shmem_rmap_remove(struct vm_area_struct *vma)
{
        if (list_empty(&vma->vm_shared))
                return;
        down_write(&vma->vm_obj->i_mmap_rwsem);
        __shmem_rmap_remove(vma);
        up_write(&vma->vm_obj->i_mmap_rwsem);
}
void shmem_for_each_mapping(struct shmem_inode *obj, unsigned long first,
                            unsigned long end, shmem_mapping_fn fn, void *arg)
{
        struct vm_area_struct *vma;

        down_read(&obj->i_mmap_rwsem);
        list_for_each_entry(vma, &obj->i_mmap, vm_shared) {
                unsigned long vfirst = vma->vm_pgoff, vend = vfirst + vma_pages(vma);
                unsigned long from = max(first, vfirst), to = min(end, vend);
                if (from >= to)
                        continue;
                fn(vma, vma->vm_start + ((from - vfirst) << PAGE_SHIFT),
                   vma->vm_start + ((to - vfirst) << PAGE_SHIFT), arg);
        }
        up_read(&obj->i_mmap_rwsem);
}
static void zap_mapping(struct vm_area_struct *vma, unsigned long start,
                        unsigned long end, void *arg)
{
        (void)arg;
        unmap_region(vma, start, end);
}

int shmem_setsize(struct shmem_inode *obj, loff_t size)
{
        loff_t old;

        if (size < 0)
                return -EINVAL;
        spin_lock(&obj->i_pages_lock);
        old = obj->i_size;
        WRITE_ONCE(obj->i_size, size);
        spin_unlock(&obj->i_pages_lock);
        if (size >= old)
                return 0;
        unsigned long first = ((unsigned long)size + PAGE_SIZE - 1) >> PAGE_SHIFT;
        if (shmem_truncate_zaps)
                shmem_for_each_mapping(obj, first, ~0UL, zap_mapping, NULL);
        shmem_drop_pages(obj, first);
        if (size & ~PAGE_MASK) {
                struct page *page;
                if (!shmem_get_page(obj, size >> PAGE_SHIFT, SGP_READ, &page) && page) {
                        memset((char *)page_address(page) + (size & ~PAGE_MASK), 0,
                               PAGE_SIZE - (size & ~PAGE_MASK));
                        put_page(page);
                }
        }
        return 0;
}
bool shmem_truncate_zaps = true;        /* false: shmem_truncate=nozap, broken */
static void shmem_drop_pages(struct shmem_inode *obj, unsigned long first)
{
        unsigned long index = first;
        struct page *page;

        spin_lock(&obj->i_pages_lock);
        while ((page = pc_next(&obj->i_pages, &index))) {
                pc_delete(&obj->i_pages, index++);
                put_page(page);
        }
        spin_unlock(&obj->i_pages_lock);
}
