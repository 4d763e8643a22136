/* Tangled from book/listings-ia32.nw (chapter "Listings of ``Compat mode: the 32-bit ways into the kernel''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <signal.h>

struct sigaction32 { uint32_t handler, flags, restorer, mask[2]; };
struct old_sigaction32 { uint32_t handler, mask, flags, restorer; };
struct sig32_record {                   /* what a 32-bit handler saw */
        uint32_t eax, edx, ecx, stack_sig, pinfo, puc, esp, cs, ss, ds;
        uint32_t info_signo, info_errno, info_code, info_pid, ucontext_flags, ucontext_mask;
        uint32_t sc[22];                /* the saved sigcontext_32 */
};
struct sigaction32 sig32_act_rt;
struct old_sigaction32 sig32_act_old, sig32_oact_old;
int32_t sig32_ret[4];
uint32_t sig32_pid, sig32_ss, sig32_out1[9], sig32_out2[9];
struct sig32_record sig32_rt, sig32_old;
uint32_t sig32_bad_esp, sig32_bad_nr;
uint16_t sig32_cw, sig32_cw_default = 0x37f;
uint64_t sig32_saved_rsp;
void sig32_run(uint32_t cs, void *code);
extern char sig32_main[], sig32_bad[], sig32_after_kill1[], sig32_after_kill2[];
extern char sig32_handler_rt[], sig32_restorer_rt[], sig32_handler_old[], sig32_restorer_old[];

#define SIG32_REGS(u, v) \
        "movl sig32_pid, %ebx\n movl $" #u ", %ecx\n movl $0x11111111, %edx\n" \
        "movl $0x22222222, %esi\n movl $0x33333333, %edi\n movl $0x44444444, %ebp\n" \
        "movl $0xabcd1234, %esp\n movl $37, %eax\n int $0x80\n" \
        ".globl " #v "\n" #v ":\n"
#define SIG32_STORE(out) \
        "movl %eax, " #out "\n movl %ebx, " #out "+4\n movl %ecx, " #out "+8\n" \
        "movl %edx, " #out "+12\n movl %esi, " #out "+16\n movl %edi, " #out "+20\n" \
        "movl %ebp, " #out "+24\n movl %esp, " #out "+28\n" \
        "xorl %eax, %eax\n movw %ss, %ax\n movl %eax, " #out "+32\n"
#define SIG32_RECORD(rec) \
        "movl %eax, " #rec "\n movl %edx, " #rec "+4\n movl %ecx, " #rec "+8\n" \
        "movl 4(%esp), %ebx\n movl %ebx, " #rec "+12\n" \
        "movl %esp, " #rec "+24\n xorl %ebx, %ebx\n movw %cs, %bx\n movl %ebx, " #rec "+28\n" \
        "movw %ss, %bx\n movl %ebx, " #rec "+32\n movw %ds, %bx\n movl %ebx, " #rec "+36\n"
