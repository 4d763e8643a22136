/* Tangled from book/listings-locking.nw (chapter "Listings of ``Locks and lockdep''"). Do not edit: edit the book and run make tangle. */
#include "linux/lockdep.h"
#include "host_kernel.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

static struct lockdep_task t1, t2;
static struct lockdep_task *current_task;
static unsigned long fake_trace;

struct lockdep_task *lockdep_current(void)
{
        return current_task;
}

unsigned int lockdep_save_trace(unsigned long *entries, unsigned int max)
{
        if (!fake_trace || max == 0)
                return 0;
        entries[0] = fake_trace;
        return 1;
}
static struct lock_class_key key_a, key_b, key_c, key_d;
static struct lockdep_map A, A2, B, C, D;

static int setup(void **state)
{
        (void)state;
        lockdep_reset();
        lockdep_init_task(&t1, "t1", 101);
        lockdep_init_task(&t2, "t2", 102);
        current_task = &t1;
        fake_trace = 0;
        lockdep_chain_mode = LOCKDEP_CHAIN_ON;
        lockdep_init_map(&A, "&A", &key_a);
        lockdep_init_map(&A2, "&A", &key_a);
        lockdep_init_map(&B, "&B", &key_b);
        lockdep_init_map(&C, "&C", &key_c);
        lockdep_init_map(&D, "&D", &key_d);
        host_log_clear();
        host_warnings = 0;
        return 0;
}

static void take(struct lockdep_map *m, unsigned long ip)
{
        lock_acquire(m, 0, 0, 0, ip);
}
static void take_read(struct lockdep_map *m, unsigned long ip)
{
        lock_acquire(m, 0, 0, 1, ip);
}
static void take_recursive(struct lockdep_map *m, unsigned long ip)
{
        lock_acquire(m, 0, 0, 2, ip);
}
static void drop(struct lockdep_map *m) { lock_release(m, 0x99); }
static bool logged(const char *s) { return strstr(host_log, s) != NULL; }
static const char abba_report[] =
        "\n"
        "======================================================\n"
        "WARNING: possible circular locking dependency detected\n"
        "------------------------------------------------------\n"
        "t2/102 is trying to acquire lock:\n"
        " (&A){W..}, at: 0x00000000000000a2\n"
        "\n"
        "but task is already holding lock:\n"
        " (&B){W..}, at: 0x00000000000000b2\n"
        "\n"
        "which lock already depends on the new lock.\n"
        "\n"
        "\n"
        "the existing dependency chain (in reverse order) is:\n"
        "\n"
        "-> #1 (&B){W..}:\n"
        "       &A -(EN)-> &B at: 0x00000000000000b1\n"
        "       0x0000000000007001\n"
        "\n"
        "-> #0 (&A){W..}:\n"
        "       &B -(EN)-> &A at: 0x00000000000000a2\n"
        "       0x0000000000007002\n"
        "\n"
        "other info that might help us debug this:\n"
        "\n"
        " Possible unsafe locking scenario:\n"
        "\n"
        "       CPU0                    CPU1\n"
        "       ----                    ----\n"
        "  lock(&B);\n"
        "                               lock(&A);\n"
        "                               lock(&B);\n"
        "  lock(&A);\n"
        "\n"
        " *** DEADLOCK ***\n"
        "\n"
        "1 lock held by t2/102:\n"
        " #0: (&B){W..}, at: 0x00000000000000b2\n"
        "\n"
        "stack backtrace:\n";

