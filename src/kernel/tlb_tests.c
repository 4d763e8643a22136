/* Tangled from book/listings-smp.nw (chapter "Listings of ``CPUs''"). Do not edit: edit the book and run make tangle. */
#include <asm/extable.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/smp.h>

struct probe { unsigned long va; u64 val; int err; };

static void probe_read(void *info)
{
        struct probe *p = info;
        p->err = get_kernel_nofault(&p->val, (void *)p->va);
}

DEFINE_KTEST(tlb, "a mapping removed on CPU0 must fault on CPU1 afterwards")
{
        struct page *page = alloc_page(GFP_KERNEL);
        pte_t *ptep;
        if (num_online_cpus() < 2 || !page)
                return -EINVAL;
        *(u64 *)page_address(page) = 0x1111111111111111UL;
        struct probe p = { .va = (unsigned long)vmap_page(page, &ptep) };
        smp_call_function_single(1, probe_read, &p);
        pr_info("tlb: CPU1 read %#llx at %#lx (err %d)\n",
                (unsigned long long)p.val, p.va, p.err);
        pte_clear(&init_mm, p.va, ptep);
        flush_tlb_kernel_range(p.va, p.va + PAGE_SIZE);
        smp_call_function_single(1, probe_read, &p);
        __free_page(page);
        if (p.err == -EFAULT) {
                pr_info("tlb: after the unmap CPU1's read faulted, as it must\n");
                return 0;
        }
        pr_err("tlb: after the unmap CPU1 still read %#llx through a stale TLB entry\n",
               (unsigned long long)p.val);
        return -1;
}