__asm__(".pushsection .text\n"
        ".globl sig32_run\n"
        "sig32_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, sig32_saved_rsp(%rip)\n"
        "       movl %esi, sig32_target(%rip)\n"
        "       movw %di, sig32_target+4(%rip)\n"
        "       ljmpl *sig32_target(%rip)\n"
        ".code32\n"
        ".globl sig32_main\n"
        "sig32_main:\n"
        "       movl $174, %eax\n movl $10, %ebx\n movl $sig32_act_rt, %ecx\n"
        "       xorl %edx, %edx\n movl $8, %esi\n int $0x80\n movl %eax, sig32_ret\n"
        "       movl $174, %eax\n movl $10, %ebx\n xorl %ecx, %ecx\n"
        "       xorl %edx, %edx\n movl $4, %esi\n int $0x80\n movl %eax, sig32_ret+4\n"
        "       movl $67, %eax\n movl $12, %ebx\n movl $sig32_act_old, %ecx\n"
        "       xorl %edx, %edx\n int $0x80\n movl %eax, sig32_ret+8\n"
        "       movl $67, %eax\n movl $12, %ebx\n xorl %ecx, %ecx\n"
        "       movl $sig32_oact_old, %edx\n int $0x80\n movl %eax, sig32_ret+12\n"
        "       movl sig32_ss, %eax\n   movl %eax, %ss\n"
        SIG32_REGS(10, sig32_after_kill1)
        SIG32_STORE(sig32_out1)
        SIG32_REGS(12, sig32_after_kill2)
        SIG32_STORE(sig32_out2)
        "       fnstcw sig32_cw\n       fldcw sig32_cw_default\n"
        "       movl $0x2b, %eax\n      movl %eax, %ss\n"
        "       ljmpl $0x33, $sig32_back\n"
        ".globl sig32_handler_rt\n"
        "sig32_handler_rt:\n"
        SIG32_RECORD(sig32_rt)
        "       movl 8(%esp), %ebx\n movl %ebx, sig32_rt+16\n"
        "       movl 12(%esp), %ebx\n movl %ebx, sig32_rt+20\n"
        "       movl 0(%edx), %ebx\n movl %ebx, sig32_rt+40\n"
        "       movl 4(%edx), %ebx\n movl %ebx, sig32_rt+44\n"
        "       movl 8(%edx), %ebx\n movl %ebx, sig32_rt+48\n"
        "       movl 12(%edx), %ebx\n movl %ebx, sig32_rt+52\n"
        "       movl 0(%ecx), %ebx\n movl %ebx, sig32_rt+56\n"
        "       movl 108(%ecx), %ebx\n movl %ebx, sig32_rt+60\n"
        "       leal 20(%ecx), %esi\n movl $sig32_rt+64, %edi\n movl $22, %ecx\n rep movsl\n"
        "       movl 12(%esp), %ecx\n movl $0x5ee5a11, 20+20(%ecx)\n"   /* uc_mcontext.si */
        "       ret\n"
        ".globl sig32_restorer_rt\n"
        "sig32_restorer_rt:\n"
        "       movl $173, %eax\n int $0x80\n"
        ".globl sig32_handler_old\n"
        "sig32_handler_old:\n"
        SIG32_RECORD(sig32_old)
        "       leal 8(%esp), %esi\n movl $sig32_old+64, %edi\n movl $22, %ecx\n rep movsl\n"
        "       movl $0xd1d1d1d1, 8+16(%esp)\n"                          /* sc.di */
        "       movl 8+76(%esp), %ebx\n movw $0x27f, (%ebx)\n"        /* fpstate->cwd */
        "       ret\n"
        ".globl sig32_restorer_old\n"
        "sig32_restorer_old:\n"
        "       popl %eax\n movl $119, %eax\n int $0x80\n"
        ".globl sig32_bad\n"
        "sig32_bad:\n"                          /* a sigreturn with ESP chosen by the test */
        "       movl sig32_bad_nr, %eax\n movl sig32_bad_esp, %esp\n int $0x80\n"
        "       movl $0x2b, %eax\n      movl %eax, %ss\n"
        "       ljmpl $0x33, $sig32_back\n"
        ".code64\n"
        "sig32_back:\n"
        "       movq sig32_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "sig32_target:\n        .long 0\n       .word 0\n"
        ".popsection\n");
enum { SC_GS, SC_FS, SC_ES, SC_DS, SC_DI, SC_SI, SC_BP, SC_SP, SC_BX, SC_DX, SC_CX, SC_AX,
       SC_TRAPNO, SC_ERR, SC_IP, SC_CS, SC_FLAGS, SC_SP_AT_SIGNAL, SC_SS, SC_FPSTATE,
       SC_OLDMASK, SC_CR2 };
static char sig32_altstack[32768] __attribute__((aligned(16)));
static uint32_t sig32_zeros[1024];

