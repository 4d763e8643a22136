/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

#define PTRACE_EVENTMSG_SYSCALL_ENTRY 1       /* Linux 5.3 */
#define PTRACE_EVENTMSG_SYSCALL_EXIT  2

static int child(void)
{
        long r1 = syscall(SYS_getpid);                  /* stops at entry and exit */
        long r2 = syscall(SYS_getppid);                 /* skipped: orig_rax = -1 */
        int e2 = errno;
        long r3 = syscall(SYS_getuid);                  /* turned into getpid */
        long r4 = syscall(SYS_getpid);                  /* its result replaced */
        return (r2 == -1 && e2 == ENOSYS) | (r3 == r1) << 1 | (r4 == 12345) << 2 |
               (r1 == getpid()) << 3;
}

/* Resume to the next system-call stop; return rax and orig_rax there. */
static bool next_syscall_stop(pid_t pid, struct user_regs_struct *r)
{
        ptrace(PTRACE_SYSCALL, pid, 0, 0);
        int status = wait_tracee(pid);
        if (!stopped_by(status, SIGTRAP | 0x80))
                return false;
        return ptrace(PTRACE_GETREGS, pid, 0, r) == 0;
}

int main(void)
{
        struct user_regs_struct r;
        unsigned long msg;
        siginfo_t si;
        pid_t pid = fork_traced(child);

        ok_eq(ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD), 0,
              "PTRACE_SETOPTIONS(PTRACE_O_TRACESYSGOOD)");
        /* raise() ends with other system calls: go to the entry of getpid. */
        bool entry = true, found = false;
        for (int i = 0; i < 20 && !found; i++, entry = !entry)
                found = next_syscall_stop(pid, &r) && entry && r.orig_rax == SYS_getpid;
        ok(found, "PTRACE_SYSCALL: an entry stop for getpid, status SIGTRAP|0x80");
        ok_eq((long)r.rax, -ENOSYS, "at entry rax is -ENOSYS");
        ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
        ok(si.si_signo == SIGTRAP && si.si_code == (SIGTRAP | 0x80) && si.si_pid == pid,
           "its siginfo: si_code SIGTRAP|0x80, the tracee as sender");
        ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
        ok_eq(msg, PTRACE_EVENTMSG_SYSCALL_ENTRY, "the event message says entry");
        ok(next_syscall_stop(pid, &r) && r.orig_rax == SYS_getpid, "then the exit stop");
        ok_eq(r.rax, pid, "at exit rax is the result");
        ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
        ok_eq(msg, PTRACE_EVENTMSG_SYSCALL_EXIT, "the event message says exit");

        ok(next_syscall_stop(pid, &r) && r.orig_rax == SYS_getppid, "getppid: entry stop");
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, orig_rax), -1L);
        ok(next_syscall_stop(pid, &r), "orig_rax = -1: still an exit stop");
        ok_eq((long)r.rax, -ENOSYS, "with -ENOSYS: no call ran");

        ok(next_syscall_stop(pid, &r) && r.orig_rax == SYS_getuid, "getuid: entry stop");
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, orig_rax),
               SYS_getpid);
        ok(next_syscall_stop(pid, &r) && r.orig_rax == SYS_getpid && r.rax == (unsigned long)pid,
           "orig_rax = getpid at entry: getpid ran instead");

        ok(next_syscall_stop(pid, &r) && r.orig_rax == SYS_getpid, "getpid: entry stop");
        ok(next_syscall_stop(pid, &r), "and exit stop");
        ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user_regs_struct, rax), 12345);
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        int bits = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        ok(bits >= 0 && (bits & 8), "the child's first getpid returned its pid");
        ok(bits >= 0 && (bits & 1), "the skipped getppid returned -1, errno ENOSYS");
        ok(bits >= 0 && (bits & 2), "the getuid returned the pid");
        ok(bits >= 0 && (bits & 4), "the last getpid returned the 12345 written at exit");
        return done();
}
