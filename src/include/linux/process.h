/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PROCESS_H
#define _LINUX_PROCESS_H
#include <asm/apic.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
struct files_struct;
int dup_files(struct task_struct *child);
void exit_files(struct task_struct *t);
void do_close_on_exec(struct files_struct *files);
int open_console_stdio(struct task_struct *t);
#define EXIT_ZOMBIE 16
#define EXIT_INIT_BASE 16               /* power-off code for init status 0 */
#define EXIT_INIT_MAX  111              /* (16 + 111) * 2 + 1 = 255 */
#define STACK_TOP   TASK_SIZE_MAX
#define STACK_SIZE  (8UL << 20)
void preallocate_kernel_pgds(void);
extern spinlock_t tasklist_lock;
extern struct task_struct *child_reaper;
extern int nr_user_mms;
void __noreturn do_exit(int wait_status);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
int kernel_execve(const char *filename, const char *const *argv,
                  const char *const *envp);
void start_init(void);
bool initramfs_present(void);
struct __kernel_timespec { long tv_sec, tv_nsec; };
static inline unsigned long timespec_to_ticks(const struct __kernel_timespec *ts)
{
        u64 ms = (u64)ts->tv_sec * 1000 + (ts->tv_nsec + 999999) / 1000000;
        if (ms > 0x7fffffff)
                ms = 0x7fffffff;
        return (ms * HZ + 999) / 1000;
}
void add_usage(struct task_usage *to, const struct task_usage *u);
void reap_usage(struct task_struct *z, struct task_usage *out);
int put_rusage(const struct task_usage *u, void __user *dst);
#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_VFORK          0x00004000
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_CHILD_SETTID   0x01000000
struct clone_args {
        unsigned long flags, stack;
        int __user *parent_tid, *child_tid;
        unsigned long tls;
};
long kernel_clone(struct pt_regs *regs, const struct clone_args *args);
#endif
