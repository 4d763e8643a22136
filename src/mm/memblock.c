/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

#define MAX_RESERVED 16
static struct { u64 base, end; const char *name; } reserved[MAX_RESERVED];
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
/* The first edge of a usable region or a reserved range above pa, or limit. */
static u64 memblock_next_edge(u64 pa, u64 limit)
{
        u64 next = limit;

        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                u64 edges[2] = { PAGE_ALIGN(e->addr), (e->addr + e->size) & PAGE_MASK };
                for (int k = 0; k < 2 && e->type == E820_TYPE_RAM; k++)
                        if (edges[k] > pa && edges[k] < next)
                                next = edges[k];
        }
        for (int i = 0; i < nr_reserved; i++) {
                if (reserved[i].base > pa && reserved[i].base < next)
                        next = reserved[i].base;
                if (reserved[i].end > pa && reserved[i].end < next)
                        next = reserved[i].end;
        }
        return next;
}

static bool memblock_usable(u64 pa)
{
        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                if (e->type == E820_TYPE_RAM && PAGE_ALIGN(e->addr) <= pa &&
                    pa < ((e->addr + e->size) & PAGE_MASK))
                        return !memblock_overlap(pa, pa + PAGE_SIZE);
        }
        return false;
}

static unsigned long memblock_free_all(u64 top)
{
        unsigned long freed = 0;

        for (u64 pa = 0, next; pa < top; pa = next) {
                next = memblock_next_edge(pa, top);
                if (memblock_usable(pa)) {
                        free_bootmem_range(pa >> PAGE_SHIFT, next >> PAGE_SHIFT);
                        freed += (next - pa) >> PAGE_SHIFT;
                } else {
                        reserve_bootmem_range(pa >> PAGE_SHIFT, next >> PAGE_SHIFT);
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
        unsigned long freed = memblock_free_all(top);
        init_mm.pgd = __va(read_cr3() & PAGE_MASK);
        spin_lock_init(&init_mm.page_table_lock);
        pr_info("Memory: %lu KiB free; mem_map %llu KiB at %#llx for %lu pages\n",
                freed * (PAGE_SIZE / 1024), (unsigned long long)map_size / 1024,
                (unsigned long long)map_pa, max_pfn);
}
