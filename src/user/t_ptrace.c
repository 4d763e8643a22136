/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

static volatile sig_atomic_t chld_code, chld_status, chld_pid, usr1, usr2, usr2_code, usr2_pid;
static void on_chld(int sig, siginfo_t *si, void *uc)
{
        (void)sig; (void)uc;
        chld_code = si->si_code;
        chld_status = si->si_status;
        chld_pid = si->si_pid;
}
static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_usr2(int sig, siginfo_t *si, void *uc)
{
        (void)sig; (void)uc;
        usr2++;
        usr2_code = si->si_code;
        usr2_pid = si->si_pid;
}

/* After execve: three signals for the tracer to pass, drop and change. */
static int exec_child(void)
{
        struct sigaction sa = { .sa_sigaction = on_usr2, .sa_flags = SA_SIGINFO };

        signal(SIGUSR1, on_usr1);
        sigaction(SIGUSR2, &sa, NULL);
        raise(SIGUSR1);                 /* passed on: usr1 = 1 */
        raise(SIGUSR2);                 /* suppressed */
        raise(SIGUSR1);                 /* changed into SIGUSR2 from the tracer */
        return (usr1 == 1) | (usr2 == 1) << 1 | (usr2_code == SI_USER) << 2 |
               (usr2_pid == getppid()) << 3;
}

static void check_traceme_exec(const char *self)
{
        struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
        siginfo_t si;

        sigaction(SIGCHLD, &sa, NULL);
        pid_t pid = fork();
        if (pid == 0) {
                ptrace(PTRACE_TRACEME, 0, 0, 0);
                errno = 0;
                if (ptrace(PTRACE_TRACEME, 0, 0, 0) != -1 || errno != EPERM)
                        _exit(101);
                execl(self, self, "exec-child", (char *)NULL);
                _exit(102);
        }
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGTRAP), "execve under PTRACE_TRACEME stops with SIGTRAP");
        ok(chld_code == CLD_TRAPPED && chld_status == SIGTRAP && chld_pid == pid,
           "the tracer got SIGCHLD: CLD_TRAPPED, si_status SIGTRAP, the tracee's pid");
        ok_eq(ptrace(PTRACE_GETSIGINFO, pid, 0, &si), 0, "PTRACE_GETSIGINFO");
        ok(si.si_signo == SIGTRAP && si.si_code == SI_USER && si.si_pid == pid,
           "the exec SIGTRAP: SI_USER, sent by the tracee itself");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(stopped_by(status, SIGUSR1), "raise(SIGUSR1): a signal-delivery stop");
        ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
        ok(si.si_code == SI_TKILL && si.si_pid == pid, "its siginfo: SI_TKILL from the tracee");
        ok_errno(ptrace(PTRACE_CONT, pid, 0, 65), EIO, "PTRACE_CONT with signal 65");
        ptrace(PTRACE_CONT, pid, 0, SIGUSR1);
        status = wait_tracee(pid);
        ok(stopped_by(status, SIGUSR2), "the next stop: SIGUSR2");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(stopped_by(status, SIGUSR1), "then SIGUSR1 again");
        ptrace(PTRACE_CONT, pid, 0, SIGUSR2);
        status = wait_tracee(pid);
        ok(WIFEXITED(status), "the tracee exits");
        int bits = WEXITSTATUS(status);
        ok(bits & 1, "resumed with its signal, the SIGUSR1 handler ran once");
        ok(bits & 2, "resumed with 0, SIGUSR2 was suppressed; resumed with SIGUSR2, it ran once");
        ok((bits & 12) == 12, "the injected signal: SI_USER, sent by the tracer");
        signal(SIGCHLD, SIG_DFL);
}

/* PTRACE_O_TRACEEXEC: an event stop instead of the SIGTRAP. */
static void check_exec_event(const char *self)
{
        unsigned long msg;
        pid_t pid = fork();

        if (pid == 0) {
                traceme_and_stop();
                execl(self, self, "exec-exit", (char *)NULL);
                _exit(102);
        }
        ok(stopped_by(wait_tracee(pid), SIGSTOP), "a TRACEME child stops itself");
        ok_eq(ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXEC), 0,
              "PTRACE_SETOPTIONS(PTRACE_O_TRACEEXEC)");
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(status != -1 && status >> 8 == (SIGTRAP | PTRACE_EVENT_EXEC << 8),
           "execve: a PTRACE_EVENT_EXEC stop");
        ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
        ok_eq(msg, pid, "its event message: the former thread id");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 7, "no SIGTRAP follows: the program runs");
}

