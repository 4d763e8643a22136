/* Tangled from book/userland.nw (chapter "User programs and the shell"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>

struct demo {
        const char *name;       /* runs /bin/name */
        const char *what;       /* one line for help */
};

static const struct demo demos[] = {
        { "t_fpu", "test that each process keeps its SSE/AVX registers across switches" },
        { "t_shootdown", "test that munmap reaches a thread on another CPU (TLB shootdown)" },
        { "t_mremap", "test mremap: shrink, grow in place, move, MREMAP_FIXED, DONTUNMAP" },
        { "t_oom", "run memory out twice: the OOM killer picks the largest, never init" },
        { "t_memfd", "test memfd: read, write, truncate, shared and private mmap, SIGBUS" },
        { "t_shared_anon", "test MAP_SHARED|MAP_ANONYMOUS memory across fork" },
        { "t_faultaround", "test fault-around: one fault maps the cached pages of 64 KiB" },
        { "t_pipe", "test pipes: EOF, EPIPE and SIGPIPE, O_NONBLOCK, capacity, atomic writes" },
        { "t_files", "test the read-only tree: paths, open, getdents64, cwd, /proc/self/exe, /dev" },
        { "t_proc", "test /proc/self/status, maps, cpuinfo, meminfo; mount; syslog" },
        { "t_poll", "test poll and ppoll: pipes, devices, timeouts, signals, the mask" },
        { "t_rofs", "try to patch /bin/hello (works only with initramfs_ro=off), then run it" },
        { "t_sched", "test where children run: inherited affinity, idle pull [placement]" },
        { "t_lazy", "exit while another CPU holds the address space lazily" },
        { "t_rlimit", "test getrlimit, setrlimit, prlimit64, gettimeofday, time and sync" },
        { "t_rusage", "test getrusage, times and wait4's rusage: CPU time, faults, maxrss" },
        { "t_forkfail", "fork once and report (boot with fail_alloc= to fail it)" },
        { "t_badiret", "test rt_sigreturn to segments IRET refuses: SIGSEGV, not a crash" },
        { "t_sigthread",
          "test kill/tgkill, EINTR and SA_RESTART, futex, exit_group with threads" },
        { "bench_thread", "cycles per thread create+join, and per signal delivered [count]" },
        { "t_sigframe", "test the signal frame: err, trapno, SS kept or replaced, AT_MINSIGSTKSZ" },
        { "t_ptrace", "ptrace: attach, stops, wait4, signals, detach, errors" },
        { "t_ptrace_mem", "ptrace: PEEK/POKE, and copy-on-write for a breakpoint in text" },
        { "t_ptrace_regs", "ptrace: GETREGS, SETREGS, PEEKUSER, GETFPREGS and putreg's checks" },
        { "t_ptrace_sys", "ptrace: system-call stops; skip a call, change its number and result" },
        { "t_ptrace_step", "ptrace: single steps, and a step over SYSCALL" },
        { "t_ptrace_hw", "ptrace: hardware breakpoints and watchpoints in DR0-DR7" },
        { "t_strace", "a small strace: t_strace /bin/hello a b [program args]" },
        { "ldt_demo", "install LDT descriptors and run 32-bit code through them" },
        { "t_ldt", "test modify_ldt: validation, LDT segments across switches and fork" },
        { "t_int80", "test int $0x80 from 32-bit code: the i386 system calls, TLS, SYSENTER" },
        { "hello", "print a greeting with musl's printf, and its arguments" },
        { "t_fork", "test fork, exit and wait4: pids, statuses, ECHILD, WNOHANG" },
        { "t_cow", "test copy-on-write after fork: each side sees its own data" },
        { "t_mmap", "test mmap, munmap and mprotect edge cases" },
        { "t_brk", "test brk: grow, write, shrink, grow again zeroed" },
        { "t_efault", "test that bad pointers give EFAULT from every system call" },
        { "t_exec", "test execve: argv, envp, auxv; what survives an exec" },
        { "t_segv", "test that bad accesses kill a child with SIGSEGV" },
        { "bench_syscall", "cycles per system call (getpid, and a missing one) [count]" },
        { "bench_fork", "cycles per fork + exit + wait4, small and with 4 MiB touched [count]" },
        { "bench_fault", "cycles per first touch of a fresh anonymous page [pages]" },
        { "bench", "the cost-table benchmark, one line per row [quick] [row or group]" },
        { "t_thread", "test threads: pthread_create/join, a mutex, thread-locals" },
        { "t_signal", "test signal handlers: siginfo, ucontext, sigaltstack, masks" },
        { "fuzz", "random system calls with hostile arguments [calls [processes [seed]]]" },
        { "pti_probe", "audit this process's user page tables; "
                       "read kernel addresses [addr]" },
        { "t_pti_ldt", "LDT segments on every CPU while another thread "
                       "rewrites the table" },
        { "bench_ldt", "cycles per fork with no, a small and a full LDT; "
                       "per write [count]" },
        { "espfix_demo", "watch ESP[31:16] across a fault and a tick with a 16-bit SS [cpu]" },
        { "bench_espfix", "cycles per int3 round trip and per int $0x80 getpid, flat and 16-bit SS [count]" },
        { "t_collapse", "collapse a shared memfd range while a child reads it; cut it in pieces" },
        { "t_ptfree", "which PTE tables a collapse retracted and freed by RCU; huge PMD entries" },
        { "t_ptfree_stress", "two processes fault, munmap and mprotect while a range collapses [rounds]" },
        { "bench_ptfree", "cycles per first touch small and huge, per collapse, per grace period [rounds]" },
        { "t_paranoid", "a #DB in the SYSCALL window, or NMIs: bp 0|1|2 [arch_prctl|wrgsbase], nmi CPU N" },
        { "t_fsgsbase", "RDGSBASE/WRGSBASE and arch_prctl, as on Linux 5.9+" },
};
static const char *const signal_names[] = {
        "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
        "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
        "SIGSYS",
};
#define NR_SIGNAL_NAMES (int)(sizeof(signal_names) / sizeof(signal_names[0]))
static char input[1024];        /* bytes read but not yet used */
static size_t input_len;
static bool input_ended;

