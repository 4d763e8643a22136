/* Tangled from book/vm.nw (chapter "Address spaces"). Do not edit: edit the book and run make tangle. */
#include <asm/mpx.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

#define VM_BRK_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
void mm_init_mmap(struct mm_struct *mm)
{
        init_rwsem(&mm->mmap_lock);
        INIT_LIST_HEAD(&mm->mmap);
        mm->map_count = 0;
        mm->total_vm = 0;
        mm->mmap_base = TASK_SIZE_MAX - MMAP_STACK_GAP;
}
static bool gap_fits(unsigned long lo, unsigned long hi, unsigned long len)
{
        lo = max(lo, MMAP_MIN_ADDR);
        return hi >= lo && hi - lo >= len;
}

static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len,
                                           unsigned long high)
{
        struct vm_area_struct *vma;

        for (vma = vma_prev(mm, NULL); vma; vma = vma_prev(mm, vma)) {
                if (vma->vm_start >= high)
                        continue;
                if (gap_fits(vma->vm_end, high, len))
                        return high - len;
                high = vma->vm_start;
        }
        return gap_fits(0, high, len) ? high - len : (unsigned long)-ENOMEM;
}
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
                                       unsigned long len, unsigned long flags)
{
        unsigned long high = mm->mmap_base;

        if (len > TASK_SIZE_MAX - MMAP_MIN_ADDR)
                return -ENOMEM;
        if (flags & MAP_FIXED) {
                if (addr > TASK_SIZE_MAX - len)
                        return -ENOMEM;
                if (addr & ~PAGE_MASK)
                        return -EINVAL;
                return addr < MMAP_MIN_ADDR ? (unsigned long)-EPERM : addr;
        }
        addr = PAGE_ALIGN(addr);
        if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE_MAX - len &&
            !find_vma_intersection(mm, addr, addr + len))
                return addr;
        if (flags & MAP_32BIT)
                high = min(high, 0x80000000UL);
        if (current->in_ia32_syscall)
                high = min(high, IA32_MMAP_BASE);
        return unmapped_area_topdown(mm, len, high);
}
static unsigned long calc_vm_prot_bits(unsigned long prot)
{
        return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
               (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
        return flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0;
}
static unsigned long mmap_region(struct mm_struct *mm, unsigned long addr,
                                 unsigned long len, unsigned long vm_flags,
                                 unsigned long pgoff, struct shmem_inode *obj)
{
        struct vm_area_struct *vma = vm_area_alloc(mm);
        int err;

        if (!vma)
                return -ENOMEM;
        err = do_munmap(mm, addr, len);
        if (err) {
                vm_area_free(vma);
                return err;
        }
        vma->vm_start = addr;
        vma->vm_end = addr + len;
        vma->vm_flags = vm_flags;
        vma->vm_page_prot = vm_get_page_prot(vm_flags);
        vma->vm_pgoff = pgoff;
        vma_link(mm, vma);
        mm->total_vm += len >> PAGE_SHIFT;
        if (obj) {
                vma->vm_obj = shmem_inode_get(obj);
                shmem_rmap_insert(vma);
        }
        vma_merge_neighbours(mm, vma);
        return addr;
}
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
                         MAP_DENYWRITE | MAP_EXECUTABLE | MAP_GROWSDOWN | MAP_LOCKED | \
                         MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | \
                         MAP_HUGETLB | MAP_32BIT)
