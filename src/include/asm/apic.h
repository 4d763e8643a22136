/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H
#include <linux/types.h>

#define LOCAL_TIMER_VECTOR    0xec
#define CALL_FUNCTION_VECTOR  0xfb
#define RESCHEDULE_VECTOR     0xfd
#define SPURIOUS_APIC_VECTOR  0xff
#define HZ                    100

extern volatile unsigned long jiffies;
extern bool sched_ready;
void apic_init_bsp(void);
void apic_init_ap(void);
void apic_eoi(void);
void apic_send_ipi(unsigned int cpu, unsigned int vector);
void apic_send_init_sipi(u32 apic_id, unsigned long start_phys);
void apic_send_nmi(unsigned int cpu);       /* Chapter~\ref{ch:ctxtrack} */
u32 apic_read_id(void);
void udelay(unsigned long us);
extern char asm_irq_0xec[], asm_irq_0xfb[], asm_irq_0xfd[], asm_irq_0xff[];
void generic_smp_call_function_interrupt(void);
#endif
