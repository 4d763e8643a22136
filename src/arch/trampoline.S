/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/segment.h>

#define TRAMPOLINE_BASE 0x8000
#define TR(x) ((x) - trampoline_start + TRAMPOLINE_BASE)
#define MSR_GS_BASE 0xc0000101

        .section .rodata, "a"
        .balign 16
        .globl trampoline_start, trampoline_end
        .globl tr_cr3, tr_stack, tr_entry, tr_gs_base
trampoline_start:
        .code16
        cli
        cld
        xorw    %ax, %ax
        movw    %ax, %ds
        lgdtl   TR(tr_gdt_desc)
        movl    %cr0, %eax
        orl     $X86_CR0_PE, %eax
        movl    %eax, %cr0
        ljmpl   $__KERNEL32_CS, $TR(tr_32)
        .code32
tr_32:
        movl    $__KERNEL_DS, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        ENABLE_LONG_MODE_PAGING TR(tr_cr3)
        ljmpl   $__KERNEL_CS, $TR(tr_64)
        .code64
tr_64:
        movq    TR(tr_stack), %rsp
        movq    TR(tr_entry), %rax
        jmp     *%rax
        .balign 16
tr_gdt:
        .quad   0
        .quad   GDT_ENTRY(DESC_CODE, DESC_G_32, 0, 0xfffff)   /* __KERNEL32_CS */
        .quad   GDT_ENTRY(DESC_CODE, DESC_G_64, 0, 0xfffff)   /* __KERNEL_CS */
        .quad   GDT_ENTRY(DESC_DATA, DESC_G_32, 0, 0xfffff)   /* __KERNEL_DS */
tr_gdt_desc:
        .word   4 * 8 - 1
        .long   TR(tr_gdt)
        .balign 8
tr_cr3:         .quad 0         /* trampoline_pgd, below 4 GiB */
tr_stack:       .quad 0         /* top of the new CPU's stack */
tr_entry:       .quad 0         /* secondary_startup_64 */
tr_gs_base:     .quad 0         /* the new CPU's per-CPU offset */
trampoline_end:

        .text
        .globl secondary_startup_64
secondary_startup_64:
        LOAD_KERNEL_DATA_SEGMENTS
        movl    $MSR_GS_BASE, %ecx
        movq    TR(tr_gs_base), %rax
        movq    %rax, %rdx
        shrq    $32, %rdx
        wrmsr
        xorl    %ebp, %ebp
        call    start_secondary
1:      hlt
        jmp     1b