static char *read_line(void)
{
        static char line[sizeof(input) + 1];

        for (;;) {
                char *nl = memchr(input, '\n', input_len);
                if (nl || input_ended || input_len == sizeof(input)) {
                        size_t n = nl ? (size_t)(nl - input) : input_len;
                        size_t used = nl ? n + 1 : n;
                        if (!nl && n == 0)
                                return NULL;
                        memcpy(line, input, n);
                        line[n] = '\0';
                        memmove(input, input + used, input_len - used);
                        input_len -= used;
                        return line;
                }
                ssize_t got = read(0, input + input_len, sizeof(input) - input_len);
                if (got < 0 && errno == EINTR)
                        continue;
                if (got < 0)
                        say("sh: read: %s\n", strerror(errno));
                if (got <= 0)
                        input_ended = true;
                else
                        input_len += got;
        }
}
#define MAX_WORDS 32

static int split_words(char *line, char *words[MAX_WORDS + 1])
{
        int n = 0;

        for (char *w = strtok(line, " \t\r"); w && n < MAX_WORDS; w = strtok(NULL, " \t\r"))
                words[n++] = w;
        words[n] = NULL;
        return n;
}
static void ls(const char *path)
{
        DIR *d = opendir(path);
        struct stat st;
        char full[512];

        if (!d) {
                say("ls: %s: %s\n", path, strerror(errno));
                return;
        }
        for (struct dirent *e; (e = readdir(d)); ) {
                if (e->d_name[0] == '.')
                        continue;
                snprintf(full, sizeof(full), "%s/%s", path, e->d_name);
                bool link = !lstat(full, &st) && S_ISLNK(st.st_mode);
                say("%s%s\n", e->d_name, link ? "@" : e->d_type == DT_DIR ? "/" : "");
        }
        closedir(d);
}
static void cat(const char *path)
{
        char buf[512];
        long n;
        int fd = open(path, O_RDONLY);

        if (fd < 0) {
                say("cat: %s: %s\n", path, strerror(errno));
                return;
        }
        while ((n = read(fd, buf, sizeof(buf))) > 0)
                write(1, buf, n);
        if (n < 0)
                say("cat: %s: %s\n", path, strerror(errno));
        close(fd);
}
static bool file_builtin(int argc, char **argv)
{
        char cwd[256];

        if (!strcmp(argv[0], "cd")) {
                if (chdir(argc > 1 ? argv[1] : "/"))
                        say("cd: %s: %s\n", argc > 1 ? argv[1] : "/", strerror(errno));
        } else if (!strcmp(argv[0], "pwd")) {
                say("%s\n", getcwd(cwd, sizeof(cwd)) ? cwd : strerror(errno));
        } else if (!strcmp(argv[0], "ls")) {
                for (int i = 1; i < argc || i == 1; i++)
                        ls(i < argc ? argv[i] : ".");
        } else if (!strcmp(argv[0], "cat")) {
                for (int i = 1; i < argc; i++)
                        cat(argv[i]);
        } else {
                return false;
        }
        return true;
}
static void help(void)
{
        say("Programs (run one by typing its name and arguments):\n");
        for (size_t i = 0; i < sizeof(demos) / sizeof(demos[0]); i++)
                say("  %-14s %s\n", demos[i].name, demos[i].what);
        say("Builtins:\n");
        say("  %-14s %s\n", "help", "this list");
        say("  %-14s %s\n", "exit [N]", "end the shell with status N (as init: power off)");
        say("  %-14s %s\n", "poweroff", "power the machine off now");
        say("  %-14s %s\n", "cd, pwd", "change and show the working directory");
        say("  %-14s %s\n", "ls, cat", "list directories, show files (try cat /proc/self/maps)");
}

