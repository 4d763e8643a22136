/* Tangled from book/listings-mpx.nw (chapter "Listings of ``MPX bounds tables and the lock that frees them''"). Do not edit: edit the book and run make tangle. */
#include "mpx_user.h"

static uint64_t *slots[8];
static uint64_t objs[10][8];

static void check_tables(void)
{
        int good = 0, signals = segv_hits;

        for (int k = 0; k < 8; k++) {
                slots[k] = mpx_map_at(MPX_DATA + (uint64_t)k * MPX_GIB, 4096);
                mpx_bndmk0((uint64_t)objs[k], (uint64_t)objs[k] + 63);
                mpx_bndstx0(slots[k], (uint64_t)objs[k]);
        }
        ok_eq(segv_hits - signals, 0, "eight BNDSTX over 8 GiB: no signal");
        ok_eq(mpx_tables(), 8, "eight bounds tables");
        for (int k = 0; k < 8; k++) {
                uint64_t e = mpx_entry(slots[k]), b[2];

                mpx_bndldx1(slots[k], (uint64_t)objs[k]);
                mpx_read_bnd(1, b);
                good += (e & 1) && page_mapped((void *)(e & ~7UL)) &&
                        b[0] == (uint64_t)objs[k] && b[1] == (uint64_t)objs[k] + 63;
        }
        ok_eq(good, 8, "each entry valid, its table mapped, its bounds as stored");
        uint64_t b[2];
        mpx_bndldx1(slots[3], 12345);
        mpx_read_bnd(1, b);
        ok(b[0] == 0 && b[1] == ~0UL, "BNDLDX with another pointer value: INIT bounds");
        mpx_bndstx0(slots[1] + 8, (uint64_t)objs[1]);
        ok_eq(mpx_tables(), 8, "a second store in the same megabyte: no new table");
}
static void check_unmanaged(void)
{
        uint64_t *slot = mpx_map_at(MPX_DATA, 4096);
        errno = 0;
        ok_errno(prctl(PR_MPX_ENABLE_MANAGEMENT, 1, 0, 0, 0), EINVAL,
                 "prctl(PR_MPX_ENABLE_MANAGEMENT, 1): EINVAL");
        ok_errno(prctl(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0), ENXIO,
                 "prctl(PR_MPX_ENABLE_MANAGEMENT) with BNDCFGU clear: ENXIO");
        mpx_set_bndcfgu(MPX_BNDCFGU);
        ok_eq(mpx_get_bndcfgu(), MPX_BNDCFGU, "XRSTOR loaded BNDCFGU (directory at 0)");
        mpx_bndmk0((uint64_t)objs[0], (uint64_t)objs[0] + 63);
        int hits = slot ? mpx_try_bndstx0(slot, (uint64_t)objs[0]) : -1;
        ok(hits == 1 && segv_code == 0x80,
           "BNDSTX into an empty entry, management off: SIGSEGV, SI_KERNEL (code %d)", segv_code);
        ok_eq(mpx_tables(), 0, "no table was made");
        munmap(slot, 4096);
        ok_eq(prctl(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0), 0, "prctl(PR_MPX_ENABLE_MANAGEMENT)");
}
static void check_violation(void)
{
        uint64_t lo = (uint64_t)objs[3], hi = lo + 63;

        mpx_bndldx1(slots[3], lo);
        ok(mpx_try_bndcu1(hi + 1) == 1 && segv_code == 3 && segv_addr == hi + 1 &&
           segv_lower == lo && segv_upper == hi,
           "BNDCU above: SEGV_BNDERR, si_addr upper+1, si_lower/si_upper the bounds");
        ok(mpx_try_bndcl1(lo - 1) == 1 && segv_code == 3 && segv_addr == lo - 1,
           "BNDCL below: SEGV_BNDERR, si_addr lower-1");
        ok_eq(mpx_try_bndcu1(hi), 0, "BNDCU at the upper bound: no fault");
        int before = segv_hits;
        uint64_t base = lo, index = 16;
        MPX_TRY("bndcu 8(%1,%2,4), %%bnd1", "r"(base), "r"(index));
        mpx_resume = 0;
        ok(segv_hits == before + 1 && segv_addr == lo + 8 + 64,
           "BNDCU 8(base,index,4): si_addr is the computed address (%#lx)", (long)segv_addr);
}
static void check_unmap(void)
{
        uint64_t e0 = mpx_entry(slots[0]), t0 = e0 & ~7UL;
        long zapped = book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_ZAPPED);

        ok_eq(munmap(slots[0], 4096), 0, "munmap of the only page in its megabyte");
        ok_eq(mpx_tables(), 7, "its table is freed");
        ok_eq(mpx_entry(slots[0]), 0, "its directory entry is cleared");
        void *again = mmap((void *)t0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        ok(again == (void *)t0, "a mapping hinted at the table's address lands there");
        munmap(again, 4096);

        uint64_t *nb = mpx_map_at((uint64_t)slots[2] + 16 * 4096, 4096);
        uint64_t t2 = mpx_entry(slots[2]) & ~7UL, b[2];
        mpx_bndmk0((uint64_t)objs[8], (uint64_t)objs[8] + 63);
        mpx_bndstx0(nb, (uint64_t)objs[8]);
        volatile uint64_t *ent2 = (uint64_t *)(t2 + ((uint64_t)slots[2] & 0xfffff) / 8 * 32);
        ok_eq(ent2[2], (uint64_t)objs[2], "slot 2's pointer is in its table");
        ok_eq(munmap(slots[2], 4096), 0, "munmap of a page whose megabyte has other data");
        ok(mpx_tables() == 7 && (mpx_entry(nb) & ~7UL) == t2, "the shared table stays");
        ok_eq(book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_ZAPPED) - zapped, 1, "one table zapped");
        ok_eq(ent2[2], 0, "the part for the unmapped page reads zero");
        mpx_bndldx1(nb, (uint64_t)objs[8]);
        mpx_read_bnd(1, b);
        ok(b[0] == (uint64_t)objs[8] && b[1] == (uint64_t)objs[8] + 63,
           "the neighbour's bounds are kept");
}
static void check_untouched(void)
{
        long before = book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_RESOLVED);
        void *p = mpx_map_at(MPX_DATA + 8 * MPX_GIB + 512 * MPX_MIB, 4096);

        ok(p && munmap(p, 4096) == 0, "munmap behind an untouched directory page");
        ok(book_debug(BOOK_DEBUG_MPX, BOOK_DEBUG_MPX_RESOLVED) > before,
           "the directory read faulted and was resolved");
}
static volatile uint64_t in_handler_cfgu = 1;

