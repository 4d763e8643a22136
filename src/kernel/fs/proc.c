/* Tangled from book/files.nw (chapter "Files"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/pgtable.h>
#include <linux/process.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sprintf.h>
#include <linux/string.h>

struct textbuf {
        char *buf;
        unsigned long len, cap;
        bool failed;
};

static __attribute__((format(printf, 2, 3))) void tprintf(struct textbuf *t, const char *fmt, ...)
{
        va_list ap;

        for (;;) {
                va_start(ap, fmt);
                int n = vsnprintf(t->buf ? t->buf + t->len : NULL, t->buf ? t->cap - t->len : 0,
                                  fmt, ap);
                va_end(ap);
                if (t->buf && t->len + n < t->cap) {
                        t->len += n;
                        return;
                }
                unsigned long cap = max(t->cap * 2, t->len + n + 256);
                char *b = kmalloc(cap, GFP_KERNEL);
                if (!b) {
                        t->failed = true;
                        return;
                }
                if (t->buf)
                        memcpy(b, t->buf, t->len);
                kfree(t->buf);
                t->buf = b;
                t->cap = cap;
        }
}
struct status_snap {
        char comm[16];
        const char *state;
        int tgid, pid, ppid, threads;
        bool own;
        unsigned long sigpnd, shdpnd, sigblk, sigign, sigcgt;
};
static void cpuinfo_flags(struct textbuf *t);
static const char *vma_name(struct vm_area_struct *vma, struct mm_struct *mm);
static bool status_snapshot(int pid, struct status_snap *s);
static unsigned long process_rss(struct mm_struct *mm, unsigned long *vm);
static unsigned long count_present(struct mm_struct *mm, unsigned long a, unsigned long end);
static void meminfo_line(struct textbuf *t, const char *label, unsigned long pages)
{
        tprintf(t, "%-16s%8lu kB\n", label, pages * (PAGE_SIZE / 1024));
}

static void proc_meminfo(struct textbuf *t)
{
        unsigned long free = nr_free_pages(), used = 0;

        for (int a = 0; a < NR_PGACCT; a++)
                used += page_acct_read(a);
        meminfo_line(t, "MemTotal:", free + used);
        meminfo_line(t, "MemFree:", free);
        meminfo_line(t, "MemAvailable:", free);
        meminfo_line(t, "Buffers:", 0);
        meminfo_line(t, "Cached:", 0);
        meminfo_line(t, "SwapTotal:", 0);
        meminfo_line(t, "SwapFree:", 0);
}
static void proc_cpuinfo(struct textbuf *t)
{
        u32 a, b, c, d, vendor[4] = { 0 }, name[13] = { 0 };
        unsigned int cpu;

        cpuid(0, &a, &vendor[0], &vendor[2], &vendor[1]);
        cpuid(1, &a, &b, &c, &d);
        unsigned int family = (a >> 8 & 0xf) + (((a >> 8) & 0xf) == 0xf ? (a >> 20 & 0xff) : 0);
        unsigned int model = (a >> 4 & 0xf) | (family >= 6 ? (a >> 12 & 0xf0) : 0);
        cpuid(0x80000000, &a, &b, &c, &d);
        if (a >= 0x80000004)
                for (u32 i = 0; i < 3; i++)
                        cpuid(0x80000002 + i, &name[4 * i], &name[4 * i + 1], &name[4 * i + 2],
                              &name[4 * i + 3]);
        for_each_online_cpu(cpu) {
                cpuid(1, &a, &b, &c, &d);
                tprintf(t, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
                        cpu, (char *)vendor, family, model);
                tprintf(t, "model name\t: %s\nstepping\t: %u\n", (char *)name, a & 0xf);
                tprintf(t, "cpu cores\t: %u\nfpu\t\t: yes\nflags\t\t:", nr_cpu_ids);
                cpuinfo_flags(t);
                tprintf(t, "\n\n");
        }
}
struct cpuid_word {
        u32 leaf, sub;
        char reg;                       /* 'b', 'c' or 'd' */
        const char *names[32];
};

