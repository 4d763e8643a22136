/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PGTABLE_TYPES_H
#define _ASM_PGTABLE_TYPES_H
#include <asm/pgtable.h>

typedef unsigned long pteval_t;
typedef struct { pteval_t pte; } pte_t;
typedef struct { pteval_t pmd; } pmd_t;
typedef struct { pteval_t pud; } pud_t;
typedef struct { pteval_t pgd; } pgd_t;
typedef struct { pteval_t pgprot; } pgprot_t;

#define pte_val(x)    ((x).pte)
#define pmd_val(x)    ((x).pmd)
#define pud_val(x)    ((x).pud)
#define pgd_val(x)    ((x).pgd)
#define pgprot_val(x) ((x).pgprot)
#define __pte(v)      ((pte_t){ (v) })
#define __pmd(v)      ((pmd_t){ (v) })
#define __pud(v)      ((pud_t){ (v) })
#define __pgd(v)      ((pgd_t){ (v) })
#define __pgprot(v)   ((pgprot_t){ (v) })
#endif
