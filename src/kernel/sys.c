/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <asm/ldt.h>
#include <asm/mpx.h>
#include <asm/msr.h>
#include <asm/power.h>
#include <asm/tsc.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/syscalls.h>

#define PR_SET_NAME 15
#define PR_GET_NAME 16

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
                unsigned long, arg4, unsigned long, arg5)
{
        char name[sizeof(current->comm)];

        switch (option) {
        case PR_SET_NAME:
                memset(name, 0, sizeof(name));
                if (strncpy_from_user(name, (const char __user *)arg2, sizeof(name) - 1) < 0)
                        return -EFAULT;
                memcpy(current->comm, name, sizeof(name));
                return 0;
        case PR_GET_NAME:
                memcpy(name, current->comm, sizeof(name));
                if (copy_to_user((void __user *)arg2, name, sizeof(name)))
                        return -EFAULT;
                return 0;
        case PR_MPX_ENABLE_MANAGEMENT:
        case PR_MPX_DISABLE_MANAGEMENT:
                if (arg2 || arg3 || arg4 || arg5)
                        return -EINVAL;
                return option == PR_MPX_ENABLE_MANAGEMENT ? mpx_enable_management()
                                                          : mpx_disable_management();
        }
        return -EINVAL;
}
static u64 realtime_ns(void)
{
        u64 tsc = rdtsc();

        return tsc / tsc_khz * 1000000 + tsc % tsc_khz * 1000000 / tsc_khz;
}
struct __kernel_old_timeval { long tv_sec, tv_usec; };
struct timezone { int tz_minuteswest, tz_dsttime; };
SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv,
                struct timezone __user *, tz)
{
        u64 ns = realtime_ns();
        struct __kernel_old_timeval v = { ns / 1000000000, ns % 1000000000 / 1000 };
        struct timezone z = { 0, 0 };

