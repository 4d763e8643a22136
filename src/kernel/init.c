/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/string.h>

extern char *init_args;
static const char *init_path = "/init";

static int set_init(char *val)
{
        if (!val || *val != '/')
                return -EINVAL;
        init_path = val;
        return 0;
}
early_param("init", set_init);

#define MAX_INIT_ARGS 32
static const char *argv_init[MAX_INIT_ARGS + 2];
static const char *const envp_init[] = { "HOME=/", "TERM=linux", NULL };

static void split_init_args(void)
{
        int n = 0;
        argv_init[n++] = init_path;
        for (char *p = init_args; p && *p;) {
                while (*p == ' ')
                        *p++ = '\0';
                if (!*p)
                        break;
                if (n > MAX_INIT_ARGS)
                        panic("init: more than %d arguments after --", MAX_INIT_ARGS);
                argv_init[n++] = p;
                while (*p && *p != ' ')
                        p++;
        }
        argv_init[n] = NULL;
}

static int kernel_init(void *unused)
{
        (void)unused;
        struct task_struct *t = current;

        t->tgid = t->pid;
        INIT_LIST_HEAD(&t->children);
        init_waitqueue_head(&t->wait_chldexit);
        t->parent = t;
        child_reaper = t;
        if (open_console_stdio(t))
                panic("init: no memory to open the console");
        if (signal_init_task(t))
                panic("cannot allocate init's signal state");
        split_init_args();
        set_cpus_allowed(t, ~0UL);      /* kthread_create bound it to CPU 0 */
        int err = kernel_execve(init_path, argv_init, envp_init);
        if (err)
                panic("No working init found: %s failed with error %d", init_path, err);
        ret_from_fork_user();
}
void start_init(void)
{
        preallocate_kernel_pgds();
        fail_alloc_arm_cmdline();
        if (!kthread_create(kernel_init, NULL, "init", 0))
                panic("cannot create the init task");
}
