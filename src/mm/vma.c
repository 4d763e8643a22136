/* Tangled from book/vm.nw (chapter "Address spaces"). Do not edit: edit the book and run make tangle. */
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/printk.h>

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
        struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

        if (vma) {
                vma->vm_mm = mm;
                INIT_LIST_HEAD(&vma->vm_list);
                INIT_LIST_HEAD(&vma->vm_shared);
        }
        return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
        struct vm_area_struct *vma = kmalloc(sizeof(*vma), GFP_KERNEL);

        if (vma) {
                *vma = *orig;
                INIT_LIST_HEAD(&vma->vm_list);
                INIT_LIST_HEAD(&vma->vm_shared);
                if (vma->vm_obj)
                        shmem_inode_get(vma->vm_obj);
        }
        return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
        if (vma->vm_obj) {
                shmem_rmap_remove(vma);
                shmem_inode_put(vma->vm_obj);
        }
        kfree(vma);
}
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
        struct vm_area_struct *vma;

        mmap_assert_locked(mm);
        for_each_vma(mm, vma)
                if (vma->vm_end > addr)
                        return vma;
        return NULL;
}
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
                                             unsigned long start, unsigned long end)
{
        struct vm_area_struct *vma = find_vma(mm, start);

        return vma && vma->vm_start < end ? vma : NULL;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
                                     struct vm_area_struct **pprev)
{
        struct vm_area_struct *vma = find_vma(mm, addr);

        *pprev = vma_prev(mm, vma);
        return vma;
}
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
        struct vm_area_struct *next = find_vma(mm, vma->vm_start);

        BUG_ON(next && next->vm_start < vma->vm_end);
        list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
        mm->map_count++;
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
        list_del(&vma->vm_list);
        mm->map_count--;
}
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
        mmap_assert_write_locked(mm);
        if (WARN_ON(vma->vm_start >= vma->vm_end || vma->vm_end > TASK_SIZE_MAX ||
                    ((vma->vm_start | vma->vm_end) & ~PAGE_MASK)))
                return -EINVAL;
        if (find_vma_intersection(mm, vma->vm_start, vma->vm_end) ||
            mm->map_count >= sysctl_max_map_count)
                return -ENOMEM;
        vma->vm_mm = mm;
        vma_link(mm, vma);
        mm->total_vm += vma_pages(vma);
        return 0;
}
static const pgprot_t protection_map[16] = {
        [VM_NONE]                                         = PAGE_NONE,
        [VM_READ]                                         = PAGE_READONLY,
        [VM_WRITE]                                        = PAGE_COPY,
        [VM_WRITE | VM_READ]                              = PAGE_COPY,
        [VM_EXEC]                                         = PAGE_READONLY_EXEC,
        [VM_EXEC | VM_READ]                               = PAGE_READONLY_EXEC,
        [VM_EXEC | VM_WRITE]                              = PAGE_COPY_EXEC,
        [VM_EXEC | VM_WRITE | VM_READ]                    = PAGE_COPY_EXEC,
        [VM_SHARED]                                       = PAGE_NONE,
        [VM_SHARED | VM_READ]                             = PAGE_READONLY,
        [VM_SHARED | VM_WRITE]                            = PAGE_SHARED,
        [VM_SHARED | VM_WRITE | VM_READ]                  = PAGE_SHARED,
        [VM_SHARED | VM_EXEC]                             = PAGE_READONLY_EXEC,
        [VM_SHARED | VM_EXEC | VM_READ]                   = PAGE_READONLY_EXEC,
        [VM_SHARED | VM_EXEC | VM_WRITE]                  = PAGE_SHARED_EXEC,
        [VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]        = PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
        return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}
static bool vma_is_sane(struct mm_struct *mm, struct vm_area_struct *vma,
                        unsigned long prev_end)
{
        return vma->vm_start < vma->vm_end && vma->vm_end <= TASK_SIZE_MAX &&
               !((vma->vm_start | vma->vm_end) & ~PAGE_MASK) &&
               vma->vm_start >= prev_end && vma->vm_mm == mm &&
               pgprot_val(vma->vm_page_prot) ==
               pgprot_val(vm_get_page_prot(vma->vm_flags)) &&
               (vma->vm_obj || !(vma->vm_flags & VM_SHARED)) &&
               !vma->vm_obj == list_empty(&vma->vm_shared);
}
int validate_mm(struct mm_struct *mm)
{
        struct vm_area_struct *vma;
        unsigned long prev_end = 0, pages = 0;
        int count = 0, bad = 0;

        for_each_vma(mm, vma) {
                if (!vma_is_sane(mm, vma, prev_end)) {
                        pr_err("validate_mm: bad vma [%lx, %lx) flags %lx after %lx\n",
                               vma->vm_start, vma->vm_end, vma->vm_flags, prev_end);
                        bad++;
                }
                prev_end = vma->vm_end;
                pages += vma_pages(vma);
                count++;
        }
        if (count != mm->map_count || pages != mm->total_vm) {
                pr_err("validate_mm: %d vmas, %lu pages; map_count %d, total_vm %lu\n",
                       count, pages, mm->map_count, mm->total_vm);
                bad++;
        }
        return bad;
}
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
              unsigned long addr, int new_below)
{
        unsigned long delta = (addr - vma->vm_start) >> PAGE_SHIFT;
        struct vm_area_struct *new;

        mmap_assert_write_locked(mm);
        if (WARN_ON(addr <= vma->vm_start || addr >= vma->vm_end || (addr & ~PAGE_MASK)))
                return -EINVAL;
        if (mm->map_count >= sysctl_max_map_count)
                return -ENOMEM;
        new = vm_area_dup(vma);
        if (!new)
                return -ENOMEM;
        vma_obj_lock(vma);
        if (new_below) {
                new->vm_end = addr;
                vma->vm_start = addr;
                vma->vm_pgoff += delta;
        } else {
                new->vm_start = addr;
                new->vm_pgoff += delta;
                vma->vm_end = addr;
        }
        if (vma->vm_obj)
                shmem_rmap_insert_after(new, vma);
        vma_obj_unlock(vma);
        vma_link(mm, new);
        return 0;
}
static bool vma_can_merge(const struct vm_area_struct *a,
                          const struct vm_area_struct *b)
{
        return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
               pgprot_val(a->vm_page_prot) == pgprot_val(b->vm_page_prot) &&
               a->vm_obj == b->vm_obj && a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}
static void vma_absorb_next(struct mm_struct *mm, struct vm_area_struct *vma,
                            struct vm_area_struct *next)
{
        vma_obj_lock(vma);
        vma->vm_end = next->vm_end;
        if (next->vm_obj)
                __shmem_rmap_remove(next);
        vma_obj_unlock(vma);
        vma_unlink(mm, next);
        vm_area_free(next);
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
                                            struct vm_area_struct *vma)
{
        struct vm_area_struct *prev = vma_prev(mm, vma), *next = vma_next(mm, vma);

        mmap_assert_write_locked(mm);
        if (next && vma_can_merge(vma, next))
                vma_absorb_next(mm, vma, next);
        if (prev && vma_can_merge(prev, vma)) {
                vma_absorb_next(mm, prev, vma);
                vma = prev;
        }
        return vma;
}
