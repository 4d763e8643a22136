/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/io.h>
#include <asm/desc.h>
#include <asm/setup.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/string.h>
#include "../boot/multiboot.h"

char boot_command_line[COMMAND_LINE_SIZE];
struct e820_table e820_table;
phys_addr_t initrd_start, initrd_end;
unsigned long page_offset_base = PAGE_OFFSET;

static void *early_phys(u64 pa, u64 size, const char *what)
{
        if (pa + size < pa || pa + size > PUD_SIZE)
                panic("Multiboot %s at %#llx+%#llx lies outside the first GiB",
                      what, (unsigned long long)pa, (unsigned long long)size);
        return (void *)(unsigned long)(pa + __START_KERNEL_map);
}
static void e820_add(u64 addr, u64 size, u32 type)
{
        struct e820_table *t = &e820_table;
        u32 i;

        if (size == 0)
                return;
        if (t->nr_entries == E820_MAX_ENTRIES)
                panic("memory map: more than %d entries", E820_MAX_ENTRIES);
        for (i = t->nr_entries; i > 0 && t->entries[i - 1].addr > addr; i--)
                t->entries[i] = t->entries[i - 1];
        t->entries[i] = (struct e820_entry){ addr, size, type };
        t->nr_entries++;
}

static void copy_memory_map(const struct multiboot_info *mbi)
{
        if (!(mbi->flags & MULTIBOOT_INFO_MMAP))
                panic("the boot loader gave no memory map");
        const char *p = early_phys(mbi->mmap_addr, mbi->mmap_length, "memory map");
        const char *end = p + mbi->mmap_length;
        while (p < end) {
                const struct multiboot_mmap_entry *e = (const void *)p;
                e820_add(e->addr, e->len, e->type);
                p += e->size + sizeof(e->size);
        }
}
void setup_multiboot(unsigned long magic, unsigned long mbi_pa)
{
        if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
                panic("not started by a Multiboot loader (magic %#lx)", magic);
        const struct multiboot_info *mbi = early_phys(mbi_pa, sizeof(*mbi), "information");
        if (mbi->flags & MULTIBOOT_INFO_CMDLINE) {
                const char *cl = early_phys(mbi->cmdline, 1, "command line");
                while (*cl && *cl != ' ')
                        cl++;
                while (*cl == ' ')
                        cl++;
                if (strscpy(boot_command_line, cl, sizeof(boot_command_line)) < 0)
                        pr_warn("command line longer than %d bytes: truncated\n",
                                COMMAND_LINE_SIZE - 1);
        }
        if ((mbi->flags & MULTIBOOT_INFO_MODS) && mbi->mods_count > 0) {
                const struct multiboot_mod *m =
                        early_phys(mbi->mods_addr, sizeof(*m), "module list");
                initrd_start = m->mod_start;
                initrd_end = m->mod_end;
        }
        copy_memory_map(mbi);
}
void e820_print(void)
{
        u64 ram = 0;
        u32 regions = 0;

        pr_info("Multiboot memory map:\n");
        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                pr_info(" [mem 0x%016llx-0x%016llx] %s\n", (unsigned long long)e->addr,
                        (unsigned long long)(e->addr + e->size - 1),
                        e->type == E820_TYPE_RAM ? "usable" : "reserved");
                if (e->type == E820_TYPE_RAM) {
                        ram += e->size;
                        regions++;
                }
        }
        pr_info("Memory: %llu MiB usable RAM in %u regions\n",
                (unsigned long long)(ram >> 20), regions);
        if (initrd_end > initrd_start)
                pr_info("initrd: [mem 0x%016llx-0x%016llx]\n", (unsigned long long)initrd_start,
                        (unsigned long long)initrd_end - 1);
}
#define EARLY_PGT_PAGES 64
static unsigned long early_pgt_pool[EARLY_PGT_PAGES][PTRS_PER_TABLE]
        __section(".bss..pgt_pool") __aligned(PAGE_SIZE);
static unsigned int early_pgt_used;
static unsigned long *init_top_pgt;

static unsigned long *early_pgt_alloc(void)
{
        if (early_pgt_used == EARLY_PGT_PAGES)
                panic("early page-table pool (%d pages) exhausted: too much RAM "
                      "for the boot mapper", EARLY_PGT_PAGES);
        return early_pgt_pool[early_pgt_used++];
}