static void test_abba_reported(void **state)
{
        (void)state;
        fake_trace = 0x7001;
        take(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        assert_string_equal(host_log, "");
        current_task = &t2;
        fake_trace = 0x7002;
        take(&B, 0xb2);
        take(&A, 0xa2);
        assert_string_equal(host_log, abba_report);
        assert_int_equal(debug_locks, 0);
        assert_int_equal(lock_is_held(&A), -1);
}
static void test_consistent_order_silent(void **state)
{
        (void)state;
        for (int i = 0; i < 3; i++) {
                current_task = i % 2 ? &t2 : &t1;
                take(i == 1 ? &A2 : &A, 0xa1); take(&B, 0xb1); take(&C, 0xc1);
                drop(&C); drop(&B); drop(i == 1 ? &A2 : &A);
                take(&B, 0xb2); take(&C, 0xc2); drop(&C); drop(&B);
        }
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
}
static void test_three_lock_cycle(void **state)
{
        (void)state;
        take(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0xb2); take(&C, 0xc2); drop(&C); drop(&B);
        current_task = &t1;
        take(&C, 0xc3);
        assert_string_equal(host_log, "");
        take(&A, 0xa3);
        assert_true(logged("t1/101 is trying to acquire lock:\n"
                           " (&A){W..}, at: 0x00000000000000a3\n"));
        assert_true(logged("-> #2 (&C){W..}:\n"
                           "       &B -(EN)-> &C at: 0x00000000000000c2\n"));
        assert_true(logged("-> #1 (&B){W..}:\n"
                           "       &A -(EN)-> &B at: 0x00000000000000b1\n"));
        assert_true(logged("-> #0 (&A){W..}:\n"
                           "       &C -(EN)-> &A at: 0x00000000000000a3\n"));
        assert_true(logged("Chain exists of:\n  &A --> &B --> &C\n"));
        assert_true(logged("  lock(&C);\n                               lock(&B);\n"
                           "                               lock(&C);\n  lock(&A);\n"));
}
static void test_recursive_locking(void **state)
{
        (void)state;
        take(&A, 0xa1);
        take(&A2, 0xa2);
        assert_true(logged("WARNING: possible recursive locking detected\n"));
        assert_true(logged("t1/101 is trying to acquire lock:\n"
                           " (&A){W..}, at: 0x00000000000000a2\n"));
        assert_true(logged("but task is already holding lock:\n"
                           " (&A){W..}, at: 0x00000000000000a1\n"));
        assert_true(logged("  lock(&A);\n  lock(&A);\n"));
        assert_true(logged(" May be due to missing lock nesting notation\n"));
        assert_int_equal(debug_locks, 0);
}

static void test_nested_subclass(void **state)
{
        (void)state;
        take(&A, 0xa1);
        lock_acquire(&A2, 1, 0, 0, 0xa2);
        assert_string_equal(host_log, "");
        drop(&A2); drop(&A);
        current_task = &t2;
        lock_acquire(&A2, 1, 0, 0, 0xa3);
        take(&A, 0xa4);
        assert_true(logged("WARNING: possible circular locking dependency detected\n"));
        assert_true(logged("but task is already holding lock:\n"
                           " (&A/1){W..}, at: 0x00000000000000a3\n"));
}
static void test_read_recursion(void **state)
{
        (void)state;
        take_read(&A, 0xa1);
        take_recursive(&A2, 0xa2);
        take_recursive(&A, 0xa3);
        assert_string_equal(host_log, "");
        drop(&A); drop(&A2); drop(&A);
        assert_int_equal(t1.depth, 0);
        take_read(&A, 0xa4);
        take_read(&A2, 0xa5);
        assert_true(logged("WARNING: possible recursive locking detected\n"));
        assert_true(logged("  rlock(&A);\n  rlock(&A);\n"));
}
static void test_rwsem_readers_reported(void **state)
{
        (void)state;
        take_read(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0xb2);
        take_read(&A, 0xa2);
        assert_true(logged("WARNING: possible circular locking dependency detected\n"));
        assert_true(logged("       &A -(SN)-> &B at: 0x00000000000000b1\n"));
        assert_true(logged("       &B -(EN)-> &A at: 0x00000000000000a2\n"));
        assert_true(logged("  lock(&B);\n                               rlock(&A);\n"
                           "                               lock(&B);\n  rlock(&A);\n"));
}
static void test_recursive_readers_not_reported(void **state)
{
        (void)state;
        take_recursive(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0xb2); take_recursive(&A, 0xa2); drop(&A); drop(&B);
        take_recursive(&C, 0xc1); take_recursive(&D, 0xd1); drop(&D); drop(&C);
        current_task = &t1;
        take_recursive(&D, 0xd2); take_recursive(&C, 0xc2); drop(&C); drop(&D);
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
}
static void test_recursive_reader_vs_writer_reported(void **state)
{
        (void)state;
        take(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0xb2);
        take_recursive(&A, 0xa2);
        assert_true(logged("WARNING: possible circular locking dependency detected\n"));
        assert_true(logged("       &B -(ER)-> &A at: 0x00000000000000a2\n"));
        assert_true(logged("  lock(&B);\n                               lock(&A);\n"
                           "                               lock(&B);\n  rlock(&A);\n"));
}
static void test_reader_held_at_closing_edge_not_reported(void **state)
{
        (void)state;
        take(&A, 0xa1); take_recursive(&B, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take_recursive(&B, 0xb2);
        take(&A, 0xa2);
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
}
static void three_lock_reader_cycle(bool c_exclusive)
{
        current_task = &t2;
        take_read(&B, 0xb1); take_recursive(&C, 0xc1); drop(&C); drop(&B);
        lock_acquire(&C, 0, 0, c_exclusive ? 0 : 2, 0xc2);
        lock_acquire(&A, 0, 0, c_exclusive ? 2 : 0, 0xa2);
        drop(&A); drop(&C);
        current_task = &t1;
        take(&A, 0xa3);
        take(&B, 0xb3);
}

static void test_three_lock_reader_cycles(void **state)
{
        three_lock_reader_cycle(false);             /* A -EN-> B -SR-> C -SN-> A */
        assert_string_equal(host_log, "");
        setup(state);
        three_lock_reader_cycle(true);              /* A -EN-> B -SR-> C -ER-> A */
        assert_true(logged("Chain exists of:\n  &B --> &C --> &A\n"));
}
static void test_trylock(void **state)
{
        (void)state;
        take(&A, 0xa1); lock_acquire(&B, 0, 1, 0, 0xb1); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0xb2); take(&A, 0xa2); drop(&A); drop(&B);
        assert_string_equal(host_log, "");
        current_task = &t1;
        take(&A, 0xa3); lock_acquire(&B, 0, 1, 0, 0xb3); take(&C, 0xc3);
        drop(&C); drop(&B); drop(&A);
        assert_string_equal(host_log, "");
        current_task = &t2;
        take(&C, 0xc4);
        take(&A, 0xa4);
        assert_true(logged("-> #1 (&C){W..}:\n"
                           "       &A -(EN)-> &C at: 0x00000000000000c3\n"));
}
static void test_walk_past_recursive_reader(void **state)
{
        (void)state;
        take(&A, 0xa1); take_recursive(&B, 0xb1); take(&C, 0xc1);
        drop(&C); drop(&B); drop(&A);
        current_task = &t2;
        take(&C, 0xc2);
        take(&A, 0xa2);
        assert_true(logged("WARNING: possible circular locking dependency detected\n"));
        assert_true(logged("-> #1 (&C){W..}:\n"
                           "       &A -(EN)-> &C at: 0x00000000000000c1\n"));
}
static void test_release_out_of_order(void **state)
{
        (void)state;
        take(&A, 0xa1); take(&B, 0xb1);
        drop(&A);
        assert_int_equal(lock_is_held(&A), 0);
        assert_int_equal(lock_is_held(&B), 1);
        assert_int_equal(t1.depth, 1);
        assert_ptr_equal(t1.held[0].instance, &B);
        drop(&B);
        assert_int_equal(t1.depth, 0);
        assert_string_equal(host_log, "");
}
static void test_lockdep_off(void **state)
{
        (void)state;
        take(&A, 0xa1); take(&B, 0xb1); drop(&B); drop(&A);
        lockdep_off();
        take(&B, 0xb2); take(&A, 0xa2);
        assert_int_equal(lock_is_held(&A), -1);
        drop(&A); drop(&B);
        lockdep_on();
        assert_int_equal(lock_is_held(&A), 0);
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
}
static void test_assert_held(void **state)
{
        (void)state;
        take(&A, 0xa1);
        lockdep_assert_held(&A);
        assert_int_equal(host_warnings, 0);
        lockdep_assert_held(&B);
        assert_int_equal(host_warnings, 1);
        assert_true(logged("lock_is_held(&B) == 0"));
        assert_true(logged("1 lock held by t1/101:\n"
                           " #0: (&A){W..}, at: 0x00000000000000a1\n"));
        current_task = &t2;
        lockdep_assert_held(&A);
        assert_int_equal(host_warnings, 2);
        assert_true(logged("no locks held by t2/102.\n"));
        debug_locks_off();
        lockdep_assert_held(&B);
        assert_int_equal(host_warnings, 2);
}
static void test_bad_unlock(void **state)
{
        (void)state;
        take(&A, 0xa1);
        lock_release(&B, 0xb9);
        assert_true(logged("=====================================\n"
                           "WARNING: bad unlock balance detected!\n"
                           "-------------------------------------\n"
                           "t1/101 is trying to release lock (&B) at:\n"
                           "0x00000000000000b9\n"
                           "but there are no more locks to release!\n"));
        assert_true(logged("1 lock held by t1/101:\n"));
        assert_int_equal(debug_locks, 0);
}
static void test_depgraph_dot(void **state)
{
        (void)state;
        take(&A, 0xa1); take(&B, 0xb1); drop(&B);
        take_read(&C, 0xc1); drop(&C);
        take_recursive(&B, 0xb2); drop(&B);
        take_recursive(&D, 0xd1); drop(&D); drop(&A);
        take_read(&B, 0xb3); take(&C, 0xc2); drop(&C); drop(&B);
        host_log_clear();
        lockdep_depgraph_dot();
        assert_string_equal(host_log,
                "digraph lockdep {\n"
                "\t\"&A\";\n\t\"&B\";\n\t\"&C\";\n\t\"&D\";\n"
                "\t\"&A\" -> \"&B\" [label=\"EN,ER\"];\n"
                "\t\"&A\" -> \"&C\" [label=\"EN\"];\n"
                "\t\"&A\" -> \"&D\" [label=\"ER\"];\n"
                "\t\"&B\" -> \"&C\" [label=\"SN\"];\n"
                "}\n");
}
static void abba(struct lockdep_map *x, struct lockdep_map *y)
{
        current_task = &t1;
        take(x, 0x1); take(y, 0x2); drop(y); drop(x);
        current_task = &t2;
        take(y, 0x3); take(x, 0x4); drop(x); drop(y);
}

static void test_reports_stop_after_first(void **state)
{
        (void)state;
        abba(&A, &B);
        assert_true(logged("possible circular locking dependency detected"));
        host_log_clear();
        abba(&C, &D);
        assert_string_equal(host_log, "");
        setup(state);
        abba(&C, &D);
        assert_true(logged("possible circular locking dependency detected"));
}
static struct lock_class_key many_keys[MAX_LOCKDEP_KEYS + 1];
static struct lockdep_map many[MAX_LOCKDEP_KEYS + 1];

static void test_class_table_overflow(void **state)
{
        (void)state;
        for (unsigned int i = 0; i < MAX_LOCKDEP_KEYS; i++) {
                lockdep_init_map(&many[i], "many", &many_keys[i]);
                take(&many[i], 0x1); drop(&many[i]);
        }
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
        lockdep_init_map(&many[MAX_LOCKDEP_KEYS], "many", &many_keys[MAX_LOCKDEP_KEYS]);
        take(&many[MAX_LOCKDEP_KEYS], 0x2);
        assert_string_equal(host_log, "BUG: MAX_LOCKDEP_KEYS too low!\n"
                            "turning off the locking correctness validator.\n");
        assert_int_equal(debug_locks, 0);
}
static void test_lock_depth_overflow(void **state)
{
        (void)state;
        for (unsigned int i = 0; i <= MAX_LOCK_DEPTH; i++) {
                lockdep_init_map(&many[i], "deep", &many_keys[i]);
                take(&many[i], 0x1);
        }
        assert_true(logged("BUG: MAX_LOCK_DEPTH too low!\n"));
        assert_int_equal(t1.depth, MAX_LOCK_DEPTH);
        assert_int_equal(debug_locks, 0);
}
static void test_misuse(void **state)
{
        static struct lockdep_map uninitialised;
        static struct lockdep_map other_a;
        static struct lock_class_key other_key;

        (void)state;
        take(&uninitialised, 0x1);
        assert_true(logged("BUG: lock used before lockdep_init_map()\n"));
        setup(state);
        lock_acquire(&A, MAX_LOCKDEP_SUBCLASSES, 0, 0, 0x2);
        assert_true(logged("BUG: looking up invalid subclass\n"));
        setup(state);
        lockdep_init_map(&other_a, "&A", &other_key);
        take(&A, 0x3); take(&other_a, 0x4);
        lockdep_print_held_locks(&t1);
        assert_true(logged(" #0: (&A){W..}, at: 0x0000000000000003\n"
                           " #1: (&A#2){W..}, at: 0x0000000000000004\n"));
}
static void test_chain_cache_hits(void **state)
{
        struct lockdep_chain_stats st;

        (void)state;
        for (int i = 0; i < 3; i++) {
                take(&A, 0x1); take(&B, 0x2); drop(&B); drop(&A);
        }
        lockdep_read_chain_stats(&st);
        assert_int_equal(t1.chain_hits, 4);
        assert_int_equal(st.chains, 2);
        assert_int_equal(st.misses, 2);
        assert_int_equal(st.uncached, 0);
        current_task = &t2;
        take(&B, 0x3); take(&A, 0x4);
        assert_true(logged("possible circular locking dependency detected"));
        assert_int_equal(t2.chain_hits, 0);    /* t1 never held B alone, nor B then A */
}
typedef void taker(struct lockdep_map *, unsigned long);

static u64 key_of(taker *first, struct lockdep_map *x, taker *second,
                  struct lockdep_map *y)
{
        u64 k;

        first(x, 0x1); second(y, 0x2);
        k = t1.held[1].chain_key;
        drop(y); drop(x);
        return k;
}

static void take_try(struct lockdep_map *m, unsigned long ip)
{
        lock_acquire(m, 0, 1, 0, ip);
}

static void test_chain_key_distinguishes(void **state)
{
        u64 ab = key_of(take, &A, take, &B);

        assert_true(key_of(take_recursive, &C, take_recursive, &D) !=
                    key_of(take_recursive, &D, take_recursive, &C));
        assert_true(ab != key_of(take_read, &A, take, &B));
        assert_true(ab != key_of(take_try, &A, take, &B));
        assert_true(ab == key_of(take, &A, take, &B));
        assert_string_equal(host_log, "");
        setup(state);
        take_recursive(&A, 0x1); take(&B, 0x2); drop(&B); drop(&A);
        take(&A, 0x3); take(&B, 0x4); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0x5); take_recursive(&A, 0x6);
        assert_true(logged("possible circular locking dependency detected"));
}
static void trust_steps(void)
{
        current_task = &t1;
        take(&A, 0x1); drop(&A);
        take(&B, 0x2); drop(&B);
        take(&A, 0x3); take(&B, 0x4); drop(&B); drop(&A);
        current_task = &t2;
        take(&B, 0x5); take(&A, 0x6); drop(&A); drop(&B);
}

