/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H
#include <asm/acpi.h>
#include <linux/compiler.h>
#include <linux/types.h>

#define DEFINE_PER_CPU(type, name) \
        __section(".data..percpu") __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];
#define per_cpu_ptr(ptr, cpu) \
        ((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu) (*per_cpu_ptr(&(var), cpu))

#include <asm/percpu.h>
unsigned int check_preemption_disabled(const char *what, unsigned long caller);
void __this_cpu_preempt_check(const char *what);
unsigned int debug_smp_processor_id(void);

#define this_cpu_read(var)       raw_cpu_read(var)
#define this_cpu_write(var, val) raw_cpu_write(var, val)
#define this_cpu_add(var, val)   raw_cpu_add(var, val)
#define __this_cpu_read(var) \
        ({ __this_cpu_preempt_check("__this_cpu_read"); raw_cpu_read(var); })
#define __this_cpu_write(var, val) do {                                 \
        __this_cpu_preempt_check("__this_cpu_write");                   \
        raw_cpu_write(var, val);                                        \
} while (0)
#define __this_cpu_add(var, val) do {                                   \
        __this_cpu_preempt_check("__this_cpu_add");                     \
        raw_cpu_add(var, val);                                          \
} while (0)

DECLARE_PER_CPU(unsigned long, this_cpu_off);
DECLARE_PER_CPU(int, cpu_number);
#define raw_cpu_ptr(ptr) \
        ((__typeof__(ptr))((unsigned long)(ptr) + raw_cpu_read(this_cpu_off)))
#define this_cpu_ptr(ptr) ({ __this_cpu_preempt_check("this_cpu_ptr"); raw_cpu_ptr(ptr); })
#define raw_smp_processor_id() ((unsigned int)raw_cpu_read(cpu_number))
#define smp_processor_id() debug_smp_processor_id()
#endif
