/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include "mpx_user.h"
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <ucontext.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
struct bench_cost {
        uint64_t cycles, ns;
};

static uint64_t now_ns(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static struct bench_cost start(void)
{
        struct bench_cost c = { .ns = now_ns() };

        c.cycles = rdtsc();
        return c;
}

static struct bench_cost stop(struct bench_cost t0, long ops)
{
        uint64_t cycles = rdtsc() - t0.cycles;
        uint64_t ns = now_ns() - t0.ns;

        return (struct bench_cost){ cycles / ops, ns / ops };
}
#define BENCH_BATCHES 5

typedef const char *(*bench_batch)(long n, struct bench_cost *c);

static long bench_scale = 1;

static int cmp_u64(const void *a, const void *b)
{
        uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

        return x < y ? -1 : x > y;
}

static char lack_why[160];

static PRINTF(1, 2) const char *lacks(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(lack_why, sizeof(lack_why), fmt, ap);
        va_end(ap);
        return lack_why;
}

static void measure(const char *row, bench_batch fn, long n)
{
        uint64_t cycles[BENCH_BATCHES], ns[BENCH_BATCHES];
        struct bench_cost c;

        n = n / bench_scale > 0 ? n / bench_scale : 1;
        for (int b = 0; b < BENCH_BATCHES; b++) {
                const char *why = fn(n, &c);
                if (why) {
                        say("bench: %s lacks: %s\n", row, why);
                        return;
                }
                cycles[b] = c.cycles;
                ns[b] = c.ns;
        }
        qsort(cycles, BENCH_BATCHES, sizeof(cycles[0]), cmp_u64);
        qsort(ns, BENCH_BATCHES, sizeof(ns[0]), cmp_u64);
        say("bench: %s %llu cycles %llu ns %ld runs\n", row,
            (unsigned long long)cycles[BENCH_BATCHES / 2],
            (unsigned long long)ns[BENCH_BATCHES / 2], n * BENCH_BATCHES);
}
static void bench_row(const char *name, bench_batch fn, long n)
{
        pid_t pid = fork();

        if (pid == 0) {
                measure(name, fn, n);
                _exit(0);
        }
        if (pid < 0) {
                say("bench: %s lacks: fork: %s\n", name, strerror(errno));
                return;
        }
        int status = wait_child(pid);
        if (status != -1 && WIFSIGNALED(status))
                say("bench: %s lacks: killed by signal %d (%s)\n", name, WTERMSIG(status),
                    strsignal(WTERMSIG(status)));
        else if (status != 0)
                say("bench: %s lacks: its child ended with status %#x\n", name, status);
}
static const char *b_getpid(long n, struct bench_cost *c)
{
        struct bench_cost t = start();

        for (long i = 0; i < n; i++)
                syscall(SYS_getpid);
        *c = stop(t, n);
        return NULL;
}

static const char *b_int80(long n, struct bench_cost *c)
{
        long pid = getpid(), got = 0;
        struct bench_cost t = start();

        for (long i = 0; i < n; i++)
                __asm__ volatile("int $0x80" : "=a"(got) : "0"(20L) : "memory");
        *c = stop(t, n);
        return got == pid ? NULL : lacks("int $0x80 getpid returned %ld", got);
}

static const char *b_fork(long n, struct bench_cost *c)
{
        struct bench_cost t = start();

        for (long i = 0; i < n; i++) {
                pid_t pid = fork();
                if (pid == 0)
                        _exit(0);
                if (pid < 0)
                        return lacks("fork: %s", strerror(errno));
                if (wait_child(pid) != 0)
                        return lacks("a child did not exit with 0");
        }
        *c = stop(t, n);
        return NULL;
}

static const char *b_fault4k(long n, struct bench_cost *c)
{
        volatile char *p = mmap(NULL, n * 4096, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED)
                return lacks("mmap: %s", strerror(errno));
        madvise((void *)p, n * 4096, MADV_NOHUGEPAGE);
        struct bench_cost t = start();
        for (long i = 0; i < n; i++)
                p[i * 4096] = 1;
        *c = stop(t, n);
        munmap((void *)p, n * 4096);
        return NULL;
}

static const char *b_mmap2m(long n, struct bench_cost *c)
{
        struct bench_cost t = start();

        for (long i = 0; i < n; i++) {
                void *p = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (p == MAP_FAILED)
                        return lacks("mmap: %s", strerror(errno));
                munmap(p, 2 << 20);
        }
        *c = stop(t, n);
        return NULL;
}
static const char *b_fork_ldt(long n, struct bench_cost *c)
{
        if (set_entry(0, 0, 0, 1, 1))
                return lacks("modify_ldt: %s", strerror(errno));
        return b_fork(n, c);
}

static const char *b_ldt_write(long n, struct bench_cost *c)
{
        struct bench_cost t = start();

        for (long i = 0; i < n; i++)
                if (set_entry(0, 0, 0, 1, 1))
                        return lacks("modify_ldt: %s", strerror(errno));
        *c = stop(t, n);
        return NULL;
}
static volatile unsigned trap_ss;

static void bench_on_trap(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;
        greg_t *g = uc->uc_mcontext.gregs;

        (void)sig, (void)si;
        uc->uc_flags |= 4;                      /* UC_STRICT_RESTORE_SS */
        g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffL) | (long)trap_ss << 48;
}

