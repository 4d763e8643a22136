/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

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

        if (set_entry(1, 0, 0xffff, 0, 0) || sigaction(SIGTRAP, &sa, NULL))
                return 2;
        uint64_t flat = cycles_per_trap(USER_DS, n);
        uint64_t ldt16 = cycles_per_trap(LDT_SEL(1), n);
        say("bench_espfix: int3 + signal + IRET, SS = USER_DS: %llu cycles\n",
            (unsigned long long)flat);
        say("bench_espfix: int3 + signal + IRET, SS = 16-bit LDT: %llu cycles\n",
            (unsigned long long)ldt16);
        say("bench_espfix: difference: %lld cycles per return\n", (long long)(ldt16 - flat));
        return 0;
}
