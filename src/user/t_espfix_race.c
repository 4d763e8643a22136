/* Tangled from book/listings-espfix.nw (chapter "Listings of ``espfix64: the sixteen bits IRET forgets''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

volatile uint32_t race_in32;
uint32_t race_ss;
void race_spin32(uint32_t cs);
__asm__(".pushsection .text\n"
        ".globl race_spin32\n"
        ".type race_spin32, @function\n"
        "race_spin32:\n"
        "       movw %di, race_target+4(%rip)\n"
        "       ljmpl *race_target(%rip)\n"
        ".code32\n"
        "race_code32:\n"
        "       movl race_ss, %eax\n"
        "       movl %eax, %ss\n"
        "       movl $0xabcd1234, %esp\n"
        "       movl $1, race_in32\n"
        "1:     jmp 1b\n"
        ".code64\n"
        ".size race_spin32, . - race_spin32\n"
        ".popsection\n"
        ".pushsection .data\n"
        "race_target:\n"
        "       .long race_code32\n"
        "       .word 0\n"
        ".popsection\n");

static void race_on_segv(int sig, siginfo_t *si, void *ctx)
{
        greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

        (void)si;
        say("t_espfix_race: signal %d in the spinning thread: cs %#lx, ss %#lx, esp %#lx; "
            "rsp[63:32] %#lx\n", sig, (unsigned long)g[REG_CSGSFS] & 0xffff,
            (unsigned long)g[REG_CSGSFS] >> 48, (unsigned long)g[REG_RSP] & 0xffffffff,
            (unsigned long)g[REG_RSP] >> 32);
        _exit(0);
}
static void *clear_entry1(void *arg)
{
        struct user_desc empty = { .entry_number = 1, .read_exec_only = 1,
                                   .seg_not_present = 1 };

        (void)arg;
        while (!race_in32)
                sched_yield();
        modify_ldt_raw(0x11, &empty, sizeof(empty));
        return NULL;
}
int main(void)
{
        struct sigaction sa = { .sa_sigaction = race_on_segv,
                                .sa_flags = SA_SIGINFO | SA_ONSTACK };
        static char altstack[16384] __attribute__((aligned(16)));
        stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
        pthread_t t;

        sigaltstack(&ss, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        if (set_entry(0, 0, 0, 1, 1) || set_entry(1, 0, 0xffff, 0, 0) ||
            pthread_create(&t, NULL, clear_entry1, NULL))
                return 2;
        say("t_espfix_race: SS := %#x (16-bit), ESP := 0xabcd1234, then spin\n", LDT_SEL(1));
        race_ss = LDT_SEL(1);
        set_seg(ds, USER_DS);
        race_spin32(LDT_SEL(0));
        return 1;
}