static const char *int3_with(unsigned ss, long n, struct bench_cost *c)
{
        struct sigaction sa = { .sa_sigaction = bench_on_trap, .sa_flags = SA_SIGINFO };

        if (sigaction(SIGTRAP, &sa, NULL))
                return lacks("sigaction: %s", strerror(errno));
        trap_ss = ss;
        struct bench_cost t = start();
        for (long i = 0; i < n; i++)
                __asm__ volatile("int3" ::: "memory");
        *c = stop(t, n);
        set_seg(ss, USER_DS);
        return NULL;
}

static const char *b_int3_flat(long n, struct bench_cost *c)
{
        return int3_with(USER_DS, n, c);
}

static const char *b_int3_ss16(long n, struct bench_cost *c)
{
        if (set_entry(1, 0, 0xffff, 0, 0))
                return lacks("modify_ldt: %s", strerror(errno));
        return int3_with(LDT_SEL(1), n, c);
}
#define HP (2L << 20)

static char *map_2m_aligned(int fd)
{
        char *area = mmap(NULL, 2 * HP, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *at = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));

        return mmap(at, HP, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
}

static int file_of_small_pages(void)
{
        int fd = memfd_create("bench", 0);

        if (fd < 0 || ftruncate(fd, HP))
                return -1;
        for (long i = 0; i < HP / 4096; i++)
                if (pwrite(fd, &i, sizeof(i), i * 4096) != sizeof(i))
                        return -1;
        return fd;
}

static void touch_2m(char *p)
{
        for (long i = 0; i < HP / 4096; i++)
                (void)*(volatile long *)(p + i * 4096);
}
static const char *shmem_row(int op, long n, struct bench_cost *c)
{
        struct bench_cost sum = { 0, 0 };

        for (long r = 0; r < n; r++) {
                int fd = file_of_small_pages();
                if (fd < 0)
                        return lacks("memfd: %s", strerror(errno));
                char *p = map_2m_aligned(fd);
                if (p == MAP_FAILED)
                        return lacks("mmap: %s", strerror(errno));
                struct bench_cost t = start(), d;
                if (op > 0) {
                        touch_2m(p);
                        t = start();
                        if (madvise(p, HP, MADV_COLLAPSE))
                                return lacks("MADV_COLLAPSE: %s", strerror(errno));
                }
                if (op == 2) {
                        munmap(p, HP);
                        p = map_2m_aligned(fd);
                        t = start();
                }
                if (op != 1)
                        touch_2m(p);
                d = stop(t, 1);
                sum.cycles += d.cycles;
                sum.ns += d.ns;
                munmap(p, HP);
                close(fd);
        }
        *c = (struct bench_cost){ sum.cycles / n, sum.ns / n };
        return NULL;
}

static const char *b_touch_small(long n, struct bench_cost *c) { return shmem_row(0, n, c); }
static const char *b_collapse(long n, struct bench_cost *c) { return shmem_row(1, n, c); }
static const char *b_touch_huge(long n, struct bench_cost *c) { return shmem_row(2, n, c); }
static const char *b_collapse_anon(long n, struct bench_cost *c)
{
        struct bench_cost sum = { 0, 0 };

        for (long r = 0; r < n; r++) {
                char *area = mmap(NULL, 2 * HP, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                char *p = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));
                if (area == MAP_FAILED)
                        return lacks("mmap: %s", strerror(errno));
                madvise(p, HP, MADV_NOHUGEPAGE);
                for (long i = 0; i < HP / 4096; i++)
                        p[i * 4096] = 1;
                madvise(p, HP, MADV_HUGEPAGE);
                struct bench_cost t = start(), d;
                if (madvise(p, HP, MADV_COLLAPSE))
                        return lacks("MADV_COLLAPSE: %s", strerror(errno));
                d = stop(t, 1);
                sum.cycles += d.cycles;
                sum.ns += d.ns;
                munmap(area, 2 * HP);
        }
        *c = (struct bench_cost){ sum.cycles / n, sum.ns / n };
        return NULL;
}
static bool mpx_ready;

static const char *mpx_lacks(void)
{
        uint32_t r[4];

        if (mpx_ready)
                return NULL;
        mpx_cpuid(7, 0, r);
        if (!(r[1] & (1U << 14)))
                return lacks("no MPX in CPUID");
        if ((mpx_xcr0() & 0x18) != 0x18)
                return lacks("MPX state not enabled in XCR0 (%#llx)",
                             (unsigned long long)mpx_xcr0());
        if (!mpx_setup())
                return lacks("PR_MPX_ENABLE_MANAGEMENT: %s", strerror(errno));
        mpx_ready = true;
        return NULL;
}
static uint64_t mpx_obj[8];
static long mpx_next_gib;

