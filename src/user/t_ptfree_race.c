/* Tangled from book/listings-ptfree.nw (chapter "Listings of ``Freeing page tables by RCU''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HP        (2L << 20)
#define PG        4096L
#define SLOT      20                            /* beyond the reads' fault-around */
#define A_BASE    ((char *)0x200000000UL)       /* the file the collapser collapses */
#define B_BASE    ((char *)0x200400000UL)       /* the reuser's read-only mapping */
#define B_SCRATCH ((char *)0x200800000UL)       /* gives the reuser a PMD table */

struct shared { volatile int victim_done, collapsed; };

static int victim(struct shared *sh, bool late)
{
        sh->victim_done = 0;                    /* fault the shared word in now */
        for (long i = 0; i < 5; i++)
                (void)*(volatile char *)(A_BASE + i * PG);
        prctl(PR_SET_NAME, "victim");
        A_BASE[SLOT * PG] = 'V';
        while (late && !sh->collapsed)
                sched_yield();
        if (late)
                A_BASE[SLOT * PG + 1] = 'W';
        return A_BASE[SLOT * PG] == 'V' ? 0 : 1;
}
static sigjmp_buf reuser_jmp;

static void reuser_caught(int sig)
{
        siglongjmp(reuser_jmp, sig);
}

static int reuser(struct shared *sh)
{
        struct sigaction sa = { .sa_handler = reuser_caught };
        volatile char pad[8192];
        char buf[8] = { 0 };
        int fd = memfd_create("secret", 0);

        ftruncate(fd, HP);
        pwrite(fd, "secret", 6, SLOT * PG);
        char *ro = mmap(B_BASE, HP, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
        char *scratch = mmap(B_SCRATCH, PG, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (ro != B_BASE || scratch != B_SCRATCH)
                return 2;
        scratch[0] = 1;
        pad[0] = pad[sizeof(pad) - 1] = (char)sh->victim_done;
        sigaction(SIGSEGV, &sa, NULL);
        prctl(PR_SET_NAME, "reuser");
        char c = *(volatile char *)(ro + SLOT * PG);
        while (!sh->victim_done)
                sched_yield();
        if (sigsetjmp(reuser_jmp, 1)) {
                say("reuser: read '%c'; its write to the read-only page: SIGSEGV\n", c);
                return 0;
        }
        *(volatile char *)(ro + SLOT * PG) = 'X';
        pread(fd, buf, 6, SLOT * PG);
        say("reuser: read '%c'; its write to the read-only page WENT THROUGH: the file now reads \"%s\"\n",
            c, buf);
        return 1;
}
static long ncpus;      /* counted before any pin: musl counts the caller's mask */

static void pin_to(long cpu)
{
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu % ncpus, &set);
        sched_setaffinity(0, sizeof(set), &set);
}

int main(int argc, char **argv)
{
        bool with_reuser = argc > 1 && !strcmp(argv[1], "reuse");
        bool late = argc > 1 && !strcmp(argv[1], "late");
        struct shared *sh = mmap(NULL, PG, PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        int fd = memfd_create("collapsed", 0);
        char c[2] = { 0, 0 };
        int status;

        sh->victim_done = sh->collapsed = 0;
        ftruncate(fd, HP);
        for (long i = 0; i < HP / PG; i++)
                pwrite(fd, "page", 4, i * PG);
        if (mmap(A_BASE, HP, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) != A_BASE)
                return 2;
        ncpus = sysconf(_SC_NPROCESSORS_ONLN);
        pin_to(0);
        pid_t a = fork();
        if (a == 0) {
                pin_to(1);
                _exit(victim(sh, late));
        }
        pid_t b = with_reuser ? fork() : 0;
        if (with_reuser && b == 0) {
                pin_to(2);
                _exit(reuser(sh));
        }
        int ret = madvise(A_BASE, HP, MADV_COLLAPSE);
        say("collapser: MADV_COLLAPSE returned %d\n", ret);
        sh->collapsed = 1;
        status = wait_child(a);
        say("collapser: the victim exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        sh->victim_done = 1;
        if (with_reuser) {
                status = wait_child(b);
                say("collapser: the reuser exited with %d\n",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        }
        pread(fd, c, 2, SLOT * PG);
        say("collapser: the victim's write is in its file: %s\n", c[0] == 'V' ? "yes" : "no");
        if (late)
                say("collapser: the victim's write after the collapse is in its file: %s\n",
                    c[1] == 'W' ? "yes" : "no");
        say("collapser: faults that found their table detached: %ld; that locked a freed table: %ld\n",
            book_debug(BOOK_DEBUG_HUGE_STATS, 5), book_debug(BOOK_DEBUG_HUGE_STATS, 4));
        return 0;
}
