/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H
#include <linux/mm_types.h>
#include <linux/percpu.h>

struct tlb_state {
        struct mm_struct *loaded_mm;    /* whose page tables CR3 holds */
        bool is_lazy;                   /* ... for a kernel thread or idle */
};
DECLARE_PER_CPU(struct tlb_state, cpu_tlbstate);
void switch_mm_irqs_off(struct mm_struct *next);
void switch_mm(struct mm_struct *next);
void enter_lazy_tlb(void);
bool leave_lazy_mm(struct mm_struct *mm);
void shoot_lazy_tlbs(struct mm_struct *mm);
#endif
