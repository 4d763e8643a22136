/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <asm/fpu.h>
#include <asm/ldt.h>
#include <asm/mpx.h>
#include <asm/mmu_context.h>
#include <asm/msr.h>
#include <asm/pti.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/syscalls.h>

int nr_user_mms;                        /* atomic: address spaces alive */

void preallocate_kernel_pgds(void)
{
        if (!pud_alloc(&init_mm, pgd_offset(&init_mm, IOREMAP_START), IOREMAP_START))
                panic("no memory for the kernel's vmalloc-area page table");
}
struct mm_struct *mm_alloc(void)
{
        struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

        if (!mm)
                return NULL;
        mm->pgd = pgd_alloc(mm);
        if (!mm->pgd) {
                kfree(mm);
                return NULL;
        }
        clone_pgd_range(mm->pgd + KERNEL_PGD_BOUNDARY, init_mm.pgd + KERNEL_PGD_BOUNDARY,
                        KERNEL_PGD_PTRS);
        spin_lock_init(&mm->page_table_lock);
        mm_init_mmap(mm);
        init_new_context_ldt(mm);
        mpx_mm_init(mm);
        mm->mm_users = 1;
        __atomic_add_fetch(&nr_user_mms, 1, __ATOMIC_RELAXED);
        return mm;
}
void mmput(struct mm_struct *mm)
{
        if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL))
                return;
        shoot_lazy_tlbs(mm);            /* Chapter "User mode" */
        BUG_ON(raw_cpu_read(cpu_tlbstate.loaded_mm) == mm);
        if (READ_ONCE(mm->cpu_mask))
                panic("address space freed while CPUs %#lx have it loaded",
                      READ_ONCE(mm->cpu_mask));
        exit_mmap(mm);
        destroy_context_ldt(mm);
        if (mm->nr_ptes || mm->map_count)
                pr_err("BUG: address space freed with %ld page-table pages and %d VMAs left\n",
                       mm->nr_ptes, mm->map_count);
        memset(mm->pgd + KERNEL_PGD_BOUNDARY, 0, KERNEL_PGD_PTRS * sizeof(pgd_t));
        memset(kernel_to_user_pgdp(mm->pgd) + KERNEL_PGD_BOUNDARY, 0,
               KERNEL_PGD_PTRS * sizeof(pgd_t));
        pgd_free(mm, mm->pgd);
        kfree(mm);
        __atomic_sub_fetch(&nr_user_mms, 1, __ATOMIC_RELAXED);
}
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
        struct mm_struct *mm = mm_alloc();

        if (!mm)
                return NULL;
        if (dup_mmap(mm, oldmm) || ldt_dup_context(oldmm, mm)) {
                mmput(mm);
                return NULL;
        }
        mpx_dup_mm(oldmm, mm);
        memcpy(mm->exe_path, oldmm->exe_path, sizeof(mm->exe_path));
        return mm;
}
static bool fork_spread;

static unsigned int fork_cpu(void)
{
        static unsigned int next = 1;           /* init runs on CPU 0 */

        if (!fork_spread)
                return raw_smp_processor_id();
        for (;;) {
                unsigned int cpu = __atomic_fetch_add(&next, 1, __ATOMIC_RELAXED) % nr_cpu_ids;
                if (cpu_online(cpu) && (current->cpus_allowed & (1UL << cpu)))
                        return cpu;
        }
}

static int set_fork_cpu(char *val)
{
        if (val && !strcmp(val, "parent"))
                fork_spread = false;
        else if (val && !strcmp(val, "spread"))
                fork_spread = true;
        else
                return -EINVAL;
        return 0;
}
early_param("fork_cpu", set_fork_cpu);
static struct task_struct *copy_process(struct pt_regs *regs, const struct clone_args *args)
{
        struct task_struct *p = task_alloc(NULL, NULL, current->comm, fork_cpu());
        int err = -ENOMEM;

        if (!p)
                return ERR_PTR(-ENOMEM);
        p->cpus_allowed = current->cpus_allowed;
        if (fpu_alloc(p))
                goto free_task;
        if (args->flags & CLONE_FILES) {
                p->files = current->files;
                __atomic_add_fetch(&p->files->count, 1, __ATOMIC_RELAXED);
        } else if (dup_files(p)) {
                goto free_task;
        }
        err = copy_signal_state(p, args->flags);
        if (err)
                goto free_files;
        err = -ENOMEM;
        if (args->flags & CLONE_VM) {
                __atomic_add_fetch(&current->mm->mm_users, 1, __ATOMIC_RELAXED);
                p->mm = current->mm;
        } else if (!(p->mm = dup_mm(current->mm))) {
                goto free_files;
        }
        fpu_copy_current(p);
        save_fsgs(p);                           /* the parent's live selectors and bases */
        memcpy(p->tls_array, current->tls_array, sizeof(p->tls_array));
        *task_pt_regs(p) = *regs;
        task_pt_regs(p)->ax = 0;
        if (args->stack)
                task_pt_regs(p)->sp = args->stack;
        p->fsbase = args->flags & CLONE_SETTLS ? args->tls : rdmsrl(MSR_FS_BASE);
        p->gsbase = rdmsrl(MSR_KERNEL_GS_BASE);
        if (args->flags & CLONE_CHILD_CLEARTID)
                p->clear_child_tid = args->child_tid;
        if (current->forced_tf)
                task_pt_regs(p)->flags &= ~X86_EFLAGS_TF;
        INIT_LIST_HEAD(&p->children);
        init_waitqueue_head(&p->wait_chldexit);
        spin_lock(&tasklist_lock);
        if (current->signal->group_exit) {
                spin_unlock(&tasklist_lock);
                err = -EINTR;
                goto free_mm;
        }
        if (args->flags & CLONE_THREAD) {
                p->tgid = current->tgid;
                p->group_leader = current->group_leader;
                p->parent = current->parent;
                p->exit_signal = 0;
        } else {
                p->tgid = p->pid;
                p->group_leader = p;
                p->parent = current->group_leader;
                p->exit_signal = args->flags & CSIGNAL;
                list_add_tail(&p->sibling, &p->parent->children);
        }
        p->signal->live++;
        list_add_tail(&p->thread_node, &p->signal->thread_head);
        list_add_tail(&p->tasks, &task_list);
        spin_unlock(&tasklist_lock);
        return p;
free_mm:
        mmput(p->mm);
free_files:
        exit_files(p);
free_task:
        put_task_struct(p);                     /* frees the FPU area too */
        put_task_struct(p);
        return ERR_PTR(err);
}
long kernel_clone(struct pt_regs *regs, const struct clone_args *args)
{
        struct task_struct *p = copy_process(regs, args);

        if (IS_ERR(p))
                return PTR_ERR(p);
        int pid = p->pid;
        if (args->flags & CLONE_PARENT_SETTID)
                (void)put_user(pid, args->parent_tid);
        if (args->flags & CLONE_CHILD_SETTID)
                (void)put_user(pid, args->child_tid);
        wake_up_process(p);
        return pid;
}
SYSCALL_DEFINE0(fork)
{
        struct clone_args args = { .flags = SIGCHLD };
        return kernel_clone(current_pt_regs(), &args);
}
