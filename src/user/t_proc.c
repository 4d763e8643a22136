/* Tangled from book/listings-files.nw (chapter "Listings of ``Files''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <cpuid.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char text[1 << 17];
static void on_usr2(int sig) { (void)sig; }

static long slurp(const char *path)
{
        int fd = open(path, O_RDONLY);
        long n = 0, r;

        if (fd < 0)
                return -1;
        while (n < (long)sizeof(text) - 1 && (r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
                n += r;
        close(fd);
        text[n] = '\0';
        return n;
}

static const char *field(const char *name)
{
        static char line[4096];
        size_t len = strlen(name);

        for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
                if (!strncmp(p, name, len) && p[len + strspn(p + len, "\t ")] == ':') {
                        const char *v = p + len + strspn(p + len, "\t ") + 1, *end = strchr(v, '\n');
                        while (*v == '\t' || *v == ' ')
                                v++;
                        size_t n = end ? (size_t)(end - v) : strlen(v);
                        memcpy(line, v, n < sizeof(line) ? n : sizeof(line) - 1);
                        line[n < sizeof(line) ? n : sizeof(line) - 1] = '\0';
                        return line;
                }
        return NULL;
}
static long kb(const char *name)
{
        const char *v = field(name);
        return v ? atol(v) : -1;
}

static void check_status(void)
{
        char want[64];
        sigset_t set;

        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        signal(SIGHUP, SIG_IGN);
        signal(SIGUSR2, on_usr2);
        ok(slurp("/proc/self/status") > 0, "read /proc/self/status");
        ok(field("Name") && !strcmp(field("Name"), "t_proc"), "Name: t_proc");
        ok(field("State") && !strcmp(field("State"), "R (running)"), "State: R (running)");
        ok_eq(atol(field("Tgid")), getpid(), "Tgid: the pid");
        ok_eq(atol(field("Pid")), getpid(), "Pid: the pid");
        ok_eq(atol(field("PPid")), getppid(), "PPid: the parent");
        snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", getuid(), geteuid(), getuid(), getuid());
        ok(field("Uid") && !strcmp(field("Uid"), want), "Uid: four ids");
        ok_eq(atol(field("Threads")), 1, "Threads: 1");
        ok(field("SigBlk") && strtoul(field("SigBlk"), NULL, 16) == 1UL << (SIGUSR1 - 1),
           "SigBlk: SIGUSR1, in hexadecimal");
        ok(field("SigIgn") && strtoul(field("SigIgn"), NULL, 16) & 1UL << (SIGHUP - 1),
           "SigIgn: SIGHUP");
        ok(field("SigCgt") && strtoul(field("SigCgt"), NULL, 16) & 1UL << (SIGUSR2 - 1),
           "SigCgt: SIGUSR2");
        long rss = kb("VmRSS");
        ok(rss > 0 && kb("VmSize") >= rss, "VmRSS and VmSize in kB, VmSize >= VmRSS");
        char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (int i = 0; i < 1 << 20; i += 4096)
                p[i] = 1;
        slurp("/proc/self/status");
        ok(kb("VmRSS") >= rss + 1000, "touching 1 MiB adds at least 1000 kB to VmRSS");
        munmap(p, 1 << 20);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        snprintf(want, sizeof(want), "/proc/%d/status", getpid());
        ok(slurp(want) > 0 && atol(field("Pid")) == getpid(), "/proc/<pid>/status is the same");
        ok_eq(slurp("/proc/999999/status"), -1, "/proc/999999: no such process");
        pid_t child = fork();
        if (child == 0) {
                pause();
                _exit(0);
        }
        usleep(50000);
        snprintf(want, sizeof(want), "/proc/%d/status", child);
        ok(slurp(want) > 0 && atol(field("Pid")) == child && atol(field("PPid")) == getpid(),
           "a child's status: its pid, and the caller as its parent");
        ok(field("State") && !strcmp(field("State"), "S (sleeping)"),
           "State: S (sleeping), in pause");
        kill(child, SIGKILL);
        wait_child(child);
        ok_errno(write(open("/proc/self/status", O_RDONLY), "x", 1), EBADF,
                 "status opened read-only cannot be written");
}
static bool find_map(unsigned long addr, char *perms, char *name, unsigned long *range)
{
        for (char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
                unsigned long lo, hi, off, ino;
                unsigned int maj, min;
                int col = 0;
                if (sscanf(p, "%lx-%lx %4s %lx %x:%x %lu %n", &lo, &hi, perms, &off, &maj, &min, &ino,
                           &col) < 7)
                        return false;
                if (addr < lo || addr >= hi)
                        continue;
                char *end = strchr(p, '\n');
                size_t n = end ? (size_t)(end - p) : strlen(p);
                name[0] = '\0';
                if ((size_t)col < n && n > 73) {
                        memcpy(name, p + 73, n - 73);
                        name[n - 73] = '\0';
                }
                range[0] = lo;
                range[1] = hi;
                return true;
        }
        return false;
}
static void check_maps(void)
{
        char perms[8], name[256];
        unsigned long r[2];
        int local = 0;
        char *ro = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        int mfd = memfd_create("t_proc", 0);
        ftruncate(mfd, 4096);
        char *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
        unsigned long brk0 = syscall(SYS_brk, 0);
        syscall(SYS_brk, brk0 + 8192);

        ok(slurp("/proc/self/maps") > 0, "read /proc/self/maps");
        ok(find_map((unsigned long)ro, perms, name, r) && !strcmp(perms, "r--p") &&
           r[0] == (unsigned long)ro && r[1] - r[0] >= 3 * 4096,
           "three read-only private pages: r--p, at their address");
        ok(find_map((unsigned long)sh, perms, name, r) && !strcmp(perms, "rw-s") &&
           !strncmp(name, "/memfd:", 7) && strstr(name, "(deleted)"),
           "a shared memfd mapping: rw-s, named /memfd:... (deleted) at column 73");
        ok(find_map(brk0, perms, name, r) && !strcmp(name, "[heap]") && r[1] >= brk0 + 8192,
           "the grown heap: [heap]");
        ok(find_map((unsigned long)&local, perms, name, r) && !strcmp(perms, "rw-p") &&
           !strcmp(name, "[stack]"), "a local variable lies in [stack], rw-p");
        munmap(ro, 3 * 4096);
        munmap(sh, 4096);
        close(mfd);
}
static bool has_flag(const char *flags, const char *name)
{
        size_t n = strlen(name);

        for (const char *p = flags; (p = strstr(p, name)); p += n)
                if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
                        return true;
        return false;
}

static void check_cpuinfo(void)
{
        unsigned int a, b, c, d, ea = 0, eb, ec, ed = 0;
        cpu_set_t cpus;
        int processors = 0;

        ok(slurp("/proc/cpuinfo") > 0, "read /proc/cpuinfo");
        for (char *p = text; (p = strstr(p, "processor\t: ")); p++)
                processors++;
        sched_getaffinity(0, sizeof(cpus), &cpus);
        ok_eq(processors, CPU_COUNT(&cpus), "one processor line per CPU");
        const char *flags = field("flags");
        ok(flags != NULL, "a flags line");
        if (!flags)
                flags = "";
        __cpuid(1, a, b, c, d);
        __cpuid(0x80000001, ea, eb, ec, ed);
        ok(has_flag(flags, "fpu") == !!(d & 1) && has_flag(flags, "tsc") == !!(d & 1 << 4) &&
           has_flag(flags, "sse2") == !!(d & 1 << 26) && has_flag(flags, "cx16") == !!(c & 1 << 13),
           "fpu, tsc, sse2 and cx16 as CPUID leaf 1 says");
        ok(has_flag(flags, "lm") == !!(ed & 1 << 29) && has_flag(flags, "lm"),
           "lm as CPUID leaf 0x80000001 says");
        ok(field("vendor_id") && field("model name"), "vendor_id and model name lines");
}
static void check_meminfo(void)
{
        ok(slurp("/proc/meminfo") > 0, "read /proc/meminfo");
        ok(!strncmp(text, "MemTotal:", 9) && strstr(text, "\nMemFree:") &&
           strstr(text, "\nMemAvailable:"), "MemTotal, MemFree, MemAvailable come first");
        char *nl = strchr(text, '\n');
        ok(nl && nl - text >= 27 && !strncmp(nl - 3, " kB", 3) && text[15] == ' ',
           "MemTotal: a 16-column label, the value, kB");
        long total = kb("MemTotal"), free = kb("MemFree");
        ok(total > 0 && free > 0 && free <= total, "0 < MemFree <= MemTotal");
}
static void check_mount(void)
{
        ok_eq(mount("proc", "/proc", "proc", 0, NULL), 0, "mount proc on /proc");
        umount2("/proc", MNT_DETACH);
        ok_errno(mount("x", "/no-such-dir", "proc", 0, NULL), ENOENT, "mount on a missing target");
        ok_errno(mount("x", "/proc", "no-such-fs", 0, NULL), ENODEV, "mount of an unknown type");
        ok_errno(mount("x", (char *)8, "proc", 0, NULL), EFAULT, "mount on a bad address");
}

static void check_syslog(void)
{
        int size = klogctl(10, NULL, 0);
        ok(size >= 4096, "SYSLOG_ACTION_SIZE_BUFFER: a log of some KiB");
        int n = klogctl(3, text, sizeof(text) - 1);
        ok(n > 0 && n <= size && text[0] == '<' && text[2] == '>' && text[n - 1] == '\n',
           "SYSLOG_ACTION_READ_ALL: whole lines, each starting with <level>");
        text[n > 0 ? n : 0] = '\0';
        int bad = 0;
        for (char *p = text; *p; p = strchr(p, '\n') + 1)
                bad += p[0] != '<' || p[1] < '0' || p[1] > '7' || p[2] != '>';
        ok_eq(bad, 0, "every line starts with <0> to <7>");
        ok_eq(klogctl(3, text, 0), 0, "READ_ALL into 0 bytes: 0");
        ok_errno(klogctl(3, NULL, 10), EINVAL, "READ_ALL into NULL: EINVAL");
        ok_errno(klogctl(3, text, -1), EINVAL, "READ_ALL with a negative length: EINVAL");
        ok_errno(klogctl(99, text, 10), EINVAL, "an unknown action: EINVAL");
}

int main(void)
{
        check_status();
        check_maps();
        check_cpuinfo();
        check_meminfo();
        check_mount();
        check_syslog();
        return done();
}