static void test_chain_trust_misses_inversion(void **state)
{
        lockdep_chain_mode = LOCKDEP_CHAIN_TRUST;
        trust_steps();
        assert_string_equal(host_log, "");
        assert_int_equal(debug_locks, 1);
        setup(state);
        trust_steps();
        assert_true(logged("possible circular locking dependency detected"));
}
static void test_chain_release_middle(void **state)
{
        u64 ac;

        (void)state;
        take(&A, 0x1); take(&C, 0x2);
        ac = t1.held[1].chain_key;
        drop(&C); drop(&A);
        take(&A, 0x3); take(&B, 0x4); take(&C, 0x5);
        assert_true(t1.held[2].chain_key != ac);
        drop(&B);
        assert_int_equal(t1.depth, 2);
        assert_true(t1.held[1].chain_key == ac);
        take(&D, 0x6);
        assert_string_equal(host_log, "");
        lockdep_depgraph_dot();
        assert_true(logged("\t\"&C\" -> \"&D\" [label=\"EN\"];\n"));
}
static void test_chain_table_full(void **state)
{
        struct lockdep_chain_stats st;
        const unsigned int n = 30;

        (void)state;
        for (unsigned int i = 0; i < n; i++)
                lockdep_init_map(&many[i], "chain", &many_keys[i]);
        for (unsigned int i = 0; i < n; i++)
                for (unsigned int j = i + 1; j < n; j++)
                        for (unsigned int k = j + 1; k < n; k++) {
                                take(&many[i], 0x1); take(&many[j], 0x2); take(&many[k], 0x3);
                                drop(&many[k]); drop(&many[j]); drop(&many[i]);
                        }
        lockdep_read_chain_stats(&st);
        assert_int_equal(st.chains, MAX_LOCKDEP_CHAINS);
        assert_true(st.uncached > 0);
        assert_int_equal(debug_locks, 1);
        assert_string_equal(host_log, "");
        take(&many[n - 1], 0x4); take(&many[0], 0x5);
        assert_true(logged("possible circular locking dependency detected"));
}
static void test_mpx_nestings(void **state)
{
        static struct lock_class_key bd_key, mmap_key;
        static struct lockdep_map bd_sem, mmap_sem;

        (void)state;
        lockdep_init_map(&bd_sem, "&mm->bd_sem", &bd_key);
        lockdep_init_map(&mmap_sem, "&mm->mmap_sem", &mmap_key);
        for (int n = 0; n < 4; n++) {
                current_task = n % 2 ? &t2 : &t1;
                lock_acquire(&bd_sem, 0, 0, n < 2 ? 1 : 0, 0x10 + n);
                lock_acquire(&mmap_sem, 0, 0, n % 2 ? 0 : 1, 0x20 + n);
                drop(&mmap_sem); drop(&bd_sem);
        }
        assert_string_equal(host_log, "");
        take(&mmap_sem, 0x30);
        take_read(&bd_sem, 0x31);
        assert_true(logged("-> #1 (&mm->mmap_sem){Wr.}:\n"
                           "       &mm->bd_sem -(EN,SN)-> &mm->mmap_sem at: "));
}
#define LOCKDEP_TEST(f) cmocka_unit_test_setup_teardown(f, setup, NULL)

