/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static unsigned long ioremap_next = IOREMAP_START;
static DEFINE_SPINLOCK(ioremap_lock);

static void *remap(phys_addr_t phys, size_t size, pteval_t prot)
{
        unsigned long off = phys & ~PAGE_MASK, va;

        phys -= off;
        size = PAGE_ALIGN(size + off);
        spin_lock(&ioremap_lock);
        va = ioremap_next;
        ioremap_next += size + PAGE_SIZE;
        BUG_ON(ioremap_next > IOREMAP_END);
        for (unsigned long done = 0; done < size; done += PAGE_SIZE) {
                unsigned long a = va + done;
                pud_t *pud = pud_alloc(&init_mm, pgd_offset(&init_mm, a), a);
                pmd_t *pmd = pud ? pmd_alloc(&init_mm, pud, a) : NULL;
                if (!pmd || pte_alloc(&init_mm, pmd))
                        panic("ioremap: no memory for page tables at %#lx", a);
                set_pte_at(&init_mm, a, pte_offset_kernel(pmd, a),
                           pfn_pte((phys + done) >> PAGE_SHIFT, __pgprot(prot)));
        }
        spin_unlock(&ioremap_lock);
        return (void *)(va + off);
}

void *ioremap(phys_addr_t phys, size_t size)
{
        return remap(phys, size, PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT);
}

void *memremap(phys_addr_t phys, size_t size)
{
        return remap(phys, size, PAGE_KERNEL_RO);
}

void *vmap_stack(unsigned long size)
{
        unsigned int order = 0;
        while ((PAGE_SIZE << order) < size)
                order++;
        struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
        if (!p)
                return NULL;
        void *va = remap(page_to_phys(p), size, PAGE_KERNEL);
        register_kernel_stack((unsigned long)va, (unsigned long)va + size);
        return va;
}

void *vmap_page(struct page *page, pte_t **ptep)
{
        unsigned long va = (unsigned long)remap(page_to_phys(page), PAGE_SIZE, PAGE_KERNEL);
        pmd_t *pmd = pmd_offset(pud_offset(pgd_offset(&init_mm, va), va), va);
        *ptep = pte_offset_kernel(pmd, va);
        return (void *)va;
}
