/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include "ldt.h"
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>

static sigjmp_buf probe_env;
static siginfo_t probe_info;
static long probe_err;

static void probe_segv(int sig, siginfo_t *info, void *ctx)
{
        (void)sig;
        probe_info = *info;
        probe_err = ((ucontext_t *)ctx)->uc_mcontext.gregs[REG_ERR];
        siglongjmp(probe_env, 1);
}
static int probe_read(void *p)
{
        signal(SIGSEGV, SIG_DFL);
        return (int)*(volatile long *)p;
}
static bool probe(unsigned long addr, const char *what)
{
        struct sigaction sa = { .sa_sigaction = probe_segv,
                                .sa_flags = SA_SIGINFO };
        volatile bool faulted = false;

        sigaction(SIGSEGV, &sa, NULL);
        if (!sigsetjmp(probe_env, 1))
                say("pti_probe: %#lx (%s): read %#lx without a fault\n", addr,
                    what, (unsigned long)*(volatile long *)addr);
        else
                faulted = true;
        signal(SIGSEGV, SIG_DFL);
        if (faulted)
                say("pti_probe: %#lx: SIGSEGV, %s, error %ld (%s)\n", addr,
                    probe_info.si_code == SEGV_MAPERR ? "SEGV_MAPERR" :
                    "other si_code", probe_err, what);
        faulted = faulted && (unsigned long)probe_info.si_addr == addr;
        int status = fork_and_run(probe_read, (void *)addr);
        bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
        say("pti_probe: the same read in a child without a handler: %s\n",
            killed ? "killed by SIGSEGV" : "not killed by SIGSEGV");
        return faulted && probe_info.si_code == SEGV_MAPERR && killed;
}
static uint32_t ldt_cells[2] = { 40, 2 };

static bool load_ds_from_ldt(void)
{
        struct sigaction sa = { .sa_sigaction = probe_segv,
                                .sa_flags = SA_SIGINFO };
        volatile bool faulted = false;

        sigaction(SIGSEGV, &sa, NULL);
        if (!sigsetjmp(probe_env, 1)) {
                set_seg(ds, LDT_SEL(1));
                set_seg(ds, 0);
        } else {
                faulted = true;
        }
        signal(SIGSEGV, SIG_DFL);
        if (faulted)
                say("pti_probe: DS from LDT entry 1: SIGSEGV at %p\n",
                    probe_info.si_addr);
        else
                say("pti_probe: DS from LDT entry 1: loaded\n");
        return !faulted;
}
static bool audit_ldt(void)
{
        bool ok = !set_entry(1, ldt_cells, 7, 0, 1);

        say("pti_probe: write_ldt, a first table: %s\n",
            ok ? "done" : "failed");
        book_debug(BOOK_DEBUG_PTI_DUMP, 0);
        ok = load_ds_from_ldt() && ok;
        bool again = !set_entry(2, ldt_cells, 7, 0, 1);
        say("pti_probe: write_ldt, a new table: %s\n",
            again ? "done" : "failed");
        book_debug(BOOK_DEBUG_PTI_DUMP, 0);
        return load_ds_from_ldt() && ok && again;
}

static const struct { unsigned long addr; const char *what; } probes[] = {
        { 0xffff888000000000UL, "the direct map: the first page of RAM" },
        { 0xffffffff80210000UL, "the kernel image: text past the entry "
                                "code" },
        { 0xfffffe0000000000UL, "the CPU entry area: the IDT" },
};

int main(int argc, char **argv)
{
        long pti = book_debug(BOOK_DEBUG_PTI_DUMP, 0);
        int bad = 0;

        if (pti < 0)
                say("pti_probe: no audit here (book_debug: %s): not the book "
                    "kernel\n", strerror((int)-pti));
        else
                say("pti_probe: page-table isolation is %s\n",
                    pti ? "on" : "off");
        if (argc > 1 && !strcmp(argv[1], "ldt"))
                return audit_ldt() ? 0 : 1;
        if (argc > 1)
                return !probe(strtoul(argv[1], NULL, 0),
                              "from the command line");
        for (unsigned int i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
                bad += !probe(probes[i].addr, probes[i].what);
        return bad;
}
