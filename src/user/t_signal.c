/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <signal.h>

static long faulting_load(void *p)
{
        long v;
        __asm__ volatile("movq (%%rdi), %%rax" : "=a"(v) : "D"(p) : "memory");
        return v;
}

static void faulting_store(void *p)
{
        __asm__ volatile("movq %%rax, (%%rdi)" : : "a"(0L), "D"(p) : "memory");
}
static struct {
        int signo, code;
        void *addr;
        long trapno, err;
} fault;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
        greg_t *regs = ((ucontext_t *)ctx)->uc_mcontext.gregs;
        const unsigned char *ip = (const unsigned char *)regs[REG_RIP];

        fault.signo = sig;
        fault.code = si->si_code;
        fault.addr = si->si_addr;
        fault.trapno = regs[REG_TRAPNO];
        fault.err = regs[REG_ERR];
        if (ip[0] != 0x48 || (ip[1] != 0x8b && ip[1] != 0x89) || ip[2] != 0x07)
                _exit(100);
        regs[REG_RAX] = 0x5eed;
        regs[REG_RIP] += 3;
}
static void check_faults(void)
{
        struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
        char *gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        munmap(gone, 4096);
        ok_eq(sigaction(SIGSEGV, &sa, NULL), 0, "sigaction(SIGSEGV, SA_SIGINFO)");
        ok_eq(faulting_load(gone), 0x5eed,
              "a read of an unmapped page resumes with the handler's RAX");
        ok(fault.signo == SIGSEGV && fault.code == SEGV_MAPERR,
           "it is SIGSEGV, SEGV_MAPERR (code %d)", fault.code);
        ok(fault.addr == gone, "si_addr is the address read (%p)", fault.addr);
        ok(fault.trapno == 14 && !(fault.err & 2),
           "trap 14, error code says read (err %#lx)", fault.err);
        faulting_store(ro);
        ok(fault.code == SEGV_ACCERR && fault.addr == ro,
           "a write to a read-only page is SEGV_ACCERR at that address (code %d)", fault.code);
        ok(fault.trapno == 14 && (fault.err & 2), "error code says write (err %#lx)", fault.err);
        ok(faulting_load(NULL) == 0x5eed && fault.addr == NULL && fault.code == SEGV_MAPERR,
           "a read of address 0 is SEGV_MAPERR with si_addr 0");
}
static char altstack[SIGSTKSZ];

static struct {
        int count, on_altstack, onstack_flag, code;
        pid_t pid;
        sigset_t mask;
} seen[2];                      /* [0] SIGUSR1, [1] SIGUSR2 */

static void on_usr(int sig, siginfo_t *si, void *ctx)
{
        int local;
        stack_t ss;
        int i = sig == SIGUSR2;

        (void)ctx;
        seen[i].count++;
        seen[i].on_altstack = (char *)&local >= altstack && (char *)&local < altstack + SIGSTKSZ;
        seen[i].onstack_flag = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
        seen[i].code = si->si_code;
        seen[i].pid = si->si_pid;
        sigprocmask(SIG_BLOCK, NULL, &seen[i].mask);
}
static void check_altstack_and_masks(void)
{
        stack_t ss = { .ss_sp = altstack, .ss_size = SIGSTKSZ, .ss_flags = 0 };
        struct sigaction sa = { .sa_sigaction = on_usr, .sa_flags = SA_SIGINFO | SA_ONSTACK };
        sigset_t usr1, now;

        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGUSR2);
        ok_eq(sigaltstack(&ss, NULL), 0, "sigaltstack of SIGSTKSZ (%d) bytes", (int)SIGSTKSZ);
        ok_eq(sigaction(SIGUSR1, &sa, NULL), 0, "sigaction(SIGUSR1, SA_SIGINFO | SA_ONSTACK)");
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        ok_eq(sigaction(SIGUSR2, &sa, NULL), 0, "sigaction(SIGUSR2, SA_SIGINFO)");
        raise(SIGUSR1);
        ok_eq(seen[0].count, 1, "raise(SIGUSR1) runs the handler once");
        ok(seen[0].on_altstack && seen[0].onstack_flag,
           "on the alternate stack, and sigaltstack says so");
        ok(seen[0].code == SI_TKILL && seen[0].pid == getpid(),
           "si_code SI_TKILL, si_pid our pid");
        ok(sigismember(&seen[0].mask, SIGUSR1) && sigismember(&seen[0].mask, SIGUSR2),
           "in the handler SIGUSR1 and its sa_mask SIGUSR2 are blocked");
        sigprocmask(SIG_BLOCK, NULL, &now);
        ok(!sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2),
           "after it, neither is blocked");
        ok(sigaltstack(NULL, &ss) == 0 && !(ss.ss_flags & SS_ONSTACK),
           "and we are off the alternate stack");
        raise(SIGUSR2);
        ok(seen[1].count == 1 && !seen[1].on_altstack,
           "SIGUSR2 (no SA_ONSTACK) runs on the normal stack");
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        sigprocmask(SIG_BLOCK, &usr1, NULL);
        raise(SIGUSR1);
        ok_eq(seen[0].count, 1, "a blocked SIGUSR1 is not delivered");
        sigprocmask(SIG_UNBLOCK, &usr1, NULL);
        ok_eq(seen[0].count, 2, "unblocking delivers it before sigprocmask returns");
}

int main(void)
{
        check_faults();
        check_altstack_and_masks();
        return done();
}
