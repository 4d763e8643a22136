/* Tangled from book/listings-ia32.nw (chapter "Listings of ``Compat mode: the 32-bit ways into the kernel''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <signal.h>
#include <ucontext.h>
#include <sys/syscall.h>
#include <time.h>

struct i32regs { uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp; };
struct i32regs i32_in, i32_out;
uint32_t i32_stack[8192] __attribute__((aligned(16)));
uint64_t i32_saved_rsp;
void i32_run(uint32_t cs, void (*block)(void));
extern void i32_int80(void), i32_int80_done(void), i32_sysenter(void), i32_syscall(void);
extern void i32_gs_read(void), i32_landing(void);

#define LOAD "movl %ss:i32_in+4, %ebx\n movl %ss:i32_in+8, %ecx\n" \
        "movl %ss:i32_in+12, %edx\n movl %ss:i32_in+16, %esi\n" \
        "movl %ss:i32_in+20, %edi\n movl %ss:i32_in+24, %ebp\n" \
        "movl %ss:i32_in+28, %esp\n movl %ss:i32_in, %eax\n"
#define STORE "movl %eax, %ss:i32_out\n movl %ebx, %ss:i32_out+4\n" \
        "movl %ecx, %ss:i32_out+8\n movl %edx, %ss:i32_out+12\n" \
        "movl %esi, %ss:i32_out+16\n movl %edi, %ss:i32_out+20\n" \
        "movl %ebp, %ss:i32_out+24\n movl %esp, %ss:i32_out+28\n" \
        "ljmpl $0x33, $i32_back\n"
__asm__(".pushsection .text\n"
        ".globl i32_run\n"
        "i32_run:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, i32_saved_rsp(%rip)\n"
        "       movl %esi, i32_target(%rip)\n"
        "       movw %di, i32_target+4(%rip)\n"
        "       ljmpl *i32_target(%rip)\n"
        ".code32\n"
        "i32_int80:\n" LOAD "int $0x80\n"
        ".globl i32_int80_done\n"
        "i32_int80_done:\n" STORE
        "i32_sysenter:\n" LOAD "sysenter\n" STORE
        "i32_syscall:\n" LOAD "syscall\n" STORE
        "i32_gs_read:\n"                        /* GS := in.eax; out.ebx := GS:0 */
        "       movl %ss:i32_in, %eax\n movl %eax, %gs\n"
        "       movl %gs:0, %ebx\n      movl %ebx, %ss:i32_out+4\n"
        "       xorl %eax, %eax\n       movl %eax, %gs\n"
        "       ljmpl $0x33, $i32_back\n"
        "i32_landing:\n"
        "       ljmpl $0x33, $i32_back\n"
        ".code64\n"
        "i32_back:\n"
        "       movq i32_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "i32_target:\n  .long 0\n       .word 0\n"
        ".popsection\n");
static volatile int fault_sig, fault_code, usr1_count;
static volatile unsigned long fault_cs, usr1_ip, usr1_cs;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;

        fault_sig = sig;
        fault_code = si->si_code;
        fault_cs = uc->uc_mcontext.gregs[REG_CSGSFS] & 0xffff;
        uc->uc_mcontext.gregs[REG_RIP] = (uintptr_t)i32_landing;
}
static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
        ucontext_t *uc = ctx;

        (void)sig; (void)si;
        usr1_count++;
        usr1_ip = uc->uc_mcontext.gregs[REG_RIP];
        usr1_cs = uc->uc_mcontext.gregs[REG_CSGSFS] & 0xffff;
}
static bool regs_kept;

static long sys32(uint32_t cs, uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
                  uint32_t a4, uint32_t a5, uint32_t a6)
{
        i32_in = (struct i32regs){ nr, a1, a2, a3, a4, a5, a6,
                                   (uint32_t)(uintptr_t)&i32_stack[8188] };
        memset(&i32_out, 0x5a, sizeof(i32_out));
        i32_run(cs, i32_int80);
        regs_kept = !memcmp(&i32_out.ebx, &i32_in.ebx, 7 * 4);
        return (int32_t)i32_out.eax;
}
static const char hello32[] = "t_int80: hello from 32-bit code through int $0x80\n";
static unsigned char ldt_copy[16];

