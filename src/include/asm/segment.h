/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H
#include <asm/page.h>

#define GDT_ENTRY_KERNEL32_CS   1
#define GDT_ENTRY_KERNEL_CS     2
#define GDT_ENTRY_KERNEL_DS     3
#define GDT_ENTRY_USER32_CS     4
#define GDT_ENTRY_USER_DS       5
#define GDT_ENTRY_USER_CS       6
#define GDT_ENTRY_TSS           8     /* 16 bytes: entries 8 and 9 */
#define GDT_ENTRY_LDT           10    /* 16 bytes: entries 10 and 11 */
#define GDT_ENTRIES             16

#define __KERNEL32_CS  (GDT_ENTRY_KERNEL32_CS * 8)
#define __KERNEL_CS    (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS    (GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS    (GDT_ENTRY_USER32_CS * 8 + 3)
#define __USER_DS      (GDT_ENTRY_USER_DS * 8 + 3)
#define __USER_CS      (GDT_ENTRY_USER_CS * 8 + 3)
#define GDT_ENTRY_TSS_SEL  (GDT_ENTRY_TSS * 8)

#define DESC_CODE       0x9b   /* present, DPL 0, code, readable, accessed */
#define DESC_DATA       0x93   /* present, DPL 0, data, writable, accessed */
#define DESC_DPL3       0x60   /* or this in for user segments */
#define DESC_G_32       0xc    /* 4 KiB granularity, 32-bit default size */
#define DESC_G_64       0xa    /* 4 KiB granularity, 64-bit code */
#define GDT_ENTRY(access, size, base, limit) (             \
        ((limit) & _AC(0xffff, ULL)) |                     \
        (((base) & _AC(0xffffff, ULL)) << 16) |            \
        (((access) & _AC(0xff, ULL)) << 40) |              \
        ((((limit) & _AC(0xf0000, ULL)) / 0x10000) << 48) | \
        (((size) & _AC(0xf, ULL)) << 52) |                 \
        ((((base) & _AC(0xff000000, ULL)) / 0x1000000) << 56))
#ifdef __ASSEMBLY__
.macro LOAD_KERNEL_DATA_SEGMENTS
        movl    $__KERNEL_DS, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        xorl    %eax, %eax
        movl    %eax, %fs
        movl    %eax, %gs
.endm
#endif
#endif
