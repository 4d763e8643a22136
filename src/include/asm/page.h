/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#ifdef __ASSEMBLY__
#define _AC(x, suffix)  x
#else
#define _AC(x, suffix)  (x##suffix)
#endif

#define PAGE_SHIFT      12
#define PAGE_SIZE       (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))
#define PMD_SHIFT       21
#define PMD_SIZE        (_AC(1, UL) << PMD_SHIFT)
#define PMD_MASK        (~(PMD_SIZE - 1))
#define PUD_SHIFT       30
#define PUD_SIZE        (_AC(1, UL) << PUD_SHIFT)
#define PGDIR_SHIFT     39
#define PTRS_PER_TABLE  512
#define __START_KERNEL_map  _AC(0xffffffff80000000, UL)
#define PAGE_OFFSET         _AC(0xffff888000000000, UL)
#define LOAD_PHYSICAL_ADDR  _AC(0x200000, UL)
#define TASK_SIZE_MAX       _AC(0x00007ffffffff000, UL)
#define BOOT_STACK_SIZE     (4 * PAGE_SIZE)
#define ESPFIX_PGD_ENTRY    _AC(-2, UL)
#define ESPFIX_BASE_ADDR    (ESPFIX_PGD_ENTRY << PGDIR_SHIFT)

#ifndef __ASSEMBLY__
extern unsigned long page_offset_base;
#define __va(pa)        ((void *)((unsigned long)(pa) + page_offset_base))
#define __pa(va)        ((unsigned long)(va) - page_offset_base)
#define __pa_symbol(s)  ((unsigned long)(s) - __START_KERNEL_map)
#define PAGE_ALIGN(x)   (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif
#endif