unsigned long do_mmap_obj(struct mm_struct *mm, struct shmem_inode *obj,
                          unsigned long addr, unsigned long len, unsigned long prot,
                          unsigned long flags, unsigned long pgoff)
{
        struct shmem_inode *anon = NULL;
        unsigned long vm_flags, ret;

        mmap_assert_write_locked(mm);
        if (!len)
                return -EINVAL;
        len = PAGE_ALIGN(len);
        if (!len)
                return -ENOMEM;
        if (pgoff + (len >> PAGE_SHIFT) < pgoff)
                return -EOVERFLOW;
        if (mm->map_count >= sysctl_max_map_count)
                return -ENOMEM;
        if (flags & MAP_FIXED_NOREPLACE)
                flags |= MAP_FIXED;
        addr = get_unmapped_area(mm, addr, len, flags);
        if (IS_ERR_VALUE(addr))
                return addr;
        if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
                return -EEXIST;
        vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
                   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        if (!obj && !(flags & MAP_ANONYMOUS))
                return -EBADF;
        switch (flags & MAP_TYPE) {
        case MAP_PRIVATE:
                break;
        case MAP_SHARED_VALIDATE:
                if (!obj)
                        return -EINVAL;
                if (flags & ~LEGACY_MAP_MASK)
                        return -EOPNOTSUPP;
                vm_flags |= VM_SHARED | VM_MAYSHARE;
                break;
        case MAP_SHARED:
                vm_flags |= VM_SHARED | VM_MAYSHARE;
                break;
        default:
                return -EINVAL;
        }
        if (!obj && (vm_flags & VM_SHARED)) {
                obj = anon = shmem_anon_create(len);
                if (!anon)
                        return -ENOMEM;
                pgoff = 0;
        } else if (!obj) {
                pgoff = addr >> PAGE_SHIFT;
        }
        ret = mmap_region(mm, addr, len, vm_flags, pgoff, obj);
        if (anon)
                shmem_inode_put(anon);
        return ret;
}
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
                      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
        return do_mmap_obj(mm, NULL, addr, len, prot, flags, pgoff);
}
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
        struct vm_area_struct *vma, *last, *prev, *next;
        unsigned long end;
        LIST_HEAD(detached);
        int err;

        mmap_assert_write_locked(mm);
        if ((start & ~PAGE_MASK) || start > TASK_SIZE_MAX || len > TASK_SIZE_MAX - start)
                return -EINVAL;
        len = PAGE_ALIGN(len);
        if (!len)
                return -EINVAL;
        end = start + len;
        vma = find_vma_intersection(mm, start, end);
        if (!vma)
                return 0;
        mpx_notify_unmap(mm, start, end, MPX_UNMAP_BEFORE);
        if (vma->vm_start < start) {
                if (end < vma->vm_end && mm->map_count + 1 >= sysctl_max_map_count)
                        return -ENOMEM;
                err = split_vma(mm, vma, start, 1);
                if (err)
                        return err;
        }
        last = find_vma_intersection(mm, end - 1, end);
        if (last && last->vm_end > end) {
                err = split_vma(mm, last, end, 0);
                if (err) {
                        vma_merge_neighbours(mm, vma);
                        return err;
                }
        }
        prev = vma_prev(mm, vma);
        while (vma && vma->vm_start < end) {
                next = vma_next(mm, vma);
                vma_unlink(mm, vma);
                list_add_tail(&vma->vm_list, &detached);
                mm->total_vm -= vma_pages(vma);
                vma = next;
        }
        next = vma;
        list_for_each_entry(vma, &detached, vm_list)
                unmap_region(vma, vma->vm_start, vma->vm_end);
        while (!list_empty(&detached)) {
                vma = list_first_entry(&detached, struct vm_area_struct, vm_list);
                list_del(&vma->vm_list);
                vm_area_free(vma);
        }
        free_pgd_range(mm, start, end, prev ? prev->vm_end : 0,
                       next ? next->vm_start : TASK_SIZE_MAX);
        mpx_notify_unmap(mm, start, end, MPX_UNMAP_AFTER);
        return 0;
}
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct **pvma,
                          unsigned long start, unsigned long end, unsigned long newflags)
{
        struct vm_area_struct *vma = *pvma;
        int err;

        if (newflags == vma->vm_flags)
                return 0;
        if (start > vma->vm_start && (err = split_vma(mm, vma, start, 1)))
                return err;
        if (end < vma->vm_end && (err = split_vma(mm, vma, end, 0))) {
                vma_merge_neighbours(mm, vma);
                return err;
        }
        vma->vm_flags = newflags;
        vma->vm_page_prot = vm_get_page_prot(newflags);
        change_protection(vma, start, end, vma->vm_page_prot);
        *pvma = vma_merge_neighbours(mm, vma);
        return 0;
}
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
                unsigned long prot)
{
        struct vm_area_struct *vma;
        unsigned long end, newflags;
        int err;

        mmap_assert_write_locked(mm);
        if (start & ~PAGE_MASK)
                return -EINVAL;
        if (!len)
                return 0;
        len = PAGE_ALIGN(len);
        end = start + len;
        if (end <= start)
                return -ENOMEM;
        if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
                return -EINVAL;
        vma = find_vma(mm, start);
        if (!vma || vma->vm_start > start)
                return -ENOMEM;
        for (;;) {
                newflags = calc_vm_prot_bits(prot) |
                           (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
                if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
                        return -EACCES;
                err = mprotect_fixup(mm, &vma, max(start, vma->vm_start),
                                     min(end, vma->vm_end), newflags);
                if (err)
                        return err;
                if (vma->vm_end >= end)
                        return 0;
                start = vma->vm_end;
                vma = vma_next(mm, vma);
                if (!vma || vma->vm_start != start)
                        return -ENOMEM;
        }
}
unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
        unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);

        mmap_assert_write_locked(mm);
        if (brk < mm->start_brk || brk > TASK_SIZE_MAX)
                return mm->brk;
        if (newbrk == oldbrk) {
                mm->brk = brk;
                return brk;
        }
        if (brk < mm->brk) {
                if (do_munmap(mm, newbrk, oldbrk - newbrk))
                        return mm->brk;
        } else {
                struct vm_area_struct *next = find_vma(mm, oldbrk);

                if (next && newbrk + PAGE_SIZE > next->vm_start)
                        return mm->brk;
                if (IS_ERR_VALUE(mmap_region(mm, oldbrk, newbrk - oldbrk, VM_BRK_FLAGS,
                                             oldbrk >> PAGE_SHIFT, NULL)))
                        return mm->brk;
        }
        mm->brk = brk;
        return brk;
}
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
                              unsigned long addr, unsigned long old_len,
                              unsigned long new_len, unsigned long new_addr,
                              unsigned long flags)
{
        struct shmem_inode *obj = vma->vm_obj;
        unsigned long pgoff = obj ? vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT)
                                  : new_addr >> PAGE_SHIFT;
        unsigned long ret = mmap_region(mm, new_addr, new_len, vma->vm_flags, pgoff, obj);
        int err;

        if (IS_ERR_VALUE(ret))
                return ret;
        vma = find_vma(mm, addr);               /* the new VMA may have been merged */
        if (obj)
                down_write(&obj->i_mmap_rwsem);
        err = move_page_tables(vma, addr, new_addr, old_len);
        if (obj)
                up_write(&obj->i_mmap_rwsem);
        if (err) {
                do_munmap(mm, new_addr, new_len);
                return err;
        }
        if (!(flags & MREMAP_DONTUNMAP))
                do_munmap(mm, addr, old_len);
        return new_addr;
}

