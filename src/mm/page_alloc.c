/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#define pr_fmt(fmt) fmt
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/spinlock.h>

enum zone_type { ZONE_DMA32, ZONE_NORMAL, MAX_NR_ZONES };
#define DMA32_LIMIT_PFN (1UL << (32 - PAGE_SHIFT))

struct free_area {
        struct list_head free_list;     /* first pages of free blocks */
        unsigned long nr_free;          /* blocks on the list */
};

struct zone {
        const char *name;
        spinlock_t lock;                /* protects all of the below */
        unsigned long managed;          /* pages given to the allocator */
        unsigned long free;             /* pages free now */
        struct free_area free_area[MAX_ORDER + 1];
};

static struct zone zones[MAX_NR_ZONES] = {
        [ZONE_DMA32] = { .name = "DMA32" },
        [ZONE_NORMAL] = { .name = "Normal" },
};
struct page *mem_map;
unsigned long max_pfn;
static unsigned long acct_pages[NR_PGACCT];
const char *const page_acct_names[NR_PGACCT] = {
        [PGACCT_OTHER] = "other", [PGACCT_PGTABLE] = "pagetables",
        [PGACCT_KHEAP] = "kheap", [PGACCT_ANON] = "anon",
        [PGACCT_SHMEM] = "shmem", [PGACCT_LDT] = "ldt", [PGACCT_BOUNDS] = "bounds",
};

static void acct_add(enum page_acct a, long pages)
{
        __atomic_add_fetch(&acct_pages[a], (unsigned long)pages, __ATOMIC_RELAXED);
}
static struct zone *page_zone(const struct page *page)
{
        return &zones[page_to_pfn(page) < DMA32_LIMIT_PFN ? ZONE_DMA32 : ZONE_NORMAL];
}
static void add_to_free_list(struct zone *z, struct page *page, unsigned int order)
{
        page_set(page, PG_buddy);
        page->order = order;
        list_add(&page->lru, &z->free_area[order].free_list);
        z->free_area[order].nr_free++;
}

static void del_from_free_list(struct zone *z, struct page *page, unsigned int order)
{
        list_del(&page->lru);
        page_clear(page, PG_buddy);
        z->free_area[order].nr_free--;
}
/* Context: z->lock held.  page heads a block of the given order that is on no list. */
static void __free_one_page(struct zone *z, struct page *page, unsigned int order)
{
        unsigned long pfn = page_to_pfn(page);

        while (order < MAX_ORDER) {
                unsigned long buddy_pfn = pfn ^ (1UL << order);
                if (!pfn_valid(buddy_pfn))
                        break;
                struct page *buddy = pfn_to_page(buddy_pfn);
                if (!PageBuddy(buddy) || buddy->order != order || page_zone(buddy) != z)
                        break;
                del_from_free_list(z, buddy, order);
                pfn &= ~(1UL << order);
                order++;
        }
        add_to_free_list(z, pfn_to_page(pfn), order);
}
/* Context: z->lock held. */
static void expand(struct zone *z, struct page *page, unsigned int low, unsigned int high)
{
        while (high > low) {
                high--;
                add_to_free_list(z, page + (1UL << high), high);
        }
}

static struct page *rmqueue(struct zone *z, unsigned int order)
{
        struct page *page = NULL;
        unsigned long zflags;

        zflags = zone_irq_save();
        spin_lock(&z->lock);
        for (unsigned int o = order; o <= MAX_ORDER; o++) {
                struct free_area *area = &z->free_area[o];
                if (list_empty(&area->free_list))
                        continue;
                page = list_first_entry(&area->free_list, struct page, lru);
                del_from_free_list(z, page, o);
                expand(z, page, order, o);
                z->free -= 1UL << order;
                break;
        }
        spin_unlock(&z->lock);
        zone_irq_restore(zflags);
        return page;
}
#define PAGE_POISON 0xaa
#define PAGE_POISON64 0xaaaaaaaaaaaaaaaaUL
bool page_poisoning = true;
unsigned long page_poison_errors;

static void poison_page(struct page *page)
{
        memset(page_address(page), PAGE_POISON, PAGE_SIZE);
        page_set(page, PG_poisoned);
}

static void report_poison(struct page *page, size_t off, const char *site)
{
        const unsigned char *b = page_address(page);

        while (b[off] == PAGE_POISON)
                off++;
        page_poison_errors++;
        pr_err("BUG: page poison overwritten: pfn %#lx was written after it was freed\n",
               page_to_pfn(page));
        pr_err("  first changed byte at offset %#zx is %#04x, not %#04x; found when %s "
               "allocated the page\n", off, b[off], PAGE_POISON, site);
        dump_stack();
}
static bool page_keeps_poison(const u64 *w)
{
        u64 diff = 0;

        for (size_t i = 0; i < PAGE_SIZE / 8; i += 8)
                diff |= (w[i] ^ PAGE_POISON64) | (w[i + 1] ^ PAGE_POISON64) |
                        (w[i + 2] ^ PAGE_POISON64) | (w[i + 3] ^ PAGE_POISON64) |
                        (w[i + 4] ^ PAGE_POISON64) | (w[i + 5] ^ PAGE_POISON64) |
                        (w[i + 6] ^ PAGE_POISON64) | (w[i + 7] ^ PAGE_POISON64);
        return !diff;
}

