/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#include <asm/msr.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
                         CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID)
SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp, int __user *, ptid,
                int __user *, ctid, unsigned long, tls)
{
        struct clone_args args = { flags, newsp, ptid, ctid, tls };

        if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
                return -EINVAL;
        if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
                return -EINVAL;
        if ((flags & ~CLONE_SUPPORTED) ||
            ((flags & CLONE_CHILD_SETTID) && !(flags & CLONE_VM))) {
                pr_info("%s[%d]: clone flags %#lx not supported (EINVAL)\n", current->comm,
                        current->pid, flags & ~(CLONE_SUPPORTED & ~CLONE_CHILD_SETTID));
                return -EINVAL;
        }
        if ((flags & CLONE_SETTLS) && tls >= TASK_SIZE_MAX)
                return -EPERM;
        return kernel_clone(current_pt_regs(), &args);
}
SYSCALL_DEFINE1(exit, int, code)
{
        do_exit((code & 0xff) << 8);
}
SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
        if (len != 3 * sizeof(long))
                return -EINVAL;
        current->robust_list = head;
        return 0;
}
