/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/ptrace.h>
#include <asm/pti.h>
#include <asm/segment.h>
#include <linux/errno.h>

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
.macro SAVE_AND_SWITCH_TO_KERNEL_CR3 scratch_reg:req save_reg:req
        movq    %cr3, \scratch_reg
        movq    \scratch_reg, \save_reg
        btrq    $PTI_USER_PGTABLE_BIT, \scratch_reg
        jnc     .Lkernel_cr3_\@
        movq    \scratch_reg, %cr3
.Lkernel_cr3_\@:
.endm
.macro SWITCH_TO_KERNEL_CR3 scratch_reg:req
        movq    %cr3, \scratch_reg
        btrq    $PTI_USER_PGTABLE_BIT, \scratch_reg
        jnc     .Lkernel_cr3_plain_\@
        movq    \scratch_reg, %cr3
.Lkernel_cr3_plain_\@:
.endm
.macro SWITCH_TO_USER_CR3 scratch_reg:req
        testb   $1, pti_enabled(%rip)
        jz      .Luser_cr3_\@
        movq    %cr3, \scratch_reg
        orq     $PTI_USER_PGTABLE_MASK, \scratch_reg
        movq    \scratch_reg, %cr3
.Luser_cr3_\@:
.endm
.macro idtentry vector, has_error_code, cfunc=do_exception, prefix=asm_exc_
        .p2align 4
        .globl \prefix\vector
\prefix\vector:
        .if \has_error_code == 0
        pushq   $-1
        .endif
        PUSH_REGS
        SAVE_AND_SWITCH_TO_KERNEL_CR3 scratch_reg=%rax save_reg=%r14
        testb   $3, 17*8(%rsp)
        jz      1f
        swapgs
        movq    %rsp, %rsi
        movq    %gs:cpu_current_top_of_stack, %rdi
        subq    $PTREGS_SIZE, %rdi
        movq    %rdi, %rsp
        movl    $PTREGS_SIZE / 8, %ecx
        cld
        rep movsq
        movb    $0, %gs:pti_entry_on_kernel_cr3
        testb   $1, pti_enabled(%rip)
        jz      1f
        btq     $PTI_USER_PGTABLE_BIT, %r14     /* CR3 at entry */
        jc      1f
        movb    $1, %gs:pti_entry_on_kernel_cr3
        incq    %gs:pti_kernel_cr3_entries
1:
1:
        cmpq    $native_irq_return_iret, 16*8(%rsp)
        jne     2f
        swapgs                                  /* the failed IRET ran after SWAPGS */
        movq    %rsp, %rdi
        andq    $-16, %rsp
        call    fixup_bad_iret                  /* returns the user pt_regs to use */
        movq    %rax, %rsp
2:
        movq    %rsp, %rdi
        movl    $\vector, %esi
        movq    %rsp, %rbx
        andq    $-16, %rsp
        call    irqentry_enter                  /* regs, vector: the state found */
        movl    %eax, %r12d
        movq    %rbx, %rdi
        movl    $\vector, %esi
        call    \cfunc
        movq    %rbx, %rdi
        movl    %r12d, %esi
        call    irqentry_exit
        movq    %rbx, %rsp
        testb   $3, 17*8(%rsp)
        jz      3f
        movq    $-1, 15*8(%rsp)                 /* orig_ax: not a system call */
        jmp     ret_to_user
3:
        POP_REGS
        addq    $8, %rsp
        iretq
.endm

        .section .entry.text, "ax"
        .irp v, 0,3,4,5,6,7,9,15,16,19,20,22,23,24,25,26,27,28,31
        idtentry \v, 0
        .endr
        .irp v, 8,10,11,12,13,14,17,21,29,30
        idtentry \v, 1
        .endr
#define MSR_GS_BASE             0xc0000101
#define MSR_KERNEL_GS_BASE      0xc0000102
#define PARANOID_GS_MSR         0
#define PARANOID_GS_RDGSBASE    1
#define PARANOID_GS_CS          2
.macro idtentry_paranoid vector
        .p2align 4
        .globl  asm_exc_\vector
asm_exc_\vector:
        .if \vector != 2
        testb   $3, 8(%rsp)                     /* CS: from user mode, it tells the truth */
        jnz     asm_exc_user_\vector
        .endif
        pushq   $-1
        PUSH_REGS
        PARANOID_ENTRY                          /* R14: CR3 found; RBX, R15: GS found */
        movq    %rsp, %rdi
        movl    $\vector, %esi
        movq    %rbx, %rdx
        movq    %r14, %rcx
        movq    %rsp, %r12
        andq    $-16, %rsp
        call    do_paranoid
        movq    %r12, %rsp
        PARANOID_EXIT
        POP_REGS
        addq    $8, %rsp
        iretq
