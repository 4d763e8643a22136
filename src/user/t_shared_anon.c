/* Tangled from book/listings-shmem.nw (chapter "Listings of ``Shared memory''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sched.h>
#include <signal.h>

#define PG 4096L

static void wait_for(int *flag, int value)
{
        while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != value)
                sched_yield();
}

static void pass_turn(int *flag, int value)
{
        __atomic_store_n(flag, value, __ATOMIC_RELEASE);
}

static int child_turns(int *flag, char *shared, char *private)
{
        int bad = 0;

        wait_for(flag, 1);
        bad |= (shared[PG] != 'p' || shared[3 * PG] != 'q') << 0;
        bad |= (*private != 'v') << 1;
        shared[2 * PG] = 'c';
        *private = 'w';
        pass_turn(flag, 2);
        wait_for(flag, 3);
        bad |= (shared[2 * PG] != 'P') << 2;
        return bad;
}
static void check_turns(char *shared, char *private)
{
        int *flag = (int *)shared;
        pid_t pid = fork();

        if (pid == 0)
                _exit(child_turns(flag, shared, private));
        shared[PG] = 'p';
        shared[3 * PG] = 'q';
        pass_turn(flag, 1);
        wait_for(flag, 2);
        ok(shared[2 * PG] == 'c', "the parent sees the running child's store");
        ok(*private == 'v', "the private page keeps the parent's value");
        shared[2 * PG] = 'P';
        pass_turn(flag, 3);
        int status = wait_child(pid);
        ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 1), "the child sees the parent's stores");
        ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 2), "the child's private page is a copy");
        ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 4), "the child sees the parent's answer");
}
static int split_child(char *shared)
{
        if (shared[PG] != 'p' || shared[3 * PG] != 'q')
                return 1;
        shared[3 * PG] = 'k';
        mprotect(shared + 3 * PG, PG, PROT_READ);
        shared[3 * PG] = 'x';           /* SIGSEGV */
        return 2;
}

static void check_split_and_protect(char *shared)
{
        ok_eq(munmap(shared + 2 * PG, PG), 0, "unmap the third page");
        pid_t pid = fork();
        if (pid == 0)
                _exit(split_child(shared));
        int status = wait_child(pid);
        ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
           "the child sees each piece's own pages and dies writing its read-only page");
        ok(shared[3 * PG] == 'k', "its store before mprotect reached the parent");
        shared[3 * PG] = 'm';
        ok(shared[3 * PG] == 'm', "the parent's mapping of that page is still writable");
}
int main(void)
{
        char *shared = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                            -1, 0);
        char *private = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                             -1, 0);

        if (!ok(shared != MAP_FAILED && private != MAP_FAILED,
                "mmap 4 pages MAP_SHARED | MAP_ANONYMOUS and one private"))
                return done();
        ok(shared[0] == 0 && shared[4 * PG - 1] == 0, "shared anonymous memory starts zeroed");
        *private = 'v';
        check_turns(shared, private);
        check_split_and_protect(shared);
        munmap(shared, 4 * PG);
        return done();
}
