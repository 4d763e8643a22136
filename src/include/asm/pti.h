/* Tangled from book/pti.nw (chapter "Page-table isolation and the LDT"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PTI_H
#define _ASM_PTI_H
#define PTI_USER_PGTABLE_BIT  12
#define PTI_USER_PGTABLE_MASK (1 << PTI_USER_PGTABLE_BIT)
#ifndef __ASSEMBLY__
#include <asm/desc.h>
#include <asm/ldt.h>
#include <asm/page.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>

#define KERNEL_PGD_BOUNDARY   (PTRS_PER_PGD / 2)
#define KERNEL_PGD_PTRS       (PTRS_PER_PGD / 2)

static inline pgd_t *kernel_to_user_pgdp(pgd_t *pgdp)
{
        return (pgd_t *)((unsigned long)pgdp | PAGE_SIZE);
}
static inline bool pgdp_maps_userspace(const void *pgdp)
{
        return ((unsigned long)pgdp & ~PAGE_MASK) < PAGE_SIZE / 2;
}
#define CPU_ENTRY_AREA_BASE    0xfffffe0000000000UL
#define CPU_ENTRY_AREA_RO_IDT  CPU_ENTRY_AREA_BASE
#define CPU_ENTRY_AREA_PER_CPU (CPU_ENTRY_AREA_BASE + PAGE_SIZE)

struct cpu_entry_area {
        char gdt[PAGE_SIZE];                    /* read-only alias */
        char tss[PAGE_SIZE];                    /* read-only alias */
        char entry_stack[PAGE_SIZE];            /* writable alias */
        char entry_trampoline[PAGE_SIZE];       /* executable alias */
        struct exception_stack estacks[N_EXCEPTION_STACKS];
};

static inline struct cpu_entry_area *get_cpu_entry_area(unsigned int cpu)
{
        return (struct cpu_entry_area *)(CPU_ENTRY_AREA_PER_CPU +
                                         cpu * sizeof(struct cpu_entry_area));
}
DECLARE_PER_CPU(unsigned long, cpu_entry_stack_top);
#define CEA_RO  (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define CEA_RW  (CEA_RO | _PAGE_RW | _PAGE_DIRTY)
#define CEA_RX  (_PAGE_PRESENT | _PAGE_ACCESSED)
#define LDT_PGD_ENTRY    (-240L)        /* top-level slot 272 */
#define LDT_BASE_ADDR    ((unsigned long)LDT_PGD_ENTRY << PGDIR_SHIFT)
#define LDT_SLOT_STRIDE  (LDT_ENTRIES * LDT_ENTRY_SIZE)

static inline void *ldt_slot_va(int slot)
{
        return (void *)(LDT_BASE_ADDR + LDT_SLOT_STRIDE * slot);
}
extern bool pti_enabled, pti_ldt_leak, pti_ldt_same_slot, tlbstate_unchecked;
extern bool pti_user_nx, pti_exit_cr3_skip;
extern char entry_trampoline_start[], entry_SYSCALL_64_trampoline[];
extern char __entry_text_start[], __entry_text_end[];
struct mm_struct;
struct ldt_struct;
void pti_init(void);
void cpu_load_entry_area(void);
void clone_pgd_range(pgd_t *dst, pgd_t *src, int count);
void pti_dump_user_pgd(struct mm_struct *mm);
int map_ldt_struct(struct mm_struct *mm, struct ldt_struct *ldt, int slot);
void unmap_ldt_struct(struct mm_struct *mm, struct ldt_struct *ldt);
void free_ldt_pgtables(struct mm_struct *mm);
#endif
#define __NR_book_debug          511
#define BOOK_DEBUG_PTI_DUMP      1      /* dump the user table; pti on? */
#define BOOK_DEBUG_LDT_PGTABLES  2      /* page tables of the LDT region */
#define BOOK_DEBUG_KERNEL_CR3_ENTRIES 3 /* entries on the kernel's table */
#define BOOK_DEBUG_KHUGEPAGED    4      /* one khugepaged pass: ranges collapsed */
#define BOOK_DEBUG_HUGE_STATS    5      /* arg: which count (chapter ptfree) */
#define BOOK_DEBUG_PMD_STATE     6      /* arg: address; 1 huge, 0 table, -ENOENT */
#define BOOK_DEBUG_PTWALK        7      /* arg: address, bit 0: "after", else "before" */
#define BOOK_DEBUG_ESPFIX_SP     8      /* ESP of the last frame on a CPU's ministack */
#define BOOK_DEBUG_MPX           9      /* MPX counters; arg says which: */
#define BOOK_DEBUG_MPX_TABLES    0      /* bounds tables of this process */
#define BOOK_DEBUG_MPX_RESOLVED  1      /* directory faults resolved */
#define BOOK_DEBUG_MPX_LOST      2      /* allocations that lost the cmpxchg */
#define BOOK_DEBUG_MPX_ZAPPED    3      /* shared tables partly zapped */
#define BOOK_DEBUG_MPX_FREED     4      /* tables freed by unmaps */
#define BOOK_DEBUG_CT            12     /* arg: question (chapter ctxtrack) */
#define BOOK_DEBUG_PARANOID      13     /* arg: question (chapter ctxtrack) */
#endif
