/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

uint32_t espfix_ss, espfix_esp, espfix_page, espfix_count;
uint32_t espfix_after_fault, espfix_after_spin, espfix_left, espfix_after_signal;
uint32_t espfix_after_int80, espfix_pid80;
uint64_t espfix_saved_rsp;
void espfix_run(uint32_t cs);
__asm__(".pushsection .text\n"
        ".globl espfix_run\n"
        ".type espfix_run, @function\n"
        "espfix_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, espfix_saved_rsp(%rip)\n"
        "       movw %di, espfix_target+4(%rip)\n"
        "       ljmpl *espfix_target(%rip)\n"
        ".code32\n"
        "espfix_code32:\n"
        "       movl espfix_page, %edi\n"
        "       movl espfix_count, %ecx\n"
        "       movl espfix_esp, %ebx\n"
        "       movl espfix_ss, %eax\n"
        "       movl %eax, %ss\n"
        "       movl %ebx, %esp\n"
        "       movl $1, (%edi)\n"               /* a page fault, then IRET */
        "       movl %esp, espfix_after_fault\n"
        "       movl %ebx, %esp\n"                /* the pattern again, for the tick */
        "1:     movl %esp, %eax\n"
        "       cmpl %ebx, %eax\n"
        "       jne 2f\n"
        "       loop 1b\n"
        "2:     movl %eax, espfix_after_spin\n"
        "       movl %ecx, espfix_left\n"
        "       movl %ebx, %esp\n"
        "       int3\n"                           /* a signal and rt_sigreturn */
        "       movl %esp, espfix_after_signal\n"
        "       movl %ebx, %esp\n"
        "       movl $20, %eax\n"                /* getpid through the ia32 table */
        "       int $0x80\n"
        "       movl %esp, espfix_after_int80\n"
        "       movl %eax, espfix_pid80\n"
        "       movl $0x2b, %eax\n"
        "       movl %eax, %ss\n"
        "       ljmpl $0x33, $espfix_back\n"
        ".code64\n"
        "espfix_back:\n"
        "       movq espfix_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".size espfix_run, . - espfix_run\n"
        ".popsection\n"
        ".pushsection .data\n"
        "espfix_target:\n"
        "       .long espfix_code32\n"
        "       .word 0\n"
        ".popsection\n");

static char fresh[4096] __attribute__((aligned(4096)));
static char demo_altstack[16384] __attribute__((aligned(16)));

static void demo_on_trap(int sig, siginfo_t *si, void *ctx)
{
        (void)sig, (void)si;
        ((ucontext_t *)ctx)->uc_flags |= 4;     /* UC_STRICT_RESTORE_SS */
}

int main(int argc, char **argv)
{
        int cpu = argc > 1 ? atoi(argv[1]) : 0;
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof(set), &set) || sched_getcpu() != cpu) {
                say("espfix_demo: cannot run on CPU %d\n", cpu);
                return 2;
        }
        if (set_entry(0, 0, 0, 1, 1) || set_entry(1, 0, 0xffff, 0, 0)) {
                say("espfix_demo: modify_ldt failed\n");
                return 2;
        }
        stack_t alt = { .ss_sp = demo_altstack, .ss_size = sizeof(demo_altstack) };
        struct sigaction sa = { .sa_sigaction = demo_on_trap,
                                .sa_flags = SA_SIGINFO | SA_ONSTACK };
        if (sigaltstack(&alt, NULL) || sigaction(SIGTRAP, &sa, NULL))
                return 2;
        espfix_ss = LDT_SEL(1);
        espfix_esp = 0xabcd1234;
        espfix_page = (uint32_t)(uintptr_t)fresh;
        espfix_count = 50000000;
        say("espfix_demo: on CPU %d: SS = %#x (LDT entry 1, 16-bit), ESP = %#x\n",
            cpu, espfix_ss, espfix_esp);
        set_seg(ds, USER_DS);
        set_seg(es, USER_DS);
        uint64_t t0 = rdtsc();
        espfix_run(LDT_SEL(0));
        uint64_t t1 = rdtsc();
        say("espfix_demo: after a page fault: ESP = %#010x\n", espfix_after_fault);
        say("espfix_demo: after spinning %u iterations (%llu cycles): ESP = %#010x\n",
            espfix_count - espfix_left, (unsigned long long)(t1 - t0), espfix_after_spin);
        say("espfix_demo: after a signal and rt_sigreturn: ESP = %#010x\n", espfix_after_signal);
        say("espfix_demo: after int $0x80 getpid (%s): ESP = %#010x\n",
            (int)espfix_pid80 == getpid() ? "our pid" : "WRONG pid", espfix_after_int80);
        uint32_t seen = espfix_after_fault != espfix_esp ? espfix_after_fault :
                        espfix_after_spin != espfix_esp ? espfix_after_spin :
                        espfix_after_signal != espfix_esp ? espfix_after_signal :
                        espfix_after_int80;
        bool kept = seen == espfix_esp;
        say("espfix_demo: ESP[31:16] %#06x -> %#06x: %s\n", espfix_esp >> 16, seen >> 16,
            kept ? "kept" : "LEAKED");
        return kept ? 0 : 1;
}
