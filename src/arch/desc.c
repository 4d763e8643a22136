/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/segment.h>
#include <linux/kernel.h>
#include <linux/percpu.h>

struct exception_stack exception_stacks[N_EXCEPTION_STACKS] __aligned(4096);
struct cpu_desc_pages cpu_desc_pages[NR_CPUS];
DEFINE_PER_CPU(unsigned long [N_EXCEPTION_STACKS], cpu_ist_top);

static void gdt_fill(u64 *gdt, struct x86_hw_tss *tss)
{
        gdt[GDT_ENTRY_KERNEL32_CS] = GDT_ENTRY(DESC_CODE, DESC_G_32, 0, 0xfffff);
        gdt[GDT_ENTRY_KERNEL_CS] = GDT_ENTRY(DESC_CODE, DESC_G_64, 0, 0xfffff);
        gdt[GDT_ENTRY_KERNEL_DS] = GDT_ENTRY(DESC_DATA, DESC_G_32, 0, 0xfffff);
        gdt[GDT_ENTRY_USER32_CS] = GDT_ENTRY(DESC_CODE | DESC_DPL3, DESC_G_32, 0, 0xfffff);
        gdt[GDT_ENTRY_USER_DS] = GDT_ENTRY(DESC_DATA | DESC_DPL3, DESC_G_32, 0, 0xfffff);
        gdt[GDT_ENTRY_USER_CS] = GDT_ENTRY(DESC_CODE | DESC_DPL3, DESC_G_64, 0, 0xfffff);
        unsigned long base = (unsigned long)tss;
        gdt[GDT_ENTRY_TSS] = GDT_ENTRY(0x89, 0, base & 0xffffffff, sizeof(*tss) - 1);
        gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}
static void tss_init(struct x86_hw_tss *tss)
{
        unsigned long *top = raw_cpu_ptr(&cpu_ist_top[0]);

        for (int i = 0; i < N_EXCEPTION_STACKS; i++) {
                if (!top[i])
                        top[i] = (u64)&exception_stacks[i].stack[EXCEPTION_STKSZ];
                tss->ist[i] = top[i];
        }
        tss->io_bitmap_base = sizeof(*tss);
}
void load_sp0(unsigned long sp0)
{
        cpu_desc_pages[raw_smp_processor_id()].tss.sp0 = sp0;
}
void cpu_init(void)
{
        u64 *gdt = cpu_desc_pages[raw_smp_processor_id()].gdt;
        struct x86_hw_tss *tss = &cpu_desc_pages[raw_smp_processor_id()].tss;
        struct desc_ptr gdt_descr = { GDT_ENTRIES * 8 - 1, (u64)gdt };

        gdt_fill(gdt, tss);
        tss_init(tss);
        asm volatile("lgdt %0" : : "m"(gdt_descr));
        asm volatile("pushq %[cs]\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %[ds], %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "movl %%eax, %%ss\n\t"
                     : : [cs] "i"(__KERNEL_CS), [ds] "i"(__KERNEL_DS) : "rax", "memory");
        asm volatile("ltr %w0" : : "r"(GDT_ENTRY_TSS_SEL));
        cpu_init_user_mode();
}

#include <asm/ldt.h>
#define DESC_LDT 0x82                   /* present, DPL 0, type 2: LDT */
void set_ldt(const void *addr, unsigned int entries)
{
        if (!entries) {
                asm volatile("lldt %w0" : : "r"(0));
                return;
        }
        u64 *gdt = cpu_desc_pages[smp_processor_id()].gdt;
        unsigned long base = (unsigned long)addr;

        gdt[GDT_ENTRY_LDT] = GDT_ENTRY(DESC_LDT, 0, base & 0xffffffff,
                                       entries * LDT_ENTRY_SIZE - 1);
        gdt[GDT_ENTRY_LDT + 1] = base >> 32;
        asm volatile("lldt %w0" : : "r"(GDT_ENTRY_LDT * 8));
}

void load_TLS(const u64 *tls_array)
{
        u64 *gdt = cpu_desc_pages[smp_processor_id()].gdt;

        for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
                gdt[GDT_ENTRY_TLS_MIN + i] = tls_array[i];
}
