/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/tsc.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>

DEFINE_KTEST(meminfo, "print the page accounts and the buddy free lists")
{
        show_meminfo();
        return 0;
}
DEFINE_KTEST(poison, "write to a freed page: the next allocation reports it")
{
        unsigned long before = page_poison_errors;
        struct page *p = alloc_page(GFP_KERNEL);

        if (!p)
                return -ENOMEM;
        volatile char *va = page_address(p);
        __free_page(p);
        pr_info("poison: writing to pfn %#lx after freeing it\n", page_to_pfn(p));
        va[8] = 0x42;
        struct page *q = alloc_page(GFP_KERNEL);
        pr_info("poison: got pfn %#lx back; %lu report(s)\n",
                q ? page_to_pfn(q) : 0, page_poison_errors - before);
        if (q)
                __free_page(q);
        return q == p && page_poison_errors == before + 1 ? 0 : -1;
}
DEFINE_KTEST(kmalloc, "kmalloc/kfree round trips; a double free is caught; no leak")
{
        struct mem_snapshot before, after;
        void *objs[300];
        unsigned long errors = kmalloc_errors;

        mem_snapshot(&before);
        for (int i = 0; i < 300; i++)
                if (!(objs[i] = kmalloc(8 << (i % 9), GFP_KERNEL)))
                        return -ENOMEM;
        pr_info("kmalloc: 300 objects of 8 to 2048 bytes, %lu heap pages\n",
                page_acct_read(PGACCT_KHEAP));
        kfree(objs[7]);
        kfree(objs[7]);                 /* the double free */
        for (int i = 0; i < 300; i++)
                if (i != 7)
                        kfree(objs[i]);
        mem_snapshot(&after);
        unsigned long leaked = mem_snapshot_leaks(&before, &after);
        pr_info("kmalloc: %lu error(s) reported, %lu page(s) leaked, %lu bad slab(s)\n",
                kmalloc_errors - errors, leaked, kmalloc_validate());
        return kmalloc_errors == errors + 1 && !leaked && !kmalloc_validate() ? 0 : -1;
}
static int build_tables(struct mm_struct *mm, const unsigned long *addrs, int n)
{
        for (int i = 0; i < n; i++) {
                pud_t *pud = pud_alloc(mm, pgd_offset(mm, addrs[i]), addrs[i]);
                pmd_t *pmd = pud ? pmd_alloc(mm, pud, addrs[i]) : NULL;
                if (!pmd || pte_alloc(mm, pmd))
                        return -ENOMEM;
        }
        return 0;
}

DEFINE_KTEST(pgtables, "build page tables for four addresses; leak nothing, even on failure")
{
        static const unsigned long addrs[] = {
                0x400000, 0x401000, 0x40000000, 0x7fffffffe000 };
        struct mm_struct mm = { .nr_ptes = 0 };
        struct mem_snapshot before, after;
        struct ptcount c = { 0 };

        spin_lock_init(&mm.page_table_lock);
        mem_snapshot(&before);
        mm.pgd = pgd_alloc(&mm);
        int ret = mm.pgd ? build_tables(&mm, addrs, ARRAY_SIZE(addrs)) : -ENOMEM;
        if (mm.pgd) {
                ptcount(mm.pgd, 0, TASK_SIZE_MAX, &c);
                free_pgtables_range(&mm, 0, TASK_SIZE_MAX);
                pgd_free(&mm, mm.pgd);
        }
        mem_snapshot(&after);
        unsigned long leaked = mem_snapshot_leaks(&before, &after);
        pr_info("pgtables: build %s (%d): %lu PUD, %lu PMD, %lu PTE tables; "
                "%lu page(s) leaked, nr_ptes %ld\n", ret ? "failed" : "succeeded", ret,
                c.pud_tables, c.pmd_tables, c.pte_tables, leaked, mm.nr_ptes);
        return leaked || mm.nr_ptes ? -1 : 0;
}
DEFINE_KTEST(ptdump_kernel, "dump the page tables of the kernel image")
{
        extern char _text[], _end[];
        ptdump(init_mm.pgd, (unsigned long)_text, PAGE_ALIGN((unsigned long)_end));
        return 0;
}
static int map_and_unmap(void *arg)
{
        unsigned long i, rounds = (unsigned long)arg;

        for (i = 0; i < rounds; i++) {
                pte_map_begin();
                pte_map_begin();
                pte_map_end();
                pte_map_end();
        }
        return pte_map_depth;
}

