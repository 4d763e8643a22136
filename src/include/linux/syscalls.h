/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H
#include <asm/ptrace.h>
#include <linux/compiler.h>
#include <linux/types.h>

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);
#define NR_syscalls 512

#define SYSCALL_DEFINE0(name)                                           \
        long __x64_sys_##name(const struct pt_regs *regs __maybe_unused)
#define __SYSCALL_DEFINE(name, params, args)                            \
        static long __do_sys_##name params;                             \
        long __x64_sys_##name(const struct pt_regs *regs);              \
        long __x64_sys_##name(const struct pt_regs *regs)               \
        { return __do_sys_##name args; }                                \
        static long __do_sys_##name params
#define SYSCALL_DEFINE1(n, t1, a1)                                      \
        __SYSCALL_DEFINE(n, (t1 a1), ((t1)regs->di))
#define SYSCALL_DEFINE2(n, t1, a1, t2, a2)                              \
        __SYSCALL_DEFINE(n, (t1 a1, t2 a2), ((t1)regs->di, (t2)regs->si))
#define SYSCALL_DEFINE3(n, t1, a1, t2, a2, t3, a3)                      \
        __SYSCALL_DEFINE(n, (t1 a1, t2 a2, t3 a3),                      \
                         ((t1)regs->di, (t2)regs->si, (t3)regs->dx))
#define SYSCALL_DEFINE4(n, t1, a1, t2, a2, t3, a3, t4, a4)              \
        __SYSCALL_DEFINE(n, (t1 a1, t2 a2, t3 a3, t4 a4),               \
                         ((t1)regs->di, (t2)regs->si, (t3)regs->dx,     \
                          (t4)regs->r10))
#define SYSCALL_DEFINE5(n, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)      \
        __SYSCALL_DEFINE(n, (t1 a1, t2 a2, t3 a3, t4 a4, t5 a5),        \
                         ((t1)regs->di, (t2)regs->si, (t3)regs->dx,     \
                          (t4)regs->r10, (t5)regs->r8))
#define SYSCALL_DEFINE6(n, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
        __SYSCALL_DEFINE(n, (t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6), \
                         ((t1)regs->di, (t2)regs->si, (t3)regs->dx,     \
                          (t4)regs->r10, (t5)regs->r8, (t6)regs->r9))
#define __SYSCALL(nr, name) long __x64_sys_##name(const struct pt_regs *regs);
#include <asm/syscall_list.h>
#undef __SYSCALL
#endif
