/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#ifndef PTRACE_UTIL_H
#define PTRACE_UTIL_H
#include "ulib.h"
#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>

/* Wait for the tracee's next stop or end; EINTR (a SIGCHLD handler) is retried. */
static inline int wait_tracee(pid_t pid)
{
        int status;
        pid_t got;

        do
                got = waitpid(pid, &status, __WALL);
        while (got < 0 && errno == EINTR);
        return got == pid ? status : -1;
}
static inline bool stopped_by(int status, int sig)
{
        return status != -1 && WIFSTOPPED(status) && WSTOPSIG(status) == sig;
}
/* The child: be traced by the parent and stop, so the parent finds it stopped. */
static inline void traceme_and_stop(void)
{
        if (ptrace(PTRACE_TRACEME, 0, 0, 0))
                _exit(100);
        raise(SIGSTOP);
}
/* Fork a child that runs fn after TRACEME and a SIGSTOP; return with it stopped. */
static inline pid_t fork_traced(int (*fn)(void))
{
        pid_t pid = fork();

        if (pid == 0) {
                traceme_and_stop();
                _exit(fn());
        }
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGSTOP), "the traced child stops with SIGSTOP");
        return pid;
}
static inline long peekuser(pid_t pid, size_t off)
{
        errno = 0;
        return ptrace(PTRACE_PEEKUSER, pid, (void *)off, 0);
}
#define DR_OFF(n) (offsetof(struct user, u_debugreg) + (n) * sizeof(long))
#endif