static unsigned long *pgt_virt(unsigned long entry)
{
        unsigned long pa = entry & PTE_PFN_MASK;
        BUG_ON(pa < __pa_symbol(early_pgt_pool) ||
               pa >= __pa_symbol(early_pgt_pool[EARLY_PGT_PAGES]));
        return (unsigned long *)(pa + __START_KERNEL_map);
}
static unsigned long *pgt_next(unsigned long *entry)
{
        if (!(*entry & _PAGE_PRESENT))
                *entry = __pa_symbol(early_pgt_alloc()) | _KERNPG_TABLE;
        BUG_ON(*entry & _PAGE_PSE);
        return pgt_virt(*entry);
}

static void map_range(unsigned long va, u64 pa, u64 size, unsigned long prot,
                      bool large_ok)
{
        while (size) {
                unsigned long *pud = pgt_next(&init_top_pgt[pgd_index(va)]);
                unsigned long *pmd = pgt_next(&pud[pud_index(va)]);
                unsigned long step = PAGE_SIZE;

                if (large_ok && IS_ALIGNED(va | pa, PMD_SIZE) && size >= PMD_SIZE) {
                        BUG_ON(pmd[pmd_index(va)] & _PAGE_PRESENT);
                        pmd[pmd_index(va)] = pa | prot | _PAGE_PSE;
                        step = PMD_SIZE;
                } else {
                        unsigned long *pte = pgt_next(&pmd[pmd_index(va)]);
                        BUG_ON(pte[pte_index(va)] & _PAGE_PRESENT);
                        pte[pte_index(va)] = pa | prot;
                }
                va += step;
                pa += step;
                size -= step;
        }
}
extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _end[];

static void map_kernel_section(const char *start, const char *end, unsigned long prot)
{
        map_range((unsigned long)start, __pa_symbol(start),
                  PAGE_ALIGN((unsigned long)(end - start)), prot, false);
}

extern char boot_stack_guard[];

static void unmap_kernel_page(const void *va)
{
        enum pg_level level;
        unsigned long *e = lookup_address((unsigned long)va, &level);
        BUG_ON(!e || level != PG_LEVEL_4K);
        *e = 0;
}

static void unmap_stack_guards(void)
{
        unmap_kernel_page(boot_stack_guard);
        for (int i = 0; i < N_EXCEPTION_STACKS; i++)
                unmap_kernel_page(exception_stacks[i].guard);
}

bool stack_guard_hit(unsigned long addr)
{
        unsigned long g = (unsigned long)boot_stack_guard;
        if (addr >= g && addr < g + PAGE_SIZE)
                return true;
        for (int i = 0; i < N_EXCEPTION_STACKS; i++) {
                g = (unsigned long)exception_stacks[i].guard;
                if (addr >= g && addr < g + PAGE_SIZE)
                        return true;
        }
        return registered_stack_guard_hit(addr);
}

void init_mem_mapping(void)
{
        init_top_pgt = early_pgt_alloc();
        map_kernel_section(_text, _etext, PAGE_KERNEL_EXEC);
        map_kernel_section(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
        map_kernel_section(_sdata, _end, PAGE_KERNEL);
        unmap_stack_guards();
        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                u64 start = PAGE_ALIGN(e->addr);
                u64 end = (e->addr + e->size) & PAGE_MASK;
                if (e->type == E820_TYPE_RAM && end > start)
                        map_range(PAGE_OFFSET + start, start, end - start, PAGE_KERNEL, true);
        }
        write_cr3(__pa_symbol(init_top_pgt));
        pr_info("Kernel page tables: %u of %d pool pages; direct map at %#lx\n",
                early_pgt_used, EARLY_PGT_PAGES, PAGE_OFFSET);
}
unsigned long *lookup_address(unsigned long va, enum pg_level *level)
{
        unsigned long *e = &init_top_pgt[pgd_index(va)];

        *level = PG_LEVEL_NONE;
        if (!(*e & _PAGE_PRESENT))
                return NULL;
        e = &pgt_virt(*e)[pud_index(va)];
        if (!(*e & _PAGE_PRESENT))
                return NULL;
        e = &pgt_virt(*e)[pmd_index(va)];
        if (!(*e & _PAGE_PRESENT))
                return NULL;
        if (*e & _PAGE_PSE) {
                *level = PG_LEVEL_2M;
                return e;
        }
        e = &pgt_virt(*e)[pte_index(va)];
        if (!(*e & _PAGE_PRESENT))
                return NULL;
        *level = PG_LEVEL_4K;
        return e;
}
