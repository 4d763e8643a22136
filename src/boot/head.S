/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/power.h>
#include "multiboot.h"

        .section .multiboot, "a"
        .balign 4
multiboot_header:
        .long MULTIBOOT_HEADER_MAGIC
        .long MULTIBOOT_HEADER_FLAGS
        .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)
        .long multiboot_header          /* header_addr */
        .long __boot_start              /* load_addr */
        .long __load_end_phys           /* load_end_addr */
        .long __bss_end_phys            /* bss_end_addr */
        .long startup_32                /* entry_addr */
        .section .boot.text, "ax"
        .code32
        .globl startup_32
startup_32:
        cli
        cld
        movl    %eax, %edi
        movl    %ebx, %esi
        movl    $(boot_stack_top - __START_KERNEL_map), %esp
        cmpl    $MULTIBOOT_BOOTLOADER_MAGIC, %edi
        jne     early_fail
                movl    $0x80000000, %eax
                cpuid
                cmpl    $0x80000001, %eax
                jb      early_fail
                movl    $0x80000001, %eax
                cpuid
                btl     $29, %edx
                jnc     early_fail
                btl     $20, %edx
                jnc     early_fail
                movl    $(early_pmd - __START_KERNEL_map), %ebx
                movl    $(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), %eax
                movl    $PTRS_PER_TABLE, %ecx
        1:      movl    %eax, (%ebx)
                addl    $PMD_SIZE, %eax
                addl    $8, %ebx
                loop    1b
                movl    $(early_pmd - __START_KERNEL_map + _PAGE_TABLE), %eax
                movl    %eax, (early_pud_low - __START_KERNEL_map)
                movl    %eax, (early_pud_high - __START_KERNEL_map + 510 * 8)
                movl    $(early_pud_low - __START_KERNEL_map + _PAGE_TABLE), %eax
                movl    %eax, (early_top_pgt - __START_KERNEL_map)
                movl    $(early_pud_high - __START_KERNEL_map + _PAGE_TABLE), %eax
                movl    %eax, (early_top_pgt - __START_KERNEL_map + 511 * 8)
                ENABLE_LONG_MODE_PAGING $(early_top_pgt - __START_KERNEL_map)
        lgdt    early_gdt_descr
        ljmp    $__KERNEL_CS, $startup_64_identity
early_fail:
        movl    $early_fail_msg, %ecx
        movw    $0x3f8, %dx
1:      movb    (%ecx), %al
        testb   %al, %al
        jz      2f
        outb    %al, %dx
        incl    %ecx
        jmp     1b
2:      movl    $EXIT_PANIC, %eax
        movw    $ISA_DEBUG_EXIT_PORT, %dx
        outl    %eax, %dx
3:      hlt
        jmp     3b
early_fail_msg:
        .asciz  "book-kernel: no Multiboot loader, or no long mode or NX\r\n"
        .section .boot.data, "a"
        .balign 16
early_gdt:
        .quad   0
        .quad   GDT_ENTRY(DESC_CODE, DESC_G_32, 0, 0xfffff)   /* 0x08 */
        .quad   GDT_ENTRY(DESC_CODE, DESC_G_64, 0, 0xfffff)   /* 0x10 */
        .quad   GDT_ENTRY(DESC_DATA, DESC_G_32, 0, 0xfffff)   /* 0x18 */
early_gdt_end:
early_gdt_descr:
        .word   early_gdt_end - early_gdt - 1
        .long   early_gdt
        .section .boot.text, "ax"
        .code64
startup_64_identity:
        movabsq $startup_64, %rax
        jmp     *%rax

        .text
        .globl startup_64
startup_64:
        LOAD_KERNEL_DATA_SEGMENTS
        movq    $boot_stack_top, %rsp
        xorl    %ebp, %ebp
        movl    %edi, %edi
        movl    %esi, %esi
        call    kmain
1:      hlt
        jmp     1b
        .section .bss, "aw", @nobits
        .balign PAGE_SIZE
early_top_pgt:   .skip PAGE_SIZE
early_pud_low:   .skip PAGE_SIZE
early_pud_high:  .skip PAGE_SIZE
early_pmd:       .skip PAGE_SIZE
        .globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard: .skip PAGE_SIZE
boot_stack:      .skip BOOT_STACK_SIZE
boot_stack_top:
