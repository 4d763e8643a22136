/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <signal.h>

static int load(void *p)
{
        long v;
        __asm__ volatile("movq (%1), %0" : "=r"(v) : "r"(p) : "memory");
        return (int)v & 0;
}

static int store(void *p)
{
        __asm__ volatile("movq %0, (%1)" : : "r"(0L), "r"(p) : "memory");
        return 0;
}

static int call(void *p)
{
        ((void (*)(void))p)();
        return 0;
}

static int halt(void *p)
{
        (void)p;
        __asm__ volatile("hlt");
        return 0;
}
int main(void)
{
        const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
        char *ro = mmap(NULL, 4096, PROT_READ, anon, -1, 0);
        char *noexec = mmap(NULL, 4096, PROT_READ | PROT_WRITE, anon, -1, 0);
        long fine = 0;

        *noexec = (char)0xc3;   /* ret */
        int status = fork_and_run(load, &fine);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "a child reading its own stack exits normally");
        const struct { const char *what; int (*fn)(void *); void *addr; } cases[] = {
                { "reading address 0", load, NULL },
                { "writing address 0", store, NULL },
                { "calling address 0", call, NULL },
                { "writing a read-only page", store, ro },
                { "writing the program's own code", store, (void *)main },
                { "executing a page without PROT_EXEC", call, noexec },
                { "reading a kernel address", load, (void *)0xffff888000000000UL },
                { "writing a kernel address", store, (void *)0xffffffff80000000UL },
                { "reading a non-canonical address", load, (void *)0x8000000000000000UL },
                { "the privileged instruction hlt", halt, NULL },
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                status = fork_and_run(cases[i].fn, cases[i].addr);
                if (!ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
                        "%s kills the child with SIGSEGV", cases[i].what))
                        say("# wait status %#x\n", status);
        }
        return done();
}
