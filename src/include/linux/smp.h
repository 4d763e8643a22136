/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H
#include <asm/acpi.h>
#include <asm/pgtable_types.h>
#include <linux/list.h>
#include <linux/percpu.h>

extern volatile unsigned long cpu_online_mask;
static inline bool cpu_online(unsigned int cpu)
{
        return READ_ONCE(cpu_online_mask) & (1UL << cpu);
}
static inline unsigned int num_online_cpus(void)
{
        unsigned int n = 0;
        for (unsigned long m = READ_ONCE(cpu_online_mask); m; m &= m - 1)
                n++;            /* no popcnt: the compiler would call libgcc */
        return n;
}
#define for_each_online_cpu(cpu) \
        for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++) if (cpu_online(cpu))

typedef void (*smp_call_func_t)(void *info);
int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info);
void on_each_cpu_mask(unsigned long mask, smp_call_func_t func, void *info);
void on_each_cpu(smp_call_func_t func, void *info);
void smp_call_init(void);

void setup_per_cpu_areas(void);
void smp_init(void);
#define IOREMAP_START 0xffffc90000000000UL   /* Linux's vmalloc area */
#define IOREMAP_END   (IOREMAP_START + (1UL << 30))
void *vmap_stack(unsigned long size);
struct page;
void *vmap_page(struct page *page, pte_t **ptep);
void register_kernel_stack(unsigned long lo, unsigned long hi);
bool registered_stack_bounds(unsigned long p, unsigned long *lo, unsigned long *hi);
bool registered_stack_guard_hit(unsigned long addr);
unsigned int save_stack_trace(unsigned long *entries, unsigned int max, unsigned int skip);
#endif
