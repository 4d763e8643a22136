/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H
#include <asm/page.h>

#define _PAGE_PRESENT   (_AC(1, UL) << 0)
#define _PAGE_RW        (_AC(1, UL) << 1)
#define _PAGE_USER      (_AC(1, UL) << 2)
#define _PAGE_PWT       (_AC(1, UL) << 3)   /* write-through */
#define _PAGE_PCD       (_AC(1, UL) << 4)   /* cache disabled */
#define _PAGE_ACCESSED  (_AC(1, UL) << 5)
#define _PAGE_DIRTY     (_AC(1, UL) << 6)
#define _PAGE_PSE       (_AC(1, UL) << 7)
#define _PAGE_GLOBAL    (_AC(1, UL) << 8)
#define _PAGE_NX        (_AC(1, UL) << 63)
#define _PAGE_TABLE     (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define _KERNPG_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define PTE_PFN_MASK    _AC(0x000ffffffffff000, UL)

#ifndef __ASSEMBLY__
#define __PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_EXEC   (__PAGE_KERNEL_BASE)
#define PAGE_KERNEL_RO     (__PAGE_KERNEL_BASE | _PAGE_NX)
#define PAGE_KERNEL        (__PAGE_KERNEL_BASE | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX)
#define pgd_index(va)  (((va) >> PGDIR_SHIFT) & (PTRS_PER_TABLE - 1))
#define pud_index(va)  (((va) >> PUD_SHIFT) & (PTRS_PER_TABLE - 1))
#define pmd_index(va)  (((va) >> PMD_SHIFT) & (PTRS_PER_TABLE - 1))
#define pte_index(va)  (((va) >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1))
#endif
#endif