unsigned long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
                        unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
        struct vm_area_struct *vma;

        mmap_assert_write_locked(mm);
        if (flags & MREMAP_FIXED) {
                if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE_MAX ||
                    new_addr > TASK_SIZE_MAX - new_len)
                        return -EINVAL;
                if (new_addr < addr + old_len && addr < new_addr + new_len)
                        return -EINVAL;                 /* the ranges overlap */
                if (new_addr < MMAP_MIN_ADDR)
                        return -EPERM;
        }
        vma = find_vma(mm, addr);
        if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
                return -EFAULT;
        if (vma->vm_flags & VM_MPX)
                return -EFAULT;
        if (new_len < old_len && !(flags & MREMAP_DONTUNMAP)) {
                int err = do_munmap(mm, addr + new_len, old_len - new_len);
                if (err)
                        return err;
                if (!(flags & MREMAP_FIXED))
                        return addr;
                old_len = new_len;
                vma = find_vma(mm, addr);
        }
        if (!(flags & MREMAP_FIXED)) {
                if (new_len == old_len && !(flags & MREMAP_DONTUNMAP))
                        return addr;
                struct vm_area_struct *next = vma_next(mm, vma);
                unsigned long end = addr + new_len;
                if (addr + old_len == vma->vm_end && !(flags & MREMAP_DONTUNMAP) &&
                    end <= TASK_SIZE_MAX && (!next || next->vm_start >= end)) {
                        unsigned long ret = mmap_region(mm, vma->vm_end, end - vma->vm_end,
                                                        vma->vm_flags, vma->vm_pgoff + vma_pages(vma),
                                                        vma->vm_obj);
                        return IS_ERR_VALUE(ret) ? ret : addr;
                }
                if (!(flags & MREMAP_MAYMOVE))
                        return -ENOMEM;
                new_addr = get_unmapped_area(mm, 0, new_len, 0);
                if (IS_ERR_VALUE(new_addr))
                        return new_addr;
        }
        return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}
