/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <ucontext.h>

static volatile int traps, segvs;

static void set_ss(void *ctx, long sel)
{
        greg_t *csgsfs = &((ucontext_t *)ctx)->uc_mcontext.gregs[REG_CSGSFS];

        *csgsfs = (*csgsfs & ~(0xffffL << 48)) | sel << 48;
}
static void on_trap(int sig, siginfo_t *info, void *ctx)
{
        (void)sig; (void)info;
        ((ucontext_t *)ctx)->uc_mcontext.gregs[REG_EFL] &= ~0x100L; /* TF */
        traps++;
}
static void on_segv(int sig, siginfo_t *info, void *ctx)
{
        (void)sig; (void)info;
        set_ss(ctx, 0x2b);                      /* a good SS again */
        segvs++;
}
static void raise_bad_ss(int sig, siginfo_t *info, void *ctx)
{
        (void)sig; (void)info;
        set_ss(ctx, 0x1b);
}
static void round_on_cpu(int cpu)
{
        cpu_set_t set;
        struct sigaction sa = { .sa_sigaction = raise_bad_ss,
                                .sa_flags = SA_SIGINFO };

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        ok(sched_setaffinity(0, sizeof(set), &set) == 0 &&
           sched_getcpu() == cpu,
           "CPU%d: pinned (system calls in and out)", cpu);
        int before = traps;
        __asm__ volatile("int3");
        __asm__ volatile("pushfq; orq $0x100, (%%rsp); popfq; nop"
                         : : : "memory", "cc");
        ok_eq(traps - before, 2,
              "CPU%d: INT3 and a single step each gave SIGTRAP", cpu);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        do
                clock_gettime(CLOCK_MONOTONIC, &t1);
        while ((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec -
               t0.tv_nsec < 30000000L);
        ok(true, "CPU%d: 30 ms of user code survived the timer", cpu);
        sigaction(SIGUSR1, &sa, NULL);
        before = segvs;
        raise(SIGUSR1);
        ok_eq(segvs - before, 1,
              "CPU%d: a failed IRET to a bad SS became SIGSEGV", cpu);
}

int main(void)
{
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        struct sigaction sa = { .sa_sigaction = on_segv,
                                .sa_flags = SA_SIGINFO };
        struct sigaction st = { .sa_sigaction = on_trap,
                                .sa_flags = SA_SIGINFO };

        sigaction(SIGTRAP, &st, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        for (long cpu = 0; cpu < cpus; cpu++)
                round_on_cpu((int)cpu);
        return done();
}
