/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <time.h>

static void check_pids(void)
{
        pid_t parent = getpid();
        pid_t pid = fork();

        if (pid == 0)
                _exit((getpid() == parent) | (getppid() != parent) << 1 |
                      (gettid() != getpid()) << 2);
        ok(pid > 0, "fork returns the child's pid to the parent");
        ok(gettid() == parent, "the parent's thread id is its pid");
        int status = wait_child(pid);
        ok(status != -1, "wait4 returns the pid fork returned");
        ok(WIFEXITED(status), "the child exited normally (status %#x)", status);
        int bits = WEXITSTATUS(status);
        ok(!(bits & 1), "the child's pid differs from the parent's");
        ok(!(bits & 2), "the child's getppid is the parent's pid");
        ok(!(bits & 4), "the child's gettid is its pid");
}
static void check_all_statuses(void)
{
        for (int base = 0; base < 256; base += 16) {
                pid_t pids[16];
                int wrong = 0;

                for (int i = 0; i < 16; i++)
                        if ((pids[i] = fork()) == 0)
                                _exit(base + i);
                for (int n = 0; n < 16; n++) {
                        int status;
                        pid_t got = wait4(-1, &status, 0, NULL);
                        int i = 0;
                        while (i < 16 && pids[i] != got)
                                i++;
                        if (i == 16 || !WIFEXITED(status) || WEXITSTATUS(status) != base + i)
                                wrong++;
                        else
                                pids[i] = 0;
                }
                ok(wrong == 0,
                   "16 children exit with %d..%d; each status seen once, "
                   "from its child (%d wrong)",
                   base, base + 15, wrong);
        }
}
static void nap(long ms)
{
        struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
        nanosleep(&ts, NULL);
}

static void check_wait_for_one(void)
{
        pid_t pids[3];
        int status;

        for (int i = 0; i < 3; i++)
                if ((pids[i] = fork()) == 0) {
                        if (i == 1)
                                nap(50);
                        _exit(i + 1);
                }
        pid_t got = wait4(pids[1], &status, 0, NULL);
        ok(got == pids[1] && WIFEXITED(status) && WEXITSTATUS(status) == 2,
           "wait4(pid) returns that child, status 2, although others exited first");
        int sum = 0;
        for (int i = 0; i < 2; i++)
                if (wait4(-1, &status, 0, NULL) > 0)
                        sum += WEXITSTATUS(status);
        ok_eq(sum, 1 + 3, "wait4(-1) then returns the other two");

        pid_t pid = fork();
        if (pid == 0) {
                nap(500);
                _exit(7);
        }
        ok_eq(wait4(pid, &status, WNOHANG, NULL), 0, "WNOHANG on a running child returns 0");
        status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 7, "then waiting for it gets status 7");
}
static void check_no_child(void)
{
        int status;

        ok_errno(wait4(-1, &status, 0, NULL), ECHILD,
                 "wait4(-1) with no children fails with ECHILD");
        ok_errno(wait4(-1, &status, WNOHANG, NULL), ECHILD, "so does wait4(-1, WNOHANG)");
        ok_errno(wait4(getpid(), &status, 0, NULL), ECHILD, "wait4(own pid) fails with ECHILD");
}
static void check_status_bits(void)
{
        static const int codes[][2] = {
                { 256, 0 }, { 0x1ff, 255 }, { -1, 255 }, { 0x12345, 0x45 }
        };

        for (int i = 0; i < 4; i++) {
                pid_t pid = fork();
                if (pid == 0)
                        _exit(codes[i][0]);
                int status = wait_child(pid);
                ok(WIFEXITED(status) && WEXITSTATUS(status) == codes[i][1],
                   "exit(%#x) is reported as status %d (status %#x)",
                   codes[i][0], codes[i][1], status);
        }
}
static void check_grandchild(void)
{
        pid_t pid = fork();

        if (pid == 0) {
                pid_t inner = fork();
                if (inner == 0)
                        _exit(5);
                int status = wait_child(inner);
                _exit(WIFEXITED(status) ? WEXITSTATUS(status) + 10 : 99);
        }
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 15,
           "a grandchild's status 5 comes back through its parent as 15 (status %#x)", status);
}

int main(void)
{
        check_pids();
        check_all_statuses();
        check_wait_for_one();
        check_no_child();
        check_status_bits();
        check_grandchild();
        return done();
}
