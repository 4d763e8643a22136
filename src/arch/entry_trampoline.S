/* Tangled from book/pti.nw (chapter "Page-table isolation and the LDT"). Do not edit: edit the book and run make tangle. */
#include <asm/pti.h>
#include <asm/segment.h>

        .section .entry.trampoline, "ax"
        .balign 4096
        .globl  entry_trampoline_start
entry_trampoline_start:
        .globl  entry_SYSCALL_64_trampoline
entry_SYSCALL_64_trampoline:
        swapgs
        movq    %rsp, (entry_trampoline_start - 8)(%rip)        /* park RSP */
        movq    %cr3, %rsp
        btrq    $PTI_USER_PGTABLE_BIT, %rsp
        movq    %rsp, %cr3
                jc      .Lsyscall_cr3_counted
                incq    %gs:pti_kernel_cr3_entries
        .Lsyscall_cr3_counted:
        movq    %gs:cpu_current_top_of_stack, %rsp
        pushq   $__USER_DS                              /* pt_regs->ss */
        pushq   (entry_trampoline_start - 8)(%rip)      /* pt_regs->sp */
        pushq   %r11                                    /* pt_regs->flags */
        pushq   $__USER_CS                              /* pt_regs->cs */
        pushq   %rcx                                    /* pt_regs->ip */
        jmp     *.Lstage2(%rip)
        .balign 8
.Lstage2:
        .quad   entry_SYSCALL_64_after_hwframe
        .balign 4096