static void check_calls(uint32_t cs, const char *what)
{
        uint32_t u = 0x11111111;

        ok_eq(sys32(cs, 20, u, 2 * u, 3 * u, 4 * u, 5 * u, 6 * u), getpid(),
              "%s: getpid (20) returns the pid", what);
        ok(regs_kept, "%s: ... EBX ECX EDX ESI EDI EBP ESP are preserved", what);
        ok_eq(sys32(cs, 4, 1, (uintptr_t)hello32, sizeof(hello32) - 1, u, u, u),
              sizeof(hello32) - 1, "%s: write (4) to stdout", what);
        ok_eq(sys32(cs, 3, 99, (uintptr_t)ldt_copy, 1, 0, 0, 0), -EBADF,
              "%s: read (3) from fd 99: EBADF", what);
        ok_eq(sys32(cs, 1000, 0, 0, 0, 0, 0, 0), -ENOSYS, "%s: number 1000: ENOSYS", what);
        ok_eq(sys32(cs, 0xffffffff, 0, 0, 0, 0, 0, 0), -ENOSYS, "%s: number -1: ENOSYS", what);
        ok(regs_kept, "%s: ... registers preserved on an error too", what);
        ok_eq(sys32(cs, 123, 0, (uintptr_t)ldt_copy, 16, 0, 0, 0), 16,
              "%s: modify_ldt (123) reads 16 bytes of the LDT", what);
        ok(*(uint64_t *)ldt_copy == desc_bytes(0, 0xfffff, 0xfb, 0xc),
           "%s: ... entry 0 as the x86-64 call wrote it", what);
        uint32_t addr = sys32(cs, 192, 0, 8192, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, (uint32_t)-1, 0);
        bool mapped = addr >= 0x80000000u && addr < 0xfffff000u && !(addr & 0xfff);
        ok(mapped, "%s: mmap2 (192) maps a page-aligned address between 2 and 4 GiB: %#x",
           what, addr);
        if (mapped) {
                ((volatile char *)(uintptr_t)addr)[8191] = 7;
                ok_eq(sys32(cs, 91, addr, 8192, 0, 0, 0, 0), 0, "%s: munmap (91)", what);
        }
        int before = usr1_count;
        ok_eq(sys32(cs, 37, getpid(), SIGUSR1, 0, 0, 0, 0), 0, "%s: kill (37) self", what);
        ok(usr1_count == before + 1 && usr1_ip == (uintptr_t)i32_int80_done && usr1_cs == cs,
           "%s: ... SIGUSR1 arrives on the way out, at the next 32-bit instruction "
           "(ip %#lx, cs %#lx)", what, usr1_ip, usr1_cs);
        ok(regs_kept, "%s: ... and the registers survive the handler", what);
}
static uint32_t tls_words[4] = { 0xc0ffee32, 2, 3, 4 };