static void check_poison(struct page *page, const char *site)
{
        const u64 *w = page_address(page);

        if (!page_test(page, PG_poisoned))
                return;
        page_clear(page, PG_poisoned);
        if (page_keeps_poison(w))
                return;
        for (size_t i = 0; i < PAGE_SIZE / 8; i++)
                if (w[i] != PAGE_POISON64) {
                        report_poison(page, i * 8, site);
                        return;
                }
}
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp,
                          const char *site)
{
        for (unsigned long i = 0; i < (1UL << order); i++) {
                check_poison(page + i, site);
                page[i].flags = 0;
                page[i].acct = gfp_acct(gfp);
                page[i].compound_head = NULL;
        }
        page->_refcount = 1;
        page->order = order;
        if (order)
                page_set(page, PG_head);
        if (gfp & __GFP_ZERO)
                memset(page_address(page), 0, PAGE_SIZE << order);
        acct_add(gfp_acct(gfp), 1L << order);
}
struct page *alloc_pages_site(gfp_t gfp, unsigned int order, const char *site)
{
        struct page *page = NULL;

        if (order > MAX_ORDER) {
                pr_warn("%s: page allocation of order %u > MAX_ORDER\n", site, order);
                return NULL;
        }
        if (!(gfp & __GFP_NOFAULT) && should_fail_alloc(gfp, order, site))
                return NULL;
        do {
                for (int zt = (gfp & __GFP_DMA32) ? ZONE_DMA32 : ZONE_NORMAL;
                     zt >= 0 && !page; zt--)
                        page = rmqueue(&zones[zt], order);
        } while (!page && out_of_memory(gfp, order));
        if (!page) {
                if (!(gfp & __GFP_NOWARN))
                        pr_warn("%s: page allocation failure: order %u, gfp %#x: out of memory\n",
                                site, order, gfp);
                return NULL;
        }
        prep_new_page(page, order, gfp, site);
        return page;
}

unsigned long get_free_pages_site(gfp_t gfp, unsigned int order, const char *site)
{
        struct page *page = alloc_pages_site(gfp, order, site);
        return page ? (unsigned long)page_address(page) : 0;
}
unsigned long bad_page_count;

static bool free_pages_check(struct page *page, unsigned int order)
{
        const char *bad = NULL;

        if (PageReserved(page))
                bad = "the page is reserved";
        else if (PageBuddy(page) || page_count(page) == 0)
                bad = "the page is already free";
        else if (order != page->order)
                bad = "freed with a different order than it was allocated with";
        else if (PageSlab(page))
                bad = "the page still belongs to the kernel heap";
        else if (PageTable(page))
                bad = "the page is still a page table";
        if (!bad)
                return true;
        bad_page_count++;
        pr_err("BUG: Bad page state: pfn %#lx order %u: %s\n", page_to_pfn(page), order, bad);
        dump_stack();
        return false;
}
void __free_pages(struct page *page, unsigned int order)
{
        struct zone *z = page_zone(page);
        unsigned long n = 1UL << order, zflags;

        if (page_count(page) > 1 && !PageBuddy(page)) {
                put_page_testzero(page);
                return;
        }
        if (!free_pages_check(page, order))
                return;
        page->_refcount = 0;
        acct_add(page->acct, -(long)n);
        for (unsigned long i = 0; i < n; i++) {
                page[i].flags = 0;
                page[i]._mapcount = -1;
                if (page_poisoning)
                        poison_page(page + i);
        }
        zflags = zone_irq_save();
        spin_lock(&z->lock);
        __free_one_page(z, page, order);
        z->free += n;
        spin_unlock(&z->lock);
        zone_irq_restore(zflags);
}

