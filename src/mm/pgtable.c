/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <linux/pgtable.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <linux/sprintf.h>
#include <linux/string.h>

long user_pgtable_pages;                /* atomic: pages of tables of user address spaces */

static struct page *pgtable_pages_alloc(struct mm_struct *mm, unsigned int order,
                                        const char *site)
{
        struct page *page = alloc_pages_site(GFP_PGTABLE, order, site);

        if (!page)
                return NULL;
        page_set(page, PG_pgtable);
        spin_lock_init(&page->ptl);
        page->pt_mm = mm;
        if (mm != &init_mm)
                __atomic_add_fetch(&user_pgtable_pages, 1L << order, __ATOMIC_RELAXED);
        return page;
}

static void pgtable_pages_free(struct mm_struct *mm, struct page *page,
                               unsigned int order)
{
        BUG_ON(!PageTable(page));
        BUG_ON(page->pt_mm != mm);
        BUG_ON(spin_is_locked(&page->ptl));
        page_clear(page, PG_pgtable);
        page->pt_mm = NULL;
        __free_pages(page, order);
        if (mm != &init_mm)
                __atomic_sub_fetch(&user_pgtable_pages, 1L << order, __ATOMIC_RELAXED);
}
struct page *pgtable_page_alloc(struct mm_struct *mm, const char *site)
{
        return pgtable_pages_alloc(mm, 0, site);
}
void pgtable_page_free(struct mm_struct *mm, struct page *page)
{
        pgtable_pages_free(mm, page, 0);
}
static struct page *pte_quick;          /* pte_quick_lock */
static DEFINE_SPINLOCK(pte_quick_lock);

void pte_free_quick(struct mm_struct *mm, struct page *pte)
{
        BUG_ON(!PageTable(pte) || pte->pt_mm != mm || spin_is_locked(&pte->ptl));
        page_clear(pte, PG_pgtable);
        pte->pt_mm = NULL;
        memset(page_address(pte), 0xaa, PAGE_SIZE);     /* the allocator's poison */
        __atomic_sub_fetch(&user_pgtable_pages, 1, __ATOMIC_RELAXED);
        mm_dec_nr_ptes(mm);
        spin_lock(&pte_quick_lock);
        struct page *old = pte_quick;
        pte_quick = pte;
        spin_unlock(&pte_quick_lock);
        if (old)
                __free_pages(old, 0);
}

static struct page *pte_quick_take(struct mm_struct *mm)
{
        struct page *page;

        if (likely(!READ_ONCE(pte_quick)))
                return NULL;
        spin_lock(&pte_quick_lock);
        page = pte_quick;
        pte_quick = NULL;
        spin_unlock(&pte_quick_lock);
        if (page) {
                memset(page_address(page), 0, PAGE_SIZE);
                page_set(page, PG_pgtable);
                spin_lock_init(&page->ptl);
                page->pt_mm = mm;
                __atomic_add_fetch(&user_pgtable_pages, 1, __ATOMIC_RELAXED);
        }
        return page;
}
struct page *pte_alloc_one(struct mm_struct *mm)
{
        struct page *page = pte_quick_take(mm);

