/* Tangled from book/listings-user.nw (chapter "Listings of ``User mode''"). Do not edit: edit the book and run make tangle. */
#include <asm/mmu_context.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/process.h>

DEFINE_KTEST(smap, "read user memory without uaccess: expect an SMAP oops")
{
        struct mm_struct *mm = mm_alloc();
        int v = 42;

        if (!mm || !smap_enabled)
                return pr_err("smap: %s\n", mm ? "the CPU has no SMAP" : "no memory"), 1;
        down_write(&mm->mmap_lock);
        unsigned long addr = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
                                     MAP_PRIVATE | MAP_ANONYMOUS, 0);
        up_write(&mm->mmap_lock);
        if (IS_ERR_VALUE(addr))
                return 1;
        preempt_disable();
        current->mm = mm;
        switch_mm(mm);
        preempt_enable();
        if (copy_to_user((int __user *)addr, &v, sizeof(v)))
                return pr_err("smap: copy_to_user failed\n"), 1;
        pr_info("smap: copy_to_user wrote %lx; now reading it directly\n", addr);
        v = *(volatile int *)addr;
        pr_err("smap: read %d without a fault\n", v);
        return 1;
}
