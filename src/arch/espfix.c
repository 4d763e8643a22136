/* Tangled from book/espfix.nw (chapter "espfix64: the sixteen bits IRET forgets"). Do not edit: edit the book and run make tangle. */
#include <asm/espfix.h>
#include <asm/pti.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pgtable.h>
#include <linux/smp.h>
#include <linux/string.h>

bool espfix_enabled = true;

static int set_espfix(char *val)
{
        int broken = parse_broken_switch("espfix", val, "on", "off",
                "IRET to a 16-bit stack segment leaks bits 31:16 of the "
                "kernel's stack pointer");

        if (broken < 0)
                return broken;
        espfix_enabled = !broken;
        return 0;
}
early_param("espfix", set_espfix);
bool espfix_df_fixup = true;

static int set_espfix_df(char *val)
{
        int broken = parse_broken_switch("espfix_df", val, "fixup", "die",
                "a failed IRET on the ministack is a fatal double fault");

        if (broken < 0)
                return broken;
        espfix_df_fixup = !broken;
        return 0;
}
early_param("espfix_df", set_espfix_df);
#define ESPFIX_STACK_SIZE       (8 * 8UL)
#define ESPFIX_STACKS_PER_PAGE  (PAGE_SIZE / ESPFIX_STACK_SIZE)
#define ESPFIX_PAGES            \
        ((NR_CPUS + ESPFIX_STACKS_PER_PAGE - 1) / ESPFIX_STACKS_PER_PAGE)
#define PTE_STRIDE              (65536 / PAGE_SIZE)
#define ESPFIX_PTE_CLONES       (PTRS_PER_PTE / PTE_STRIDE)
#define ESPFIX_PMD_CLONES       PTRS_PER_PMD
#define ESPFIX_PUD_CLONES       (65536 / (ESPFIX_PTE_CLONES * ESPFIX_PMD_CLONES))
#define ESPFIX_PGTABLE_PROT     (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)

#define ESPFIX_PAGE_SPACE       (1UL << (PGDIR_SHIFT - PAGE_SHIFT - 16))
#define ESPFIX_MAX_CPUS         (ESPFIX_STACKS_PER_PAGE * ESPFIX_PAGE_SPACE)

_Static_assert(ESPFIX_PTE_CLONES * ESPFIX_PMD_CLONES * ESPFIX_PUD_CLONES == 65536,
               "every value of bits 31:16 has an alias");
_Static_assert(NR_CPUS <= ESPFIX_MAX_CPUS, "a ministack for every CPU fits in the slot");
DEFINE_PER_CPU(unsigned long, espfix_stack);
DEFINE_PER_CPU(unsigned long, espfix_waddr);
static unsigned long espfix_base_addr(unsigned int cpu)
{
        unsigned long page = cpu / ESPFIX_STACKS_PER_PAGE;
        unsigned long slot = cpu % ESPFIX_STACKS_PER_PAGE;
        unsigned long addr = (page << PAGE_SHIFT) + slot * ESPFIX_STACK_SIZE;

        addr = (addr & 0xffffUL) | (addr & ~0xffffUL) << 16;   /* bits 31:16 := 0 */
        return ESPFIX_BASE_ADDR + addr;
}
static pud_t espfix_pud_page[PTRS_PER_PUD] __aligned(PAGE_SIZE);
static void *espfix_pages[ESPFIX_PAGES];
static struct mutex espfix_init_mutex;

void init_espfix_bsp(void)
{
        mutex_init(&espfix_init_mutex);
        init_mm.pgd[pgd_index(ESPFIX_BASE_ADDR)].pgd =
                __pa_symbol(espfix_pud_page) | _KERNPG_TABLE;
        pti_setup_espfix64();
        init_espfix_ap(0);
}
static void *espfix_alloc_table(void)
{
        struct page *p = alloc_page(GFP_PGTABLE);

        if (!p)
                panic("espfix: no memory for the ministack page tables");
        return page_address(p);
}
static void *espfix_map_stack_page(unsigned long addr)
{
        pud_t *pud = &espfix_pud_page[pud_index(addr)];
        void *stack;

        if (!pud_present(*pud)) {
                pud_t e = { __pa(espfix_alloc_table()) | ESPFIX_PGTABLE_PROT };
                for (unsigned int n = 0; n < ESPFIX_PUD_CLONES; n++)
                        pud[n] = e;
        }
        pmd_t *pmd = pmd_offset(pud, addr);
        if (!pmd_present(*pmd)) {
                pmd_t e = { __pa(espfix_alloc_table()) | ESPFIX_PGTABLE_PROT };
                for (unsigned int n = 0; n < ESPFIX_PMD_CLONES; n++)
                        pmd[n] = e;
        }
        pte_t *pte = pte_offset_kernel(pmd, addr);
        stack = espfix_alloc_table();
        for (unsigned int n = 0; n < ESPFIX_PTE_CLONES; n++)
                pte[n * PTE_STRIDE].pte = __pa(stack) | PAGE_KERNEL_RO;
        return stack;
}
void init_espfix_ap(unsigned int cpu)
{
        unsigned long addr = espfix_base_addr(cpu);
        unsigned int page = cpu / ESPFIX_STACKS_PER_PAGE;
        void *stack = READ_ONCE(espfix_pages[page]);

        if (per_cpu(espfix_stack, cpu))
                return;
        if (!stack) {
                mutex_lock(&espfix_init_mutex);
                stack = espfix_pages[page];
                if (!stack)
                        WRITE_ONCE(espfix_pages[page], stack = espfix_map_stack_page(addr));
                mutex_unlock(&espfix_init_mutex);
        }
        per_cpu(espfix_stack, cpu) = addr;
        per_cpu(espfix_waddr, cpu) = (unsigned long)stack + (addr & ~PAGE_MASK);
        pr_info("espfix: CPU%u: ministack %016lx, writable at %016lx; an IRET from "
                "the entry stack would leave %04lx\n", cpu, addr, per_cpu(espfix_waddr, cpu),
                (per_cpu(cpu_entry_stack_top, cpu) - 5 * 8) >> 16 & 0xffff);
}
