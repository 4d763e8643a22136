/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include "book_debug.h"
#include <stdlib.h>

uint32_t mig_ncpu, mig_passes, mig_spin, mig_ss16, mig_target, mig_mask, mig_pattern;
uint32_t mig_cpu, mig_ret, mig_leaks, mig_bad_esp, mig_wrong_cpu, mig_fails;
uint64_t mig_saved_rsp;
void mig_run(uint32_t cs);
__asm__(".pushsection .text\n"
        ".globl mig_run\n"
        "mig_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, mig_saved_rsp(%rip)\n"
        "       movw %di, mig_target_ptr+4(%rip)\n"
        "       ljmpl *mig_target_ptr(%rip)\n"
        ".code32\n"
        "mig_code32:\n"
        "       xorl %ebp, %ebp\n"                      /* pass number */
        "1:     movl %ebp, %eax\n       xorl %edx, %edx\n       divl mig_ncpu\n"
        "       movl %edx, mig_target\n"
        "       movl $1, %eax\n movl %edx, %ecx\n       shll %cl, %eax\n"
        "       movl %eax, mig_mask\n"
        "       shll $4, %edx\n addl $0xabcd1000, %edx\n        movl %edx, mig_pattern\n"
        "       movl mig_ss16, %esi\n"
        "       movl $241, %eax\n       xorl %ebx, %ebx\n       movl $4, %ecx\n"
        "       movl $mig_mask, %edx\n"
        "       movl mig_pattern, %esp\n"
        "       movl %esi, %ss\n"
        "       int $0x80\n"                            /* in the shadow of the MOV to SS */
        "       orl %eax, mig_ret\n"
        "       cmpl mig_pattern, %esp\n        je 2f\n"
        "       cmpl $0, mig_leaks\n    jne 7f\n        movl %esp, mig_bad_esp\n"
        "7:     incl mig_leaks\n"
        "2:     movl $318, %eax\n       movl $mig_cpu, %ebx\n   xorl %ecx, %ecx\n"
        "       xorl %edx, %edx\n       int $0x80\n"
        "       orl %eax, mig_ret\n"
        "       movl mig_cpu, %eax\n    cmpl mig_target, %eax\n je 3f\n"
        "       incl mig_wrong_cpu\n"
        "3:     movl mig_spin, %ecx\n"
        "4:     cmpl mig_pattern, %esp\n        je 5f\n"
        "       cmpl $0, mig_leaks\n    jne 8f\n        movl %esp, mig_bad_esp\n"
        "8:     incl mig_leaks\n        movl mig_pattern, %esp\n"
        "5:     loop 4b\n"
        "       movl $0x2b, %eax\n      movl %eax, %ss\n"
        "       incl %ebp\n     cmpl mig_passes, %ebp\n jb 1b\n"
        "       ljmpl $0x33, $mig_back\n"
        ".code64\n"
        "mig_back:\n"
        "       movq mig_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "mig_target_ptr:\n      .long mig_code32\n      .word 0\n"
        ".popsection\n");

int main(int argc, char **argv)
{
        long rounds = argc > 1 ? atol(argv[1]) : 8;

        mig_ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        mig_passes = rounds * mig_ncpu;
        mig_spin = 2000000;
        mig_ss16 = LDT_SEL(1);
        if (set_entry(0, 0, 0, 1, 1) || set_entry(1, 0, 0xffff, 0, 0))
                return 2;
        say("t_espfix_migrate: %u CPUs, %u moves with SS = %#x (16-bit), ESP = 0xabcd1000 + 16 * cpu\n",
            mig_ncpu, mig_passes, mig_ss16);
        set_seg(ds, USER_DS);
        set_seg(es, USER_DS);
        mig_run(LDT_SEL(0));
        say("t_espfix_migrate: system calls %s; on the wrong CPU %u times; "
            "ESP[31:16] not ours %u times", mig_ret ? "FAILED" : "succeeded",
            mig_wrong_cpu, mig_leaks);
        if (mig_leaks)
                say(" (first: ESP = 0x%08x)", mig_bad_esp);
        say("\n");
        long sp = book_debug(BOOK_DEBUG_ESPFIX_SP, 0);
        if (sp < 0) {
                say("t_espfix_migrate: no report of the ministacks here (book_debug: %s)\n",
                    strerror((int)-sp));
        } else {
                for (uint32_t c = 0; c < mig_ncpu; c++) {
                        uint32_t got = book_debug(BOOK_DEBUG_ESPFIX_SP, c);
                        bool own = got == 0xabcd1000 + 16 * c;

                        mig_fails += !own;
                        say("t_espfix_migrate: CPU %u's ministack last held ESP 0x%08x: %s\n",
                            c, got, own ? "its own visit" : "NOT its own visit");
                }
        }
        return mig_ret || mig_wrong_cpu || mig_leaks || mig_fails;
}