int main(void)
{
        const struct CMUnitTest tests[] = {
                LOCKDEP_TEST(test_abba_reported),
                LOCKDEP_TEST(test_consistent_order_silent),
                LOCKDEP_TEST(test_three_lock_cycle),
                LOCKDEP_TEST(test_recursive_locking),
                LOCKDEP_TEST(test_nested_subclass),
                LOCKDEP_TEST(test_read_recursion),
                LOCKDEP_TEST(test_rwsem_readers_reported),
                LOCKDEP_TEST(test_recursive_readers_not_reported),
                LOCKDEP_TEST(test_recursive_reader_vs_writer_reported),
                LOCKDEP_TEST(test_reader_held_at_closing_edge_not_reported),
                LOCKDEP_TEST(test_three_lock_reader_cycles),
                LOCKDEP_TEST(test_trylock),
                LOCKDEP_TEST(test_walk_past_recursive_reader),
                LOCKDEP_TEST(test_release_out_of_order),
                LOCKDEP_TEST(test_lockdep_off),
                LOCKDEP_TEST(test_assert_held),
                LOCKDEP_TEST(test_bad_unlock),
                LOCKDEP_TEST(test_depgraph_dot),
                LOCKDEP_TEST(test_reports_stop_after_first),
                LOCKDEP_TEST(test_class_table_overflow),
                LOCKDEP_TEST(test_lock_depth_overflow),
                LOCKDEP_TEST(test_misuse),
                LOCKDEP_TEST(test_chain_cache_hits),
                LOCKDEP_TEST(test_chain_key_distinguishes),
                LOCKDEP_TEST(test_chain_trust_misses_inversion),
                LOCKDEP_TEST(test_chain_release_middle),
                LOCKDEP_TEST(test_chain_table_full),
                LOCKDEP_TEST(test_mpx_nestings),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
