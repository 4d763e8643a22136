/* Tangled from book/listings-signal.nw (chapter "Listings of ``Signals and threads''"). Do not edit: edit the book and run make tangle. */
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <ucontext.h>
#include "ulib.h"
#include "ldt.h"

#define UC_FP_XSTATE     0x1
#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4
#define BAD_SEL   0x1233                /* GDT index 0x246, far past any GDT */
#define USER32_CS 0x23
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
static struct seen {
        int calls, sig, code, ss_in_handler;
        unsigned long err, trapno, uc_flags, ip, cs, ss;
        void *addr;
} seen;
static unsigned long resume;        /* where the handler sends RIP */
static unsigned long fix_ss[2];  /* SS to write into the 1st, 2nd frame */

static void handler(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;
        greg_t *g = uc->uc_mcontext.gregs;
        int n = seen.calls;

        seen = (struct seen){
                .calls = n + 1, .sig = sig, .code = si->si_code, .addr = si->si_addr,
                .ss_in_handler = get_seg(ss),
                .err = g[REG_ERR], .trapno = g[REG_TRAPNO], .uc_flags = uc->uc_flags,
                .ip = g[REG_RIP], .cs = g[REG_CSGSFS] & 0xffff,
                .ss = (unsigned long)g[REG_CSGSFS] >> 48,
        };
        g[REG_RIP] = resume;
        if (n < 2 && fix_ss[n])
                g[REG_CSGSFS] = (g[REG_CSGSFS] & 0xffffffffffffUL) | fix_ss[n] << 48;
}
/* Run INSN with RESUME pointing just past it; the handler returns there. */
#define TRAP(insn, ...) do { \
        memset(&seen, 0, sizeof(seen)); \
        __asm__ volatile("lea 1f(%%rip), %%r11\n\tmov %%r11, %[r]\n\t" insn "\n1:" \
                         : [r] "=m"(resume) : __VA_ARGS__ : "r11", "memory"); \
} while (0)
static void exceptions(void)
{
        TRAP("int3", "i"(0));
        ok(seen.sig == SIGTRAP && seen.code == SI_KERNEL && seen.addr == NULL,
           "int3: SIGTRAP, si_code SI_KERNEL, no address");
        ok(seen.trapno == 3 && seen.err == 0, "int3: trapno 3, err 0 (got %lu, %#lx)",
           seen.trapno, seen.err);
        ok_eq(seen.uc_flags, UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS,
              "64-bit code: uc_flags has FP_XSTATE, SIGCONTEXT_SS and STRICT_RESTORE_SS");
        TRAP("ud2", "i"(0));
        ok(seen.sig == SIGILL && seen.code == ILL_ILLOPN && seen.trapno == 6 && seen.err == 0,
           "ud2: SIGILL, ILL_ILLOPN, trapno 6, err 0 (err %#lx)", seen.err);
        ok(seen.addr == (void *)seen.ip, "ud2: si_addr is the instruction");
        TRAP("hlt", "i"(0));
        ok(seen.sig == SIGSEGV && seen.code == SI_KERNEL && seen.trapno == 13 && seen.err == 0,
           "hlt: SIGSEGV, SI_KERNEL, trapno 13, err 0 (err %#lx)", seen.err);
        TRAP("mov %[sel], %%ds", [sel] "r"(BAD_SEL));
        ok(seen.sig == SIGSEGV && seen.trapno == 13 && seen.err == (BAD_SEL & ~3),
           "a bad selector in DS: #GP with the selector as error code (err %#lx)", seen.err);
}
static void stack_segments(void)
{
        static const struct { const char *what; int contents; } kinds[] = {
                { "writable data", 0 }, { "expand-down data", 1 },
        };
        for (unsigned int i = 0; i < 2; i++) {
                struct user_desc d = {
                        .entry_number = 1 + i, .base_addr = 0, .limit = 0xfffff,
                        .seg_32bit = 1, .contents = kinds[i].contents, .limit_in_pages = 1,
                };
                int sel = LDT_SEL(1 + i);

                if (!ok_eq(modify_ldt_raw(0x11, &d, sizeof(d)), 0, "modify_ldt: %s",
                           kinds[i].what))
                        continue;
                set_seg(ss, sel);
                TRAP("int3", "i"(0));
                int after = get_seg(ss);
                set_seg(ss, USER_DS);
                ok(seen.ss == (unsigned long)sel && seen.ss_in_handler == sel,
                   "SS of %s in the LDT is kept for the handler (frame %#lx, handler %#x)",
                   kinds[i].what, seen.ss, seen.ss_in_handler);
                ok_eq(after, sel, "and rt_sigreturn restores it strictly");
        }
        /* The handler asks rt_sigreturn for an SS the CPU refuses. */
        fix_ss[0] = BAD_SEL;
        fix_ss[1] = USER_DS;
        TRAP("int3", "i"(0));
        fix_ss[0] = fix_ss[1] = 0;
        ok(seen.calls == 2 && seen.sig == SIGSEGV && seen.trapno == 13,
           "an unusable SS in the frame: the IRET fails and SIGSEGV follows");
        ok(seen.ss == BAD_SEL && seen.ss_in_handler == USER_DS,
           "the frame records it, the handler runs on __USER_DS (frame %#lx, handler %#x)",
           seen.ss, seen.ss_in_handler);
        ok_eq(get_seg(ss), USER_DS, "and the program goes on with __USER_DS");
}
/* Far-jump to 32-bit code that executes UD2, then far-jump back. */
extern char ud2_32[], after_ud2_32[];
unsigned long saved_rsp;
__asm__(".pushsection .text\n"
        "run32:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, saved_rsp(%rip)\n"
        "       ljmpl *target32(%rip)\n"
        ".code32\n"
        "ud2_32: ud2\n"
        "after_ud2_32:\n"
        "       ljmpl $0x33, $back64\n"
        ".code64\n"
        "back64:\n"
        "       movq saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "target32: .long ud2_32\n .word 0x23\n"
        ".popsection\n");
