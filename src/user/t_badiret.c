/* Tangled from book/listings-signal.nw (chapter "Listings of ``Signals and threads''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <signal.h>
#include <ucontext.h>

static unsigned get_cs(const greg_t *g) { return g[REG_CSGSFS] & 0xffff; }
static unsigned get_ss(const greg_t *g) { return (unsigned long)g[REG_CSGSFS] >> 48; }
static void set_cs(greg_t *g, unsigned cs)
{
        g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffL) | cs;
}
static void set_ss(greg_t *g, unsigned ss)
{
        g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffL) | (long)ss << 48;
}
enum how { BAD_CS_KERNEL, BAD_CS_LDT, BAD_SS_CODE, BAD_RIP, LAX_SS };
static volatile int how;
static volatile unsigned long resume_rip;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;
        greg_t *g = uc->uc_mcontext.gregs;

        (void)sig; (void)si;
        resume_rip = g[REG_RIP];
        switch (how) {
        case BAD_CS_KERNEL: set_cs(g, 0x13); break;
        case BAD_CS_LDT: set_cs(g, 0x07); break;
        case BAD_SS_CODE: set_ss(g, 0x23); break;
        case BAD_RIP: g[REG_RIP] = 0x800000000000L; break;
        case LAX_SS: uc->uc_flags &= ~4UL; set_ss(g, 0x23); break;
        }
}
static volatile unsigned ss_seen;

static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
        (void)sig; (void)si;
        ss_seen = get_ss(((ucontext_t *)ctx)->uc_mcontext.gregs);
}
static struct {
        int count, code;
        long trapno, err;
        unsigned cs, ss;
        unsigned long rip;
} segv;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
        greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

        (void)sig;
        segv.count++;
        segv.code = si->si_code;
        segv.trapno = g[REG_TRAPNO];
        segv.err = g[REG_ERR];
        segv.cs = get_cs(g);
        segv.ss = get_ss(g);
        segv.rip = g[REG_RIP];
        if (segv.count > 5)
                _exit(99);
        set_cs(g, 0x33);
        set_ss(g, 0x2b);
        g[REG_RIP] = resume_rip;
}
static void provoke(enum how h)
{
        memset(&segv, 0, sizeof(segv));
        how = h;
        raise(SIGUSR1);
}
static int child_without_handler(void *arg)
{
        (void)arg;
        signal(SIGSEGV, SIG_DFL);
        provoke(BAD_CS_KERNEL);
        return 0;                       /* not reached */
}
int main(void)
{
        struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
        int st;

        sigaction(SIGUSR1, &sa, NULL);
        sa.sa_sigaction = on_usr2;
        sigaction(SIGUSR2, &sa, NULL);
        sa.sa_sigaction = on_segv;
        sigaction(SIGSEGV, &sa, NULL);
        provoke(BAD_CS_KERNEL);
        ok(segv.count == 1 && segv.cs == 0x13, "returning to CS 0x13 (kernel code, RPL 3) "
           "raises SIGSEGV once, with that CS saved (count %d, cs %#x)", segv.count, segv.cs);
        ok(segv.code == SI_KERNEL && segv.trapno == 13 && segv.err == 0x10,
           "it is a #GP with error code 0x10, si_code SI_KERNEL (code %#x, trap %ld, err %#lx)",
           segv.code, segv.trapno, segv.err);
        provoke(BAD_CS_LDT);
        ok(segv.count == 1 && segv.cs == 0x7 && segv.trapno == 13 && segv.err == 0x4,
           "an LDT selector with no LDT: #GP, error code 0x4 "
           "(count %d, cs %#x, trap %ld, err %#lx)",
           segv.count, segv.cs, segv.trapno, segv.err);
        provoke(BAD_SS_CODE);
        ok(segv.count == 1 && segv.ss == 0x23 && segv.trapno == 13 && segv.err == 0x20,
           "SS 0x23 (a code segment): #GP, error code 0x20 (count %d, ss %#x, trap %ld, err %#lx)",
           segv.count, segv.ss, segv.trapno, segv.err);
        provoke(BAD_RIP);
        ok(segv.count == 1 && segv.rip == 0x800000000000UL && segv.trapno == 13,
           "a non-canonical RIP: SIGSEGV with that RIP saved (count %d, rip %#lx, trap %ld)",
           segv.count, segv.rip, segv.trapno);
        provoke(LAX_SS);
        raise(SIGUSR2);
        ok(segv.count == 0 && ss_seen == 0x2b,
           "without UC_STRICT_RESTORE_SS a bad SS becomes __USER_DS (count %d, ss %#x)",
           segv.count, ss_seen);
        st = fork_and_run(child_without_handler, NULL);
        ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
           "with no SIGSEGV handler, a bad CS kills the process with SIGSEGV (status %#x)", st);
        return done();
}
