/* Tangled from book/listings-ctxtrack.nw (chapter "Listings of ``Context tracking and the entry code''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/syscall.h>

#define ARCH_SET_GS 0x1001
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define KERNELISH   0xffffa00000000000UL

static sigjmp_buf env;
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
        caught = sig;
        siglongjmp(env, 1);
}

static unsigned long rdgsbase(void)
{
        unsigned long v;
        asm volatile("rdgsbase %0" : "=r"(v));
        return v;
}

static void wrgsbase(unsigned long v) { asm volatile("wrgsbase %0" : : "r"(v) : "memory"); }

static unsigned long arch_get(int code)
{
        unsigned long v = 0;
        syscall(SYS_arch_prctl, code, &v);
        return v;
}
static int signal_of(void (*fn)(unsigned long), unsigned long arg)
{
        caught = 0;
        if (!sigsetjmp(env, 1))
                fn(arg);
        return caught;
}

static void do_rdgsbase(unsigned long arg) { (void)arg; (void)rdgsbase(); }
static int keep_base_across_switches(int me)
{
        cpu_set_t set;
        unsigned long mine = KERNELISH + (unsigned long)me * 0x1000;

        CPU_ZERO(&set);
        CPU_SET(0, &set);
        if (sched_setaffinity(0, sizeof(set), &set))
                return 1;
        wrgsbase(mine);
        for (int i = 0; i < 300; i++) {
                sched_yield();
                if (rdgsbase() != mine || arch_get(ARCH_GET_GS) != mine)
                        return 2;
        }
        return 0;
}
int main(void)
{
        bool on = getauxval(AT_HWCAP2) & 2;

        signal(SIGILL, on_signal);
        signal(SIGSEGV, on_signal);
        say("t_fsgsbase: AT_HWCAP2 says FSGSBASE is %s\n", on ? "on" : "off");
        if (!on) {
                ok_eq(signal_of(do_rdgsbase, 0), SIGILL, "t_fsgsbase: RDGSBASE raises SIGILL");
                return done();
        }
        unsigned long fs, fs2;
        asm volatile("rdfsbase %0" : "=r"(fs));
        ok_eq((long)fs, (long)arch_get(ARCH_GET_FS), "t_fsgsbase: RDFSBASE reads ARCH_GET_FS's base");
        asm volatile("rdfsbase %%rax; wrfsbase %2; rdfsbase %0; wrfsbase %%rax"
                     : "=r"(fs2) : "0"(0L), "r"(0x5000UL) : "rax", "memory");
        ok_eq((long)fs2, 0x5000, "t_fsgsbase: WRFSBASE and RDFSBASE round trip");
        wrgsbase(0x12345000);
        ok_eq((long)arch_get(ARCH_GET_GS), 0x12345000, "t_fsgsbase: ARCH_GET_GS reads WRGSBASE's base");
        syscall(SYS_arch_prctl, ARCH_SET_GS, 0x6789a000UL);
        ok_eq((long)rdgsbase(), 0x6789a000, "t_fsgsbase: RDGSBASE reads ARCH_SET_GS's base");
        wrgsbase(KERNELISH);
        for (int i = 0; i < 1000; i++)
                syscall(SYS_getppid);
        ok_eq((long)rdgsbase(), (long)KERNELISH, "t_fsgsbase: a kernel-looking GS base survives "
              "1000 system calls");
        ok_errno(syscall(SYS_arch_prctl, ARCH_SET_GS, KERNELISH), EPERM,
                 "t_fsgsbase: ARCH_SET_GS still refuses it");
        pid_t pids[3];
        for (int c = 0; c < 3; c++)
                if ((pids[c] = fork()) == 0)
                        _exit(keep_base_across_switches(c));
        for (int c = 0; c < 3; c++) {
                int st = wait_child(pids[c]);
                ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                   "t_fsgsbase: process %d kept its GS base over 300 switches on CPU 0 (status %#x)",
                   c, st);
        }
        return done();
}
