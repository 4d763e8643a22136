/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

static volatile long watched, io_done;
static long io_result;

static __attribute__((noinline, aligned(16))) void hw_target(void)
{
        asm volatile("" ::: "memory");
}
static void (*volatile call_target)(void) = hw_target;

static int child(void)
{
        int p[2];

        call_target();                  /* an execute breakpoint */
        if (pipe(p))
                return 1;
        io_result = write(p[1], (const void *)&watched, 8);     /* the kernel reads it */
        io_result += read(p[0], (void *)&watched, 8);           /* and writes it */
        io_done = 1;
        watched = 5;                    /* a user write: the watchpoint fires */
        return 0;
}

#define DR7_L(n)        (1UL << ((n) * 2))
#define DR7_RW(n, rw)   ((unsigned long)(rw) << (16 + (n) * 4))
#define DR7_LEN(n, len) ((unsigned long)(len) << (18 + (n) * 4))

static long poke_dr(pid_t pid, int n, unsigned long v)
{
        return ptrace(PTRACE_POKEUSER, pid, (void *)DR_OFF(n), v);
}

static void check_validation(pid_t pid)
{
        ok_errno(poke_dr(pid, 0, 0xffff800000000000UL), EINVAL, "DR0 = a kernel address");
        ok_errno(poke_dr(pid, 0, 0x7ffffffff000UL), EINVAL, "DR0 = TASK_SIZE_MAX");
        ok_errno(poke_dr(pid, 4, 0), EIO, "DR4 does not exist");
        ok_eq(peekuser(pid, DR_OFF(4)), 0, "and reads as 0");
        ok_eq(poke_dr(pid, 2, (unsigned long)&watched + 4), 0, "DR2 = an address aligned to 4");
        ok_errno(poke_dr(pid, 7, DR7_L(2) | DR7_RW(2, 3) | DR7_LEN(2, 2)), EINVAL,
                 "DR7: 8 bytes at that address");
        ok_errno(poke_dr(pid, 7, DR7_L(2) | DR7_RW(2, 2)), EINVAL, "DR7: an I/O breakpoint");
        ok_errno(poke_dr(pid, 7, DR7_L(2) | DR7_LEN(2, 3)), EINVAL,
                 "DR7: an execute breakpoint of 4 bytes");
        ok_eq(peekuser(pid, DR_OFF(7)), 0, "a refused DR7 changes nothing");
        ok_eq(poke_dr(pid, 2, 0), 0, "DR2 = 0");
        ok_eq(peekuser(pid, DR_OFF(6)), 0xffff0ff0, "DR6 reads as its reserved bits");
}

int main(void)
{
        siginfo_t si;
        struct user_regs_struct r;
        pid_t pid = fork_traced(child);

        check_validation(pid);
        ok_eq(poke_dr(pid, 0, (unsigned long)hw_target), 0, "DR0 = hw_target");
        unsigned long dr7 = DR7_L(0) | 0x2000;          /* GD is reserved: ignored */
        ok_eq(poke_dr(pid, 7, dr7), 0, "DR7 arms it as an execute breakpoint");
        ok_eq(peekuser(pid, DR_OFF(7)), dr7, "DR7 reads back as written");
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGTRAP), "the child stops with SIGTRAP");
        ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
        ptrace(PTRACE_GETREGS, pid, 0, &r);
        ok_eq(r.rip, (unsigned long)hw_target, "at hw_target, before its first instruction");
        ok_eq(si.si_code, TRAP_HWBKPT, "si_code TRAP_HWBKPT");
        ok_eq((unsigned long)si.si_addr, (unsigned long)hw_target, "si_addr hw_target");
        ok_eq(peekuser(pid, DR_OFF(6)), 0xffff0ff1, "DR6 shows slot 0 (B0)");

        poke_dr(pid, 7, 0);
        ok_eq(poke_dr(pid, 1, (unsigned long)&watched), 0, "DR1 = &watched");
        ok_eq(poke_dr(pid, 7, DR7_L(1) | DR7_RW(1, 3) | DR7_LEN(1, 2)), 0,
              "DR7: a read-write watchpoint of 8 bytes");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(stopped_by(status, SIGTRAP), "the child stops with SIGTRAP again");
        ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
        ok_eq(si.si_code, TRAP_HWBKPT, "si_code TRAP_HWBKPT");
        ok_eq(peekuser(pid, DR_OFF(6)), 0xffff0ff2, "DR6 shows slot 1 (B1)");
        ok_eq(ptrace(PTRACE_PEEKDATA, pid, (void *)&io_done, 0), 1,
              "only at the user's store: the write() and read() of the watched word did not trap");
        ok_eq(ptrace(PTRACE_PEEKDATA, pid, (void *)&io_result, 0), 16,
              "and both copied their 8 bytes");
        ok_eq(ptrace(PTRACE_PEEKDATA, pid, (void *)&watched, 0), 5, "the store has happened");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child runs to its end");
        return done();
}
