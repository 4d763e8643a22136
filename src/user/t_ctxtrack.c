/* Tangled from book/listings-ctxtrack.nw (chapter "Listings of ``Context tracking and the entry code''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <ucontext.h>

static volatile sig_atomic_t nsegv, ntrap, nill;

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
        ucontext_t *uc = uc_;
        (void)si;
        if (sig == SIGSEGV) {
                nsegv++;
                uc->uc_mcontext.gregs[REG_RIP] += 1;    /* over HLT */
        } else if (sig == SIGILL) {
                nill++;
                uc->uc_mcontext.gregs[REG_RIP] += 2;    /* over UD2 */
        } else {
                ntrap++;                                /* INT3, single step: RIP is past it */
                uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;      /* TF off */
        }
}

static int pin(int cpu)
{
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        return sched_setaffinity(0, sizeof(set), &set) == 0 && sched_getcpu() == cpu ? 0 : -1;
}
static int faults_on(int cpu, int rounds)
{
        int bad = 0, fd = memfd_create("t_ctxtrack", 0);
        volatile unsigned long spin = 0;

        if (pin(cpu))
                return 1;
        if (fd < 0)
                return 2;
        for (int r = 0; r < rounds; r++) {
                char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (p == MAP_FAILED)
                        return 3;
                p[0] = (char)r;                                 /* #PF in user mode */
                asm volatile("hlt");                            /* #GP */
                asm volatile("int3");                           /* #BP */
                asm volatile("pushfq; orq $0x100, (%%rsp); popfq; nop" /* TF: #DB */
                             ::: "memory", "cc");
                long pid;                                       /* TF through SYSCALL */
                asm volatile("pushfq; orq $0x100, (%%rsp); popfq; syscall; nop"
                             : "=a"(pid) : "0"((long)SYS_getpid) : "rcx", "r11", "memory", "cc");
                if (pid != getpid())
                        bad |= 64;
                unsigned long fl;                               /* NT through SYSCALL */
                asm volatile("pushfq; orq $0x4000, (%%rsp); popfq; syscall; pushfq; popq %%rdx;"
                             "pushfq; andq $~0x4000, (%%rsp); popfq"
                             : "=a"(pid), "=d"(fl) : "0"((long)SYS_getpid) : "rcx", "r11", "memory", "cc");
                if (pid != getpid() || !(fl & 0x4000))
                        bad |= 128;
                asm volatile("ud2");                            /* #UD */
                if (pwrite(fd, "context", 8, 0) != 8 ||         /* #PF in the kernel */
                    pread(fd, p + 4096, 8, 0) != 8 || strcmp(p + 4096, "context"))
                        bad |= 4;
                for (long i = 0; i < 2000000; i++)              /* timer interrupts */
                        spin++;
                if (p[0] != (char)r)
                        bad |= 8;
                munmap(p, 2 * 4096);
        }
        if (nsegv != rounds || ntrap != 3 * rounds || nill != rounds)
                bad |= 16;
        if (sched_getcpu() != cpu)
                bad |= 32;
        return bad;
}
static int grace_period_beside_spinner(void)
{
        volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (shared == MAP_FAILED || pin(0))
                return 1;
        pid_t pid = fork();
        if (pid == 0) {
                if (pin(1))
                        _exit(2);
                shared[0] = 1;                          /* spinning */
                uint64_t t0 = rdtsc();
                while (!shared[1] && rdtsc() - t0 < 5000000000ULL)
                        ;
                _exit(shared[1] ? 0 : 3);               /* 0: stopped by the parent */
        }
        while (!shared[0])
                sched_yield();
        long state = book_debug(BOOK_DEBUG_CT, 0x201);
        long irq0 = book_debug(BOOK_DEBUG_CT, 0x101);
        long ticks = book_debug(BOOK_DEBUG_CT, 0);
        long irqs = book_debug(BOOK_DEBUG_CT, 0x101) - irq0;
        shared[1] = 1;
        int st = wait_child(pid);
        if (ticks < 0) {
                skip("t_ctxtrack: no book_debug here (it returned %ld)", ticks);
                return done();
        }
        say("t_ctxtrack: CPU 1 context-tracking state while spinning: %ld\n", state);
        say("t_ctxtrack: the grace period took %s (%ld ticks; CPU 1 took %s interrupts)\n",
            ticks < 50 ? "under 50 ticks" : "50 ticks or more", ticks, irqs > 0 ? "some" : "no");
        ok(WIFEXITED(st) && WEXITSTATUS(st) <= 3,
           "t_ctxtrack: the spinner on CPU 1 %s", WEXITSTATUS(st) == 0 ?
           "was still spinning when the grace period ended" : "stopped by itself first");
        return done();
}
int main(int argc, char **argv)
{
        struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
        const char *mode = argc > 1 ? argv[1] : "faults";
        long n = argc > 2 ? atol(argv[2]) : 4;

        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGTRAP, &sa, NULL);
        sigaction(SIGILL, &sa, NULL);
        if (!strcmp(mode, "gp"))
                return grace_period_beside_spinner();
        if (!strcmp(mode, "syscalls")) {
                long ok_calls = 0;
                pid_t me = getpid();
                for (long i = 0; i < n; i++)
                        ok_calls += syscall(SYS_getpid) == me;
                ok_eq(ok_calls, n, "t_ctxtrack: %ld system calls answered", n);
                return done();
        }
        pid_t pids[64];
        int cpus = n < 1 ? 1 : n > 64 ? 64 : (int)n;
        for (int c = 0; c < cpus; c++) {
                pids[c] = fork();
                if (pids[c] == 0)
                        _exit(faults_on(c, 3));
        }
        for (int c = 0; c < cpus; c++) {
                int st = wait_child(pids[c]);
                ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                   "t_ctxtrack: CPU %d: #PF #GP #BP #DB #UD, kernel #PF, ticks, TF+NT over SYSCALL, "
                   "3 rounds "
                   "(status %#x)", c, st);
        }
        return done();
}
