/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/espfix.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/tsc.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>

#define TRAMPOLINE_BASE 0x8000UL
extern char trampoline_start[], trampoline_end[], tr_cr3[], tr_stack[], tr_entry[],
        tr_gs_base[], secondary_startup_64[];
volatile unsigned long cpu_online_mask = 1;
static unsigned long kernel_cr3;

void setup_per_cpu_areas(void)
{
        extern char __per_cpu_start[], __per_cpu_end[];
        unsigned long size = __per_cpu_end - __per_cpu_start;
        unsigned int order = 0;

        while ((PAGE_SIZE << order) < size)
                order++;
        for (unsigned int cpu = 1; cpu < nr_cpu_ids; cpu++) {
                struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
                if (!p)
                        panic("smp: no memory for the per-CPU area of CPU%u", cpu);
                char *area = page_address(p);
                memcpy(area, __per_cpu_start, size);
                __per_cpu_offset[cpu] = (unsigned long)(area - __per_cpu_start);
                per_cpu(this_cpu_off, cpu) = __per_cpu_offset[cpu];
                per_cpu(cpu_number, cpu) = cpu;
                per_cpu(__preempt_count, cpu) = 0;
        }
        pr_info("percpu: %lu bytes per CPU, %u CPU(s)\n", size, nr_cpu_ids);
}
static struct page *tramp_pages[3];

static unsigned long build_trampoline_pgd(void)
{
        for (int i = 0; i < 3; i++)
                if (!(tramp_pages[i] = alloc_page(GFP_PGTABLE | __GFP_DMA32)))
                        panic("smp: no memory below 4 GiB for the trampoline's page tables");
        pgd_t *pgd = page_address(tramp_pages[0]);
        pud_t *pud = page_address(tramp_pages[1]);
        pmd_t *pmd = page_address(tramp_pages[2]);
        for (int i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
                pgd[i] = init_mm.pgd[i];
        pgd[0] = __pgd(page_to_phys(tramp_pages[1]) | _KERNPG_TABLE);
        pud[0] = __pud(page_to_phys(tramp_pages[2]) | _KERNPG_TABLE);
        pmd[0] = __pmd(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE);
        return page_to_phys(tramp_pages[0]);
}
static void tr_set(const char *field, u64 value)
{
        *(u64 *)((char *)__va(TRAMPOLINE_BASE) + (field - trampoline_start)) = value;
}

static bool boot_cpu(unsigned int cpu, unsigned long tr_pgd)
{
        unsigned long *ist = per_cpu_ptr(&cpu_ist_top[0], cpu);
        for (int i = 0; i < N_EXCEPTION_STACKS; i++) {
                if (ist[i])             /* a stack in the CPU's entry area */
                        continue;
                char *st = vmap_stack(EXCEPTION_STKSZ);
                BUG_ON(!st);
                ist[i] = (unsigned long)st + EXCEPTION_STKSZ;
        }
        char *stack = vmap_stack(BOOT_STACK_SIZE);
        BUG_ON(!stack);
        tr_set(tr_cr3, tr_pgd);
        tr_set(tr_stack, (u64)stack + BOOT_STACK_SIZE);
        tr_set(tr_entry, (u64)secondary_startup_64);
        tr_set(tr_gs_base, __per_cpu_offset[cpu]);
        apic_send_init_sipi(cpu_apic_id[cpu], TRAMPOLINE_BASE);
        u64 deadline = rdtsc() + (u64)tsc_khz * 1000;
        while (!(READ_ONCE(cpu_online_mask) & (1UL << cpu)) && rdtsc() < deadline)
                asm volatile("pause");
        return READ_ONCE(cpu_online_mask) & (1UL << cpu);
}
void __noreturn start_secondary(void)
{
        write_cr3(kernel_cr3);
        cpu_init();
        load_idt();
        cpu_load_entry_area();
        apic_init_ap();
        unsigned int cpu = raw_smp_processor_id();
        pr_info("smp: CPU%u is up (APIC ID %u)\n", cpu, apic_read_id());
        rcu_cpu_online(cpu);
        __atomic_or_fetch(&cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
        cpu_idle();
}
void smp_init(void)
{
        kernel_cr3 = read_cr3();
        memcpy(__va(TRAMPOLINE_BASE), trampoline_start, trampoline_end - trampoline_start);
        unsigned long tr_pgd = build_trampoline_pgd();
        for (unsigned int cpu = 1; cpu < nr_cpu_ids; cpu++) {
                init_espfix_ap(cpu);
                if (!boot_cpu(cpu, tr_pgd))
                        pr_err("smp: CPU%u (APIC ID %u) did not start\n", cpu, cpu_apic_id[cpu]);
        }
        for (int i = 0; i < 3; i++)
                __free_page(tramp_pages[i]);
        pr_info("smp: %u of %u CPU(s) online\n", num_online_cpus(), nr_cpu_ids);
}
