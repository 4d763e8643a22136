/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include "ulib.h"

#define MAX_CHILDREN 16
#define SCRATCH (64 * 1024)
#define STUCK_MS 3000

struct shared {
        unsigned long issued;                   /* calls handed out, all children */
        unsigned long calls[MAX_CHILDREN];      /* calls made, per child slot */
};

static uint64_t rng;
static unsigned char *scratch, *unmapped;

static uint64_t rnd(void)
{
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        return rng * 2685821657736338717ULL;
}
/* An argument: a boundary value, a good pointer, or a bad one. */
static unsigned long arg(void)
{
        switch (rnd() % 16) {
        case 0: return 0;
        case 1: return 1;
        case 2: return -1UL;
        case 3: return rnd() % 64;                              /* an fd, a signal, a flag */
        case 4: return 1UL << (rnd() % 64);                     /* one bit */
        case 5: return rnd();                                   /* anything */
        case 6: return (unsigned long)scratch + rnd() % SCRATCH;        /* a good buffer */
        case 7: return (unsigned long)scratch + SCRATCH - rnd() % 16;   /* ends in a hole */
        case 8: return 0xffff888000000000UL + (rnd() % (1UL << 27)) * 8;        /* direct map */
        case 9: return 0xffffffff80000000UL + rnd() % (1UL << 24);      /* kernel image */
        case 10: return 0x0000800000000000UL - rnd() % 8192;    /* the top of user space */
        case 11: return 0x8000000000000000UL + rnd() % 4096;    /* not canonical */
        case 12: return 4096UL * (rnd() % 4);                   /* low, unmapped pages */
        case 13: return (unsigned long)unmapped + rnd() % 4096; /* a page just unmapped */
        case 14: return rnd() & 0xffffffffUL;
        default: return 4096UL << (rnd() % 20);                 /* a size */
        }
}
/* Calls that would end or stall the fuzzer rather than test the kernel. */
static bool skip64(unsigned long nr)
{
        static const unsigned short never[] = {
                SYS_clone, SYS_fork, SYS_vfork, SYS_execve, SYS_exit, SYS_exit_group,
                SYS_reboot, SYS_kill, SYS_tkill, SYS_tgkill, SYS_ptrace, SYS_pause,
                SYS_rt_sigsuspend, SYS_nanosleep, SYS_clock_nanosleep, SYS_execveat,
                435 /* clone3 */, 511 /* book_debug */,
        };
        for (unsigned int i = 0; i < sizeof(never) / sizeof(never[0]); i++)
                if (nr == never[i])
                        return true;
        return false;
}
static bool skip32(unsigned long nr)
{
        static const unsigned short never[] = {
                1 /* exit */, 2 /* fork */, 11 /* execve */, 26 /* ptrace */, 29 /* pause */,
                37 /* kill */, 72 /* sigsuspend */, 88 /* reboot */, 120 /* clone */,
                162 /* nanosleep */, 179 /* rt_sigsuspend */, 190 /* vfork */,
                238 /* tkill */, 252 /* exit_group */, 267 /* clock_nanosleep */,
                270 /* tgkill */, 358 /* execveat */, 435 /* clone3 */,
        };
        for (unsigned int i = 0; i < sizeof(never) / sizeof(never[0]); i++)
                if (nr == never[i])
                        return true;
        return false;
}
static long call64(unsigned long nr, const unsigned long *a)
{
        register unsigned long r10 __asm__("r10") = a[3], r8 __asm__("r8") = a[4],
                 r9 __asm__("r9") = a[5];
        long ret;

        __asm__ volatile("syscall"
                         : "=a"(ret)
                         : "0"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8), "r"(r9)
                         : "rcx", "r11", "memory");
        return ret;
}
static long call32(unsigned long nr, const unsigned long *a)
{
        long ret;

        __asm__ volatile("int $0x80"
                         : "=a"(ret)
                         : "0"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
                         : "r8", "r9", "r10", "r11", "memory");
        return ret;
}
/* One call: mostly x86-64 numbers, some past the table, some i386. */
static void one_call(void)
{
        unsigned long a[6], nr;

        for (int i = 0; i < 6; i++)
                a[i] = arg();
        if (rnd() % 8 == 0) {
                nr = rnd() % 8 ? rnd() % 460 : arg();
                if (!skip32(nr))
                        call32(nr, a);
                return;
        }
        nr = rnd() % 64 ? rnd() % 460 : arg();
        if (!skip64(nr))
                call64(nr, a);
}
/* A child: its own scratch memory and descriptors, then calls until the
 * shared budget is spent. */