#define SINGLE_DEPTH_NESTING 1

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
        struct vm_area_struct *vma;
        int err = 0;

        mmap_write_lock(oldmm);
        down_write_nested(&mm->mmap_lock, SINGLE_DEPTH_NESTING);
        BUG_ON(!list_empty(&mm->mmap));
        mm->mmap_base = oldmm->mmap_base;
        mm->start_code = oldmm->start_code;
        mm->end_code = oldmm->end_code;
        mm->start_data = oldmm->start_data;
        mm->end_data = oldmm->end_data;
        mm->start_brk = oldmm->start_brk;
        mm->brk = oldmm->brk;
        mm->start_stack = oldmm->start_stack;
        mm->arg_start = oldmm->arg_start;
        mm->arg_end = oldmm->arg_end;
        mm->env_start = oldmm->env_start;
        mm->env_end = oldmm->env_end;
        for_each_vma(oldmm, vma) {
                struct vm_area_struct *tmp = vm_area_dup(vma);

                if (!tmp) {
                        err = -ENOMEM;
                        break;
                }
                tmp->vm_mm = mm;
                list_add_tail(&tmp->vm_list, &mm->mmap);
                mm->map_count++;
                mm->total_vm += vma_pages(tmp);
                if (tmp->vm_obj) {
                        vma_obj_lock(vma);
                        shmem_rmap_insert_after(tmp, vma);
                        vma_obj_unlock(vma);
                }
                err = copy_page_range(tmp, vma);
                if (err)
                        break;
        }
        up_write(&mm->mmap_lock);
        mmap_write_unlock(oldmm);
        return err;
}
long rss_count_errors;
struct mm_struct *oom_victim_mm;        /* the OOM victim's, until exit_mmap ends */
void exit_mmap(struct mm_struct *mm)
{
        struct vm_area_struct *vma;

        mmap_write_lock(mm);
        for_each_vma(mm, vma)
                unmap_region(vma, vma->vm_start, vma->vm_end);
        while ((vma = vma_next(mm, NULL))) {
                vma_unlink(mm, vma);
                vm_area_free(vma);
        }
        free_pgtables_range(mm, 0, TASK_SIZE_MAX);
        mm->total_vm = 0;
        if (get_mm_counter(mm, MM_ANONPAGES) || get_mm_counter(mm, MM_SHMEMPAGES)) {
                pr_err("BUG: exit_mmap: %ld anonymous and %ld shared-memory pages still counted\n",
                       get_mm_counter(mm, MM_ANONPAGES), get_mm_counter(mm, MM_SHMEMPAGES));
                __atomic_add_fetch(&rss_count_errors, 1, __ATOMIC_RELAXED);
        }
        if (READ_ONCE(oom_victim_mm) == mm)
                WRITE_ONCE(oom_victim_mm, NULL);        /* the OOM killer's victim is done */
        mmap_write_unlock(mm);
}
SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
                unsigned long, flags, unsigned long, fd, unsigned long, off)
{
        struct mm_struct *mm = current->mm;
        struct file *file = NULL;
        unsigned long ret;

        if (off & ~PAGE_MASK)
                return -EINVAL;
        if (!(flags & MAP_ANONYMOUS)) {
                file = fget(fd);
                if (!file)
                        return -EBADF;
                if (!file->f_shmem) {
                        fput(file);
                        return -ENODEV;
                }
        }
        int mpx = mpx_pre_unmap(mm, addr, flags & MAP_FIXED ? len : 0);
        mmap_write_lock(mm);
        ret = do_mmap_obj(mm, file ? file->f_shmem : NULL, addr, len, prot, flags,
                          off >> PAGE_SHIFT);
        mmap_write_unlock(mm);
        mpx_post_unmap(mm, mpx);
        if (file)
                fput(file);
        return (long)ret;
}
SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
        struct mm_struct *mm = current->mm;
        int ret;

        int mpx = mpx_pre_unmap(mm, addr, len);
        mmap_write_lock(mm);
        ret = do_munmap(mm, addr, len);
        mmap_write_unlock(mm);
        mpx_post_unmap(mm, mpx);
        return ret;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
        struct mm_struct *mm = current->mm;
        int ret;

        mmap_write_lock(mm);
        ret = do_mprotect(mm, start, len, prot);
        mmap_write_unlock(mm);
        return ret;
}
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
        struct mm_struct *mm = current->mm;
        unsigned long ret;

        mmap_write_lock(mm);
        ret = do_brk(mm, brk);
        mmap_write_unlock(mm);
        return (long)ret;
}
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
                unsigned long, flags, unsigned long, new_addr)
{
        struct mm_struct *mm = current->mm;
        unsigned long ret;

        if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
                return -EINVAL;
        if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
                return -EINVAL;
        if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
                return -EINVAL;
        if ((addr & ~PAGE_MASK) || old_len > TASK_SIZE_MAX || new_len > TASK_SIZE_MAX)
                return -EINVAL;
        old_len = PAGE_ALIGN(old_len);
        new_len = PAGE_ALIGN(new_len);
        if (!new_len || !old_len)
                return -EINVAL;
        mmap_write_lock(mm);
        ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
        mmap_write_unlock(mm);
        return (long)ret;
}