static int bad_sigreturn(void *arg)
{
        (void)arg;
        sig32_run(0x23, sig32_bad);
        return 0;
}
static void check_bad_frame(int nr, uint32_t esp, const char *what)
{
        sig32_bad_nr = nr;
        sig32_bad_esp = esp;
        int st = fork_and_run(bad_sigreturn, NULL);
        ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "%s: SIGSEGV (status %#x)", what, st);
}
static void check_saved(const struct sig32_record *r, int sig, const char *after)
{
        const uint32_t *sc = r->sc;

        ok(r->eax == (uint32_t)sig && r->stack_sig == (uint32_t)sig,
           "... EAX and the stack hold the signal number %d", sig);
        ok(r->cs == 0x23 && r->ss == 0x2b && r->ds == 0x2b,
           "... the handler runs with CS 0x23, SS and DS 0x2b");
        ok((r->esp + 4) % 16 == 0, "... ESP + 4 is 16-byte aligned at the handler");
        ok(sc[SC_SS] == 0xf && sc[SC_CS] == 0x23 && sc[SC_DS] == 0x2b,
           "... the frame has SS 0xf (16-bit LDT), CS 0x23, DS 0x2b");
        ok(sc[SC_SP] == 0xabcd1234 && sc[SC_SP_AT_SIGNAL] == 0xabcd1234,
           "... the frame has ESP 0xabcd1234 (sp and sp_at_signal)");
        ok(sc[SC_IP] == (uint32_t)(uintptr_t)after && sc[SC_AX] == 0,
           "... the frame has EIP after the int $0x80 and EAX 0 (kill's result)");
        ok(sc[SC_BX] == sig32_pid && sc[SC_CX] == (uint32_t)sig && sc[SC_DX] == 0x11111111 &&
           sc[SC_SI] == 0x22222222 && sc[SC_DI] == 0x33333333 && sc[SC_BP] == 0x44444444,
           "... the frame has EBX ECX EDX ESI EDI EBP as they were");
        ok(sc[SC_FPSTATE] && (sc[SC_FPSTATE] + 112) % 64 == 0 && sc[SC_OLDMASK] == 0,
           "... fpstate points at a header before a 64-byte aligned image; oldmask 0");
}
static void check_restored(const uint32_t *out, uint32_t esi, uint32_t edi, const char *what)
{
        ok(out[8] == 0xf && out[7] == 0xabcd1234,
           "after %s: SS 0xf, ESP %#x: bits 31:16 are ours", what, out[7]);
        ok(out[0] == 0 && out[1] == sig32_pid && out[3] == 0x11111111 && out[4] == esi &&
           out[5] == edi && out[6] == 0x44444444,
           "after %s: ESI %#x and EDI %#x as the handler left them, the rest as before",
           what, out[4], out[5]);
}
static void check_ia32_signals(void)
{
        stack_t alt = { .ss_sp = sig32_altstack, .ss_size = sizeof(sig32_altstack) };
        struct sigaction old64;

        ok_eq(set_entry(1, 0, 0xffff, 0, 0), 0, "LDT entry 1 := 16-bit data segment");
        ok_eq(sigaltstack(&alt, NULL), 0, "an alternate signal stack below 4 GiB");
        sig32_act_rt = (struct sigaction32){ .handler = (uintptr_t)sig32_handler_rt,
                .flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
                .restorer = (uintptr_t)sig32_restorer_rt };
        sig32_act_old = (struct old_sigaction32){ .handler = (uintptr_t)sig32_handler_old,
                .flags = SA_ONSTACK | SA_RESTORER, .restorer = (uintptr_t)sig32_restorer_old };
        sig32_pid = getpid();
        sig32_ss = LDT_SEL(1);
        set_seg(ds, USER_DS);
        set_seg(es, USER_DS);
        sig32_run(0x23, sig32_main);

        ok_eq(sig32_ret[0], 0, "i386 rt_sigaction (174) installs the SIGUSR1 handler");
        ok_eq(sig32_ret[1], -EINVAL, "i386 rt_sigaction with a set size of 4: EINVAL");
        ok_eq(sig32_ret[2], 0, "i386 sigaction (67) installs the SIGUSR2 handler");
        ok(sig32_ret[3] == 0 && sig32_oact_old.handler == (uintptr_t)sig32_handler_old &&
           sig32_oact_old.flags == (SA_ONSTACK | SA_RESTORER) &&
           sig32_oact_old.restorer == (uintptr_t)sig32_restorer_old && sig32_oact_old.mask == 0,
           "i386 sigaction reads the action back (flags %#x)", sig32_oact_old.flags);
        int r64 = sigaction(SIGUSR1, NULL, &old64);
        ok(r64 == 0 && old64.sa_flags == (SA_SIGINFO | SA_ONSTACK | SA_RESTORER),
           "the x86-64 view of it has no kernel-internal flag (flags %#x)", old64.sa_flags);

        say("# SIGUSR1 through the rt frame\n");
        ok(sig32_rt.edx == sig32_rt.pinfo && sig32_rt.ecx == sig32_rt.puc &&
           sig32_rt.pinfo && sig32_rt.puc == sig32_rt.pinfo + 128,
           "... EDX and ECX point at the siginfo and the ucontext after it");
        ok(sig32_rt.info_signo == 10 && sig32_rt.info_errno == 0 && sig32_rt.info_code == 0 &&
           sig32_rt.info_pid == sig32_pid, "... siginfo: SIGUSR1, SI_USER, our pid");
        ok(sig32_rt.ucontext_flags == 1 && sig32_rt.ucontext_mask == 0,
           "... uc_flags UC_FP_XSTATE, uc_sigmask empty");
        check_saved(&sig32_rt, 10, sig32_after_kill1);
        check_restored(sig32_out1, 0x5ee5a11, 0x33333333, "rt_sigreturn (173)");

        say("# SIGUSR2 through the old frame\n");
        ok(sig32_old.edx == 0 && sig32_old.ecx == 0, "... EDX and ECX are zero");
        check_saved(&sig32_old, 12, sig32_after_kill2);
        check_restored(sig32_out2, 0x22222222, 0xd1d1d1d1, "sigreturn (119)");
        ok(sig32_cw == 0x27f, "after sigreturn (119): the x87 control word the handler wrote in "
           "the FSAVE copy: %#x", sig32_cw);

        check_bad_frame(173, 0x10, "rt_sigreturn with ESP in the unmapped first page");
        check_bad_frame(119, 0x10, "sigreturn with ESP in the unmapped first page");
        check_bad_frame(173, (uint32_t)(uintptr_t)sig32_zeros + 4,
                        "rt_sigreturn from a frame of zeros (null CS)");
}

int main(void)
{
        check_ia32_signals();
        return done();
}