static bool builtin(int argc, char **argv)
{
        if (file_builtin(argc, argv))
                return true;
        if (strcmp(argv[0], "help") == 0) {
                help();
        } else if (strcmp(argv[0], "exit") == 0) {
                exit(argc > 1 ? atoi(argv[1]) : 0);
        } else if (strcmp(argv[0], "poweroff") == 0) {
                reboot(RB_POWER_OFF);
                say("sh: poweroff: %s\n", strerror(errno));
        } else {
                return false;
        }
        return true;
}
static void run(char **argv, char **envp)
{
        char path[256];
        pid_t pid;

        snprintf(path, sizeof(path), "%s%s", strchr(argv[0], '/') ? "" : "/bin/", argv[0]);
        pid = fork();
        if (pid < 0) {
                say("sh: fork: %s\n", strerror(errno));
                return;
        }
        if (pid == 0) {
                execve(path, argv, envp);
                if (errno == ENOENT)
                        say("sh: %s: unknown command (type help for a list)\n", argv[0]);
                else
                        say("sh: %s: %s\n", path, strerror(errno));
                _exit(127);
        }
        int status = wait_child(pid);
        if (status == -1)
                say("sh: wait4: %s\n", strerror(errno));
        else if (WIFEXITED(status))
                say("[exit status %d]\n", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
                say("[killed by signal %d (%s)]\n", WTERMSIG(status),
                    WTERMSIG(status) < NR_SIGNAL_NAMES ? signal_names[WTERMSIG(status)] : "?");
}
int main(int argc, char **argv, char **envp)
{
        struct utsname u;
        char *words[MAX_WORDS + 1];
        char *line;

        (void)argc, (void)argv;
        if (uname(&u) == 0)
                say("\nsh: a small shell on %s %s (%s)\n", u.sysname, u.release, u.machine);
        say("Type help for the list of programs.\n");
        for (;;) {
                say("$ ");
                if (!(line = read_line()))
                        break;
                int n = split_words(line, words);
                if (n > 0 && !builtin(n, words))
                        run(words, envp);
                while (wait4(-1, NULL, WNOHANG, NULL) > 0)
                        ;
        }
        say("\n");
        return 0;
}