DEFINE_KTEST(pte_map_smp, "PTE-table maps begun and ended on every CPU at once")
{
        struct task_struct *t[NR_CPUS];
        unsigned int cpu, nonzero = 0;

        for_each_online_cpu(cpu)
                if (!(t[cpu] = kthread_create(map_and_unmap, (void *)200000UL,
                                              "mapper", cpu)))
                        return -1;
        for_each_online_cpu(cpu)
                nonzero += kthread_join(t[cpu]) != 0;
        pr_info("pte_map_smp: %u CPUs, %u thread(s) ended with maps open; "
                "this task has %d open\n", num_online_cpus(), nonzero, pte_map_depth);
        return nonzero || pte_map_depth ? -1 : 0;
}
DEFINE_KTEST(tsc, "the TSC rate measured across the boot agrees with a waited PIT count")
{
        unsigned long waited = ~0UL;

        for (int i = 0; i < 5; i++) {
                unsigned long flags = native_save_fl();
                local_irq_disable();
                waited = min(waited, tsc_measure_oneshot());
                if (flags & X86_EFLAGS_IF)
                        local_irq_enable();
        }
        unsigned long diff = waited > tsc_khz ? waited - tsc_khz : tsc_khz - waited;

        pr_info("tsc: %lu kHz measured across the boot, %lu kHz waiting; %lu per mille apart\n",
                tsc_khz, waited, diff * 1000 / tsc_khz);
        return diff * 20 > tsc_khz ? -1 : 0;
}
static void bench_kmalloc(size_t size, unsigned long iters)
{
        void *keep = kmalloc(size, GFP_KERNEL);
        BUG_ON(!keep);
        u64 t0 = rdtsc();
        for (unsigned long i = 0; i < iters; i++) {
                void *p = kmalloc(size, GFP_KERNEL);
                BUG_ON(!p);
                kfree(p);
        }
        u64 cycles = (rdtsc() - t0) / iters;
        kfree(keep);
        pr_info("bench: kmalloc(%zu)+kfree: %llu cycles, %lu ns\n", size,
                (unsigned long long)cycles, (unsigned long)(cycles * 1000000 / tsc_khz));
}
static void bench_pages(unsigned int order, unsigned long iters)
{
        u64 t0 = rdtsc();
        for (unsigned long i = 0; i < iters; i++) {
                struct page *p = alloc_pages(GFP_KERNEL, order);
                BUG_ON(!p);
                __free_pages(p, order);
        }
        u64 cycles = (rdtsc() - t0) / iters;
        unsigned long ns = cycles * 1000000 / tsc_khz;
        pr_info("bench: order-%u alloc+free, poison %-3s: %6llu cycles, %7lu ns, "
                "%9lu pages/s\n", order, page_poisoning ? "on" : "off",
                (unsigned long long)cycles, ns,
                ns ? (unsigned long)(1000000000UL / ns) << order : 0);
}

DEFINE_KTEST(bench_mm, "benchmark the page allocator and kmalloc (prints numbers)")
{
        bool saved = page_poisoning;

        for (int poison = 1; poison >= 0; poison--) {
                page_poisoning = poison;
                bench_pages(0, 20000);
                bench_pages(9, 200);
        }
        page_poisoning = saved;
        bench_kmalloc(64, 100000);
        return 0;
}