static void on_usr1(int sig)
{
        (void)sig;
        in_handler_cfgu = mpx_get_bndcfgu();
}
static int child_side(void *arg)
{
        uint64_t b[2];

        (void)arg;
        mpx_read_bnd(0, b);
        if (b[0] != (uint64_t)objs[9] || b[1] != (uint64_t)objs[9] + 63)
                return 10;
        mpx_bndstx0(mpx_map_at((uint64_t)slots[5] + MPX_MIB, 4096), (uint64_t)objs[9]);
        return mpx_tables() == 8 ? 0 : 11;
}
static void check_task_state(void)
{
        uint64_t b[2];
        char *argv[] = { "/bin/t_mpx", "after-exec", NULL };

        mpx_bndmk0((uint64_t)objs[9], (uint64_t)objs[9] + 63);
        ok_eq(fork_and_run(child_side, NULL), 0, "fork: BND0 and management inherited");
        ok_eq(mpx_tables(), 7, "the child's new table is the child's");
        signal(SIGUSR1, on_usr1);
        raise(SIGUSR1);
        mpx_read_bnd(0, b);
        ok(in_handler_cfgu == 0 && mpx_get_bndcfgu() == MPX_BNDCFGU && b[0] == (uint64_t)objs[9],
           "a signal handler runs with BNDCFGU reset; sigreturn restores it and BND0");
        pid_t pid = fork();
        if (pid == 0) {
                execve(argv[0], argv, NULL);
                _exit(12);
        }
        ok_eq(wait_child(pid), 0, "after execve: BNDCFGU, BND0 reset and no management");
}
static int after_exec(void)
{
        uint64_t b[2];

        mpx_read_bnd(0, b);
        if (mpx_get_bndcfgu() != 0 || b[0] != 0 || b[1] != ~0UL)
                return 1;
        return prctl(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0) == -1 && errno == ENXIO ? 0 : 2;
}
static int v9_child(void *arg)
{
        ok_eq(munmap(arg, 4096), 0, "child: munmap of the page with a table");
        say("t_mpx: child: tables after the munmap: %ld\n", mpx_tables());
        return 0;
}
static int v9_scenario(void)
{
        void *a = mpx_map_at(MPX_DATA + 2 * MPX_GIB, 4096);
        void *b = mpx_map_at(MPX_DATA + 4 * MPX_GIB, 4096);

        if (!mpx_setup() || !a || !b)
                return 2;
        mpx_bndmk0((uint64_t)objs[0], (uint64_t)objs[0] + 63);
        mpx_bndstx0(a, (uint64_t)objs[0]);
        say("t_mpx: unmapping a page behind an untouched directory page\n");
        ok_eq(munmap(b, 4096), 0, "munmap returned");
        ok_eq(fork_and_run(v9_child, a), 0, "the child ran");
        return done();
}
extern char bound32_back[];
uint32_t bound_pair[2] = { 0, 1 };
void bound32(void);
__asm__(".pushsection .text\n"
        ".type bound32, @function\n"
        "bound32:\n"
        "       ljmpl *bound32_target(%rip)\n"
        ".code32\n"
        "bound32_code:\n"
        "       movl $5, %eax\n"
        "       bound %eax, %ss:bound_pair\n"    /* 5 is outside [0, 1]: #BR */
        "       ljmpl $0x33, $bound32_back\n"
        ".code64\n"
        ".globl bound32_back\n"
        "bound32_back:\n"
        "       ret\n"
        ".popsection\n"
        ".pushsection .data\n"
        "bound32_target:\n"
        "       .long bound32_code\n"
        "       .word 0x23\n"
        ".popsection\n");

