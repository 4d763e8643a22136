/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"
#define ARCH_GET_FS 0x1003

#define R12 0x1212121212121212UL
#define R13 0x1313131313131313UL
static unsigned long r12_after, mxcsr_in = 0x3f80;
static const unsigned int xmm_in[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

/* Load known values, stop with tkill(SIGSTOP) in one asm block, then record R12. */
static int child(void)
{
        long tid = syscall(SYS_gettid);

        asm volatile("ldmxcsr %[mx]\n\t"
                     "movdqu %[xmm], %%xmm0\n\t"
                     "mov %[r12], %%r12\n\t"
                     "mov %[r13], %%r13\n\t"
                     "mov $200, %%eax\n\t"      /* tkill */
                     "syscall\n\t"
                     "mov %%r12, %[out]"
                     : [out] "=m"(r12_after)
                     : [mx] "m"(mxcsr_in), [xmm] "m"(xmm_in), [r12] "r"(R12), [r13] "r"(R13),
                       "D"(tid), "S"(SIGSTOP)
                     : "rax", "rcx", "r11", "r12", "r13", "xmm0", "memory");
        return r12_after == 0xabcdef ? 0 : 1;
}

static void check_getregs(pid_t pid, struct user_regs_struct *r)
{
        unsigned long fs;

        syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
        ok_eq(ptrace(PTRACE_GETREGS, pid, 0, r), 0, "PTRACE_GETREGS");
        ok(r->r12 == R12 && r->r13 == R13, "r12 and r13 hold what the child loaded");
        ok_eq(r->orig_rax, SYS_tkill, "orig_rax: the system call the stop came from");
        ok_eq(r->rax, 0, "rax: its result");
        ok(r->cs == 0x33 && r->ss == 0x2b, "cs 0x33 and ss 0x2b");
        ok(r->ds == 0 && r->es == 0 && r->fs == 0 && r->gs == 0, "null data selectors");
        ok(r->fs_base == fs && r->gs_base == 0, "fs_base is the TLS the child inherited, gs_base 0");
        ok((r->eflags & 0x200) && !(r->eflags & 0x100), "eflags: IF set, TF clear");
        bool same = true;
        for (size_t off = 0; off < sizeof(*r); off += 8)
                same &= peekuser(pid, off) == ((long *)r)[off / 8];
        ok(same, "PEEKUSER at each offset of user_regs_struct agrees with GETREGS");
}

static void check_fpregs(pid_t pid)
{
        struct user_fpregs_struct fp;

        ok_eq(ptrace(PTRACE_GETFPREGS, pid, 0, &fp), 0, "PTRACE_GETFPREGS");
        ok_eq(fp.mxcsr, 0x3f80, "mxcsr as the child loaded it");
        ok(!memcmp(fp.xmm_space, xmm_in, 16), "xmm0 as the child loaded it");
        ok_eq(fp.cwd, 0x37f, "the x87 control word is the default");
}

static void check_putreg(pid_t pid, struct user_regs_struct *r)
{
        size_t cs = offsetof(struct user_regs_struct, cs), ss = offsetof(struct user_regs_struct, ss);
        size_t ds = offsetof(struct user_regs_struct, ds);
        size_t fl = offsetof(struct user_regs_struct, eflags);
        size_t fsb = offsetof(struct user_regs_struct, fs_base);

        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)cs, 0x10), EIO, "POKEUSER cs = 0x10 (RPL 0)");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)cs, 0), EIO, "POKEUSER cs = 0");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)ss, 0), EIO, "POKEUSER ss = 0");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)ds, 0x18), EIO, "POKEUSER ds = 0x18 (RPL 0)");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)fsb, 0xffff800000000000UL), EIO,
                 "POKEUSER fs_base in the kernel half");
        ok_eq(ptrace(PTRACE_POKEUSER, pid, (void *)fl, 0x3000 | 0x40000 | 0x1), 0,
              "POKEUSER eflags with IOPL 3, AC and CF, without IF");
        long fl_now = peekuser(pid, fl);
        ok((fl_now & 0x40001) == 0x40001 && !(fl_now & 0x3000) && (fl_now & 0x200),
           "only AC and CF changed: IOPL stays 0, IF stays set");
        r->eflags = fl_now & ~0x40001UL;
        r->r12 = 0xabcdef;
        ok_eq(ptrace(PTRACE_SETREGS, pid, 0, r), 0, "PTRACE_SETREGS with a new r12");
        struct user_regs_struct bad = *r;
        bad.cs = 0x10;
        bad.r13 = 1;
        ok_errno(ptrace(PTRACE_SETREGS, pid, 0, &bad), EIO, "PTRACE_SETREGS with cs = 0x10");
        ok_eq(peekuser(pid, cs), 0x33, "cs is unchanged");
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, r13), R13);
}

static int ring0(void)
{
        pid_t pid = fork_traced(child);

        ptrace(PTRACE_CONT, pid, 0, 0);
        ok(stopped_by(wait_tracee(pid), SIGSTOP), "the child stops in its tkill(SIGSTOP)");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, cs),
                        0x10), EIO, "POKEUSER cs = 0x10 (RPL 0)");
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, r12), 0xabcdef);
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child runs to its end");
        return done();
}
static int fpu_first_stop(void)
{
        pid_t pid = fork();

        if (pid == 0) {
                ptrace(PTRACE_TRACEME, 0, 0, 0);
                _exit(child());
        }
        ok(stopped_by(wait_tracee(pid), SIGSTOP), "the child stops in its tkill(SIGSTOP)");
        check_fpregs(pid);
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, r12), 0xabcdef);
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child runs to its end");
        return done();
}

int main(int argc, char **argv)
{
        struct user_regs_struct r;
        if (argc > 1 && !strcmp(argv[1], "ring0"))
                return ring0();
        if (argc > 1 && !strcmp(argv[1], "fpu"))
                return fpu_first_stop();
        pid_t pid = fork_traced(child);

        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGSTOP), "the child stops in its tkill(SIGSTOP)");
        check_getregs(pid, &r);
        check_fpregs(pid);
        check_putreg(pid, &r);
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child ran on with the r12 SETREGS wrote");
        return done();
}
