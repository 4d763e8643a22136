/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

uint32_t b32_ss, b32_count;
uint64_t b32_saved_rsp;
void b32_run(uint32_t cs);
__asm__(".pushsection .text\n"
        ".globl b32_run\n"
        "b32_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, b32_saved_rsp(%rip)\n"
        "       movw %di, b32_target+4(%rip)\n"
        "       ljmpl *b32_target(%rip)\n"
        ".code32\n"
        "b32_code:\n"
        "       movl b32_count, %ecx\n"
        "       movl b32_ss, %eax\n"
        "       movl $0xabcd1234, %esp\n"
        "       movl %eax, %ss\n"
        "1:     movl $20, %eax\n"
        "       int $0x80\n"
        "       loop 1b\n"
        "       movl $0x2b, %eax\n"
        "       movl %eax, %ss\n"
        "       ljmpl $0x33, $b32_back\n"
        ".code64\n"
        "b32_back:\n"
        "       movq b32_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "b32_target:\n  .long b32_code\n        .word 0\n"
        ".popsection\n");

static uint64_t cycles_per_int80(unsigned ss, long n)
{
        b32_ss = ss;
        b32_count = n;
        uint64_t t0 = rdtsc();
        b32_run(LDT_SEL(0));
        return (rdtsc() - t0) / n;
}

static volatile unsigned bench_ss;

static void bench_on_trap(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;
        greg_t *g = uc->uc_mcontext.gregs;

        (void)sig, (void)si;
        uc->uc_flags |= 4;                      /* UC_STRICT_RESTORE_SS */
        g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffL) | (long)bench_ss << 48;
}
static uint64_t cycles_per_trap(unsigned ss, long n)
{
        bench_ss = ss;
        uint64_t t0 = rdtsc();
        for (long i = 0; i < n; i++)
                __asm__ volatile("int3" ::: "memory");
        uint64_t t1 = rdtsc();
        set_seg(ss, USER_DS);
        return (t1 - t0) / n;
}
int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 2000;
        struct sigaction sa = { .sa_sigaction = bench_on_trap, .sa_flags = SA_SIGINFO };

        if (set_entry(0, 0, 0, 1, 1) || set_entry(1, 0, 0xffff, 0, 0) ||
            sigaction(SIGTRAP, &sa, NULL))
                return 2;
        uint64_t flat = cycles_per_trap(USER_DS, n);
        uint64_t ldt16 = cycles_per_trap(LDT_SEL(1), n);
        say("bench_espfix: int3 + signal + IRET, SS = USER_DS: %llu cycles\n",
            (unsigned long long)flat);
        say("bench_espfix: int3 + signal + IRET, SS = 16-bit LDT: %llu cycles\n",
            (unsigned long long)ldt16);
        say("bench_espfix: difference: %lld cycles per return\n", (long long)(ldt16 - flat));
        set_seg(ds, USER_DS);
        uint64_t sys_flat = cycles_per_int80(USER_DS, 10 * n);
        uint64_t sys_ldt16 = cycles_per_int80(LDT_SEL(1), 10 * n);
        say("bench_espfix: int $0x80 getpid, SS = USER_DS: %llu cycles\n",
            (unsigned long long)sys_flat);
        say("bench_espfix: int $0x80 getpid, SS = 16-bit LDT: %llu cycles\n",
            (unsigned long long)sys_ldt16);
        say("bench_espfix: int $0x80 getpid, 16-bit LDT SS / USER_DS: %.2fx\n",
            (double)sys_ldt16 / (double)sys_flat);
        return 0;
}
