/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

extern char step_syscall[], step_after[];

static int child(void)
{
        asm volatile("mov $39, %%eax\n\t"        /* getpid */
                     ".globl step_syscall\n"
                     "step_syscall: syscall\n"
                     ".globl step_after\n"
                     "step_after: nop\n\t"
                     "nop"
                     : : : "rax", "rcx", "r11", "memory");
        return 0;
}

/* Single-step; return the stop's siginfo and registers. */
static bool step(pid_t pid, siginfo_t *si, struct user_regs_struct *r)
{
        ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
        int status = wait_tracee(pid);
        return stopped_by(status, SIGTRAP) && !ptrace(PTRACE_GETSIGINFO, pid, 0, si) &&
               !ptrace(PTRACE_GETREGS, pid, 0, r);
}

int main(void)
{
        struct user_regs_struct r;
        siginfo_t si;
        pid_t pid = fork_traced(child);
        bool stepped = true;
        long steps = 0;

        /* Step through the end of raise(), its system calls included, to the SYSCALL. */
        do
                stepped = step(pid, &si, &r);
        while (stepped && r.rip != (unsigned long)step_syscall && ++steps < 100000);
        ok(stepped && r.rip == (unsigned long)step_syscall,
           "single steps, through raise()'s own system calls, reach the SYSCALL");
        ok_eq(si.si_code, TRAP_TRACE, "a step is SIGTRAP with si_code TRAP_TRACE");
        ok_eq((unsigned long)si.si_addr, (unsigned long)step_syscall, "si_addr is the new rip");
        ok_eq(peekuser(pid, DR_OFF(6)), 0xffff4ff0, "DR6 shows BS (bit 14)");
        ok_eq(r.eflags & 0x100, 0, "the tracer does not see its own TF in eflags");
        ok(step(pid, &si, &r), "a step over SYSCALL");
        ok_eq(r.rip, (unsigned long)step_after, "stops right after the SYSCALL");
        ok_eq(si.si_code, TRAP_BRKPT, "reported by the system call's exit: si_code TRAP_BRKPT");
        ok_eq(r.rax, pid, "with the call's result in rax");
        ok(step(pid, &si, &r), "the next step");
        ok_eq(r.rip, (unsigned long)step_after + 1, "stops after the one-byte NOP");
        ok_eq(si.si_code, TRAP_TRACE, "as an ordinary step");
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "PTRACE_CONT: the child runs to its end");
        return done();
}
