/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <elf.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>

static void check_auxv(void)
{
        const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
        unsigned long n = getauxval(AT_PHNUM);
        int loads = 0;

        ok_eq(getauxval(AT_PAGESZ), 4096, "AT_PAGESZ is 4096");
        ok(getauxval(AT_RANDOM) != 0, "AT_RANDOM is given");
        ok(ph != NULL, "AT_PHDR is given");
        ok_eq(getauxval(AT_PHENT), sizeof(Elf64_Phdr), "AT_PHENT is the size of a program header");
        for (unsigned long i = 0; ph && i < n; i++)
                loads += ph[i].p_type == PT_LOAD;
        ok(n > 0 && loads > 0, "the %lu program headers at AT_PHDR include %d PT_LOAD", n, loads);
        ok(getauxval(AT_EXECFN) != 0, "AT_EXECFN is given");
        ok_eq(getauxval(AT_SECURE), 0, "AT_SECURE is 0");
}
static void check_start(int argc, char **argv)
{
        ok(argc >= 1 && argv[0] != NULL, "argv[0] is there (argc %d)", argc);
        ok(argv[argc] == NULL, "argv ends with NULL");
        for (int i = 0; i < argc; i++)
                say("# argv[%d] = \"%s\"\n", i, argv[i]);
        say("# AT_EXECFN = \"%s\"\n", (char *)getauxval(AT_EXECFN));
}
static void check_failed_and_child_exec(char **envp)
{
        char *self = (char *)getauxval(AT_EXECFN);
        char *args[] = { self, "--exit", "42", NULL };

        ok_errno(execve("/no/such/program", args, envp), ENOENT, "execve of a missing file");
        pid_t pid = fork();
        if (pid == 0) {
                execve(self, args, envp);
                _exit(99);
        }
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 42,
           "a child execs this program again, which exits with 42 (status %#x)", status);
}
static void exec_second_run(void)
{
        char *self = (char *)getauxval(AT_EXECFN);
        char count[16], failed[16], pid[16], addr[32];
        sigset_t usr1;
        char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        *page = 1;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        sigprocmask(SIG_BLOCK, &usr1, NULL);
        snprintf(count, sizeof(count), "%d", tap_number);
        snprintf(failed, sizeof(failed), "%d", tap_failures);
        snprintf(pid, sizeof(pid), "%d", getpid());
        snprintf(addr, sizeof(addr), "%p", (void *)page);
        char *args[] = { self, "--stage2", count, failed, pid, addr, "", "two words", NULL };
        char *env[] = { "T_EXEC_A=1", "T_EXEC_B=", NULL };
        execve(self, args, env);
        ok(false, "execve of this program for the second run (%s)", strerror(errno));
}
static int second_run(int argc, char **argv, char **envp)
{
        sigset_t now;
        int n = 0;

        tap_number = atoi(argv[2]);
        tap_failures = atoi(argv[3]);
        ok_eq(argc, 8, "the second run has the 8 arguments it was given");
        ok(argc == 8 && strcmp(argv[6], "") == 0 && strcmp(argv[7], "two words") == 0 && !argv[8],
           "an empty argument and one with a space arrive intact");
        while (envp[n])
                n++;
        ok(n == 2 && strcmp(envp[0], "T_EXEC_A=1") == 0 && strcmp(envp[1], "T_EXEC_B=") == 0,
           "the environment is exactly the two variables given (%d)", n);
        ok_eq(getpid(), atoi(argv[4]), "the pid is the same after execve");
        ok(!page_mapped((void *)strtoul(argv[5], NULL, 16)), "the old program's mapping is gone");
        sigprocmask(SIG_BLOCK, NULL, &now);
        ok(sigismember(&now, SIGUSR1), "a signal blocked before execve is still blocked");
        ok(strcmp((char *)getauxval(AT_EXECFN), argv[0]) == 0,
           "AT_EXECFN is the path execve was given");
        check_auxv();
        return done();
}

int main(int argc, char **argv, char **envp)
{
        if (argc == 3 && strcmp(argv[1], "--exit") == 0)
                return atoi(argv[2]);
        if (argc > 1 && strcmp(argv[1], "--stage2") == 0)
                return second_run(argc, argv, envp);
        check_start(argc, argv);
        check_auxv();
        check_failed_and_child_exec(envp);
        exec_second_run();
        return done();
}