        if (!page)
                page = pgtable_page_alloc(mm, __func__);
        if (page)
                mm_inc_nr_ptes(mm);
        return page;
}
void pte_free(struct mm_struct *mm, struct page *pte)
{
        pgtable_page_free(mm, pte);
        mm_dec_nr_ptes(mm);
}
pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long addr)
{
        struct page *page = pgtable_page_alloc(mm, __func__);

        (void)addr;
        if (!page)
                return NULL;
        mm_inc_nr_ptes(mm);
        return page_address(page);
}
void pmd_free(struct mm_struct *mm, pmd_t *pmd)
{
        pgtable_page_free(mm, virt_to_page(pmd));
        mm_dec_nr_ptes(mm);
}
pud_t *pud_alloc_one(struct mm_struct *mm, unsigned long addr)
{
        struct page *page = pgtable_page_alloc(mm, __func__);

        (void)addr;
        if (!page)
                return NULL;
        mm_inc_nr_ptes(mm);
        return page_address(page);
}
void pud_free(struct mm_struct *mm, pud_t *pud)
{
        pgtable_page_free(mm, virt_to_page(pud));
        mm_dec_nr_ptes(mm);
}
pgd_t *pgd_alloc(struct mm_struct *mm)
{
        struct page *page = pgtable_pages_alloc(mm, PGD_ALLOCATION_ORDER, __func__);

        return page ? page_address(page) : NULL;
}
void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
        pgtable_pages_free(mm, virt_to_page(pgd), PGD_ALLOCATION_ORDER);
}
void pmd_install(struct mm_struct *mm, pmd_t *pmd, struct page **pte)
{
        spin_lock(&mm->page_table_lock);
        if (likely(pmd_none(*pmd))) {
                barrier();      /* the zeroed table before the entry that publishes it */
                pmd_populate(mm, pmd, *pte);
                *pte = NULL;
        }
        spin_unlock(&mm->page_table_lock);
}

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
        struct page *new = pte_alloc_one(mm);

        if (!new)
                return -ENOMEM;
        pmd_install(mm, pmd, &new);
        if (new)                /* somebody else installed a table first */
                pte_free(mm, new);
        return 0;
}
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
        pmd_t *new = pmd_alloc_one(mm, addr);

        if (!new)
                return -ENOMEM;
        spin_lock(&mm->page_table_lock);
        if (likely(pud_none(*pud))) {
                barrier();
                pud_populate(mm, pud, new);
                new = NULL;
        }
        spin_unlock(&mm->page_table_lock);
        if (new)
                pmd_free(mm, new);
        return 0;
}
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
        pud_t *new = pud_alloc_one(mm, addr);

        if (!new)
                return -ENOMEM;
        spin_lock(&mm->page_table_lock);
        if (likely(pgd_none(*pgd))) {
                barrier();
                pgd_populate(mm, pgd, new);
                new = NULL;
        }
        spin_unlock(&mm->page_table_lock);
        if (new)
                pud_free(mm, new);
        return 0;
}
#define USER_PGTABLES_END (PGDIR_SIZE * (PTRS_PER_PGD / 2))

/* Does [floor, ceiling) contain the whole size-aligned block around addr? */
static bool block_inside(unsigned long addr, unsigned long size,
                         unsigned long floor, unsigned long ceiling)
{
        unsigned long base = addr & ~(size - 1);

        return base >= floor && base + size <= ceiling;
}
static void free_pte_table(struct mm_struct *mm, pmd_t *pmd)
{
        pmd_t pmdval = *pmd;
        spinlock_t *ptl = pte_lockptr(mm, pmdval);

        spin_lock(&mm->page_table_lock);
        spin_lock(ptl);
        pmd_clear(pmd);
        spin_unlock(ptl);
        spin_unlock(&mm->page_table_lock);
        pte_free(mm, pmd_page(pmdval));
}

static void free_pmd_table(struct mm_struct *mm, pud_t *pud)
{
        pmd_t *table = pud_pgtable(*pud);

        spin_lock(&mm->page_table_lock);
        pud_clear(pud);
        spin_unlock(&mm->page_table_lock);
        pmd_free(mm, table);
}
static void free_pud_table(struct mm_struct *mm, pgd_t *pgd)
{
        pud_t *table = (pud_t *)pgd_page_vaddr(*pgd);

        spin_lock(&mm->page_table_lock);
        pgd_clear(pgd);
        spin_unlock(&mm->page_table_lock);
        pud_free(mm, table);
}

