/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PROCESS_H
#define _LINUX_PROCESS_H
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
#endif
