/* Tangled from book/pti.nw (chapter "Page-table isolation and the LDT"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/espfix.h>
#include <asm/mpx.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/segment.h>
#include <linux/context_tracking.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/huge_mm.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/syscalls.h>

DEFINE_PER_CPU(unsigned long, cpu_entry_stack_top);

bool pti_enabled;
static enum { PTI_AUTO, PTI_FORCE_ON, PTI_FORCE_OFF } pti_mode = PTI_AUTO;

static int set_pti(char *val)
{
        if (!val)
                return -EINVAL;
        if (!strcmp(val, "on"))
                pti_mode = PTI_FORCE_ON;
        else if (!strcmp(val, "off"))
                pti_mode = PTI_FORCE_OFF;
        else if (!strcmp(val, "auto"))
                pti_mode = PTI_AUTO;
        else
                return -EINVAL;
        return 0;
}
early_param("pti", set_pti);
#define MSR_IA32_ARCH_CAPABILITIES 0x10a
#define ARCH_CAP_RDCL_NO           (1UL << 0)

static void pti_check_boottime_disable(void)
{
        u32 a, b, c, d, vendor[4] = { 0 };
        const char *why;

        cpuid(0, &a, &vendor[0], &vendor[2], &vendor[1]);
        bool intel = !memcmp(vendor, "GenuineIntel", 12);
        bool rdcl_no = false;
        if (a >= 7) {
                cpuid_count(7, 0, &a, &b, &c, &d);
                if (d & (1U << 29))
                        rdcl_no = rdmsrl(MSR_IA32_ARCH_CAPABILITIES) &
                                  ARCH_CAP_RDCL_NO;
        }
        if (pti_mode == PTI_FORCE_ON) {
                pti_enabled = true;
                why = "pti=on";
        } else if (pti_mode == PTI_FORCE_OFF) {
                pti_enabled = false;
                why = "pti=off";
        } else {
                pti_enabled = intel && !rdcl_no;
                why = !intel ? "auto: not an Intel CPU" :
                      rdcl_no ? "auto: the CPU reports RDCL_NO" :
                      "auto: the CPU may leak";
        }
        cpuid(1, &a, &b, &c, &d);
        pr_info("pti: page-table isolation %s (%s, CPU vendor %.12s); "
                "PCID %s\n",
                pti_enabled ? "on" : "off", why, (const char *)vendor,
                c & (1U << 17) ? "offered, not used" : "not offered");
}
static void cea_set_pte(unsigned long va, unsigned long pa, pteval_t prot)
{
        pgd_t *pgd = pgd_offset(&init_mm, va);
        pud_t *pud = pud_alloc(&init_mm, pgd, va);
        pmd_t *pmd = pud ? pmd_alloc(&init_mm, pud, va) : NULL;

        if (!pmd || pte_alloc(&init_mm, pmd))
                panic("pti: no memory for the CPU entry area's page tables");
        set_pte_at(&init_mm, va, pte_offset_kernel(pmd, va),
                   __pte(pa | prot));
}
static void setup_cpu_entry_areas(void)
{
        cea_set_pte(CPU_ENTRY_AREA_RO_IDT, __pa_symbol(idt_table), CEA_RO);
        for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
                struct cpu_entry_area *cea = get_cpu_entry_area(cpu);
                struct cpu_desc_pages *d = &cpu_desc_pages[cpu];
                unsigned long *ist = per_cpu_ptr(&cpu_ist_top[0], cpu);

                cea_set_pte((unsigned long)cea->gdt, __pa_symbol(d->gdt),
                            CEA_RO);
                cea_set_pte((unsigned long)cea->tss, __pa_symbol(&d->tss),
                            CEA_RO);
                cea_set_pte((unsigned long)cea->entry_stack,
                            __pa_symbol(d->entry_stack), CEA_RW);
                cea_set_pte((unsigned long)cea->entry_trampoline,
                            __pa_symbol(entry_trampoline_start), CEA_RX);
                for (int i = 0; i < N_EXCEPTION_STACKS; i++) {
                        struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO,
                                               1);
                        unsigned long st, pa;

                        if (!p)
                                panic("pti: no memory for IST stacks");
                        st = (unsigned long)cea->estacks[i].stack;
                        pa = page_to_phys(p);
                        cea_set_pte(st, pa, CEA_RW);
                        cea_set_pte(st + PAGE_SIZE, pa + PAGE_SIZE, CEA_RW);
                        ist[i] = st + EXCEPTION_STKSZ;
                        register_kernel_stack(st, ist[i]);
                }
                per_cpu(cpu_entry_stack_top, cpu) =
                        (unsigned long)cea->entry_stack + PAGE_SIZE - 16;
        }
}
void cpu_load_entry_area(void)
{
        unsigned int cpu = raw_smp_processor_id();
        struct cpu_entry_area *cea = get_cpu_entry_area(cpu);
        u64 *gdt = cpu_desc_pages[cpu].gdt;
        struct x86_hw_tss *tss = (struct x86_hw_tss *)cea->tss;
        unsigned long *ist = raw_cpu_ptr(&cpu_ist_top[0]);
        struct desc_ptr gdt_descr = { GDT_ENTRIES * 8 - 1, (u64)cea->gdt };
        struct desc_ptr idt_descr = { 256 * 16 - 1, CPU_ENTRY_AREA_RO_IDT };

        for (int i = 0; i < N_EXCEPTION_STACKS; i++)
                cpu_desc_pages[cpu].tss.ist[i] = ist[i];
        load_sp0(raw_cpu_read(cpu_entry_stack_top));
        {
                unsigned long base = (unsigned long)tss;
                gdt[GDT_ENTRY_TSS] = GDT_ENTRY(0x89, 0, base & 0xffffffff, sizeof(*tss) - 1);
                gdt[GDT_ENTRY_TSS + 1] = base >> 32;
        }
        asm volatile("ltr %w0" : : "r"(GDT_ENTRY_TSS_SEL) : "memory");
        asm volatile("lgdt %0" : : "m"(gdt_descr));
        asm volatile("lidt %0" : : "m"(idt_descr));
        if (pti_enabled) {
                write_cr4(read_cr4() & ~X86_CR4_PGE);
                wrmsrl(MSR_LSTAR, (unsigned long)cea->entry_trampoline +
                       (entry_SYSCALL_64_trampoline -
                        entry_trampoline_start));
        }
}
bool pti_user_nx = true, pti_exit_cr3_skip;
DEFINE_PER_CPU(bool, pti_entry_on_kernel_cr3);
DEFINE_PER_CPU(unsigned long, pti_kernel_cr3_entries);

static int set_pti_user_nx(char *val)
{
        int broken = parse_broken_switch("pti_user_nx", val, "on", "off",
                "user code may run on the kernel's page tables");

        if (broken < 0)
                return broken;
        pti_user_nx = !broken;
        return 0;
}
early_param("pti_user_nx", set_pti_user_nx);

static int set_pti_exit_cr3(char *val)
{
        int broken = parse_broken_switch("pti_exit_cr3", val, "load", "skip",
                "SYSRET leaves on the kernel's page tables");

        if (broken < 0)
                return broken;
        pti_exit_cr3_skip = broken;
        return 0;
}
early_param("pti_exit_cr3", set_pti_exit_cr3);
bool tlbstate_unchecked;

static int set_tlbstate_check(char *val)
{
        int broken = parse_broken_switch("tlbstate_check", val, "on", "off",
                "switch_mm_irqs_off uses this_cpu_*");

        if (broken < 0)
                return broken;
        tlbstate_unchecked = broken;
        return 0;
}
early_param("tlbstate_check", set_tlbstate_check);
pgd_t pti_set_user_pgtbl(pgd_t *pgdp, pgd_t pgd)
{
        if (!pti_enabled || !pgdp_maps_userspace(pgdp) ||
            !virt_to_page(pgdp)->pt_mm)
                return pgd;
        WRITE_ONCE(kernel_to_user_pgdp(pgdp)->pgd, pgd_val(pgd));
        if ((pgd_val(pgd) & (_PAGE_USER | _PAGE_PRESENT)) ==
            (_PAGE_USER | _PAGE_PRESENT) && pti_user_nx)
                pgd.pgd |= _PAGE_NX;
        return pgd;
}
static pgd_t pti_user_kernel_half[PTRS_PER_PGD] __aligned(PAGE_SIZE);

void clone_pgd_range(pgd_t *dst, pgd_t *src, int count)
{
        unsigned long first = ((unsigned long)dst & ~PAGE_MASK) /
                              sizeof(pgd_t);

        memcpy(dst, src, count * sizeof(pgd_t));
        if (pti_enabled)
                memcpy(kernel_to_user_pgdp(dst), &pti_user_kernel_half[first],
                       count * sizeof(pgd_t));
}
static void *pti_table_alloc(void)
{
        struct page *p = alloc_page(GFP_KERNEL | __GFP_ZERO);

        if (!p)
                panic("pti: no memory for the entry text's tables");
        return page_address(p);
}
static pte_t *pti_user_pagetable_walk_pte(unsigned long va)
{
        pgd_t *pgd = &pti_user_kernel_half[pgd_index(va)];
        if (pgd_none(*pgd))
                pgd->pgd = __pa(pti_table_alloc()) | _KERNPG_TABLE;
        pud_t *pud = pud_offset(pgd, va);
        if (pud_none(*pud))
                pud->pud = __pa(pti_table_alloc()) | _KERNPG_TABLE;
        pmd_t *pmd = pmd_offset(pud, va);
        if (pmd_none(*pmd))
                pmd->pmd = __pa(pti_table_alloc()) | _KERNPG_TABLE;
        return pte_offset_kernel(pmd, va);
}
static void pti_clone_entry_text(void)
{
        for (unsigned long va = (unsigned long)__entry_text_start;
             va < (unsigned long)__entry_text_end; va += PAGE_SIZE)
                pti_user_pagetable_walk_pte(va)->pte =
                        __pa_symbol(va) | CEA_RX;
}
void pti_setup_espfix64(void);
void pti_setup_espfix64(void)
{
        if (pti_enabled)
                pti_user_kernel_half[pgd_index(ESPFIX_BASE_ADDR)] =
                        init_mm.pgd[pgd_index(ESPFIX_BASE_ADDR)];
}
void pti_check_user_fetch(struct pt_regs *regs, unsigned long address,
                          unsigned long error)
{
        if (!__this_cpu_read(pti_entry_on_kernel_cr3))
                return;
        pr_emerg("BUG: %s[%d] returned to user mode on the kernel page "
                 "table\n", current->comm, current->pid);
        pr_emerg("pti: fetch at %lx (ip %lx) refused, error %lx: the "
                 "kernel's copy of the user half is NX\n", address, regs->ip,
                 error);
        panic("pti: an exit to user mode did not load the user's "
              "page tables");
}
void pti_init(void)
{
        BUG_ON(__pa(init_mm.pgd) & PTI_USER_PGTABLE_MASK);
        pti_check_boottime_disable();
        setup_cpu_entry_areas();
        if (pti_enabled) {
                unsigned long i = pgd_index(CPU_ENTRY_AREA_BASE);

                pti_user_kernel_half[i] = init_mm.pgd[i];
                pti_clone_entry_text();
        }
        cpu_load_entry_area();
}
static const char *const cea_part[] = {
        "GDT", "TSS", "entry stack", "trampoline"
};

static void pti_name(unsigned long va, char *buf, size_t len)
{
        unsigned long per_cpu = sizeof(struct cpu_entry_area);
        unsigned long ldt = va - LDT_BASE_ADDR;
        unsigned long cea = va - CPU_ENTRY_AREA_PER_CPU;
        unsigned long text = va - (unsigned long)__entry_text_start;
        unsigned long text_size = __entry_text_end - __entry_text_start;

        if (ldt < 2 * LDT_SLOT_STRIDE)
                snprintf(buf, len, "LDT slot %lu", ldt / LDT_SLOT_STRIDE);
        else if (va == CPU_ENTRY_AREA_RO_IDT)
                snprintf(buf, len, "CEA IDT");
        else if (cea < NR_CPUS * per_cpu) {
                unsigned long off = cea % per_cpu;
                unsigned int cpu = cea / per_cpu;

                if (off < 4 * PAGE_SIZE)
                        snprintf(buf, len, "CEA CPU%u %s", cpu,
                                 cea_part[off / PAGE_SIZE]);
                else
                        snprintf(buf, len, "CEA CPU%u IST %lu", cpu,
                                 (off - 4 * PAGE_SIZE) /
                                 sizeof(struct exception_stack));
        } else if (text < text_size)
                snprintf(buf, len, "entry text");
        else
                snprintf(buf, len, "UNEXPECTED");
}
struct pti_run {
        unsigned long start, end;
        pteval_t prot;
        char name[48];
        int runs, pages;
};

static void pti_run_flush(struct pti_run *r)
{
        if (r->end == r->start)
                return;
        pr_info("pti: %016lx-%016lx %3luK %s %s %s %s\n", r->start, r->end,
                (r->end - r->start) >> 10, r->prot & _PAGE_RW ? "RW" : "ro",
                r->prot & _PAGE_NX ? "NX" : "x ",
                r->prot & _PAGE_USER ? "USR" : "sup", r->name);
        r->runs++;
        r->start = r->end;
}
static void pti_run_add(struct pti_run *r, unsigned long va, pteval_t prot)
{
        char name[48];

        prot &= _PAGE_RW | _PAGE_NX | _PAGE_USER;
        pti_name(va, name, sizeof(name));
        if (va != r->end || prot != r->prot || strcmp(name, r->name)) {
                pti_run_flush(r);
                r->start = va;
                r->prot = prot;
                strscpy(r->name, name, sizeof(r->name));
        }
        r->end = va + PAGE_SIZE;
        r->pages++;
}
static unsigned long pti_va(unsigned long i, unsigned long j, unsigned long k,
                            unsigned long l)
{
        return 0xffff000000000000UL | i << PGDIR_SHIFT | j << PUD_SHIFT |
               k << PMD_SHIFT | l << PAGE_SHIFT;
}
static void pti_walk_pte(struct pti_run *r, pmd_t pmd, unsigned int i,
                         unsigned int j, unsigned int k)
{
        pte_t *pte = (pte_t *)pmd_page_vaddr(pmd);

        for (unsigned int l = 0; l < PTRS_PER_PTE; l++)
                if (pte_val(pte[l]) & _PAGE_PRESENT)
                        pti_run_add(r, pti_va(i, j, k, l), pte_val(pte[l]));
}
static void pti_walk_kernel_half(pgd_t *table, struct pti_run *r)
{
        for (unsigned int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
                if (pgd_none(table[i]))
                        continue;
                if (i == pgd_index(ESPFIX_BASE_ADDR)) {
                        pti_run_flush(r);
                        pr_info("pti: %016lx-%016lx espfix slot: 65536 aliases of each ministack page\n",
                                (unsigned long)ESPFIX_BASE_ADDR, (unsigned long)ESPFIX_BASE_ADDR + (1UL << 39));
                        continue;
                }
                pud_t *pud = (pud_t *)pgd_page_vaddr(table[i]);
                for (unsigned int j = 0; j < PTRS_PER_PUD; j++) {
                        if (!pud_present(pud[j]) || pud_leaf(pud[j]))
                                continue;
                        pmd_t *pmd = pud_pgtable(pud[j]);
                        for (unsigned int k = 0; k < PTRS_PER_PMD; k++)
                                if (pmd_present(pmd[k]) && !pmd_leaf(pmd[k]))
                                        pti_walk_pte(r, pmd[k], i, j, k);
                }
        }
        pti_run_flush(r);
}
void pti_dump_user_pgd(struct mm_struct *mm)
{
        struct pti_run r = { 0 };

        if (!pti_enabled) {
                int present = 0, same = 0;

                for (int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
                        pgd_t e = mm->pgd[i];

                        if (pgd_none(e))
                                continue;
                        present++;
                        same += pgd_val(e) == pgd_val(init_mm.pgd[i]);
                }
                pr_info("pti: off: one table; kernel half: %d entries, "
                        "%d of them init_mm's\n", present, same);
                return;
        }
        pr_info("pti: on: kernel half of the user's top-level table of "
                "pid %d:\n", current->tgid);
        pti_walk_kernel_half(kernel_to_user_pgdp(mm->pgd), &r);
        pr_info("pti: %d pages in %d runs\n", r.pages, r.runs);
}
static int ldt_pgtable_pages(struct mm_struct *mm)
{
        pgd_t *pgd = pgd_offset(mm, LDT_BASE_ADDR);
        int n = 0;

        if (pgd_none(*pgd))
                return 0;
        n++;
        pud_t *pud = pud_offset(pgd, LDT_BASE_ADDR);
        if (pud_none(*pud))
                return n;
        n++;
        pmd_t *pmd = pmd_offset(pud, LDT_BASE_ADDR);
        return pmd_none(*pmd) ? n : n + 1;
}
SYSCALL_DEFINE2(book_debug, unsigned int, cmd, unsigned long, arg)
{
        struct mm_struct *mm = current->mm;
        long ret = -EINVAL;

        if (cmd == BOOK_DEBUG_PTI_DUMP) {
                down_read(&mm->context.ldt_usr_sem);
                pti_dump_user_pgd(mm);
                up_read(&mm->context.ldt_usr_sem);
                ret = pti_enabled;
        } else if (cmd == BOOK_DEBUG_LDT_PGTABLES) {
                down_read(&mm->context.ldt_usr_sem);
                ret = ldt_pgtable_pages(mm);
                up_read(&mm->context.ldt_usr_sem);
        } else if (cmd == BOOK_DEBUG_KERNEL_CR3_ENTRIES) {
                ret = 0;
                for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
                        ret += per_cpu(pti_kernel_cr3_entries, cpu);
        } else if (cmd == BOOK_DEBUG_KHUGEPAGED) {
                ret = khugepaged_scan_now();
        } else if (cmd == BOOK_DEBUG_PTWALK) {
                mmap_read_lock(mm);
                pt_walk_show(mm->pgd, arg & ~1UL, arg & 1 ? "after" : "before");
                mmap_read_unlock(mm);
                ret = 0;
        } else if (cmd == BOOK_DEBUG_PMD_STATE) {
                mmap_read_lock(mm);
                pmd_t *pmd = find_pmd_of(mm, arg);
                pmd_t pmdval = pmd ? pmdp_get_lockless(pmd) : __pmd(0);
                ret = pmd_none(pmdval) ? -ENOENT : pmd_trans_huge(pmdval) ? 1 : 0;
                mmap_read_unlock(mm);
        } else if (cmd == BOOK_DEBUG_HUGE_STATS) {
                switch (arg) {
                case 0: ret = khugepaged_stats.collapsed; break;
                case 1: ret = khugepaged_stats.retracted; break;
                case 2: ret = khugepaged_stats.kept_busy; break;
                case 3: ret = __atomic_load_n(&khugepaged_stats.freed_after_gp, __ATOMIC_RELAXED); break;
                case 4: ret = khugepaged_stats.stale_table; break;
                case 5: ret = khugepaged_stats.recheck_failed; break;
                }
        } else if (cmd == BOOK_DEBUG_MPX) {
                ret = mpx_book_debug(mm, arg);  /* Chapter~\ref{ch:mpx} */
        } else if (cmd == BOOK_DEBUG_CT) {
                ret = ct_book_debug(arg);       /* Chapter~\ref{ch:ctxtrack} */
        }
        if (cmd == BOOK_DEBUG_ESPFIX_SP)
                ret = arg < nr_cpu_ids && per_cpu(espfix_waddr, arg) ?
                      (long)(u32)READ_ONCE(((unsigned long *)per_cpu(espfix_waddr, arg))[4]) : -EINVAL;
        if (cmd == BOOK_DEBUG_PARANOID)
                ret = paranoid_book_debug(arg);         /* Chapter~\ref{ch:ctxtrack} */
        return ret;
}
