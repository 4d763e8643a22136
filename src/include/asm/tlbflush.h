/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H
#include <linux/types.h>
static inline void __flush_tlb_one(unsigned long addr)
{
        asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}
void flush_tlb_local_range(unsigned long start, unsigned long end);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
struct mm_struct;
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);
extern bool tlb_shootdown;
#endif