static void check_bound_code3(void)
{
        int before = segv_hits;

        mpx_set_bndcsr(0, 3);
        mpx_resume_cs64 = 1;
        mpx_resume = (uint64_t)bound32_back;
        bound32();
        ok(segv_hits == before + 1 && segv_code == 0x80,
           "#BR with BNDSTATUS code 3: SIGSEGV, SI_KERNEL, and the kernel lives");
        mpx_set_bndcsr(0, 0);
}
static void check_bd_entry_range(void)
{
        volatile uint64_t *forged = mpx_map_at(0x80000000UL, 4096);
        int before = segv_hits;
        long tables;

        mpx_set_bndcfgu(MPX_BNDCFGU);
        ok_eq(prctl(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0), 0, "management on again");
        tables = mpx_tables();
        mpx_set_bndcsr(0, 0x80000000UL | 2);
        mpx_resume_cs64 = 1;
        mpx_resume = (uint64_t)bound32_back;
        bound32();
        ok(forged && segv_hits == before + 1 && segv_code == 0x80 && mpx_tables() == tables &&
           *forged == 0, "#BR for an entry at 2 GiB, outside the directory: SIGSEGV, "
           "SI_KERNEL, no table");
        mpx_set_bndcsr(0, 0);
        prctl(PR_MPX_DISABLE_MANAGEMENT, 0, 0, 0, 0);
}

int main(int argc, char **argv)
{
        if (argc > 1 && !strcmp(argv[1], "after-exec"))
                return after_exec();
        if (!mpx_available()) {
                say("t_mpx: no MPX on this machine (Linux removed it in 5.6)\n");
                return 1;
        }
        mpx_catch_segv();
        if (argc > 1 && !strcmp(argv[1], "v9"))
                return v9_scenario();
        ok(mpx_map_at(MPX_DIR_START, MPX_DIR_LEN) != NULL, "the directory slice at %#lx",
           MPX_DIR_START);
        check_unmanaged();
        check_tables();
        check_violation();
        check_unmap();
        check_untouched();
        check_task_state();
        ok_eq(prctl(PR_MPX_DISABLE_MANAGEMENT, 0, 0, 0, 0), 0, "PR_MPX_DISABLE_MANAGEMENT");
        mpx_bndmk0((uint64_t)objs[9], (uint64_t)objs[9] + 63);
        ok(mpx_try_bndstx0(mpx_map_at(MPX_DATA + 11 * MPX_GIB, 4096), (uint64_t)objs[9]) == 1 &&
           segv_code == 0x80, "management off again: SIGSEGV, SI_KERNEL");
        check_bound_code3();
        check_bd_entry_range();
        return done();
}