static void free_pmd_range(struct mm_struct *mm, pud_t *pud, unsigned long addr,
                           unsigned long end, unsigned long floor, unsigned long ceiling)
{
        pmd_t *pmd = pmd_offset(pud, addr);
        unsigned long next;

        do {
                next = pmd_addr_end(addr, end);
                if (pmd_present(*pmd) && !pmd_leaf(*pmd) &&
                    block_inside(addr, PMD_SIZE, floor, ceiling))
                        free_pte_table(mm, pmd);
        } while (pmd++, addr = next, addr != end);
}
static void free_pud_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr,
                           unsigned long end, unsigned long floor, unsigned long ceiling)
{
        pud_t *pud = pud_offset(pgd, addr);
        unsigned long next;

        do {
                next = pud_addr_end(addr, end);
                if (!pud_present(*pud) || pud_leaf(*pud))
                        continue;
                free_pmd_range(mm, pud, addr, next, floor, ceiling);
                if (block_inside(addr, PUD_SIZE, floor, ceiling))
                        free_pmd_table(mm, pud);
        } while (pud++, addr = next, addr != end);
}
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
                    unsigned long floor, unsigned long ceiling)
{
        unsigned long next;
        pgd_t *pgd = pgd_offset(mm, addr);

        BUG_ON(addr >= end || addr < floor || end > ceiling || ceiling > TASK_SIZE_MAX ||
               ((addr | end | floor | ceiling) & ~PAGE_MASK));
        if (ceiling == TASK_SIZE_MAX)
                ceiling = USER_PGTABLES_END;
        do {
                next = pgd_addr_end(addr, end);
                if (!pgd_present(*pgd))
                        continue;
                free_pud_range(mm, pgd, addr, next, floor, ceiling);
                if (block_inside(addr, PGDIR_SIZE, floor, ceiling))
                        free_pud_table(mm, pgd);
        } while (pgd++, addr = next, addr != end);
}

void free_pgtables_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
        free_pgd_range(mm, start, end, start, end);
}
void pte_map_begin(void)
{
        rcu_read_lock();
        pte_map_depth++;
}

void pte_map_end(void)
{
        if (WARN_ON(pte_map_depth <= 0))
                return;
        pte_map_depth--;
        rcu_read_unlock();
}
pte_t *__pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp)
{
        pmd_t pmdval;

        pte_map_begin();
        pmdval = pmdp_get_lockless(pmd);
        if (pmdvalp)
                *pmdvalp = pmdval;
        if (unlikely(pmd_none(pmdval) || pmd_trans_huge(pmdval)))
                goto nomap;
        if (unlikely(pmd_bad(pmdval))) {
                pr_err("%s:%d: bad pmd %p(%016lx)\n", __FILE__, __LINE__,
                       (void *)pmd, pmd_val(pmdval));
                goto nomap;
        }
        return (pte_t *)pmd_page_vaddr(pmdval) + pte_index(addr);
nomap:
        pte_map_end();
        return NULL;
}
pte_t *pte_offset_map_rw_nolock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                                pmd_t *pmdvalp, spinlock_t **ptlp)
{
        pte_t *pte = __pte_offset_map(pmd, addr, pmdvalp);

        if (likely(pte))
                *ptlp = pte_lockptr(mm, *pmdvalp);
        return pte;
}

pte_t *pte_offset_map_nolock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                             spinlock_t **ptlp)
{
        pmd_t pmdval;

        return pte_offset_map_rw_nolock(mm, pmd, addr, &pmdval, ptlp);
}
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
                           spinlock_t **ptlp)
{
        spinlock_t *ptl;
        pmd_t pmdval;
        pte_t *pte;
again:
        pte = __pte_offset_map(pmd, addr, &pmdval);
        if (unlikely(!pte))
                return NULL;
        ptl = pte_lockptr(mm, pmdval);
        spin_lock(ptl);
        if (likely(pmd_same(pmdval, pmdp_get_lockless(pmd)))) {
                *ptlp = ptl;
                return pte;
        }
        pte_unmap_unlock(pte, ptl);
        goto again;
}
enum pt_level { PT_PGD, PT_PUD, PT_PMD, PT_PTE };
static const unsigned long pt_level_size[] = { PGDIR_SIZE, PUD_SIZE, PMD_SIZE, PAGE_SIZE };
static const char *const pt_level_name[] = { "pgd", "pud", "pmd", "pte" };