static const struct cpuid_word cpuid_words[] = {
        { 1, 0, 'd', { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", 0,
                "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", 0, "dts",
                "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe" } },
        { 0x80000001, 0, 'd', { [11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
                [25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
                [30] = "3dnowext", [31] = "3dnow" } },
        { 1, 0, 'c', { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
                "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", 0, "pcid", "dca",
                "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes",
                "xsave", 0, "avx", "f16c", "rdrand", "hypervisor" } },
        { 0x80000001, 0, 'c', { "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm",
                "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", 0,
                "lwp", "fma4", "tce", 0, "nodeid_msr", 0, "tbm", "topoext", "perfctr_core",
                "perfctr_nb", 0, "bpext", "ptsc", "perfctr_llc", "mwaitx" } },
        { 7, 0, 'b', { "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", 0, "smep", "bmi2",
                "erms", "invpcid", "rtm", "cqm", 0, "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed",
                "adx", "smap", "avx512ifma", 0, "clflushopt", "clwb", "intel_pt", "avx512pf",
                "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl" } },
        { 7, 0, 'c', { 0, "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2", 0,
                "gfni", "vaes", "vpclmulqdq", "avx512_vnni", "avx512_bitalg", "tme",
                "avx512_vpopcntdq", 0, "la57", 0, 0, 0, 0, 0, "rdpid", 0, "bus_lock_detect",
                "cldemote", 0, "movdiri", "movdir64b", "enqcmd", "sgx_lc" } },
        { 7, 0, 'd', { [2] = "avx512_4vnniw", [3] = "avx512_4fmaps", [4] = "fsrm",
                [8] = "avx512_vp2intersect", [10] = "md_clear", [14] = "serialize",
                [16] = "tsxldtrk", [18] = "pconfig", [19] = "arch_lbr", [20] = "ibt",
                [22] = "amx_bf16", [23] = "avx512_fp16", [24] = "amx_tile", [25] = "amx_int8",
                [28] = "flush_l1d", [29] = "arch_capabilities" } },
};

static void cpuinfo_flags(struct textbuf *t)
{
        u32 max, maxext, a, b, c, d;

        cpuid(0, &max, &b, &c, &d);
        cpuid(0x80000000, &maxext, &b, &c, &d);
        for (size_t w = 0; w < ARRAY_SIZE(cpuid_words); w++) {
                const struct cpuid_word *cw = &cpuid_words[w];
                if (cw->leaf > (cw->leaf >= 0x80000000 ? maxext : max))
                        continue;
                cpuid_count(cw->leaf, cw->sub, &a, &b, &c, &d);
                u32 v = cw->reg == 'b' ? b : cw->reg == 'c' ? c : d;
                for (int bit = 0; bit < 32; bit++)
                        if ((v >> bit & 1) && cw->names[bit])
                                tprintf(t, " %s", cw->names[bit]);
        }
}
static void proc_maps(struct textbuf *t, int pid)
{
        struct mm_struct *mm = current->mm;
        struct vm_area_struct *vma;

        if (!mm || (pid != current->tgid && pid != current->pid))
                return;
        down_read(&mm->mmap_lock);
        list_for_each_entry(vma, &mm->mmap, vm_list) {
                unsigned long f = vma->vm_flags;
                unsigned long start = t->len;
                tprintf(t, "%08lx-%08lx %c%c%c%c %08lx 00:%02x %lu", vma->vm_start, vma->vm_end,
                        f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
                        f & VM_SHARED ? 's' : 'p', vma->vm_obj ? vma->vm_pgoff << PAGE_SHIFT : 0,
                        vma->vm_obj ? 1 : 0, vma->vm_obj ? vma->vm_obj->i_ino : 0);
                const char *name = vma_name(vma, mm);
                if (name)
                        tprintf(t, "%*s%s", (int)(73 - min(73UL, t->len - start)), "", name);
                tprintf(t, "\n");
        }
        up_read(&mm->mmap_lock);
}
static const char *vma_name(struct vm_area_struct *vma, struct mm_struct *mm)
{
        if (vma->vm_obj)
                return "/memfd: (deleted)";
        if (vma->vm_start <= mm->start_brk && vma->vm_end >= mm->brk && mm->brk > mm->start_brk)
                return "[heap]";
        if (vma->vm_start <= mm->start_stack && mm->start_stack < vma->vm_end)
                return "[stack]";
        return NULL;
}
static const char *task_state_name(struct task_struct *t)
{
        if (t == current)
                return "R (running)";
        if (t->exit_state)
                return "Z (zombie)";
        switch (t->state) {
        case TASK_RUNNING: return "R (running)";
        case TASK_INTERRUPTIBLE: return "S (sleeping)";
        default: return "D (disk sleep)";
        }
}

static void proc_status(struct textbuf *t, int pid)
{
        struct status_snap s;

        if (!status_snapshot(pid, &s))
                return;
        tprintf(t, "Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
                "PPid:\t%d\nTracerPid:\t0\n", s.comm, s.state, s.tgid, s.pid, s.ppid);
        tprintf(t, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n",
                NR_OPEN_DEFAULT);
        if (s.own) {
                unsigned long vm = 0, rss = process_rss(current->mm, &vm);
                tprintf(t, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n", vm * 4, rss * 4);
        }
        tprintf(t, "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n",
                s.threads, s.sigpnd, s.shdpnd, s.sigblk);
        tprintf(t, "SigIgn:\t%016lx\nSigCgt:\t%016lx\n", s.sigign, s.sigcgt);
}
static bool status_snapshot(int pid, struct status_snap *s)
{
        struct task_struct *t;
        unsigned long flags;

        spin_lock(&tasklist_lock);
        t = find_task_by_pid(pid);
        if (t) {
                memcpy(s->comm, t->comm, sizeof(s->comm));
                s->state = task_state_name(t);
                s->tgid = t->tgid;
                s->pid = t->pid;
                s->ppid = t->group_leader == child_reaper || !t->parent ? 0 : t->parent->tgid;
                s->threads = t->signal ? t->signal->live : 1;
                s->own = t->mm && t->mm == current->mm;
                spin_lock_irqsave(&t->sighand->siglock, flags);
                s->sigpnd = t->pending.signal;
                s->shdpnd = t->signal->shared_pending.signal;
                s->sigblk = t->blocked;
                s->sigign = s->sigcgt = 0;
                for (int i = 0; i < _NSIG; i++) {
                        unsigned long h = t->sighand->action[i].handler;
                        if (h == SIG_IGN)
                                s->sigign |= 1UL << i;
                        else if (h != SIG_DFL)
                                s->sigcgt |= 1UL << i;
                }
                spin_unlock_irqrestore(&t->sighand->siglock, flags);
        }
        spin_unlock(&tasklist_lock);
        return t != NULL;
}
static unsigned long process_rss(struct mm_struct *mm, unsigned long *vm)
{
        struct vm_area_struct *vma;
        unsigned long rss = 0;

        down_read(&mm->mmap_lock);
        list_for_each_entry(vma, &mm->mmap, vm_list) {
                *vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
                for (unsigned long a = vma->vm_start; a < vma->vm_end; ) {
                        unsigned long next = min((a + PMD_SIZE) & PMD_MASK, vma->vm_end);
                        rss += count_present(mm, a, next);
                        a = next;
                }
        }
        up_read(&mm->mmap_lock);
        return rss;
}
static unsigned long count_present(struct mm_struct *mm, unsigned long a, unsigned long end)
{
        pgd_t *pgd = pgd_offset(mm, a);
        unsigned long n = 0;
        spinlock_t *ptl;

        if (!pgd_present(*pgd))
                return 0;
        pud_t *pud = pud_offset(pgd, a);
        if (!pud_present(*pud) || pud_leaf(*pud))
                return 0;
        pmd_t *pmd = pmd_offset(pud, a);
        pmd_t pmdval = pmdp_get_lockless(pmd);
        if (!pmd_present(pmdval))
                return 0;
        if (pmd_leaf(pmdval))
                return (end - a) >> PAGE_SHIFT;
        pte_t *pte = pte_offset_map_lock(mm, pmd, a, &ptl);
        if (!pte)
                return 0;
        for (; a < end; a += PAGE_SIZE, pte++)
                n += pte_present(ptep_get(pte));
        pte_unmap_unlock(pte - 1, ptl);
        return n;
}
int proc_make_text(struct tree_file *tf)
{
        struct textbuf t = { 0 };

        switch (tf->node.kind) {
        case NODE_PROC_CPUINFO: proc_cpuinfo(&t); break;
        case NODE_PROC_MEMINFO: proc_meminfo(&t); break;
        case NODE_PID_MAPS: proc_maps(&t, tf->node.pid); break;
        case NODE_PID_STATUS: proc_status(&t, tf->node.pid); break;
        default: break;
        }
        if (t.failed) {
                kfree(t.buf);
                return -ENOMEM;
        }
        tf->text = t.buf;
        tf->len = t.len;
        return 0;
}