static uint32_t read_gs0(uint32_t sel)
{
        i32_in.eax = sel;
        i32_out.ebx = 0;
        i32_run(0x23, i32_gs_read);
        return i32_out.ebx;
}
static void check_tls(void)
{
        static struct user_desc d, back;
        struct timespec ms = { 0, 10000000 };

        d = (struct user_desc){ .entry_number = -1, .base_addr = (uintptr_t)tls_words,
                                .limit = 15, .seg_32bit = 1, .useable = 1 };
        ok_eq(sys32(0x23, 243, (uintptr_t)&d, 0, 0, 0, 0, 0), 0, "set_thread_area (243), entry -1");
        ok_eq(d.entry_number, 12, "... the kernel chose GDT entry 12");
        back.entry_number = 12;
        ok_eq(sys32(0x23, 244, (uintptr_t)&back, 0, 0, 0, 0, 0), 0, "get_thread_area (244)");
        ok(!memcmp(&back, &d, sizeof(d)), "... returns the description written");
        ok_eq(read_gs0(0x63), tls_words[0], "32-bit code reads GS:0 through selector 0x63");
        nanosleep(&ms, NULL);
        ok_eq(read_gs0(0x63), tls_words[0], "... and again after a context switch");
        pid_t pid = fork();
        if (pid == 0)
                _exit(read_gs0(0x63) == tls_words[0] ? 0 : 1);
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child of fork reads through its copy");
        back = d;
        back.entry_number = 11;
        ok_eq(sys32(0x23, 243, (uintptr_t)&back, 0, 0, 0, 0, 0), -EINVAL, "entry 11: EINVAL");
        back.entry_number = 13;
        back.contents = 2;
        ok_eq(sys32(0x23, 243, (uintptr_t)&back, 0, 0, 0, 0, 0), -EINVAL, "a code segment: EINVAL");
        back.contents = 0;
        back.seg_32bit = 0;
        ok_eq(sys32(0x23, 243, (uintptr_t)&back, 0, 0, 0, 0, 0), -EINVAL, "a 16-bit segment: EINVAL");
        ok_eq(sys32(0x23, 243, 0, 0, 0, 0, 0, 0), -EFAULT, "a NULL description: EFAULT");
        back.entry_number = 13;
        ok_eq(sys32(0x23, 244, (uintptr_t)&back, 0, 0, 0, 0, 0), 0, "get_thread_area of empty 13");
        ok(back.read_exec_only && back.seg_not_present && !back.base_addr,
           "... reads as the empty description");
}
static void check_exit(void)
{
        int want[2] = { 42, 43 }, nr[2] = { 1, 252 };

        for (int i = 0; i < 2; i++) {
                pid_t pid = fork();
                if (pid == 0) {
                        sys32(i ? LDT_SEL(0) : 0x23, nr[i], want[i], 0, 0, 0, 0, 0);
                        _exit(1);
                }
                int status = wait_child(pid);
                ok(WIFEXITED(status) && WEXITSTATUS(status) == want[i],
                   "%s (%d) ends the child with status %d", i ? "exit_group" : "exit", nr[i],
                   want[i]);
        }
}
static void check_int80_64(void)
{
        long ax = 0xabcdef0000000000L | 20, r8 = 8, r11 = 11, r15 = 15;

        __asm__ volatile("int $0x80" : "+a"(ax), "+r"(r8), "+r"(r11), "+r"(r15)
                         : : "memory");
        ok_eq(ax, getpid(), "int $0x80 from 64-bit code: getpid, upper half of RAX ignored");
        ok(r8 == 8 && r11 == 11 && r15 == 15, "... R8, R11 and R15 are preserved");
}
static void try_entry(const char *name, void (*block)(void))
{
        fault_sig = 0;
        i32_in = (struct i32regs){ 20, 0, 0, 0, 0, 0, 0, (uint32_t)(uintptr_t)&i32_stack[8188] };
        memset(&i32_out, 0, sizeof(i32_out));
        i32_run(0x23, block);
        if (fault_sig)
                say("t_int80: %s from 32-bit code: %s (si_code %d, cs %#lx)\n", name,
                    fault_sig == SIGILL ? "SIGILL" : fault_sig == SIGSEGV ? "SIGSEGV" : "signal",
                    fault_code, fault_cs);
        else
                say("t_int80: %s from 32-bit code: eax %d\n", name, (int32_t)i32_out.eax);
}
static int report_vendor_entries(void)
{
        uint32_t v[4] = { 0 };

        __asm__ volatile("cpuid" : "=a"(v[3]), "=b"(v[0]), "=c"(v[2]), "=d"(v[1]) : "a"(0));
        say("t_int80: CPU vendor %.12s\n", (char *)v);
        try_entry("SYSENTER", i32_sysenter);
        try_entry("SYSCALL", i32_syscall);
        return 0;
}

int main(int argc, char **argv)
{
        struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

        sigaction(SIGILL, &sa, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        sa.sa_sigaction = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        if (argc > 1 && !strcmp(argv[1], "vendor"))
                return report_vendor_entries();
        ok_eq(set_entry(0, 0, 0, 1, 1), 0, "LDT entry 0: a flat 32-bit code segment");
        check_calls(0x23, "__USER32_CS");
        check_calls(LDT_SEL(0), "LDT code");
        check_tls();
        check_exit();
        check_int80_64();
        return done();
}
