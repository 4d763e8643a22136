/* Tangled from book/listings-mpx.nw (chapter "Listings of ``MPX bounds tables and the lock that frees them''"). Do not edit: edit the book and run make tangle. */
#ifndef MPX_USER_H
#define MPX_USER_H
#include "ulib.h"
#include "book_debug.h"
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <ucontext.h>

#define PR_MPX_ENABLE_MANAGEMENT  43
#define PR_MPX_DISABLE_MANAGEMENT 44
#define MPX_DATA        0x1000000000UL          /* 64 GiB: pointers are stored here */
#define MPX_DIR_START   (MPX_DATA >> 17)        /* their directory entries */
#define MPX_DIR_LEN     0x80000UL               /* entries for 64..128 GiB */
#define MPX_MIB         0x100000UL
#define MPX_GIB         0x40000000UL

static inline void mpx_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
        __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                         : "a"(leaf), "c"(sub));
}
static inline uint64_t mpx_xcr0(void)
{
        uint32_t a, d;

        __asm__ volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(0));
        return a | (uint64_t)d << 32;
}
static inline bool mpx_available(void)
{
        uint32_t r[4];

        mpx_cpuid(7, 0, r);
        return (r[1] & (1U << 14)) && (mpx_xcr0() & 0x18) == 0x18;
}
static inline unsigned int mpx_bndcsr_offset(void)
{
        uint32_t r[4];

        mpx_cpuid(0xd, 4, r);
        return r[1];
}
static inline void mpx_set_bndcsr(uint64_t cfgu, uint64_t status)
{
        uint8_t area[2048] __attribute__((aligned(64)));

        memset(area, 0, sizeof(area));
        *(uint64_t *)(area + 512) = 1ULL << 4;
        *(uint64_t *)(area + mpx_bndcsr_offset()) = cfgu;
        *(uint64_t *)(area + mpx_bndcsr_offset() + 8) = status;
        __asm__ volatile("xrstor (%0)" : : "r"(area), "a"(0x10), "d"(0) : "memory");
}
static inline void mpx_set_bndcfgu(uint64_t v)
{
        mpx_set_bndcsr(v, 0);
}
static inline uint64_t mpx_get_bndcfgu(void)
{
        uint8_t area[2048] __attribute__((aligned(64)));

        memset(area, 0, sizeof(area));
        __asm__ volatile("xsave (%0)" : : "r"(area), "a"(0x10), "d"(0) : "memory");
        return *(uint64_t *)(area + 512) & 0x10 ? *(uint64_t *)(area + mpx_bndcsr_offset()) : 0;
}
/* Directory at 0, enabled, bounds kept across legacy branches. */
#define MPX_BNDCFGU (0UL | 1 | 2)
static inline void mpx_bndmk0(uint64_t lo, uint64_t hi)        /* BND0 := [lo, hi] */
{
        __asm__ volatile("bndmk (%0,%1,1), %%bnd0\n\tnop" : : "a"(lo), "d"(hi - lo) : "memory");
}
static inline void mpx_bndstx0(void *slot, uint64_t ptr)
{
        __asm__ volatile("bndstx %%bnd0, (%0,%1,1)\n\tnop" : : "a"(slot), "d"(ptr) : "memory");
}
static inline void mpx_bndldx1(const void *slot, uint64_t ptr)
{
        __asm__ volatile("bndldx (%0,%1,1), %%bnd1\n\tnop" : : "a"(slot), "d"(ptr) : "memory");
}
static inline void mpx_read_bnd(int which, uint64_t b[2])
{
        if (which == 0)
                __asm__ volatile("bndmov %%bnd0, (%0)\n\tnop" : : "a"(b) : "memory");
        else
                __asm__ volatile("bndmov %%bnd1, (%0)\n\tnop" : : "a"(b) : "memory");
        b[1] = ~b[1];
}
static inline long mpx_tables(void)
{
        return book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_TABLES);
}
static inline uint64_t mpx_entry(const void *slot)
{
        return *(volatile uint64_t *)((uint64_t)slot >> 17 & ~7UL);
}
static uint64_t mpx_resume;
static int mpx_resume_cs64;             /* resume in 64-bit code (CS 0x33) */
static volatile int segv_hits, segv_code;
static volatile uint64_t segv_addr, segv_lower, segv_upper;

static void mpx_on_segv(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;

        (void)sig;
        segv_hits++;
        segv_code = si->si_code;
        segv_addr = (uint64_t)si->si_addr;
        segv_lower = (uint64_t)si->si_lower;
        segv_upper = (uint64_t)si->si_upper;
        if (!mpx_resume) {
                say("unexpected SIGSEGV, code %d, addr %#lx, ip %#llx\n", si->si_code,
                    (long)si->si_addr, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);
                _exit(99);
        }
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)mpx_resume;
        if (mpx_resume_cs64)
                uc->uc_mcontext.gregs[REG_CSGSFS] = (uc->uc_mcontext.gregs[REG_CSGSFS] & ~0xffffL) | 0x33;
        mpx_resume = 0;
        mpx_resume_cs64 = 0;
}
#define MPX_TRY(insn, ...) \
        __asm__ volatile("leaq 1f(%%rip), %%rcx\n\tmovq %%rcx, %0\n\t" insn "\n\tnop\n1:" \
                         : "+m"(mpx_resume) : __VA_ARGS__ : "rcx", "memory")
static inline int mpx_try_bndstx0(void *slot, uint64_t ptr)
{
        int before = segv_hits;

        MPX_TRY("bndstx %%bnd0, (%1,%2,1)", "a"(slot), "d"(ptr));
        mpx_resume = 0;
        return segv_hits - before;
}
static inline int mpx_try_bndcu1(uint64_t addr)
{
        int before = segv_hits;

        MPX_TRY("bndcu %1, %%bnd1", "r"(addr));
        mpx_resume = 0;
        return segv_hits - before;
}
static inline int mpx_try_bndcl1(uint64_t addr)
{
        int before = segv_hits;

        MPX_TRY("bndcl %1, %%bnd1", "r"(addr));
        mpx_resume = 0;
        return segv_hits - before;
}
static inline void mpx_catch_segv(void)
{
        struct sigaction sa = { .sa_sigaction = mpx_on_segv, .sa_flags = SA_SIGINFO };

        sigaction(SIGSEGV, &sa, NULL);
}
static inline void *mpx_map_at(uint64_t addr, size_t len)
{
        void *p = mmap((void *)addr, len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

        return p == (void *)addr ? p : NULL;
}
static inline bool mpx_setup(void)
{
        if (!mpx_map_at(MPX_DIR_START, MPX_DIR_LEN))
                return false;
        mpx_set_bndcfgu(MPX_BNDCFGU);
        return prctl(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0) == 0;
}
#endif
