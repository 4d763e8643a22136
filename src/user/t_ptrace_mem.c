/* Tangled from book/listings-ptrace.nw (chapter "Listings of ``Tracing a process: ptrace''"). Do not edit: edit the book and run make tangle. */
#include "ptrace_util.h"

static volatile long value = 0x1122334455667788;
static char pages[2 * 4096] __attribute__((aligned(4096)));

/* A function whose code the tracer rewrites in the child only. */
static __attribute__((noinline, aligned(16))) int answer(void)
{
        asm volatile("" ::: "memory");
        return 42;
}

static int (*volatile call_answer)(void) = answer;       /* no constant folding */

static int child(void)
{
        raise(SIGSTOP);                 /* the tracer pokes here */
        return (value == 0x0123456789abcdef) | (call_answer() == 7) << 1 | (pages[4095] == 'X') << 2;
}

int main(void)
{
        memset(pages, 'p', sizeof(pages));
        memcpy(pages + 4092, "ABCDEFGH", 8);
        long *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        pid_t pid = fork_traced(child);
        ptrace(PTRACE_CONT, pid, 0, 0);
        int status = wait_tracee(pid);
        ok(stopped_by(status, SIGSTOP), "the child stops again in its own raise(SIGSTOP)");

        errno = 0;
        long got = ptrace(PTRACE_PEEKDATA, pid, (void *)&value, 0);
        ok(got == 0x1122334455667788 && errno == 0, "PEEKDATA reads the child's variable");
        got = ptrace(PTRACE_PEEKDATA, pid, pages + 4092, 0);
        ok(!memcmp(&got, "ABCDEFGH", 8), "PEEKDATA of a word that straddles two pages");
        ok_eq(ptrace(PTRACE_POKEDATA, pid, (void *)&value, 0x0123456789abcdef), 0, "POKEDATA");
        ok_eq(ptrace(PTRACE_POKEDATA, pid, none + 1, 77), 0, "POKEDATA into a PROT_NONE page");
        errno = 0;
        got = ptrace(PTRACE_PEEKDATA, pid, none + 1, 0);
        ok(got == 77 && errno == 0, "PEEKDATA reads it back: the force of FOLL_FORCE");
        long w = ptrace(PTRACE_PEEKDATA, pid, pages + 4092, 0);
        memcpy((char *)&w + 3, "X", 1);
        ok_eq(ptrace(PTRACE_POKEDATA, pid, pages + 4092, w), 0, "POKEDATA across a page boundary");

        /* mov $7, %eax; ret; then the rest of the word as it was */
        long text = ptrace(PTRACE_PEEKTEXT, pid, (void *)answer, 0);
        memcpy(&text, "\xb8\x07\x00\x00\x00\xc3", 6);
        ok_eq(ptrace(PTRACE_POKETEXT, pid, (void *)answer, text), 0,
              "POKETEXT into the child's read-only text");
        ptrace(PTRACE_CONT, pid, 0, 0);
        status = wait_tracee(pid);
        int bits = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        ok(bits >= 0 && (bits & 1), "the child sees the poked variable");
        ok(bits >= 0 && (bits & 4), "and the byte poked across the boundary");
        ok(bits >= 0 && (bits & 2), "the child's answer() now returns 7");
        ok_eq(call_answer(), 42, "the parent's answer() still returns 42: the text was copied, not shared");
        ok_eq(value, 0x1122334455667788, "and the parent's variable is unchanged");
        ok_eq(pages[4095], 'D', "and so are its pages");
        return done();
}
