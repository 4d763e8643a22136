/* Tangled from book/ptrace.nw (chapter "Tracing a process: ptrace"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H
#include <asm/ptrace.h>
#include <linux/sched.h>
#include <linux/signal_types.h>

#define PTRACE_TRACEME      0
#define PTRACE_PEEKTEXT     1
#define PTRACE_PEEKDATA     2
#define PTRACE_PEEKUSR      3
#define PTRACE_POKETEXT     4
#define PTRACE_POKEDATA     5
#define PTRACE_POKEUSR      6
#define PTRACE_CONT         7
#define PTRACE_KILL         8
#define PTRACE_SINGLESTEP   9
#define PTRACE_GETREGS      12
#define PTRACE_SETREGS      13
#define PTRACE_GETFPREGS    14
#define PTRACE_ATTACH       16
#define PTRACE_DETACH       17
#define PTRACE_SYSCALL      24
#define PTRACE_SETOPTIONS   0x4200
#define PTRACE_GETEVENTMSG  0x4201
#define PTRACE_GETSIGINFO   0x4202
#define PTRACE_SEIZE        0x4206

#define PTRACE_O_TRACESYSGOOD 0x00000001
#define PTRACE_O_TRACEEXEC    0x00000010
#define PTRACE_O_EXITKILL     0x00100000
#define PTRACE_O_MASK         (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | \
                               PTRACE_O_EXITKILL)
#define PTRACE_EVENT_EXEC     4
#define PTRACE_EVENTMSG_SYSCALL_ENTRY 1
#define PTRACE_EVENTMSG_SYSCALL_EXIT  2

#define PT_PTRACED          0x00000001
#define PT_SEIZED           0x00010000
#define PT_OPT_FLAG_SHIFT   3
#define PT_TRACESYSGOOD     (PTRACE_O_TRACESYSGOOD << PT_OPT_FLAG_SHIFT)
#define PT_TRACE_EXEC       (PTRACE_O_TRACEEXEC << PT_OPT_FLAG_SHIFT)
#define PT_EXITKILL         (PTRACE_O_EXITKILL << PT_OPT_FLAG_SHIFT)

#define TASK_TRACED         8
#define CLD_TRAPPED         4
#define TRAP_BRKPT          1
#define TRAP_HWBKPT         4
int ptrace_signal(int sig, struct ksiginfo *info);
long syscall_trace_enter(struct pt_regs *regs);
void syscall_exit_work(struct pt_regs *regs);
void ptrace_exec(int old_pid);
void ptrace_exit(struct task_struct *t);
bool ptrace_wait_stopped(int pid, bool *any, int *pidp, int *status);
void ptrace_wake_killed(struct task_struct *t);
bool exc_debug(struct pt_regs *regs);
void switch_debugregs(struct task_struct *prev, struct task_struct *next);
/* arch/ptrace.c, for kernel/ptrace.c */
long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
                 unsigned long data);
void user_enable_single_step(struct task_struct *child);
void user_disable_single_step(struct task_struct *child);
void ptrace_clear_debugregs(struct task_struct *t);
void ksiginfo_to_user_layout(void *buf, int sig, const struct ksiginfo *info);
#endif
