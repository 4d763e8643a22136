/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <asm/fpu.h>
#include <asm/fsgsbase.h>
#include <asm/ldt.h>
#include <asm/mmu_context.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <asm/apic.h>
#include <asm/tsc.h>
#include <linux/err.h>
#include <linux/initramfs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/ptrace.h>

#define ARG_MAX (128 * 1024)

struct linux_binprm {
        char *buf;                      /* argv strings, then envp strings */
        unsigned long len;              /* bytes used in buf */
        int argc, envc;
        char filename[256];
        struct initramfs_file file;
        const Elf64_Ehdr *eh;
        const Elf64_Phdr *ph;
};

static int copy_strings(struct linux_binprm *b, const char *const __user *argv,
                        bool kernel, int *count)
{
        for (int i = 0; argv; i++) {
                const char *s;
                if (kernel)
                        s = argv[i];
                else if (get_user(s, argv + i))
                        return -EFAULT;
                if (!s)
                        return 0;
                long n;
                if (kernel) {
                        n = strnlen(s, ARG_MAX - b->len);
                        if (n == (long)(ARG_MAX - b->len))
                                return -E2BIG;
                        memcpy(b->buf + b->len, s, n + 1);
                } else {
                        n = strncpy_from_user(b->buf + b->len, s, ARG_MAX - b->len);
                        if (n == -ENAMETOOLONG)
                                return -E2BIG;
                        if (n < 0)
                                return n;
                }
                b->len += n + 1;
                (*count)++;
        }
        return 0;
}
static int check_elf(struct linux_binprm *b)
{
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b->file.data;
        unsigned long size = b->file.size;

        if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF\2\1", 6) ||
            eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64 ||
            eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
            eh->e_phoff > size || eh->e_phnum > (size - eh->e_phoff) / sizeof(Elf64_Phdr))
                return -ENOEXEC;
        if ((unsigned long)eh->e_phoff % 8)
                return -ENOEXEC;
        b->eh = eh;
        b->ph = (const Elf64_Phdr *)(b->file.data + eh->e_phoff);
        unsigned long prev_end = 0;
        for (int i = 0; i < eh->e_phnum; i++) {
                const Elf64_Phdr *ph = &b->ph[i];
                if (ph->p_type == PT_INTERP)
                        return -ENOEXEC;        /* dynamically linked */
                if (ph->p_type != PT_LOAD)
                        continue;
                if (ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
                    ph->p_filesz > size - ph->p_offset ||
                    ph->p_memsz > TASK_SIZE_MAX || ph->p_vaddr > TASK_SIZE_MAX - ph->p_memsz ||
                    (ph->p_vaddr - ph->p_offset) % PAGE_SIZE ||
                    (ph->p_vaddr & PAGE_MASK) < prev_end)
                        return -ENOEXEC;
                prev_end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
        }
        return 0;
}
static int map_segments(struct linux_binprm *b, struct mm_struct *mm)
{
        for (int i = 0; i < b->eh->e_phnum; i++) {
                const Elf64_Phdr *ph = &b->ph[i];
                if (ph->p_type != PT_LOAD || !ph->p_memsz)
                        continue;
                unsigned long start = ph->p_vaddr & PAGE_MASK;
                unsigned long len = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz) - start;
                unsigned long prot = (ph->p_flags & PF_R ? PROT_READ : 0) |
                                     (ph->p_flags & PF_W ? PROT_WRITE : 0) |
                                     (ph->p_flags & PF_X ? PROT_EXEC : 0);
                down_write(&mm->mmap_lock);
                unsigned long addr = do_mmap(mm, start, len, PROT_READ | PROT_WRITE,
                                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
                up_write(&mm->mmap_lock);
                if (IS_ERR_VALUE(addr))
                        return (long)addr;
                if (copy_to_user((void __user *)ph->p_vaddr, b->file.data + ph->p_offset,
                                 ph->p_filesz))
                        return -EFAULT;
                down_write(&mm->mmap_lock);
                int err = do_mprotect(mm, start, len, prot);
                up_write(&mm->mmap_lock);
                if (err)
                        return err;
                if (ph->p_flags & PF_X) {
                        mm->start_code = start;
                        mm->end_code = start + len;
                } else {
                        mm->start_data = start;
                        mm->end_data = start + len;
                }
                if (start + len > mm->start_brk)
                        mm->start_brk = mm->brk = start + len;
        }
        return 0;
}
static int push_bytes(unsigned long *sp, const void *src, unsigned long n)
{
        *sp -= n;
        return copy_to_user((void __user *)*sp, src, n) ? -EFAULT : 0;
}
static int create_elf_tables(struct linux_binprm *b, struct mm_struct *mm,
                             unsigned long *spp)
{
        unsigned long sp = STACK_TOP, strings, execfn, random;
        u64 rnd[2] = { rdtsc() * 0x9e3779b97f4a7c15ULL, rdtsc() ^ (unsigned long)b };

        if (push_bytes(&sp, b->filename, strlen(b->filename) + 1))
                return -EFAULT;
        execfn = sp;
        if (push_bytes(&sp, b->buf, b->len) || push_bytes(&sp, rnd, sizeof(rnd)))
                return -EFAULT;
        random = sp;
        strings = random + sizeof(rnd);
        mm->arg_start = strings;
        unsigned long *ptrs = kmalloc((b->argc + b->envc + 1) * sizeof(unsigned long), GFP_KERNEL);
        if (!ptrs)
                return -ENOMEM;
        for (int i = 0, off = 0; i < b->argc + b->envc; i++) {
                ptrs[i] = strings + off;
                off += strlen(b->buf + off) + 1;
                if (i == b->argc - 1)
                        mm->arg_end = mm->env_start = strings + off;
        }
        mm->env_end = strings + b->len;
        u32 a, bx, c, d;
        cpuid(1, &a, &bx, &c, &d);
        unsigned long phdr = 0;
        for (int i = 0; i < b->eh->e_phnum; i++)
                if (b->ph[i].p_type == PT_LOAD && b->ph[i].p_offset == 0)
                        phdr = b->ph[i].p_vaddr + b->eh->e_phoff;
        unsigned long auxv[] = {
                AT_PHDR, phdr, AT_PHENT, sizeof(Elf64_Phdr), AT_PHNUM, b->eh->e_phnum,
                AT_PAGESZ, PAGE_SIZE, AT_ENTRY, b->eh->e_entry, AT_HWCAP, d,
                AT_CLKTCK, HZ, AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
                AT_HWCAP2, elf_hwcap2,                  /* FSGSBASE: chapter ctxtrack */
                AT_SECURE, 0, AT_RANDOM, random, AT_EXECFN, execfn,
                AT_MINSIGSTKSZ, get_sigframe_size(), AT_NULL, 0,
        };
        unsigned long words = 1 + b->argc + 1 + b->envc + 1 + ARRAY_SIZE(auxv);
        unsigned long *table = kmalloc(words * sizeof(unsigned long), GFP_KERNEL);
        if (!table) {
                kfree(ptrs);
                return -ENOMEM;
        }
        unsigned long *t = table;
        *t++ = b->argc;
        for (int i = 0; i < b->argc; i++)
                *t++ = ptrs[i];
        *t++ = 0;
        for (int i = 0; i < b->envc; i++)
                *t++ = ptrs[b->argc + i];
        *t++ = 0;
        memcpy(t, auxv, sizeof(auxv));
        sp = (sp - words * sizeof(unsigned long)) & ~15UL;
        int err = copy_to_user((void __user *)sp, table, words * sizeof(unsigned long)) ? -EFAULT : 0;
        kfree(table);
        kfree(ptrs);
        if (err)
                return err;
        *spp = sp;
        return 0;
}
static int setup_stack(struct mm_struct *mm);
static int exec_binprm(struct linux_binprm *b)
{
        struct task_struct *t = current;
        struct mm_struct *mm = mm_alloc(), *old = t->mm;
        unsigned long sp;

        if (!mm || (!t->fpstate && fpu_alloc(t)) || unshare_sighand()) {
                if (mm)
                        mmput(mm);
                return -ENOMEM;
        }
        preempt_disable();
        spin_lock(&tasklist_lock);      /* as in exit_mm */
        t->mm = mm;
        spin_unlock(&tasklist_lock);
        switch_mm(mm);
        preempt_enable();
        if (old)
                mmput(old);
        /* Point of no return: errors from here on kill the process. */
        do_close_on_exec(t->files);
        int err = map_segments(b, mm);
        if (!err)
                err = setup_stack(mm);
        if (!err)
                err = create_elf_tables(b, mm, &sp);
        if (err)
                return err;
        mm->start_stack = sp;
        struct pt_regs *regs = current_pt_regs();
        memset(regs, 0, sizeof(*regs));
        regs->ip = b->eh->e_entry;
        regs->sp = sp;
        regs->cs = __USER_CS;
        regs->ss = __USER_DS;
        regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
        regs->orig_ax = -1;
        fpu_reset_current();
        flush_signal_handlers(t);
        t->clear_child_tid = NULL;
        reset_user_segments(t);
        const char *base = b->filename;
        for (const char *p = b->filename; *p; p++)
                if (*p == '/')
                        base = p + 1;
        strscpy(t->comm, base, sizeof(t->comm));
        return 0;
}
static int setup_stack(struct mm_struct *mm)
{
        down_write(&mm->mmap_lock);
        unsigned long addr = do_mmap(mm, STACK_TOP - STACK_SIZE, STACK_SIZE,
                                     PROT_READ | PROT_WRITE,
                                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
        up_write(&mm->mmap_lock);
        return IS_ERR_VALUE(addr) ? (long)addr : 0;
}
static int do_execve(const char *filename, const char *const *argv,
                     const char *const *envp, bool kernel)
{
        struct linux_binprm *b = kzalloc(sizeof(*b), GFP_KERNEL);
        char canon[EXE_PATH_MAX];
        int err = -ENOMEM;

        if (!b || !(b->buf = kmalloc(ARG_MAX, GFP_KERNEL)))
                goto out;
        if (strscpy(b->filename, filename, sizeof(b->filename)) < 0) {
                err = -ENAMETOOLONG;
                goto out;
        }
        err = exec_lookup(filename, &b->file, canon, sizeof(canon));
        if (!err && (b->file.mode & S_IFMT) != S_IFREG)
                err = -EACCES;
        if (!err && !(b->file.mode & 0111))
                err = -EACCES;
        if (!err)
                err = check_elf(b);
        if (!err)
                err = copy_strings(b, argv, kernel, &b->argc);
        if (!err)
                err = copy_strings(b, envp, kernel, &b->envc);
        if (!err) {
                err = exec_binprm(b);
                if (err)
                        force_sig(SIGSEGV);
                else {
                        strscpy(current->mm->exe_path, canon, sizeof(current->mm->exe_path));
                        if (!kernel)
                                ptrace_exec(current->pid);
                }
        }
out:
        if (b)
                kfree(b->buf);
        kfree(b);
        return err;
}
int kernel_execve(const char *filename, const char *const *argv,
                  const char *const *envp)
{
        return do_execve(filename, argv, envp, true);
}
SYSCALL_DEFINE3(execve, const char __user *, filename,
                const char __user *const __user *, argv,
                const char __user *const __user *, envp)
{
        if (READ_ONCE(current->signal->live) > 1) {
                pr_info("%s[%d]: execve with other threads running is not supported (EAGAIN)\n",
                        current->comm, current->pid);
                return -EAGAIN;
        }
        char *path = kmalloc(256, GFP_KERNEL);
        if (!path)
                return -ENOMEM;
        long n = strncpy_from_user(path, filename, 256);
        int err = n < 0 ? (int)n : do_execve(path, argv, envp, false);
        kfree(path);
        return err;
}