void run32(void);

static void compat_code(void)
{
        memset(&seen, 0, sizeof(seen));
        resume = (unsigned long)after_ud2_32;
        run32();
        ok(seen.sig == SIGILL && seen.cs == USER32_CS && seen.ip == (unsigned long)ud2_32,
           "ud2 in 32-bit code reaches a 64-bit handler with CS %#lx", seen.cs);
        ok_eq(seen.uc_flags, UC_FP_XSTATE | UC_SIGCONTEXT_SS,
              "interrupted 32-bit code: no UC_STRICT_RESTORE_SS");
}
static void min_stack(void)
{
        unsigned long min = getauxval(AT_MINSIGSTKSZ);

        if (!ok(min > 0 && min % 16 == 0, "AT_MINSIGSTKSZ is in the auxiliary vector"))
                return;
        /* The stack, with an inaccessible page on each side. */
        unsigned long size = (min + 4095) & ~4095UL;
        char *map = mmap(NULL, size + 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *top = map + 4096 + size, *base = top - min;

        mprotect(map + 4096, size, PROT_READ | PROT_WRITE);
        stack_t ss = { .ss_sp = base, .ss_size = min }, old;
        struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };

        sigaltstack(&ss, &old);
        sigaction(SIGTRAP, &sa, NULL);
        TRAP("int3", "i"(0));
        ok(seen.sig == SIGTRAP, "a handler runs on an alternate stack of AT_MINSIGSTKSZ bytes");
        ss.ss_flags = SS_DISABLE;
        sigaltstack(&ss, NULL);
        munmap(map, size + 2 * 4096);
}
int main(void)
{
        static char alt[65536];
        stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
        struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };

        sigaltstack(&ss, NULL);
        sigaction(SIGTRAP, &sa, NULL);
        sigaction(SIGILL, &sa, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        exceptions();
        stack_segments();
        compat_code();
        min_stack();
        return done();
}
