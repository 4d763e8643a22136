/* Tangled from book/listings-ldt.nw (chapter "Listings of ``The local descriptor table''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#define EINVAL_RAX 0xffffffeaL  /* -EINVAL as a 32-bit int, zero-extended */
#define EFAULT_RAX 0xfffffff2L
#define ENOSYS_RAX 0xffffffdaL
static uint32_t cells[12] = { 1, 10, 100, 1000, 3, 30, 300, 3000, 7, 70, 700, 7000 };
static uint32_t gs_cells[2] = { 0xfeedface, 0x600d };
static unsigned char buf[70000];

static void check_no_table(void)
{
        memset(buf, 0xaa, 256);
        ok_eq(modify_ldt_raw(0, buf, 64), 0, "reading with no LDT returns 0");
        ok(buf[0] == 0xaa && buf[63] == 0xaa, "... and writes nothing");
        ok_eq(modify_ldt_raw(2, buf, 256), 128, "reading the default LDT returns 128 bytes");
        ok(buf[0] == 0 && buf[127] == 0 && buf[128] == 0xaa,
           "... all zero, and nothing after them");
        ok_eq(modify_ldt_raw(2, buf, 0), 0, "reading 0 bytes of the default LDT returns 0");
}
static void check_refusals(void)
{
        struct user_desc d = { .entry_number = 0, .limit = 0xfff, .seg_32bit = 1 };

        ok_eq(modify_ldt_raw(0x11, &d, 15), EINVAL_RAX,
              "write with bytecount 15: EINVAL (32-bit)");
        ok_eq(modify_ldt_raw(0x11, &d, 17), EINVAL_RAX, "write with bytecount 17: EINVAL");
        ok_eq(modify_ldt_raw(0x11, NULL, 16), EFAULT_RAX, "write from NULL: EFAULT");
        ok_eq(modify_ldt_raw(1, (void *)0xffff888000000000UL, 16), EFAULT_RAX,
              "write from a kernel address: EFAULT");
        d.entry_number = 8192;
        ok_eq(modify_ldt_raw(0x11, &d, 16), EINVAL_RAX, "entry 8192: EINVAL");
        d.entry_number = 3;
        d.contents = 3;
        ok_eq(modify_ldt_raw(0x11, &d, 16), EINVAL_RAX, "present conforming code: EINVAL");
        d.seg_not_present = 1;
        ok_eq(modify_ldt_raw(1, &d, 16), EINVAL_RAX, "conforming code in legacy mode: EINVAL");
        ok_eq(modify_ldt_raw(3, buf, 16), ENOSYS_RAX, "func 3: ENOSYS");
        ok_eq(modify_ldt_raw(0x10, buf, 16), ENOSYS_RAX, "func 0x10: ENOSYS");
        ok_eq(modify_ldt_raw(-1, buf, 16), ENOSYS_RAX, "func -1: ENOSYS");
        ok_eq(modify_ldt_raw(2, NULL, 16), EFAULT_RAX,
              "reading the default LDT into NULL: EFAULT");
        ok_eq(modify_ldt_raw(0, NULL, 16), 0, "reading into NULL with no LDT: 0, no fault");
}
static uint64_t entry9(int func, struct user_desc d)
{
        d.entry_number = 9;
        if (modify_ldt_raw(func, &d, sizeof(d)) != 0)
                return 1;
        modify_ldt_raw(0, buf, 80);
        return *(uint64_t *)(buf + 72);
}
static void check_builds(void)
{
        const struct user_desc flat = { .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1 };
        struct user_desc d = flat;

        ok_eq(set_entry(0, 0, 0, 1, 1), 0, "entry 0: flat 32-bit code");
        ok_eq(set_entry(1, cells, 63, 0, 1), 0, "entry 1: 32-bit data over cells");
        ok_eq(set_entry(2, &cells[4], 0xffff, 0, 0), 0, "entry 2: 16-bit data");
        ok_eq(set_entry(3, 0, 0xffffffff, 0, 1), 0, "entry 3: 32-bit data at 0, for SS");
        ok_eq(set_entry(4, gs_cells, 7, 0, 1), 0, "entry 4: 32-bit data over gs_cells");
        d.useable = 1;
        ok_eq(entry9(0x11, d), desc_bytes(0, 0xfffff, 0xf3, 0xd), "new mode keeps useable (AVL)");
        ok_eq(entry9(1, d), desc_bytes(0, 0xfffff, 0xf3, 0xc), "legacy mode clears useable");
        d = flat; d.contents = 2; d.lm = 1;
        ok_eq(entry9(0x11, d), desc_bytes(0, 0xfffff, 0xfb, 0xc),
              "lm is ignored: no 64-bit code segment");
        d = (struct user_desc){ .read_exec_only = 1, .seg_not_present = 1 };
        ok_eq(entry9(0x11, d), 0, "the empty description clears the entry");
        entry9(0x11, flat);
        d.lm = 1;
        ok_eq(entry9(0x11, d), 0, "... also with lm set");
        entry9(0x11, flat);
        d = (struct user_desc){ .seg_32bit = 1, .contents = 2, .read_exec_only = 1 };
        ok_eq(entry9(1, d), 0, "legacy mode: base 0 and limit 0 clear the entry");
        ok_eq(entry9(0x11, d), desc_bytes(0, 0, 0xf9, 0x4),
              "new mode: base 0 and limit 0 make a segment");
        ok_eq(entry9(0x11, (struct user_desc){ 0 }), desc_bytes(0, 0, 0xf3, 0),
              "new mode: an all-zero description is a 16-bit data segment");
        d = (struct user_desc){ .seg_32bit = 1, .contents = 3, .seg_not_present = 1 };
        ok_eq(entry9(0x11, d), desc_bytes(0, 0, 0x7f, 0x4),
              "new mode: a not-present conforming segment");
        ok_eq(modify_ldt_raw(0, NULL, 16), EFAULT_RAX, "reading the LDT into NULL: EFAULT");
}
static void check_read_back(void)
{
        const uint64_t want[5] = {
                desc_bytes(0, 0xfffff, 0xfb, 0xc),
                desc_bytes((uint32_t)(uintptr_t)cells, 63, 0xf3, 0x4),
                desc_bytes((uint32_t)(uintptr_t)&cells[4], 0xffff, 0xf3, 0x0),
                desc_bytes(0, 0xfffff, 0xf3, 0x4),
                desc_bytes((uint32_t)(uintptr_t)gs_cells, 7, 0xf3, 0x4),
        };
        memset(buf, 0xaa, sizeof(buf));
        ok_eq(modify_ldt_raw(0, buf, 40), 40, "reading 5 entries returns 40");
        ok(!memcmp(buf, want, sizeof(want)), "entries 0-4 have the hardware layout expected");
        memset(buf, 0xaa, sizeof(buf));
        ok_eq(modify_ldt_raw(0, buf, 8), 8, "reading 8 bytes returns 8");
        ok(!memcmp(buf, want, 8) && buf[8] == 0xaa, "... entry 0 only");
        ok_eq(modify_ldt_raw(0, buf, 1000), 1000,
              "reading 1000 bytes of a 10-entry table returns 1000");
        bool zero = true;
        for (int i = 80; i < 1000; i++)
                zero &= buf[i] == 0;
        ok(zero && buf[1000] == 0xaa, "... zero after the table, nothing after 1000 bytes");
        ok_eq(modify_ldt_raw(0, buf, sizeof(buf)), 65536, "reading 70000 bytes returns 65536");
}
static uint32_t read_through_fs(unsigned short sel, unsigned long tls)
{
        uint32_t v;
        __asm__ volatile("mov %w[sel], %%fs\n\t"
                         "movl %%fs:4, %[v]\n\t"
                         "xorl %%eax, %%eax\n\t"
                         "mov %%eax, %%fs\n\t"
                         "movl $158, %%eax\n\t"         /* arch_prctl(ARCH_SET_FS, tls) */
                         "movl $0x1002, %%edi\n\t"
                         "movq %[tls], %%rsi\n\t"
                         "syscall"
                         : [v] "=&r"(v) : [sel] "r"(sel), [tls] "r"(tls)
                         : "rax", "rdi", "rsi", "rcx", "r11", "memory");
        return v;
}
static bool spin_on_ss(unsigned short sel, long n)
{
        set_seg(ss, sel);
        for (volatile long i = 0; i < n; i++)
                ;
        bool kept = get_seg(ss) == sel;
        set_seg(ss, USER_DS);
        return kept;
}
static void check_segments(void)
{
        unsigned long tls = 0;

        set_seg(ds, LDT_SEL(1));
        set_seg(es, LDT_SEL(1));
        ok_eq(call32(LDT_SEL(0), 1), cells[0] + cells[1], "32-bit code adds DS:0 and ES:4");
        ok_eq(call32_cs, LDT_SEL(0), "... running with CS = LDT entry 0");
        ok_eq(get_seg(cs), USER_CS, "... and returns to 64-bit mode");
        set_seg(es, LDT_SEL(2));
        ok_eq(call32(LDT_SEL(0), 3), 3 * (cells[0] + cells[5]), "ES from the 16-bit segment");
        set_seg(gs, LDT_SEL(4));
        uint32_t v;
        __asm__ volatile("movl %%gs:0, %0" : "=r"(v));
        ok_eq(v, gs_cells[0], "GS:0 reads the segment's first word");
        syscall(SYS_arch_prctl, 0x1003, &tls);          /* ARCH_GET_FS */
        ok_eq(read_through_fs(LDT_SEL(1), tls), cells[1], "FS:4 reads the segment's second word");
        ok(spin_on_ss(LDT_SEL(3), 1000000), "SS holds LDT entry 3 while the program spins");
        set_seg(gs, 0);
}
#define SWITCH_PROCS 6
#define SWITCH_ROUNDS 100
#define SWITCH_LOOP 500000
static int survive(int id)
{
        int bad = 0, slow = 0;
        uint32_t want = SWITCH_LOOP * (cells[2 * id] + cells[2 * id + 1]);
        struct timespec ms = { 0, 1000000 };
        uint64_t fastest = ~0ULL;

        if (set_entry(1, &cells[2 * id], 7, 0, 1))
                return 64;
        set_seg(ds, LDT_SEL(1));
        set_seg(es, LDT_SEL(1));
        set_seg(gs, LDT_SEL(4));
        for (int round = 0; round < SWITCH_ROUNDS; round++) {
                uint64_t t0 = rdtsc();
                bad |= (call32(LDT_SEL(0), SWITCH_LOOP) != want) << 0;
                uint64_t t = rdtsc() - t0;
                fastest = t < fastest ? t : fastest;
                slow += t > 3 * fastest;
                bad |= (call32_cs != LDT_SEL(0)) << 1;
                bad |= (get_seg(ds) != LDT_SEL(1) || get_seg(es) != LDT_SEL(1)) << 2;
                uint32_t v;
                __asm__ volatile("movl %%gs:4, %0" : "=r"(v));
                bad |= (get_seg(gs) != LDT_SEL(4) || v != gs_cells[1]) << 3;
                bad |= !spin_on_ss(LDT_SEL(3), SWITCH_LOOP) << 4;
                if (round % 4 == 0)
                        sched_yield();
                if (round % 8 == 0)
                        nanosleep(&ms, NULL);
        }
        if (id == 0)
                say("# %d of %d runs of 32-bit code took over 3 times the fastest "
                    "(interrupted or preempted)\n", slow, SWITCH_ROUNDS);
        return bad;
}
static void check_context_switches(void)
{
        pid_t pids[SWITCH_PROCS];
        int bad = 0;

        for (int i = 1; i < SWITCH_PROCS; i++) {
                pids[i] = fork();
                if (pids[i] == 0)
                        _exit(survive(i));
        }
        int mine = survive(0);
        for (int i = 1; i < SWITCH_PROCS; i++) {
                int status = wait_child(pids[i]);
                bad |= WIFEXITED(status) ? WEXITSTATUS(status) : 128;
        }
        ok_eq(mine | bad, 0, "%d processes, each with its own LDT, keep their segments "
              "across context switches", SWITCH_PROCS);
        set_seg(gs, 0);
}
static int child_of_fork(const unsigned char *at_fork)
{
        static unsigned char mine[80];
        struct timespec wait = { 0, 50000000 };
        int bad = 0;

        bad |= (modify_ldt_raw(0, mine, 80) != 80 || memcmp(mine, at_fork, 80)) << 0;
        bad |= (call32(LDT_SEL(0), 1) != cells[0] + cells[1]) << 1;
        nanosleep(&wait, NULL);
        modify_ldt_raw(0, mine, 80);
        bad |= (memcmp(mine + 32, at_fork + 32, 8) != 0) << 2;  /* entry 4 */
        bad |= (set_entry(1, &cells[8], 7, 0, 1) != 0) << 3;
        bad |= (call32(LDT_SEL(0), 1) != cells[8] + cells[9]) << 4;
        return bad;
}
static void check_fork(void)
{
        static unsigned char at_fork[80], after[80];

        set_seg(ds, LDT_SEL(1));
        set_seg(es, LDT_SEL(1));
        set_entry(1, cells, 7, 0, 1);
        modify_ldt_raw(0, at_fork, 80);
        pid_t pid = fork();
        if (pid == 0)
                _exit(child_of_fork(at_fork));
        set_entry(4, &gs_cells[1], 3, 0, 1);
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "the child sees the table as at fork, "
           "and the parent's later change not (status %#x)", status);
        modify_ldt_raw(0, after, 80);
        ok(!memcmp(after + 8, at_fork + 8, 8),
           "the child's change to entry 1 does not reach the parent");
        ok_eq(call32(LDT_SEL(0), 1), cells[0] + cells[1],
              "the parent's 32-bit code still uses its entry 1");
}
static void check_stale_selectors(void)
{
        struct timespec ms = { 0, 2000000 };
        struct user_desc gone = { .entry_number = 5, .limit = 7, .seg_32bit = 1,
                                  .seg_not_present = 1 };

        set_entry(5, cells, 7, 0, 1);
        set_entry(6, cells, 7, 0, 1);
        set_entry(7, cells, 7, 0, 1);
        set_seg(ds, LDT_SEL(5));
        set_seg(es, LDT_SEL(6));
        set_seg(gs, LDT_SEL(7));
        modify_ldt_raw(0x11, &gone, sizeof(gone));
        ok_eq(get_seg(ds), 0, "DS of an entry made not present is null at once");
        gone = (struct user_desc){ .entry_number = 6, .read_exec_only = 1, .seg_not_present = 1 };
        modify_ldt_raw(0x11, &gone, sizeof(gone));
        ok_eq(get_seg(es), 0, "ES of a cleared entry is null at once");
        gone.entry_number = 7;
        gone.seg_32bit = 1;
        gone.limit = 7;
        modify_ldt_raw(0x11, &gone, sizeof(gone));
        nanosleep(&ms, NULL);
        ok_eq(get_seg(gs), 0, "GS of an entry made not present is null after a context switch");
}
static int check_fork_failure(void)
{
        ok(!set_entry(0, 0, 0, 1, 1) && !set_entry(1, cells, 7, 0, 1), "two entries installed");
        pid_t pid = fork();
        if (pid == 0)
                _exit(0);
        if (!ok_errno(pid, ENOMEM, "fork fails with ENOMEM when the LDT cannot be copied"))
                wait_child(pid);
        pid = fork();
        if (pid == 0) {
                set_seg(ds, LDT_SEL(1));
                set_seg(es, LDT_SEL(1));
                _exit(call32(LDT_SEL(0), 1) == cells[0] + cells[1] ? 0 : 1);
        }
        int status = wait_child(pid);
        ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "the next fork succeeds, and the child runs 32-bit code through its copy");
        return done();
}

int main(int argc, char **argv)
{
        if (argc > 1 && !strcmp(argv[1], "forkfail"))
                return check_fork_failure();
        check_no_table();
        check_refusals();
        check_builds();
        check_read_back();
        check_segments();
        check_context_switches();
        check_fork();
        check_stale_selectors();
        return done();
}
