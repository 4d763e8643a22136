/* Tangled from book/listings-ctxtrack.nw (chapter "Listings of ``Context tracking and the entry code''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>

#define ARCH_SET_GS 0x1001
#define ARCH_GET_GS 0x1004

static int pin(int cpu)
{
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        return sched_setaffinity(0, sizeof(set), &set) == 0 && sched_getcpu() == cpu ? 0 : -1;
}

static long stat_of(int s) { return book_debug(BOOK_DEBUG_PARANOID, 0x200 + s); }

static unsigned long gs_base(void)
{
        unsigned long v = 0;

        syscall(SYS_arch_prctl, ARCH_GET_GS, &v);
        return v;
}
enum { NMI_USER, NMI_KERNEL, USER_GS, USER_CR3, DB };

static int breakpoints(int where, const char *gs, int rounds)
{
        static const char *const names[] = { "the SYSCALL entry", "the exit's SWAPGS",
                                             "SYSRETQ" };
        unsigned long want = 0;

        if (pin(0))
                return 1;
        if (!strcmp(gs, "arch_prctl")) {
                want = 1UL << 40;
                syscall(SYS_arch_prctl, ARCH_SET_GS, want);
        } else if (!strcmp(gs, "wrgsbase")) {
                want = 0xffffa00000000000UL;
                asm volatile("wrgsbase %0" : : "r"(want) : "memory");
        }
        for (int r = 0; r < rounds; r++) {
                long db = stat_of(DB), ugs = stat_of(USER_GS), ucr3 = stat_of(USER_CR3);
                long kcr3 = book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0);
                long armed = book_debug(BOOK_DEBUG_PARANOID, 0x100 + where);
                if (armed < 0) {
                        skip("t_paranoid: no book_debug here (it returned %ld)", armed);
                        return done();
                }
                long ppid = syscall(SYS_getppid);               /* the #DB */
                long ppid2 = syscall(SYS_getppid);              /* an entry after the return */
                long kcr3_after = book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0);
                ok_eq(stat_of(DB) - db, 1, "t_paranoid: round %d: the breakpoint at %s fired once",
                      r, names[where]);
                ok(ppid == ppid2 && ppid == getppid(), "t_paranoid: round %d: getppid answered", r);
                ok_eq((long)gs_base(), (long)want, "t_paranoid: round %d: the GS base came back", r);
                ok_eq(kcr3_after - kcr3, 0, "t_paranoid: round %d: no entry found the kernel's CR3", r);
                say("t_paranoid: round %d: the #DB found the user's GS: %s, the user's CR3: %s\n", r,
                    stat_of(USER_GS) > ugs ? "yes" : "no", stat_of(USER_CR3) > ucr3 ? "yes" : "no");
        }
        return done();
}
static int nmis(int cpu, long n)
{
        volatile long *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (shared == MAP_FAILED || pin(0))
                return 1;
        long before[5], kcr3 = book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0);
        for (int s = 0; s < 5; s++)
                before[s] = stat_of(s);
        pid_t pid = fork();
        if (pid == 0) {
                unsigned long mine = 0x1234000UL + (unsigned long)cpu * 4096, bad = 0;
                if (pin(cpu))
                        _exit(2);
                syscall(SYS_arch_prctl, ARCH_SET_GS, mine);
                pid_t parent = getppid();
                shared[0] = 1;
                while (!shared[1]) {
                        bad |= syscall(SYS_getppid) != parent;
                        bad |= gs_base() != mine;
                        for (volatile int i = 0; i < 1000; i++)
                                ;
                        shared[2]++;
                }
                _exit(bad ? 3 : 0);
        }
        while (!shared[0])
                sched_yield();
        long sent = book_debug(BOOK_DEBUG_PARANOID, 0x300 + cpu + ((unsigned long)n << 16));
        shared[1] = 1;
        int st = wait_child(pid);
        if (sent < 0) {
                skip("t_paranoid: no book_debug here (it returned %ld)", sent);
                return done();
        }
        long user = stat_of(NMI_USER) - before[NMI_USER];
        long kern = stat_of(NMI_KERNEL) - before[NMI_KERNEL];
        ok_eq(sent, n, "t_paranoid: %ld NMIs sent to CPU %d arrived", n, cpu);
        ok_eq(user + kern, n, "t_paranoid: each was counted once, in user or kernel mode");
        ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "t_paranoid: the child's system calls and GS base were right (status %#x)", st);
        ok_eq(book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0) - kcr3, 0,
              "t_paranoid: no entry found the kernel's CR3");
        say("# t_paranoid: %ld in user mode, %ld in the kernel, %ld with the user's GS, "
            "%ld with the user's CR3; %ld loops\n", user, kern,
            stat_of(USER_GS) - before[USER_GS], stat_of(USER_CR3) - before[USER_CR3], shared[2]);
        return done();
}

int main(int argc, char **argv)
{
        const char *mode = argc > 1 ? argv[1] : "bp";

        if (!strcmp(mode, "nmi"))
                return nmis(argc > 2 ? atoi(argv[2]) : 1, argc > 3 ? atol(argv[3]) : 1000);
        return breakpoints(argc > 2 ? atoi(argv[2]) : 0, argc > 3 ? argv[3] : "none",
                           argc > 4 ? atoi(argv[4]) : 3);
}