struct pt_walk {
        unsigned long first, last;      /* inclusive, so the top page can be named */
        void (*leaf)(struct pt_walk *w, unsigned long va, enum pt_level level,
                     pteval_t prot);
        void (*table)(struct pt_walk *w, enum pt_level level);  /* may be NULL */
};

static pteval_t pt_effective_prot(pteval_t upper, pteval_t entry)
{
        return (upper & entry & (_PAGE_USER | _PAGE_RW)) |
               ((upper | entry) & _PAGE_NX) | (entry & _PAGE_GLOBAL);
}
static void pt_walk_table(struct pt_walk *w, const pteval_t *table,
                          enum pt_level level, unsigned long base, pteval_t prot)
{
        unsigned long size = pt_level_size[level];

        for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
                unsigned long va = base + i * size;
                pteval_t e = READ_ONCE(table[i]);

                if (level == PT_PGD && (va & (_AC(1, UL) << 47)))
                        va |= ~((_AC(1, UL) << 48) - 1);        /* canonical form */
                if (va + (size - 1) < w->first || va > w->last || !(e & _PAGE_PRESENT))
                        continue;
                if (level == PT_PTE || (level != PT_PGD && (e & _PAGE_PSE))) {
                        w->leaf(w, va, level, pt_effective_prot(prot, e));
                        continue;
                }
                if (w->table)
                        w->table(w, (enum pt_level)(level + 1));
                pt_walk_table(w, __va(e & PTE_PFN_MASK), (enum pt_level)(level + 1), va,
                              pt_effective_prot(prot, e));
        }
}

static void pt_walk(struct pt_walk *w, pgd_t *pgd, unsigned long start, unsigned long end)
{
        w->first = start;
        w->last = end - 1;      /* end 0: the top of the address space */
        pt_walk_table(w, (const pteval_t *)pgd, PT_PGD, 0, _PAGE_USER | _PAGE_RW);
}
struct ptdump_state {
        struct pt_walk walk;
        bool open;
        unsigned long start, end;       /* the open run, [start, end) */
        enum pt_level level;
        pteval_t prot;
};
static void ptdump_flush(struct ptdump_state *st)
{
        static const char units[] = "KMGT";
        unsigned long size = (st->end - st->start) / 1024;
        const char *unit = units;

        if (!st->open)
                return;
        while (!(size & 1023) && unit[1]) {
                size /= 1024;
                unit++;
        }
        pr_info("0x%016lx-0x%016lx %4lu%c  %s %s  %s  %s%s\n", st->start, st->end,
                size, *unit, st->prot & _PAGE_USER ? "USR" : "   ",
                st->prot & _PAGE_RW ? "RW" : "ro", st->prot & _PAGE_NX ? "NX" : "x ",
                pt_level_name[st->level], st->prot & _PAGE_GLOBAL ? " GLB" : "");
        st->open = false;
}

static void ptdump_leaf(struct pt_walk *w, unsigned long va, enum pt_level level,
                        pteval_t prot)
{
        struct ptdump_state *st = container_of(w, struct ptdump_state, walk);

        if (!(st->open && va == st->end && level == st->level && prot == st->prot)) {
                ptdump_flush(st);
                st->open = true;
                st->start = va;
                st->level = level;
                st->prot = prot;
        }
        st->end = va + pt_level_size[level];
}
void ptdump(pgd_t *pgd, unsigned long start, unsigned long end)
{
        struct ptdump_state st = { .walk = { .leaf = ptdump_leaf } };

        rcu_read_lock();
        pt_walk(&st.walk, pgd, start, end);
        ptdump_flush(&st);
        rcu_read_unlock();
}
struct ptcount_state {
        struct pt_walk walk;
        struct ptcount *out;
};

static void ptcount_leaf(struct pt_walk *w, unsigned long va, enum pt_level level,
                         pteval_t prot)
{
        struct ptcount *c = container_of(w, struct ptcount_state, walk)->out;

        (void)va; (void)prot;
        *(level == PT_PTE ? &c->ptes : level == PT_PMD ? &c->huge_pmds : &c->huge_puds) += 1;
}