.endm
.macro PARANOID_ENTRY
        SAVE_AND_SWITCH_TO_KERNEL_CR3 scratch_reg=%rax save_reg=%r14
        movzbl  paranoid_gs_how(%rip), %r15d
        cmpl    $PARANOID_GS_RDGSBASE, %r15d
        je      .Lgs_rdgsbase_\@
        movl    $1, %ebx                        /* EBX 1: the kernel's base was loaded */
        cmpl    $PARANOID_GS_CS, %r15d
        je      .Lgs_by_cs_\@
        movl    $MSR_GS_BASE, %ecx
        rdmsr
        testl   %edx, %edx
        js      .Lgs_done_\@                    /* negative: a kernel base */
        orl     %eax, %edx
        jnz     .Lgs_swap_\@                    /* positive: the user's */
        movl    $MSR_KERNEL_GS_BASE, %ecx       /* zero: look at the other one */
        rdmsr
        testl   %edx, %edx
        jns     .Lgs_done_\@
        jmp     .Lgs_swap_\@
.Lgs_by_cs_\@:
        testb   $3, 17*8(%rsp)                  /* BROKEN ON PURPOSE: paranoid_swapgs=cs */
        jz      .Lgs_done_\@
.Lgs_swap_\@:
        swapgs
        xorl    %ebx, %ebx                      /* EBX 0: SWAPGS again on the way out */
        jmp     .Lgs_done_\@
.Lgs_rdgsbase_\@:
        rdgsbase %rbx                           /* whatever it is, keep it */
        rdtscp                                  /* ECX: this CPU's number (TSC_AUX) */
        andl    $0xfff, %ecx
        movq    __per_cpu_offset(, %rcx, 8), %rax
        wrgsbase %rax
.Lgs_done_\@:
.endm
.macro PARANOID_EXIT
        cmpl    $PARANOID_GS_RDGSBASE, %r15d
        jne     .Lgs_exit_swap_\@
        wrgsbase %rbx                           /* the interrupted base, whatever it was */
        jmp     .Lgs_exit_done_\@
.Lgs_exit_swap_\@:
        testl   %ebx, %ebx
        jnz     .Lgs_exit_done_\@
        swapgs
.Lgs_exit_done_\@:
        testb   $1, paranoid_cr3_keep(%rip)     /* BROKEN ON PURPOSE */
        jnz     .Lcr3_exit_done_\@
        btq     $PTI_USER_PGTABLE_BIT, %r14
        jnc     .Lcr3_exit_done_\@
        movq    %r14, %cr3                      /* Linux: RESTORE_CR3 */
.Lcr3_exit_done_\@:
.endm
        idtentry_paranoid 1
        idtentry_paranoid 2
        idtentry_paranoid 18
        idtentry 1, 0, do_exception, asm_exc_user_
        idtentry 18, 0, do_exception, asm_exc_user_
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
        .section .entry.text, "ax"
        .p2align 4
        .globl entry_SYSCALL_64
entry_SYSCALL_64:
        swapgs
        movq    %rsp, %gs:cpu_user_rsp
        movq    %gs:cpu_current_top_of_stack, %rsp
        pushq   $__USER_DS                      /* pt_regs->ss */
        pushq   %gs:cpu_user_rsp                /* pt_regs->sp */
        pushq   %r11                            /* pt_regs->flags */
        pushq   $__USER_CS                      /* pt_regs->cs */
        pushq   %rcx                            /* pt_regs->ip */
        .globl  entry_SYSCALL_64_after_hwframe
entry_SYSCALL_64_after_hwframe:                 /* the KPTI trampoline joins here */
        pushq   %rax                            /* pt_regs->orig_ax */
        movq    $-ENOSYS, %rax
        PUSH_REGS
        testb   $1, ct_entry_fault(%rip)
        jz      82f
        movabsq $0x8000000000000000, %rcx       /* non-canonical: #GP */
81:     movq    (%rcx), %rcx
82:
        .pushsection __ex_table, "a"
        .balign 8
        .quad   81b, 82b
        .popsection
        testb   $1, ct_entry_fault_pf(%rip)
        jz      84f
        movabsq $0xffffc88000000000, %rcx       /* nothing maps it: #PF */
83:     movq    (%rcx), %rcx
84:
        .pushsection __ex_table, "a"
        .balign 8
        .quad   83b, 84b
        .popsection
        movq    %rsp, %rdi
        call    do_syscall_64                   /* returns true: SYSRET is safe */
        testb   %al, %al
        jz      .Lreturn_via_iret
        POP_REGS
        addq    $8, %rsp                        /* orig_ax */
        pushq   %rdi
        movq    %rsp, %rdi
        movq    %gs:cpu_entry_stack_top, %rsp
        pushq   4*8(%rdi)                       /* the user's rsp */
        pushq   (%rdi)                          /* the user's rdi */
                testb   $1, pti_exit_cr3_skip(%rip)     /* BROKEN ON PURPOSE */
                jnz     .Lsysret_user_cr3_done
        SWITCH_TO_USER_CR3 scratch_reg=%rdi
.Lsysret_user_cr3_done:
        popq    %rdi
        popq    %rsp
        .globl  entry_SYSCALL_64_swapgs_exit    /* labels for the paranoid tests */
