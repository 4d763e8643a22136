/* Tangled from book/sched.nw (chapter "Tasks and scheduling"). Do not edit: edit the book and run make tangle. */
#include <asm/ptrace.h>
        .text
        .globl __switch_to_asm, ret_from_fork
/* struct task_struct *__switch_to_asm(struct task_struct *prev,
 *                                     struct task_struct *next) */
__switch_to_asm:
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, 0(%rdi)           /* prev->thread_sp */
        movq    0(%rsi), %rsp           /* next->thread_sp */
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        movq    %rdi, %rax
        ret

ret_from_fork:
        movq    %rax, %rdi
        call    schedule_tail
        testq   %rbx, %rbx
        jz      ret_from_fork_user
        movq    %r12, %rdi
        call    *%rbx
        movl    %eax, %edi
        call    kthread_exit
        ud2
        .globl ret_from_fork_user
ret_from_fork_user:
        cli
        movq    %gs:cpu_current_top_of_stack, %rsp
        subq    $PTREGS_SIZE, %rsp
        jmp     ret_to_user
