/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

static unsigned frame_ss(const greg_t *g) { return (unsigned long)g[REG_CSGSFS] >> 48; }
static void set_frame_ss(greg_t *g, unsigned ss)
{
        g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffL) | (long)ss << 48;
}
static char fresh64[4096] __attribute__((aligned(4096)));

static uint64_t rsp_after_fault64(unsigned ss, uint64_t pattern)
{
        uint64_t got;

        __asm__ volatile("movq %%rsp, %%r12\n\t"
                         "movl %k[ss], %%ss\n\t"
                         "movq %[pat], %%rsp\n\t"
                         "movl $1, (%[page])\n\t"
                         "movq %%rsp, %[got]\n\t"
                         "movq %%r12, %%rsp\n\t"
                         "movl $0x2b, %%eax\n\t"
                         "movl %%eax, %%ss"
                         : [got] "=&r"(got)
                         : [ss] "r"(ss), [pat] "r"(pattern), [page] "r"(fresh64)
                         : "rax", "r12", "memory");
        return got;
}
static volatile int segv_count;
static volatile unsigned segv_ss;

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;

        (void)sig, (void)si;
        uc->uc_flags |= 4;                      /* UC_STRICT_RESTORE_SS */
        set_frame_ss(uc->uc_mcontext.gregs, LDT_SEL(2));
}
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;

        (void)sig, (void)si;
        segv_count++;
        segv_ss = frame_ss(uc->uc_mcontext.gregs);
        uc->uc_flags |= 4;
        set_frame_ss(uc->uc_mcontext.gregs, LDT_SEL(1));
}
static unsigned trap_and_read_ss(void)
{
        unsigned ss;

        __asm__ volatile("int3\n\tmovl %%ss, %0\n\t"
                         "movl $0x2b, %%eax\n\tmovl %%eax, %%ss" : "=&r"(ss) : : "rax", "memory");
        return ss;
}
uint32_t e16_page, e16_esp_out;
uint64_t e16_saved_rsp;
void e16_run(uint32_t cs);
extern char e16_code[];
__asm__(".pushsection .text\n"
        ".globl e16_run\n"
        ".type e16_run, @function\n"
        "e16_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, e16_saved_rsp(%rip)\n"
        "       movw %di, e16_target+4(%rip)\n"
        "       ljmpl *e16_target(%rip)\n"
        ".code16\n"
        ".globl e16_code\n"
        "e16_code:\n"
        "       addr32 movl e16_page, %edi\n"
        "       movl $0xabcd1234, %esp\n"
        "       addr32 movl $1, (%edi)\n"           /* a page fault, then IRET */
        "       addr32 movl %esp, e16_esp_out\n"
        "       ljmpl $0x33, $e16_back\n"
        ".code64\n"
        "e16_back:\n"
        "       movq e16_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".size e16_run, . - e16_run\n"
        ".popsection\n"
        ".pushsection .data\n"
        "e16_target:\n"
        "       .long 0\n"
        "       .word 0\n"
        ".popsection\n");
static char fresh16[4096] __attribute__((aligned(4096)));

static uint32_t esp_after_fault16(void)
{
        if (set_entry(3, e16_code, 0, 1, 0))
                return 0;
        e16_page = (uint32_t)(uintptr_t)fresh16;
        set_seg(ds, USER_DS);
        e16_run(LDT_SEL(3));
        return e16_esp_out;
}
static int no_handler(void *arg)
{
        (void)arg;
        signal(SIGSEGV, SIG_DFL);
        trap_and_read_ss();
        return 0;
}
int main(void)
{
        struct sigaction sa = { .sa_flags = SA_SIGINFO };

        ok_eq(set_entry(1, 0, 0xffff, 0, 0), 0, "LDT entry 1 := 16-bit data segment");
        uint64_t pat = 0x12345678abcd1234UL;
        ok(rsp_after_fault64(LDT_SEL(1), pat) == pat,
           "64-bit CS, 16-bit SS: RSP %#lx survives a page fault", (unsigned long)pat);
        sa.sa_sigaction = on_trap;
        sigaction(SIGTRAP, &sa, NULL);
        sa.sa_sigaction = on_segv;
        sigaction(SIGSEGV, &sa, NULL);
        unsigned ss = trap_and_read_ss();
        ok(segv_count == 1 && segv_ss == LDT_SEL(2),
           "an IRET to SS = %#x (no such entry) is SIGSEGV (count %d, ss %#x)",
           LDT_SEL(2), segv_count, segv_ss);
        ok_eq(ss, LDT_SEL(1), "the handler's repaired frame returns with SS = %#x", LDT_SEL(1));
        int st = fork_and_run(no_handler, NULL);
        ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
           "without a handler the program dies of SIGSEGV (status %#x)", st);
        ok_eq(esp_after_fault16(), 0xabcd1234,
              "16-bit CS, 32-bit SS: ESP 0xabcd1234 survives a page fault");
        return done();
}
