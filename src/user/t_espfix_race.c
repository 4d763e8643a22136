/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

uint32_t race_ss, race_esp_out, race_eax_out, race_ss_out;
uint64_t race_rsp64, race_saved_rsp;
void race_run(uint32_t cs);
extern char race_after_int80[];
__asm__(".pushsection .text\n"
        ".globl race_run\n"
        ".type race_run, @function\n"
        "race_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, race_saved_rsp(%rip)\n"
        "       movw %di, race_target+4(%rip)\n"
        "       ljmpl *race_target(%rip)\n"
        ".code32\n"
        "race_code32:\n"
        "       movl race_ss, %ebx\n"
        "       movl $20, %eax\n"                /* getpid */
        "       movl $0xabcd1234, %esp\n"
        "       movl %ebx, %ss\n"
        "       int $0x80\n"                      /* in the shadow of the MOV to SS */
        ".globl race_after_int80\n"
        "race_after_int80:\n"
        "       movl %esp, race_esp_out\n"
        "       movl %eax, race_eax_out\n"
        "       movl %ss, %eax\n"
        "       movl %eax, race_ss_out\n"
        "       movl $0x2b, %eax\n"
        "       movl %eax, %ss\n"
        "       ljmpl $0x33, $race_back\n"
        ".code64\n"
        "race_back:\n"
        "       movq %rsp, race_rsp64(%rip)\n"
        "       movq race_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".size race_run, . - race_run\n"
        ".popsection\n"
        ".pushsection .data\n"
        "race_target:\n"
        "       .long race_code32\n"
        "       .word 0\n"
        ".popsection\n");
static volatile int segv_count, segv_code;
static volatile unsigned long segv_trapno, segv_err, segv_cs, segv_ss, segv_esp, segv_eip,
        segv_eax;

static void race_on_segv(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;
        greg_t *g = uc->uc_mcontext.gregs;

        (void)sig;
        segv_count++;
        segv_code = si->si_code;
        segv_trapno = g[REG_TRAPNO];
        segv_err = g[REG_ERR];
        segv_cs = g[REG_CSGSFS] & 0xffff;
        segv_ss = (unsigned long)g[REG_CSGSFS] >> 48;
        segv_esp = g[REG_RSP] & 0xffffffff;
        segv_eip = g[REG_RIP];
        segv_eax = g[REG_RAX] & 0xffffffff;
        set_entry(1, 0, 0xffff, 0, 0);
        uc->uc_flags |= 4;                      /* UC_STRICT_RESTORE_SS */
}

static int pin(int cpu)
{
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        return sched_setaffinity(0, sizeof(set), &set);
}
static void *clear_entry1(void *arg)
{
        struct user_desc empty = { .entry_number = 1, .read_exec_only = 1,
                                   .seg_not_present = 1 };

        pin((int)(long)arg);
        modify_ldt_raw(0x11, &empty, sizeof(empty));
        return NULL;
}
int main(int argc, char **argv)
{
        struct sigaction sa = { .sa_sigaction = race_on_segv,
                                .sa_flags = SA_SIGINFO | SA_ONSTACK };
        static char altstack[16384] __attribute__((aligned(16)));
        stack_t alt = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
        bool handler = !(argc > 1 && !strcmp(argv[1], "nohandler"));
        long last = sysconf(_SC_NPROCESSORS_ONLN) - 1;
        pthread_t t;

        if (pin(0) || sigaltstack(&alt, NULL) || (handler && sigaction(SIGSEGV, &sa, NULL)) ||
            set_entry(0, 0, 0, 1, 1) || set_entry(1, 0, 0xffff, 0, 0))
                return 2;
        say("t_espfix_race: on CPU 0 SS := %#x (16-bit), ESP := 0xabcd1234, int $0x80 getpid; "
            "another thread on CPU %ld clears LDT entry 1\n", LDT_SEL(1), last);
        race_ss = LDT_SEL(1);
        set_seg(ds, USER_DS);
        set_seg(es, USER_DS);
        if (pthread_create(&t, NULL, clear_entry1, (void *)last))
                return 2;
        race_run(LDT_SEL(0));
        pthread_join(t, NULL);
        say("t_espfix_race: SIGSEGV %d time(s), si_code %#x, trap %lu, error %#lx\n",
            segv_count, segv_code, segv_trapno, segv_err);
        say("t_espfix_race: the frame the IRET could not load: cs %#lx, ss %#lx, esp %#lx, "
            "eip %s, eax %s\n", segv_cs, segv_ss, segv_esp,
            segv_eip == (uintptr_t)race_after_int80 ? "after the int $0x80" : "ELSEWHERE",
            (int)segv_eax == getpid() ? "our pid" : "NOT our pid");
        say("t_espfix_race: after the handler's return: ss %#x, eax %s, ESP = %#010x, "
            "RSP[63:32] = %#lx\n", race_ss_out,
            (int)race_eax_out == getpid() ? "our pid" : "NOT our pid", race_esp_out,
            (unsigned long)(race_rsp64 >> 32));
        return race_esp_out == 0xabcd1234 ? 0 : 1;
}
