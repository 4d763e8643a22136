/* Tangled from book/listings-user.nw (chapter "Listings of ``User mode''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sched.h>
#include <sys/syscall.h>

static bool have_avx(void)
{
        uint32_t a, b, c, d, lo, hi;
        __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
        if (!(c & (1u << 27)) || !(c & (1u << 28)))
                return false;
        __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        return (lo & 6) == 6;
}
#define REGS "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"
#define VEC_CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", \
        "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
static void yield_with_xmm(const uint8_t *in, uint8_t *out, const uint32_t *mx,
                           uint32_t *mx_out, const uint16_t *fcw, uint16_t *fcw_out)
{
        __asm__ volatile("ldmxcsr (%2); fldcw (%4)\n"
                ".irp n," REGS "\n movdqu \\n*16(%0), %%xmm\\n\n .endr\n"
                "mov %6, %%eax; syscall\n"
                ".irp n," REGS "\n movdqu %%xmm\\n, \\n*16(%1)\n .endr\n"
                "stmxcsr (%3); fnstcw (%5)\n"
                : : "r"(in), "r"(out), "r"(mx), "r"(mx_out), "r"(fcw), "r"(fcw_out),
                    "i"(SYS_sched_yield)
                : "rax", "rcx", "r11", "memory", VEC_CLOBBERS);
}
static void yield_with_ymm(const uint8_t *in, uint8_t *out, const uint32_t *mx,
                           uint32_t *mx_out, const uint16_t *fcw, uint16_t *fcw_out)
{
        __asm__ volatile("ldmxcsr (%2); fldcw (%4)\n"
                ".irp n," REGS "\n vmovdqu \\n*32(%0), %%ymm\\n\n .endr\n"
                "mov %6, %%eax; syscall\n"
                ".irp n," REGS "\n vmovdqu %%ymm\\n, \\n*32(%1)\n .endr\n"
                "stmxcsr (%3); fnstcw (%5); vzeroupper\n"
                : : "r"(in), "r"(out), "r"(mx), "r"(mx_out), "r"(fcw), "r"(fcw_out),
                    "i"(SYS_sched_yield)
                : "rax", "rcx", "r11", "memory", VEC_CLOBBERS);
}
static int fpu_worker(void)
{
        uint8_t in[16 * 32], out[16 * 32];
        bool avx = have_avx();
        int bad = 0;

        for (int round = 0; round < 200; round++) {
                for (unsigned i = 0; i < sizeof(in); i++)
                        in[i] = (uint8_t)(getpid() * 31 + round * 7 + i);
                uint32_t mxcsr = 0x1f80 | ((uint32_t)(getpid() + round) & 3) << 13, mx_out;
                uint16_t fcw = 0x037f | ((getpid() + round) & 3) << 10, fcw_out;
                memset(out, 0, sizeof(out));
                if (avx)
                        yield_with_ymm(in, out, &mxcsr, &mx_out, &fcw, &fcw_out);
                else
                        yield_with_xmm(in, out, &mxcsr, &mx_out, &fcw, &fcw_out);
                size_t n = avx ? sizeof(in) : 16 * 16;
                bad += memcmp(in, out, n) != 0 || mx_out != mxcsr || fcw_out != fcw;
        }
        return bad;
}

int main(void)
{
        enum { NPROC = 4 };
        pid_t pids[NPROC];

        for (int i = 0; i < NPROC; i++) {
                pids[i] = fork();
                if (pids[i] == 0)
                        _exit(fpu_worker());
        }
        int parent = fpu_worker();
        ok(parent == 0, "the parent's registers survived every switch (%d bad)", parent);
        for (int i = 0; i < NPROC; i++) {
                int st = wait_child(pids[i]);
                ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                   "child %d's registers survived every switch (status %#x)", i, st);
        }
        return done();
}