static void ptcount_table(struct pt_walk *w, enum pt_level level)
{
        struct ptcount *c = container_of(w, struct ptcount_state, walk)->out;

        *(level == PT_PUD ? &c->pud_tables : level == PT_PMD ? &c->pmd_tables
                                                             : &c->pte_tables) += 1;
}

void ptcount(pgd_t *pgd, unsigned long start, unsigned long end, struct ptcount *out)
{
        struct ptcount_state st = { { .leaf = ptcount_leaf, .table = ptcount_table }, out };

        *out = (struct ptcount){ 0 };
        pt_walk(&st.walk, pgd, start, end);
}
static void pt_entry_flags(char *buf, size_t size, pteval_t e,
                           enum pt_level level)
{
        static const char *const bit_name[] = {
                "P", "RW", "US", "PWT", "PCD", "A", "D", "PS", "G"
        };
        int n = 0;

        for (int b = 0; b < 9; b++) {
                const char *name = b == 7 && level == PT_PTE ? "PAT"
                                                             : bit_name[b];

                if (e & (_AC(1, UL) << b))
                        n += scnprintf(buf + n, size - n, " %s", name);
        }
        if (e & _PAGE_NX)
                n += scnprintf(buf + n, size - n, " NX");
        if (!n)
                scnprintf(buf, size, " -");
}

void pt_walk_show(pgd_t *pgd, unsigned long va, const char *what)
{
        const pteval_t *table = (const pteval_t *)pgd;

        pr_info("ptwalk: %s va 0x%016lx cr3 0x%016lx\n", what, va, __pa(pgd));
        for (int l = PT_PGD; l <= PT_PTE; l++) {
                unsigned long size = pt_level_size[l];
                unsigned long i = (va / size) % PTRS_PER_TABLE;
                pteval_t e = READ_ONCE(table[i]);
                char flags[48];

                pt_entry_flags(flags, sizeof(flags), e, (enum pt_level)l);
                pr_info("ptwalk: %s %s[%lu] 0x%016lx%s\n", what,
                        pt_level_name[l], i, e, flags);
                if (!(e & _PAGE_PRESENT)) {
                        pr_info("ptwalk: %s not mapped\n", what);
                        return;
                }
                if (l == PT_PTE || (l != PT_PGD && (e & _PAGE_PSE))) {
                        unsigned long frame = e & PTE_PFN_MASK & ~(size - 1);

                        pr_info("ptwalk: %s frame 0x%016lx offset 0x%lx\n",
                                what, frame, va & (size - 1));
                        return;
                }
                table = __va(e & PTE_PFN_MASK);
        }
}
#define MM_DUMP_BUDDY   (1U << 0)
#define MM_DUMP_PTWALK  (1U << 1)
static unsigned int mm_dump;

static bool word_is(const char *p, size_t len, const char *word)
{
        return len == strlen(word) && !strncmp(p, word, len);
}

static int set_mm_dump(char *val)
{
        unsigned int mask = 0;

        for (const char *p = val; p; ) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);

                if (word_is(p, len, "buddy"))
                        mask |= MM_DUMP_BUDDY;
                else if (word_is(p, len, "ptwalk"))
                        mask |= MM_DUMP_PTWALK;
                else
                        return -EINVAL;
                p = comma ? comma + 1 : NULL;
        }
        if (!mask)
                return -EINVAL;
        mm_dump = mask;
        return 0;
}
early_param("mm_dump", set_mm_dump);

/* Context: task context, init exiting with its address space intact. */
void mm_dump_requested(pgd_t *pgd, unsigned long kaddr, unsigned long uaddr)
{
        if (mm_dump & MM_DUMP_BUDDY)
                show_free_areas();
        if (mm_dump & MM_DUMP_PTWALK) {
                pt_walk_show(pgd, kaddr, "kernel");
                pt_walk_show(pgd, uaddr, "user");
        }
}