void free_pages(unsigned long addr, unsigned int order)
{
        if (addr)
                __free_pages(virt_to_page(addr), order);
}
static void init_page_state(struct page *page, unsigned long flags)
{
        page->flags = flags;
        page->_refcount = 0;
        page->_mapcount = -1;
        page->order = 0;
        page->acct = 0;
        page->compound_head = NULL;
}
void free_bootmem_range(unsigned long start, unsigned long end)
{
        BUG_ON(end > max_pfn);
        while (start < end) {
                unsigned int order = MAX_ORDER;
                while (order && ((start & ((1UL << order) - 1)) || start + (1UL << order) > end))
                        order--;
                struct page *page = pfn_to_page(start);
                struct zone *z = page_zone(page);
                unsigned long zflags;
                for (unsigned long i = 0; i < (1UL << order); i++)
                        init_page_state(page + i, 0);
                zflags = zone_irq_save();
                spin_lock(&z->lock);
                __free_one_page(z, page, order);
                z->free += 1UL << order;
                z->managed += 1UL << order;
                spin_unlock(&z->lock);
                zone_irq_restore(zflags);
                start += 1UL << order;
        }
}
void page_alloc_init(struct page *map, unsigned long nr_pfns)
{
        mem_map = map;
        max_pfn = nr_pfns;
        for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
                struct zone *z = &zones[zt];
                spin_lock_init(&z->lock);
                z->managed = z->free = 0;
                for (int o = 0; o <= MAX_ORDER; o++) {
                        INIT_LIST_HEAD(&z->free_area[o].free_list);
                        z->free_area[o].nr_free = 0;
                }
        }
        for (int a = 0; a < NR_PGACCT; a++)
                acct_pages[a] = 0;
}

void reserve_bootmem_range(unsigned long start, unsigned long end)
{
        BUG_ON(end > max_pfn);
        for (unsigned long pfn = start; pfn < end; pfn++)
                init_page_state(pfn_to_page(pfn), 1UL << PG_reserved);
}
unsigned long nr_free_pages(void)
{
        unsigned long n = 0;
        for (int zt = 0; zt < MAX_NR_ZONES; zt++)
                n += READ_ONCE(zones[zt].free);
        return n;
}
unsigned long totalram_pages(void)
{
        unsigned long n = 0;
        for (int zt = 0; zt < MAX_NR_ZONES; zt++)
                n += READ_ONCE(zones[zt].managed);
        return n;
}

unsigned long page_acct_read(enum page_acct a) { return READ_ONCE(acct_pages[a]); }

void mem_snapshot(struct mem_snapshot *s)
{
        s->free = nr_free_pages();
        for (int a = 0; a < NR_PGACCT; a++)
                s->acct[a] = page_acct_read(a);
}

unsigned long mem_snapshot_leaks(const struct mem_snapshot *before,
                                 const struct mem_snapshot *after)
{
        unsigned long diff = 0;
        for (int a = 0; a < NR_PGACCT; a++) {
                unsigned long b = before->acct[a], n = after->acct[a];
                if (b == n)
                        continue;
                pr_err("leak check: %s pages %lu -> %lu\n", page_acct_names[a], b, n);
                diff += n > b ? n - b : b - n;
        }
        return diff;
}
void show_meminfo(void)
{
        unsigned long managed = 0;

        for (int zt = 0; zt < MAX_NR_ZONES; zt++)
                managed += zones[zt].managed;
        pr_info("meminfo: MemTotal %8lu kB\n", managed * (PAGE_SIZE / 1024));
        pr_info("meminfo: MemFree  %8lu kB\n", nr_free_pages() * (PAGE_SIZE / 1024));
        for (int a = 0; a < NR_PGACCT; a++)
                pr_info("meminfo: %-10s %8lu kB\n", page_acct_names[a],
                        page_acct_read(a) * (PAGE_SIZE / 1024));
        for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
                struct zone *z = &zones[zt];
                char line[128];
                int n = 0;
                unsigned long zflags;
                zflags = zone_irq_save();
                spin_lock(&z->lock);
                for (int o = 0; o <= MAX_ORDER; o++)
                        n += scnprintf(line + n, sizeof(line) - n, " %lu",
                                       z->free_area[o].nr_free);
                spin_unlock(&z->lock);
                zone_irq_restore(zflags);
                pr_info("buddyinfo: zone %-6s%s\n", z->name, line);
        }
}
void show_free_areas(void)
{
        for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
                struct zone *z = &zones[zt];
                unsigned long nr[MAX_ORDER + 1], listed = 0, free, zflags;
                char line[160];
                int n = 0;

                zflags = zone_irq_save();
                spin_lock(&z->lock);
                for (int o = 0; o <= MAX_ORDER; o++)
                        nr[o] = z->free_area[o].nr_free;
                free = z->free;
                spin_unlock(&z->lock);
                zone_irq_restore(zflags);
                for (int o = 0; o <= MAX_ORDER; o++) {
                        n += scnprintf(line + n, sizeof(line) - n, " %lu",
                                       nr[o]);
                        listed += nr[o] << o;
                }
                pr_info("free_areas: zone %s orders 0-%d:%s = %lu pages;"
                        " zone free %lu\n",
                        z->name, MAX_ORDER, line, listed, free);
        }
}