entry_SYSCALL_64_swapgs_exit:
        swapgs
        .globl  entry_SYSCALL_64_sysret
entry_SYSCALL_64_sysret:
        sysretq
        .p2align 4
        .globl ret_to_user
ret_to_user:                                    /* %rsp: pt_regs; IRQs off */
        movq    %rsp, %rdi
        call    exit_to_user_mode
.Lreturn_via_iret:
        POP_REGS
        addq    $8, %rsp                        /* orig_ax */
        pushq   %rdi
        movq    %rsp, %rdi
        movq    %gs:cpu_entry_stack_top, %rsp
        pushq   5*8(%rdi)                       /* ss */
        pushq   4*8(%rdi)                       /* sp */
        pushq   3*8(%rdi)                       /* flags */
        pushq   2*8(%rdi)                       /* cs */
        pushq   1*8(%rdi)                       /* ip */
        pushq   (%rdi)                          /* the user's rdi */
        SWITCH_TO_USER_CR3 scratch_reg=%rdi
        popq    %rdi
        swapgs
        testb   $4, 4*8(%rsp)                   /* ss: TI set, an LDT selector */
        jnz     native_irq_return_ldt
        .globl native_irq_return_iret
native_irq_return_iret:
        iretq
        .p2align 4
        .globl entry_SYSCALL_compat
entry_SYSCALL_compat:
        swapgs
        movl    %esp, %r8d                      /* the user's ESP, zero-extended */
        SWITCH_TO_KERNEL_CR3 scratch_reg=%rsp
        movq    %gs:cpu_current_top_of_stack, %rsp
        pushq   $__USER_DS                      /* pt_regs->ss */
        pushq   %r8                             /* pt_regs->sp */
        pushq   %r11                            /* pt_regs->flags */
        pushq   $__USER32_CS                    /* pt_regs->cs */
        pushq   %rcx                            /* pt_regs->ip */
        movl    %eax, %eax
        pushq   %rax                            /* pt_regs->orig_ax */
        PUSH_REGS
        movq    %rsp, %rdi
        call    do_SYSCALL_compat
        jmp     ret_to_user
        .p2align 4
        .globl entry_INT80_compat
entry_INT80_compat:                             /* IRQs off; always from user mode */
        movl    %eax, %eax                      /* the number is 32 bits */
        pushq   %rax                            /* pt_regs->orig_ax */
        PUSH_REGS
        SAVE_AND_SWITCH_TO_KERNEL_CR3 scratch_reg=%rax save_reg=%r14
        swapgs
        movq    %rsp, %rsi
        movq    %gs:cpu_current_top_of_stack, %rdi
        subq    $PTREGS_SIZE, %rdi
        movq    %rdi, %rsp
        movl    $PTREGS_SIZE / 8, %ecx
        cld
        rep movsq
        movb    $0, %gs:pti_entry_on_kernel_cr3
        testb   $1, pti_enabled(%rip)
        jz      1f
        btq     $PTI_USER_PGTABLE_BIT, %r14     /* CR3 at entry */
        jc      1f
        movb    $1, %gs:pti_entry_on_kernel_cr3
        incq    %gs:pti_kernel_cr3_entries
1:
        movq    $-ENOSYS, 10*8(%rsp)            /* pt_regs->ax */
        movq    %rsp, %rdi
        call    do_int80_syscall_32
        jmp     ret_to_user
        .p2align 4
        .globl native_irq_return_ldt
native_irq_return_ldt:                  /* entry stack: the frame; user GS and CR3 */
        pushq   %rdi
        swapgs
        SWITCH_TO_KERNEL_CR3 scratch_reg=%rdi
        testb   $1, espfix_enabled(%rip)
        jz      .Lespfix_off
        movq    %gs:espfix_waddr, %rdi
        movq    %rax, 0*8(%rdi)                 /* the user's rax */
        movq    1*8(%rsp), %rax
        movq    %rax, 1*8(%rdi)                 /* ip */
        movq    2*8(%rsp), %rax
        movq    %rax, 2*8(%rdi)                 /* cs */
        movq    3*8(%rsp), %rax
        movq    %rax, 3*8(%rdi)                 /* flags */
        movq    5*8(%rsp), %rax
        movq    %rax, 5*8(%rdi)                 /* ss */
        movq    4*8(%rsp), %rax
        movq    %rax, 4*8(%rdi)                 /* sp */
        andl    $0xffff0000, %eax
        orq     %gs:espfix_stack, %rax
        SWITCH_TO_USER_CR3 scratch_reg=%rdi
        swapgs
        popq    %rdi
        movq    %rax, %rsp                      /* the alias; ESP[31:16] = the user's */
        popq    %rax
        jmp     native_irq_return_iret
.Lespfix_off:
        SWITCH_TO_USER_CR3 scratch_reg=%rdi
        swapgs
        popq    %rdi
        jmp     native_irq_return_iret