static __attribute__((noreturn)) void pause_forever(void)
{
        for (;;)
                pause();
}
static void check_attach_detach(void)
{
        siginfo_t si;
        long word;
        pid_t pid = fork();

        if (pid == 0)
                pause_forever();
        ok_errno(ptrace(PTRACE_PEEKDATA, pid, &word, 0), ESRCH, "PEEKDATA before attaching");
        ok_errno(ptrace(PTRACE_ATTACH, getpid(), 0, 0), EPERM, "PTRACE_ATTACH to oneself");
        ok_eq(ptrace(PTRACE_ATTACH, pid, 0, 0), 0, "PTRACE_ATTACH");
        ok_errno(ptrace(PTRACE_ATTACH, pid, 0, 0), EPERM, "PTRACE_ATTACH again");
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGSTOP), "the attached task stops with SIGSTOP");
        ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
        ok(si.si_signo == SIGSTOP && si.si_code == SI_KERNEL, "sent by the kernel (SI_KERNEL)");
        ok_eq(waitpid(pid, &status, WNOHANG | __WALL), 0, "a stop is reported once");
        ok_eq(ptrace(PTRACE_DETACH, pid, 0, SIGTERM), 0, "PTRACE_DETACH with SIGTERM");
        status = wait_tracee(pid);
        ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "the detached child dies of SIGTERM");
}

static void check_seize_kill(void)
{
        struct user_regs_struct regs;
        long word;
        int status;
        pid_t pid = fork();

        if (pid == 0) {
                signal(SIGUSR1, on_usr1);
                pause_forever();
        }
        ok_errno(ptrace(PTRACE_SEIZE, pid, 1, 0), EIO, "PTRACE_SEIZE with addr != 0");
        ok_errno(ptrace(PTRACE_SEIZE, pid, 0, 0x80000000), EIO, "PTRACE_SEIZE with an unknown option");
        ok_eq(ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD), 0, "PTRACE_SEIZE");
        usleep(20000);
        ok_eq(waitpid(pid, &status, WNOHANG | __WALL), 0, "a seized task does not stop");
        ok_errno(ptrace(PTRACE_PEEKDATA, pid, &word, 0), ESRCH, "PEEKDATA on a running tracee");
        kill(pid, SIGUSR1);
        status = wait_tracee(pid);
        ok(stopped_by(status, SIGUSR1), "kill(SIGUSR1) stops the seized task");
        ok_errno(ptrace(PTRACE_GETREGS, pid, 0, (void *)8), EFAULT, "PTRACE_GETREGS to a bad address");
        ok_errno(ptrace(PTRACE_PEEKDATA, pid, (void *)8, 0), EIO, "PEEKDATA at an unmapped address");
        ok_errno(peekuser(pid, 3), EIO, "PEEKUSER at an unaligned offset");
        ok_eq(peekuser(pid, sizeof(struct user) + 8), 0, "PEEKUSER in the kernel's two extra words");
        ok_errno(peekuser(pid, sizeof(struct user) + 16), EIO, "PEEKUSER past the kernel's struct user");
        ok_errno(ptrace(PTRACE_POKEUSER, pid, (void *)offsetof(struct user, u_tsize), 0), EIO,
                 "POKEUSER outside the registers and debug registers");
        ok_eq(peekuser(pid, offsetof(struct user, u_tsize)), 0, "PEEKUSER there reads 0");
        ok_eq(ptrace(PTRACE_GETREGS, pid, 0, &regs), 0, "PTRACE_GETREGS");
        ok_errno(ptrace(PTRACE_SETOPTIONS, pid, 0, 0x80000000), EINVAL,
                 "PTRACE_SETOPTIONS with an unknown option");
        ok_eq(ptrace(PTRACE_KILL, pid, 0, 0), 0, "PTRACE_KILL");
        status = wait_tracee(pid);
        ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the tracee dies of SIGKILL");
        ok_errno(ptrace(PTRACE_CONT, pid, 0, 0), ESRCH, "PTRACE_CONT on a reaped task");
}

static void check_kill_while_stopped(void)
{
        pid_t pid = fork();

        if (pid == 0) {
                traceme_and_stop();
                _exit(0);
        }
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGSTOP), "a TRACEME child stops in raise(SIGSTOP)");
        kill(pid, SIGKILL);
        status = wait_tracee(pid);
        ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "SIGKILL ends a stop");
}

int main(int argc, char **argv)
{
        if (argc > 1 && !strcmp(argv[1], "exec-child"))
                return exec_child();
        if (argc > 1 && !strcmp(argv[1], "exec-exit"))
                return 7;
        check_traceme_exec(argv[0]);
        check_exec_event(argv[0]);
        check_attach_detach();
        check_seize_kill();
        check_kill_while_stopped();
        return done();
}
