/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

#define MAX_RESERVED 16
static struct reserved_range { u64 base, end; const char *name; } reserved[MAX_RESERVED];
static int nr_reserved;

static void memblock_reserve(u64 base, u64 size, const char *name)
{
        if (size == 0)
                return;
        if (nr_reserved == MAX_RESERVED)
                panic("memblock: more than %d reserved ranges", MAX_RESERVED);
        reserved[nr_reserved].base = ALIGN_DOWN(base, PAGE_SIZE);
        reserved[nr_reserved].end = ALIGN(base + size, PAGE_SIZE);
        reserved[nr_reserved++].name = name;
}

/* The end of the reserved range that overlaps [start, end), or 0. */
static u64 memblock_overlap(u64 start, u64 end)
{
        for (int i = 0; i < nr_reserved; i++)
                if (reserved[i].base < end && start < reserved[i].end)
                        return reserved[i].end;
        return 0;
}
static u64 memblock_find(u64 size)
{
        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                u64 start = PAGE_ALIGN(e->addr), end = (e->addr + e->size) & PAGE_MASK;
                if (e->type != E820_TYPE_RAM)
                        continue;
                while (start + size <= end) {
                        u64 past = memblock_overlap(start, start + size);
                        if (!past)
                                return start;
                        start = past;
                }
        }
        panic("memblock: no room for %llu bytes of mem_map", (unsigned long long)size);
}
/* The reserved range overlapping [start, end) that starts lowest, or NULL. */
static const struct reserved_range *memblock_first_reserved(u64 start, u64 end)
{
        const struct reserved_range *first = NULL;

        for (int i = 0; i < nr_reserved; i++)
                if (reserved[i].base < end && start < reserved[i].end &&
                    (!first || reserved[i].base < first->base))
                        first = &reserved[i];
        return first;
}

static unsigned long memblock_free_all(void)
{
        unsigned long freed = 0;

        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                u64 pa = PAGE_ALIGN(e->addr), end = (e->addr + e->size) & PAGE_MASK;
                if (e->type != E820_TYPE_RAM)
                        continue;
                while (pa < end) {
                        const struct reserved_range *r = memblock_first_reserved(pa, end);
                        u64 run = r ? max(pa, r->base) : end;
                        if (run > pa) {
                                free_bootmem_range(pa >> PAGE_SHIFT, run >> PAGE_SHIFT);
                                freed += (run - pa) >> PAGE_SHIFT;
                        }
                        pa = r ? r->end : end;
                }
        }
        return freed;
}
extern char _end[];
struct mm_struct init_mm;

void mem_init(void)
{
        u64 top = 0;

        for (u32 i = 0; i < e820_table.nr_entries; i++)
                if (e820_table.entries[i].type == E820_TYPE_RAM)
                        top = max(top, (e820_table.entries[i].addr +
                                        e820_table.entries[i].size) & PAGE_MASK);
        memblock_reserve(0, 0x100000, "low 1 MiB");
        memblock_reserve(LOAD_PHYSICAL_ADDR, __pa_symbol(_end) - LOAD_PHYSICAL_ADDR, "kernel");
        memblock_reserve(initrd_start, initrd_end - initrd_start, "initrd");
        u64 map_size = PAGE_ALIGN((top >> PAGE_SHIFT) * sizeof(struct page));
        u64 map_pa = memblock_find(map_size);
        memblock_reserve(map_pa, map_size, "mem_map");
        page_alloc_init(__va(map_pa), top >> PAGE_SHIFT);
        unsigned long freed = memblock_free_all();
        init_mm.pgd = __va(read_cr3() & PAGE_MASK);
        spin_lock_init(&init_mm.page_table_lock);
        pr_info("Memory: %lu KiB free; mem_map %llu KiB at %#llx for %lu pages\n",
                freed * (PAGE_SIZE / 1024), (unsigned long long)map_size / 1024,
                (unsigned long long)map_pa, max_pfn);
}
