/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/segment.h>

.macro PUSH_REGS
        pushq %rdi; pushq %rsi; pushq %rdx; pushq %rcx; pushq %rax
        pushq %r8;  pushq %r9;  pushq %r10; pushq %r11
        pushq %rbx; pushq %rbp; pushq %r12; pushq %r13; pushq %r14; pushq %r15
.endm
.macro POP_REGS
        popq %r15; popq %r14; popq %r13; popq %r12; popq %rbp; popq %rbx
        popq %r11; popq %r10; popq %r9;  popq %r8
        popq %rax; popq %rcx; popq %rdx; popq %rsi; popq %rdi
.endm
.macro idtentry vector, has_error_code, cfunc=do_exception, prefix=asm_exc_
        .p2align 4
        .globl \prefix\vector
\prefix\vector:
        .if \has_error_code == 0
        pushq   $-1
        .endif
        PUSH_REGS
        movq    %rsp, %rdi
        movl    $\vector, %esi
        movq    %rsp, %rbx
        andq    $-16, %rsp
        call    \cfunc
        movq    %rbx, %rsp
        POP_REGS
        addq    $8, %rsp
        iretq
.endm

        .text
        .irp v, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
        idtentry \v, 0
        .endr
        .irp v, 8,10,11,12,13,14,17,21,29,30
        idtentry \v, 1
        .endr
        .irp v, 0x34, 0xec, 0xfb, 0xfd, 0xff
        idtentry \v, 0, do_IRQ, asm_irq_
        .endr
        .section .rodata
        .balign 8
        .globl exception_stubs
exception_stubs:
        .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        .quad   asm_exc_\v
        .endr
        .irp v, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .quad   asm_exc_\v
        .endr
