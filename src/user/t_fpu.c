/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
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
static void yield_with_xmm(const uint8_t *in, uint8_t *out, const uint32_t *mx,
                           uint32_t *mx_out, const uint16_t *fcw, uint16_t *fcw_out)
{
        __asm__ volatile(
                "ldmxcsr (%2); fldcw (%4)\n"
                "movdqu 0(%0), %%xmm0; movdqu 16(%0), %%xmm1; movdqu 32(%0), %%xmm2\n"
                "movdqu 48(%0), %%xmm3; movdqu 64(%0), %%xmm4; movdqu 80(%0), %%xmm5\n"
                "movdqu 96(%0), %%xmm6; movdqu 112(%0), %%xmm7; movdqu 128(%0), %%xmm8\n"
                "movdqu 144(%0), %%xmm9; movdqu 160(%0), %%xmm10; movdqu 176(%0), %%xmm11\n"
                "movdqu 192(%0), %%xmm12; movdqu 208(%0), %%xmm13; movdqu 224(%0), %%xmm14\n"
                "movdqu 240(%0), %%xmm15\n"
                "mov %6, %%eax; syscall\n"
                "movdqu %%xmm0, 0(%1); movdqu %%xmm1, 16(%1); movdqu %%xmm2, 32(%1)\n"
                "movdqu %%xmm3, 48(%1); movdqu %%xmm4, 64(%1); movdqu %%xmm5, 80(%1)\n"
                "movdqu %%xmm6, 96(%1); movdqu %%xmm7, 112(%1); movdqu %%xmm8, 128(%1)\n"
                "movdqu %%xmm9, 144(%1); movdqu %%xmm10, 160(%1); movdqu %%xmm11, 176(%1)\n"
                "movdqu %%xmm12, 192(%1); movdqu %%xmm13, 208(%1); movdqu %%xmm14, 224(%1)\n"
                "movdqu %%xmm15, 240(%1)\n"
                "stmxcsr (%3); fnstcw (%5)\n"
                : : "r"(in), "r"(out), "r"(mx), "r"(mx_out), "r"(fcw), "r"(fcw_out),
                    "i"(SYS_sched_yield)
                : "rax", "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
                  "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
                  "xmm13", "xmm14", "xmm15");
}
static void yield_with_ymm(const uint8_t *in, uint8_t *out, const uint32_t *mx,
                           uint32_t *mx_out, const uint16_t *fcw, uint16_t *fcw_out)
{
        __asm__ volatile(
                "ldmxcsr (%2); fldcw (%4)\n"
                "vmovdqu 0(%0), %%ymm0; vmovdqu 32(%0), %%ymm1; vmovdqu 64(%0), %%ymm2\n"
                "vmovdqu 96(%0), %%ymm3; vmovdqu 128(%0), %%ymm4; vmovdqu 160(%0), %%ymm5\n"
                "vmovdqu 192(%0), %%ymm6; vmovdqu 224(%0), %%ymm7; vmovdqu 256(%0), %%ymm8\n"
                "vmovdqu 288(%0), %%ymm9; vmovdqu 320(%0), %%ymm10; vmovdqu 352(%0), %%ymm11\n"
                "vmovdqu 384(%0), %%ymm12; vmovdqu 416(%0), %%ymm13; vmovdqu 448(%0), %%ymm14\n"
                "vmovdqu 480(%0), %%ymm15\n"
                "mov %6, %%eax; syscall\n"
                "vmovdqu %%ymm0, 0(%1); vmovdqu %%ymm1, 32(%1); vmovdqu %%ymm2, 64(%1)\n"
                "vmovdqu %%ymm3, 96(%1); vmovdqu %%ymm4, 128(%1); vmovdqu %%ymm5, 160(%1)\n"
                "vmovdqu %%ymm6, 192(%1); vmovdqu %%ymm7, 224(%1); vmovdqu %%ymm8, 256(%1)\n"
                "vmovdqu %%ymm9, 288(%1); vmovdqu %%ymm10, 320(%1); vmovdqu %%ymm11, 352(%1)\n"
                "vmovdqu %%ymm12, 384(%1); vmovdqu %%ymm13, 416(%1); vmovdqu %%ymm14, 448(%1)\n"
                "vmovdqu %%ymm15, 480(%1)\n"
                "stmxcsr (%3); fnstcw (%5); vzeroupper\n"
                : : "r"(in), "r"(out), "r"(mx), "r"(mx_out), "r"(fcw), "r"(fcw_out),
                    "i"(SYS_sched_yield)
                : "rax", "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
                  "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
                  "xmm13", "xmm14", "xmm15");
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