static void __attribute__((noreturn)) fuzz_child(struct shared *sh, int slot,
                                                  uint64_t seed, unsigned long budget)
{
        int fds[2];

        rng = seed | 1;
        for (int fd = 0; fd < 3; fd++)
                close(fd);                      /* no random bytes on the console */
        scratch = mmap(NULL, SCRATCH, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (scratch == MAP_FAILED || unmapped == MAP_FAILED)
                _exit(2);
        munmap(unmapped, 4096);
        if (pipe(fds) == 0 && fds[0] >= 0)
                fcntl(fds[0], F_SETFL, O_NONBLOCK);
        syscall(SYS_memfd_create, "fuzz", 0);
        for (;;) {
                if (__atomic_fetch_add(&sh->issued, 1, __ATOMIC_RELAXED) >= budget)
                        _exit(0);
                if (rnd() % 256 == 0)
                        for (int i = 0; i < SCRATCH; i += 8)
                                *(uint64_t *)(scratch + i) = rnd() % 4 ? rnd() : arg();
                one_call();
                __atomic_add_fetch(&sh->calls[slot], 1, __ATOMIC_RELAXED);
        }
}
struct slot {
        pid_t pid;
        unsigned long last_calls;
        int quiet_ms;
};
static unsigned long by_signal[65], exited, stuck;

static pid_t spawn(struct shared *sh, int i, uint64_t seed, unsigned long budget)
{
        pid_t pid = fork();

        if (pid == 0)
                fuzz_child(sh, i, seed, budget);
        return pid;
}

static void reap(struct slot *s, int status)
{
        s->pid = 0;
        if (WIFSIGNALED(status))
                by_signal[WTERMSIG(status) & 63]++;
        else
                exited++;
}
int main(int argc, char **argv)
{
        unsigned long budget = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
        int n = argc > 2 ? atoi(argv[2]) : 4;
        uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1, generation = 0;
        struct slot slots[MAX_CHILDREN] = { 0 };
        struct timespec tick = { 0, 100 * 1000 * 1000 };
        sigset_t all;

        if (n < 1 || n > MAX_CHILDREN)
                n = 4;
        struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (sh == MAP_FAILED)
                return 1;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, NULL);     /* nothing a child sends stops us */
        say("fuzz: %lu calls in %d processes, seed %llu\n", budget, n,
            (unsigned long long)seed);
        for (;;) {
                int live = 0, status;
                bool more = __atomic_load_n(&sh->issued, __ATOMIC_RELAXED) < budget;

                for (int i = 0; i < n; i++) {
                        struct slot *s = &slots[i];
                        if (s->pid && wait4(s->pid, &status, WNOHANG, NULL) == s->pid)
                                reap(s, status);
                        if (!s->pid && more) {
                                s->pid = spawn(sh, i, seed * 1000003 + ++generation, budget);
                                if (s->pid < 0)
                                        s->pid = 0;
                                s->quiet_ms = 0;
                        }
                        if (!s->pid)
                                continue;
                        live++;
                        unsigned long c = __atomic_load_n(&sh->calls[i], __ATOMIC_RELAXED);
                        s->quiet_ms = c == s->last_calls ? s->quiet_ms + 100 : 0;
                        s->last_calls = c;
                        if (s->quiet_ms >= STUCK_MS) {          /* blocked in a call: move on */
                                kill(s->pid, SIGKILL);
                                stuck++;
                                s->quiet_ms = 0;
                        }
                }
                if (!live && !more)
                        break;
                nanosleep(&tick, NULL);
        }
        unsigned long made = __atomic_load_n(&sh->issued, __ATOMIC_RELAXED);
        say("fuzz: %lu calls made; %lu processes started, %lu ran out their budget, "
            "%lu were stuck and killed\n", made < budget ? made : budget,
            (unsigned long)generation, exited, stuck);
        for (int s = 1; s < 65; s++)
                if (by_signal[s])
                        say("fuzz: %lu ended by signal %d\n", by_signal[s], s);
        say("fuzz: done\n");
        return 0;
}
