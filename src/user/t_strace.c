/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

static const char *const names[] = {
        [0] = "read", [1] = "write", [2] = "open", [3] = "close", [5] = "fstat",
        [9] = "mmap", [10] = "mprotect", [11] = "munmap", [12] = "brk",
        [13] = "rt_sigaction", [14] = "rt_sigprocmask", [16] = "ioctl", [20] = "writev",
        [22] = "pipe", [39] = "getpid", [57] = "fork", [59] = "execve", [60] = "exit",
        [61] = "wait4", [62] = "kill", [101] = "ptrace", [110] = "getppid",
        [158] = "arch_prctl", [186] = "gettid", [200] = "tkill", [218] = "set_tid_address",
        [231] = "exit_group", [257] = "openat",
};

static void print_call(pid_t pid, const struct user_regs_struct *r)
{
        unsigned long nr = r->orig_rax;
        const char *name = nr < sizeof(names) / sizeof(names[0]) ? names[nr] : NULL;
        char buf[32] = "";

        if (name)
                say("%s(", name);
        else
                say("syscall_%lu(", nr);
        if (nr == 1 || nr == 0) {          /* show the start of the buffer of write */
                long word = ptrace(PTRACE_PEEKDATA, pid, (void *)r->rsi, 0);
                memcpy(buf, &word, 8);
                for (int i = 0; i < 8; i++)
                        if (buf[i] < ' ' || buf[i] > '~')
                                buf[i] = '.';
                buf[r->rdx < 8 ? r->rdx : 8] = '\0';
                say("%lu, \"%s\"..., %lu", r->rdi, buf, r->rdx);
        } else {
                say("%#lx, %#lx, %#lx", r->rdi, r->rsi, r->rdx);
        }
}

int main(int argc, char **argv)
{
        struct user_regs_struct r, entry;
        bool in_call = false;
        int status;

        if (argc < 2) {
                say("usage: t_strace /bin/program [args]\n");
                return 2;
        }
        pid_t pid = fork();
        if (pid == 0) {
                ptrace(PTRACE_TRACEME, 0, 0, 0);
                execv(argv[1], argv + 1);
                _exit(127);
        }
        status = wait_tracee(pid);                      /* the SIGTRAP of execve */
        if (!stopped_by(status, SIGTRAP))
                return 1;
        ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
        int sig = 0;
        for (;;) {
                ptrace(PTRACE_SYSCALL, pid, 0, sig);
                sig = 0;
                status = wait_tracee(pid);
                if (status == -1 || WIFEXITED(status) || WIFSIGNALED(status))
                        break;
                if (WSTOPSIG(status) != (SIGTRAP | 0x80)) {
                        sig = WSTOPSIG(status);                 /* a signal: pass it on */
                        say("--- %s ---\n", strsignal(sig));
                        continue;
                }
                ptrace(PTRACE_GETREGS, pid, 0, in_call ? &r : &entry);
                if (in_call) {                          /* one line per call, at its exit */
                        print_call(pid, &entry);
                        say(") = %ld\n", (long)r.rax);
                }
                in_call = !in_call;
        }
        if (in_call) {                                  /* exit_group has no exit stop */
                print_call(pid, &entry);
                say(") = ?\n");
        }
        if (WIFEXITED(status))
                say("+++ exited with %d +++\n", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
                say("+++ killed by %s +++\n", strsignal(WTERMSIG(status)));
        return 0;
}