static const char *b_mpx_br(long n, struct bench_cost *c)
{
        const char *why = mpx_lacks();

        if (why)
                return why;
        mpx_bndmk0((uint64_t)mpx_obj, (uint64_t)mpx_obj + 63);
        char *p = mpx_map_at(MPX_DATA + (32 + mpx_next_gib++) * MPX_GIB, n * MPX_MIB);
        if (!p)
                return lacks("mmap: %s", strerror(errno));
        struct bench_cost t = start();
        for (long i = 0; i < n; i++)
                mpx_bndstx0(p + i * MPX_MIB, (uint64_t)mpx_obj);
        *c = stop(t, n);
        munmap(p, n * MPX_MIB);
        return NULL;
}

static const char *b_mpx_munmap(long n, struct bench_cost *c)
{
        struct bench_cost sum = { 0, 0 }, d;
        const char *why = mpx_lacks();

        if (why)
                return why;
        mpx_bndmk0((uint64_t)mpx_obj, (uint64_t)mpx_obj + 63);
        for (long r = 0; r < n; r++) {
                char *p = mpx_map_at(MPX_DATA + 32 * MPX_GIB, 16 * MPX_MIB);
                if (!p)
                        return lacks("mmap: %s", strerror(errno));
                for (int i = 0; i < 16; i++)
                        mpx_bndstx0(p + i * MPX_MIB, (uint64_t)mpx_obj);
                struct bench_cost t = start();
                munmap(p, 16 * MPX_MIB);
                d = stop(t, 1);
                sum.cycles += d.cycles;
                sum.ns += d.ns;
        }
        *c = (struct bench_cost){ sum.cycles / n, sum.ns / n };
        return NULL;
}
static const char *b_getppid_last(long n, struct bench_cost *c)
{
        long cpu = sysconf(_SC_NPROCESSORS_ONLN) - 1;
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof(set), &set))
                return lacks("sched_setaffinity: %s", strerror(errno));
        if (sched_getcpu() != cpu)
                return lacks("still not on CPU %ld", cpu);
        struct bench_cost t = start();
        for (long i = 0; i < n; i++)
                syscall(SYS_getppid);
        *c = stop(t, n);
        return NULL;
}
static void bench_console(void)
{
        if (fcntl(1, F_GETFD) >= 0)
                return;
        mkdir("/dev", 0755);
        mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
        int fd = open("/dev/console", O_RDWR | O_NOCTTY);
        for (int i = 0; fd >= 0 && i < 3; i++)
                if (fd != i)
                        dup2(fd, i);
}
static const struct {
        const char *group, *name;
        bench_batch fn;
        long n;
} bench_rows[] = {
        { "pti", "getpid", b_getpid, 5000 },
        { "base", "int80-getpid", b_int80, 5000 },
        { "base", "fork", b_fork, 40 },
        { "pti", "fork-ldt", b_fork_ldt, 40 },
        { "base", "fault-4k", b_fault4k, 256 },
        { "pti", "ldt-write", b_ldt_write, 100 },
        { "base", "mmap-munmap-2m", b_mmap2m, 200 },
        { "espfix", "int3-flat-ss", b_int3_flat, 100 },
        { "espfix", "int3-ldt16-ss", b_int3_ss16, 100 },
        { "ptfree", "touch-2m-small", b_touch_small, 1 },
        { "ptfree", "touch-2m-huge", b_touch_huge, 1 },
        { "ptfree", "collapse-2m-shmem", b_collapse, 1 },
        { "ptfree", "collapse-2m-anon", b_collapse_anon, 1 },
        { "mpx", "mpx-br", b_mpx_br, 16 },
        { "mpx", "mpx-munmap-16", b_mpx_munmap, 1 },
        { "ctxtrack", "getppid-last-cpu", b_getppid_last, 5000 },
};

static bool bench_chosen(int argc, char **argv, size_t row)
{
        bool any = false;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "quick") == 0)
                        continue;
                any = true;
                if (strcmp(argv[i], bench_rows[row].group) == 0 ||
                    strcmp(argv[i], bench_rows[row].name) == 0)
                        return true;
        }
        return !any;
}

int main(int argc, char **argv)
{
        bench_console();
        say("bench: start pid %d cpus %ld\n", getpid(), sysconf(_SC_NPROCESSORS_ONLN));
        for (int i = 1; i < argc; i++)
                if (strcmp(argv[i], "quick") == 0)
                        bench_scale = 20;
        for (size_t i = 0; i < sizeof(bench_rows) / sizeof(bench_rows[0]); i++)
                if (bench_chosen(argc, argv, i))
                        bench_row(bench_rows[i].name, bench_rows[i].fn, bench_rows[i].n);
        say("bench: end\n");
        if (getpid() == 1) {
                reboot(RB_POWER_OFF);
                say("bench: reboot: %s\n", strerror(errno));
        }
        return 0;
}