        if (tv && copy_to_user(tv, &v, sizeof(v)))
                return -EFAULT;
        if (tz && copy_to_user(tz, &z, sizeof(z)))
                return -EFAULT;
        return 0;
}
SYSCALL_DEFINE1(time, long __user *, tloc)
{
        long t = realtime_ns() / 1000000000;

        if (tloc && copy_to_user(tloc, &t, sizeof(t)))
                return -EFAULT;
        return t;
}
SYSCALL_DEFINE0(sync)
{
        return 0;
}
void rlimits_init(struct rlimit *r)
{
        for (int i = 0; i < RLIM_NLIMITS; i++)
                r[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
        r[RLIMIT_STACK].rlim_cur = 8UL << 20;
        r[RLIMIT_CORE].rlim_cur = 0;
        r[RLIMIT_NOFILE] = (struct rlimit){ NR_OPEN_DEFAULT, NR_OPEN_DEFAULT };
        r[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
        r[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
        r[RLIMIT_NICE] = r[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

unsigned long rlimit(unsigned int resource)
{
        struct signal_struct *sig = current->signal;

        return sig ? READ_ONCE(sig->rlim[resource].rlim_cur) : RLIM_INFINITY;
}

static long do_prlimit(struct task_struct *t, unsigned int resource,
                       const struct rlimit *new, struct rlimit *old)
{
        if (resource >= RLIM_NLIMITS)
                return -EINVAL;
        if (new && new->rlim_cur > new->rlim_max)
                return -EINVAL;
        if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_DEFAULT)
                return -EPERM;
        spin_lock(&t->signal->rlim_lock);
        if (old)
                *old = t->signal->rlim[resource];
        if (new)
                t->signal->rlim[resource] = *new;
        spin_unlock(&t->signal->rlim_lock);
        return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
        struct rlimit r;
        long ret = do_prlimit(current, resource, NULL, &r);

        if (!ret && copy_to_user(rlim, &r, sizeof(r)))
                return -EFAULT;
        return ret;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
        struct rlimit r;

        if (copy_from_user(&r, rlim, sizeof(r)))
                return -EFAULT;
        return do_prlimit(current, resource, &r, NULL);
}
SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
                const struct rlimit __user *, new_rlim, struct rlimit __user *, old_rlim)
{
        struct rlimit new, old;
        long ret = -ESRCH;

        if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
                return -EFAULT;
        spin_lock(&tasklist_lock);
        struct task_struct *t = pid ? find_task_by_pid(pid) : current;
        if (t && t->signal && !t->exit_state)
                ret = do_prlimit(t, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
        spin_unlock(&tasklist_lock);
        if (!ret && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
                return -EFAULT;
        return ret;
}
void account_process_tick(struct task_struct *t, bool user)
{
        if (user)
                t->usage.utime++;
        else
                t->usage.stime++;
}
void add_usage(struct task_usage *to, const struct task_usage *u)
{
        to->utime += u->utime;
        to->stime += u->stime;
        to->nvcsw += u->nvcsw;
        to->nivcsw += u->nivcsw;
        to->min_flt += u->min_flt;
        if (u->maxrss > to->maxrss)
                to->maxrss = u->maxrss;
}
/* Context: tasklist_lock held; z is a reaped zombie, the process's leader. */
void reap_usage(struct task_struct *z, struct task_usage *out)
{
        *out = z->signal->dead;
        add_usage(out, &z->signal->children);
        add_usage(&current->signal->children, out);
}
struct rusage_user {
        struct { long tv_sec, tv_usec; } ru_utime, ru_stime;
        long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
        long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct rusage_user) == RUSAGE_SIZE, "struct rusage");

int put_rusage(const struct task_usage *u, void __user *dst)
{
        struct rusage_user r = {
                .ru_utime = { u->utime / HZ, u->utime % HZ * (1000000 / HZ) },
                .ru_stime = { u->stime / HZ, u->stime % HZ * (1000000 / HZ) },
                .ru_maxrss = u->maxrss * (PAGE_SIZE / 1024), .ru_minflt = u->min_flt,
                .ru_nvcsw = u->nvcsw, .ru_nivcsw = u->nivcsw,
        };
        return copy_to_user(dst, &r, sizeof(r)) ? -EFAULT : 0;
}
static void usage_of(int who, struct task_usage *u)
{
        struct task_struct *t = current, *th;

        memset(u, 0, sizeof(*u));
        spin_lock(&tasklist_lock);
        if (who == RUSAGE_THREAD) {
                *u = t->usage;
        } else if (who == RUSAGE_CHILDREN) {
                *u = t->signal->children;
        } else {
                *u = t->signal->dead;
                list_for_each_entry(th, &t->signal->thread_head, thread_node)
                        add_usage(u, &th->usage);
        }
        spin_unlock(&tasklist_lock);
        if (who != RUSAGE_CHILDREN && t->mm) {
                update_hiwater_rss(t->mm);
                if (READ_ONCE(t->mm->hiwater_rss) > u->maxrss)
                        u->maxrss = READ_ONCE(t->mm->hiwater_rss);
        }
}
SYSCALL_DEFINE2(getrusage, int, who, void __user *, ru)
{
        struct task_usage u;

        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
                return -EINVAL;
        usage_of(who, &u);
        return put_rusage(&u, ru);
}
SYSCALL_DEFINE1(times, void __user *, buf)
{
        struct task_usage self, kids;
        long t[4];

        if (buf) {
                usage_of(RUSAGE_SELF, &self);
                usage_of(RUSAGE_CHILDREN, &kids);
                t[0] = self.utime;
                t[1] = self.stime;
                t[2] = kids.utime;
                t[3] = kids.stime;
                if (copy_to_user(buf, t, sizeof(t)))
                        return -EFAULT;
        }
        return READ_ONCE(jiffies);
}
SYSCALL_DEFINE1(sysinfo, void __user *, info)
{
        struct {
                long uptime;
                unsigned long loads[3], totalram, freeram, sharedram, bufferram;
                unsigned long totalswap, freeswap;
                unsigned short procs, pad;
                unsigned long totalhigh, freehigh;
                unsigned int mem_unit;
        } si = {
                .uptime = READ_ONCE(jiffies) / HZ, .totalram = totalram_pages(),
                .freeram = nr_free_pages(), .mem_unit = PAGE_SIZE,
        };
        struct task_struct *t;

        _Static_assert(sizeof(si) == 112, "struct sysinfo");
        spin_lock(&tasklist_lock);
        list_for_each_entry(t, &task_list, tasks)
                si.procs++;
        spin_unlock(&tasklist_lock);
        return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}
SYSCALL_DEFINE0(getpid) { return current->tgid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid)
{
        return current->group_leader == child_reaper ? 0 : READ_ONCE(current->parent)->tgid;
}
SYSCALL_DEFINE0(sched_yield)
{
        schedule();
        return 0;
}
#define AFFINITY_BYTES sizeof(unsigned long)
static struct task_struct *affinity_task(int pid)
{
        return !pid || pid == current->pid ? current : NULL;
}
SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len,
                unsigned long __user *, user_mask_ptr)
{
        unsigned long mask = 0;

        if (copy_from_user(&mask, user_mask_ptr, len < AFFINITY_BYTES ? len : AFFINITY_BYTES))
                return -EFAULT;
        if (!affinity_task(pid))
                return -ESRCH;
        mask &= READ_ONCE(cpu_online_mask);
        if (!mask)
                return -EINVAL;
        set_cpus_allowed(current, mask);
        return 0;
}
SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len,
                unsigned long __user *, user_mask_ptr)
{
        struct task_struct *t;

        if (len * 8 < nr_cpu_ids || (len & (AFFINITY_BYTES - 1)))
                return -EINVAL;
        t = affinity_task(pid);
        if (!t)
                return -ESRCH;
        unsigned long mask = READ_ONCE(t->cpus_allowed) & READ_ONCE(cpu_online_mask);
        return copy_to_user(user_mask_ptr, &mask, AFFINITY_BYTES) ? -EFAULT : (long)AFFINITY_BYTES;
}
SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
                void __user *, unused)
{
        unsigned int cpu = raw_smp_processor_id();

        (void)unused;
        if (cpup && put_user(cpu, cpup))
                return -EFAULT;
        if (nodep && put_user(0U, nodep))
                return -EFAULT;
        return 0;
}
#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7

SYSCALL_DEFINE2(clock_gettime, int, which, struct __kernel_timespec __user *, tp)
{
        if (which != CLOCK_REALTIME && which != CLOCK_MONOTONIC &&
            which != CLOCK_MONOTONIC_RAW && which != CLOCK_REALTIME_COARSE &&
            which != CLOCK_MONOTONIC_COARSE && which != CLOCK_BOOTTIME)
                return -EINVAL;
        u64 tsc = rdtsc();
        u64 ns = tsc / tsc_khz * 1000000 + tsc % tsc_khz * 1000000 / tsc_khz;
        struct __kernel_timespec ts = { ns / 1000000000, ns % 1000000000 };
        return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}
SYSCALL_DEFINE2(nanosleep, const struct __kernel_timespec __user *, rqtp,
                struct __kernel_timespec __user *, rmtp)
{
        struct __kernel_timespec ts;
        if (copy_from_user(&ts, rqtp, sizeof(ts)))
                return -EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
                return -EINVAL;
        unsigned long ticks = timespec_to_ticks(&ts), deadline = jiffies + ticks;
        if (!ticks || !sleep_until_interruptible(deadline))
                return 0;
        long left = (long)(deadline - jiffies);
        u64 ns = left > 0 ? (u64)left * (1000000000 / HZ) : 0;
        struct __kernel_timespec rem = { ns / 1000000000, ns % 1000000000 };
        if (rmtp && copy_to_user(rmtp, &rem, sizeof(rem)))
                return -EFAULT;
        return -ERESTARTNOHAND;
}
struct new_utsname { char sysname[65], nodename[65], release[65], version[65],
                     machine[65], domainname[65]; };
SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
        static const struct new_utsname u = {
                "Linux", "book", "6.1.0-book", "#1 SMP (the book's kernel)", "x86_64", "(none)",
        };
        return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
        switch (code) {
        case ARCH_SET_FS:
        case ARCH_SET_GS:
                if (addr >= TASK_SIZE_MAX)
                        return -EPERM;
                preempt_disable();
                if (code == ARCH_SET_FS)
                        loadsegment(fs, 0);
                else
                        load_gs_index(0);
                wrmsrl(code == ARCH_SET_FS ? MSR_FS_BASE : MSR_KERNEL_GS_BASE, addr);
                preempt_enable();
                return 0;
        case ARCH_GET_FS:
        case ARCH_GET_GS: {
                preempt_disable();
                unsigned long v = rdmsrl(code == ARCH_GET_FS ? MSR_FS_BASE : MSR_KERNEL_GS_BASE);
                preempt_enable();
                return put_user(v, (unsigned long __user *)addr);
        }
        }
        return -EINVAL;
}
SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
        current->clear_child_tid = tidptr;
        return current->pid;
}
#define LINUX_REBOOT_MAGIC1        0xfee1dead
#define LINUX_REBOOT_CMD_CAD_ON    0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF   0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc
SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
        (void)arg;
        if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
            (magic2 != 672274793 && magic2 != 85072278 && magic2 != 369367448 &&
             magic2 != 537993216))
                return -EINVAL;
        switch (cmd) {
        case LINUX_REBOOT_CMD_POWER_OFF:
                pr_notice("reboot: Power down\n");
                power_off(EXIT_INIT_BASE);
        case LINUX_REBOOT_CMD_CAD_ON:
        case LINUX_REBOOT_CMD_CAD_OFF:
                return 0;
        }
        return -EINVAL;
}
