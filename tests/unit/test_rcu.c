/* Tangled from book/listings-rcu.nw (chapter "Listings of ``RCU''"). Do not edit: edit the book and run make tangle. */
#include "linux/rcupdate.h"
#include "host_kernel.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

static unsigned int nr_cpus;            /* CPUs online in this test */
static unsigned int cur_cpu;            /* the CPU the test runs "on" */
static int read_nesting[NR_CPUS];       /* rcu_read_lock depth per CPU */
static unsigned long wait_calls;        /* rcu_wait_hook calls so far */
static void (*wait_step)(void);         /* what a wait does */

void rcu_read_lock_hook(void) { read_nesting[cur_cpu]++; }
void rcu_read_unlock_hook(void)
{
        assert_true(read_nesting[cur_cpu] > 0);
        read_nesting[cur_cpu]--;
}
unsigned int rcu_this_cpu_hook(void) { return cur_cpu; }
unsigned long rcu_irq_save_hook(void) { return 0; }
void rcu_irq_restore_hook(unsigned long flags) { (void)flags; }
void rcu_wait_hook(void)
{
        assert_non_null(wait_step);
        assert_true(++wait_calls < 1000);
        wait_step();
}
static void start_cpus(unsigned int n)
{
        nr_cpus = n;
        cur_cpu = 0;
        memset(read_nesting, 0, sizeof(read_nesting));
        wait_calls = 0;
        wait_step = NULL;
        rcu_init(n);
}
static void cswitch(unsigned int cpu)
{
        assert_int_equal(read_nesting[cpu], 0);
        rcu_note_context_switch(cpu);
}

static void cswitch_all(void)
{
        for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
                cswitch(cpu);
}

static unsigned long run_batches(void)
{
        unsigned long n = 0;

        for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
                n += rcu_do_batch(cpu);
        return n;
}
struct obj {
        struct rcu_head rcu;
        int id;
        bool freed;
};
static int freed_order[64];
static int nr_freed;

static void free_obj(struct rcu_head *head)
{
        struct obj *o = container_of(head, struct obj, rcu);

        assert_false(o->freed);
        o->freed = true;
        assert_true(nr_freed < 64);
        freed_order[nr_freed++] = o->id;
}
static int setup(void **state)
{
        (void)state;
        rcu_gp_end_early = false;
        nr_freed = 0;
        start_cpus(4);
        host_log_clear();
        host_warnings = 0;
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        rcu_gp_end_early = false;
        return 0;
}
static void test_gp_seq_numbering(void **state)
{
        unsigned long s;

        (void)state;
        assert_int_equal(rcu_gp_seq(), 0);
        assert_int_equal(get_state_synchronize_rcu(), 2);
        assert_false(rcu_gp_in_progress());
        s = start_poll_synchronize_rcu();
        assert_int_equal(s, 2);
        assert_int_equal(rcu_gp_seq(), 1);
        assert_true(rcu_gp_in_progress());
        assert_int_equal(get_state_synchronize_rcu(), 4);
        assert_int_equal(start_poll_synchronize_rcu(), 4);
        assert_false(poll_state_synchronize_rcu(s));
        cswitch_all();
        assert_true(poll_state_synchronize_rcu(s));
        assert_int_equal(rcu_gp_seq(), 3);      /* the second one started at once */
        cswitch_all();
        assert_int_equal(rcu_gp_seq(), 4);
        assert_false(rcu_gp_in_progress());
}
static void test_callback_waits_for_every_cpu(void **state)
{
        static const unsigned int order[] = { 3, 0, 2 };
        struct obj a = { .id = 1 };

        (void)state;
        call_rcu_cpu(1, &a.rcu, free_obj);
        for (unsigned int cpu = 0; cpu < 4; cpu++)
                assert_true(rcu_gp_waiting_on(cpu));
        for (unsigned int i = 0; i < 3; i++) {
                cswitch(order[i]);
                assert_false(rcu_gp_waiting_on(order[i]));
                assert_int_equal(run_batches(), 0);
                assert_true(rcu_gp_in_progress());
        }
        cswitch(1);
        assert_false(rcu_gp_in_progress());
        assert_int_equal(rcu_do_batch(0) + rcu_do_batch(2) + rcu_do_batch(3), 0);
        assert_false(a.freed);
        assert_int_equal(rcu_do_batch(1), 1);
        assert_true(a.freed);
}
static void test_eqs_at_start_not_waited_for(void **state)
{
        struct obj a = { .id = 1 };

        (void)state;
        rcu_idle_enter(2);
        rcu_user_enter(3);
        call_rcu_cpu(0, &a.rcu, free_obj);
        assert_true(rcu_gp_waiting_on(0) && rcu_gp_waiting_on(1));
        assert_false(rcu_gp_waiting_on(2) || rcu_gp_waiting_on(3));
        cswitch(0);
        cswitch(1);
        assert_false(rcu_gp_in_progress());
        assert_int_equal(rcu_do_batch(0), 1);
}
static void test_eqs_entered_during_gp_counts(void **state)
{
        struct obj a = { .id = 1 };

        (void)state;
        call_rcu_cpu(0, &a.rcu, free_obj);
        cswitch(0);
        cswitch(1);
        rcu_idle_enter(2);
        assert_true(rcu_gp_waiting_on(2));      /* nobody has looked yet */
        rcu_sched_clock_irq(0, false);
        assert_false(rcu_gp_waiting_on(2));
        rcu_user_enter(3);
        rcu_user_exit(3);                       /* back, but it was away */
        assert_true(rcu_gp_in_progress());
        rcu_sched_clock_irq(1, false);
        assert_false(rcu_gp_in_progress());
        assert_int_equal(rcu_do_batch(0), 1);
}
static void test_rcu_is_watching(void **state)
{
        (void)state;
        assert_true(rcu_is_watching());
        rcu_idle_enter(0);
        assert_false(rcu_is_watching());
        rcu_irq_enter(0);
        assert_true(rcu_is_watching());
        rcu_irq_enter(0);
        rcu_irq_exit(0);
        assert_true(rcu_is_watching());
        rcu_irq_exit(0);
        assert_false(rcu_is_watching());
        rcu_idle_exit(0);
        assert_true(rcu_is_watching_cpu(0));
        rcu_user_enter(0);
        assert_false(rcu_is_watching_cpu(0));
        rcu_irq_enter(0);
        assert_true(rcu_is_watching_cpu(0));
        rcu_irq_exit(0);
        rcu_user_exit(0);
        assert_true(rcu_is_watching());
        assert_true(rcu_is_watching_cpu(3));
}
static void test_reader_while_not_watching_warns(void **state)
{
        (void)state;
        rcu_idle_enter(0);
        rcu_read_lock();
        assert_int_equal(host_warnings, 1);
        assert_non_null(strstr(host_log, "rcu_is_watching"));
        rcu_read_unlock();
        rcu_idle_exit(0);
        rcu_read_lock();
        rcu_read_unlock();
        assert_int_equal(host_warnings, 1);
}
static struct obj *published;

static void replace_published(struct obj *new)
{
        struct obj *old = published;    /* the only updater: no lock needed */

        rcu_assign_pointer(published, new);
        call_rcu(&old->rcu, free_obj);
}
static void test_reader_holds_grace_period(void **state)
{
        struct obj a = { .id = 1 }, b = { .id = 2 }, *seen;

        (void)state;
        start_cpus(2);
        RCU_INIT_POINTER(published, &a);
        cur_cpu = 1;
        rcu_read_lock();
        seen = rcu_dereference(published);
        cur_cpu = 0;
        replace_published(&b);
        for (int i = 0; i < 10; i++) {
                cswitch(0);
                assert_false(rcu_sched_clock_irq(1, false));
                assert_int_equal(run_batches(), 0);
        }
        assert_true(rcu_gp_waiting_on(1) && !rcu_gp_waiting_on(0));
        assert_int_equal(seen->id, 1);
        assert_false(seen->freed);
        cur_cpu = 1;
        rcu_read_unlock();
        cswitch(1);
        assert_int_equal(run_batches(), 1);
        assert_true(a.freed && !b.freed);
        assert_ptr_equal(rcu_dereference(published), &b);
}
static void test_tick_counts_user_and_idle_only(void **state)
{
        (void)state;
        start_cpus(2);
        rcu_idle_enter(1);
        rcu_irq_enter(1);
        rcu_irq_enter(1);
        start_poll_synchronize_rcu();
        assert_true(rcu_gp_waiting_on(0) && rcu_gp_waiting_on(1));
        rcu_sched_clock_irq(0, false);
        assert_true(rcu_gp_waiting_on(0));
        rcu_sched_clock_irq(0, true);
        assert_false(rcu_gp_waiting_on(0));
        rcu_sched_clock_irq(1, false);          /* nested: not from idle */
        assert_true(rcu_gp_waiting_on(1));
        rcu_irq_exit(1);
        rcu_sched_clock_irq(1, false);          /* straight from idle */
        assert_false(rcu_gp_in_progress());
        rcu_irq_exit(1);
        rcu_idle_exit(1);
}
static void requeue_once(struct rcu_head *head)
{
        call_rcu_cpu(0, head, free_obj);
}
static void test_callbacks_during_gp_wait_for_next(void **state)
{
        struct obj o[4] = { { .id = 0 }, { .id = 1 }, { .id = 2 }, { .id = 3 } };
        struct obj again = { .id = 9 };

        (void)state;
        start_cpus(2);
        call_rcu_cpu(0, &o[0].rcu, free_obj);   /* at gp_seq 0: waits for 2 */
        call_rcu_cpu(0, &o[1].rcu, free_obj);   /* at gp_seq 1: waits for 4 */
        call_rcu_cpu(0, &again.rcu, requeue_once);
        call_rcu_cpu(0, &o[2].rcu, free_obj);
        cswitch_all();
        assert_int_equal(rcu_gp_seq(), 3);
        assert_true(rcu_sched_clock_irq(0, false));
        assert_int_equal(rcu_do_batch(0), 1);
        assert_true(o[0].freed && !o[1].freed);
        call_rcu_cpu(0, &o[3].rcu, free_obj);   /* at gp_seq 3: waits for 6 */
        cswitch_all();
        assert_int_equal(rcu_do_batch(0), 3);   /* o[1], again (queued at 5: waits for 8), o[2] */
        cswitch_all();
        assert_int_equal(rcu_do_batch(0), 1);   /* o[3] */
        assert_false(again.freed);
        cswitch_all();
        assert_int_equal(rcu_do_batch(0), 1);
        assert_false(rcu_sched_clock_irq(0, false));
        assert_int_equal(nr_freed, 5);
        assert_memory_equal(freed_order, ((int[]){ 0, 1, 2, 3, 9 }), 5 * sizeof(int));
}
static void switch_next_cpu(void)
{
        static const unsigned int order[] = { 3, 2, 1, 0 };
        unsigned int i = 0;

        while (i < 3 && !rcu_gp_waiting_on(order[i]))
                i++;
        cswitch(order[i]);
}

static void test_synchronize_rcu_waits_for_each_cpu(void **state)
{
        (void)state;
        wait_step = switch_next_cpu;
        synchronize_rcu();
        assert_int_equal(wait_calls, 4);
        assert_int_equal(rcu_gp_seq(), 2);
        rcu_idle_enter(2);
        wait_calls = 0;
        synchronize_rcu();
        assert_int_equal(wait_calls, 3);
        rcu_idle_exit(2);
}
static void test_rcu_barrier_snapshot(void **state)
{
        struct obj a = { .id = 1 }, b = { .id = 2 }, c = { .id = 3 };
        struct rcu_barrier_snap snap;

        (void)state;
        call_rcu_cpu(0, &a.rcu, free_obj);
        call_rcu_cpu(1, &b.rcu, free_obj);
        rcu_barrier_snapshot(&snap);
        call_rcu_cpu(2, &c.rcu, free_obj);
        assert_false(rcu_barrier_poll(&snap));
        cswitch_all();
        assert_int_equal(rcu_do_batch(0), 1);
        assert_false(rcu_barrier_poll(&snap));  /* b, queued during GP 1, waits for GP 3 */
        assert_int_equal(rcu_do_batch(1), 0);
        cswitch_all();
        assert_int_equal(rcu_do_batch(1), 1);
        assert_true(rcu_barrier_poll(&snap));
        assert_false(c.freed);                  /* its CPU has not run its batch */
}
static void switch_and_run_all(void)
{
        cswitch_all();
        run_batches();
}

static void test_rcu_barrier(void **state)
{
        struct obj a = { .id = 1 }, b = { .id = 2 }, c = { .id = 3 };

        (void)state;
        call_rcu_cpu(3, &a.rcu, free_obj);
        call_rcu_cpu(1, &b.rcu, free_obj);
        cswitch(0);
        call_rcu_cpu(0, &c.rcu, free_obj);
        wait_step = switch_and_run_all;
        rcu_barrier();
        assert_true(a.freed && b.freed && c.freed);
        assert_true(wait_calls >= 2);
}
static void test_cpu_online_during_gp(void **state)
{
        struct obj a = { .id = 1 }, b = { .id = 2 };

        (void)state;
        start_cpus(2);
        call_rcu_cpu(0, &a.rcu, free_obj);
        rcu_cpu_online(2);
        assert_false(rcu_gp_waiting_on(2));
        cswitch(0);
        cswitch(1);
        assert_int_equal(rcu_do_batch(0), 1);
        call_rcu_cpu(2, &b.rcu, free_obj);
        assert_true(rcu_gp_waiting_on(2));
        cswitch(0);
        cswitch(1);
        assert_true(rcu_gp_in_progress());
        cswitch(2);
        assert_int_equal(rcu_do_batch(2), 1);
        EXPECT_PANIC(call_rcu_cpu(3, &b.rcu, free_obj));
        assert_non_null(strstr(host_panic_msg, "CPU 3 is not online"));
        EXPECT_PANIC(rcu_cpu_online(1));
}
static void test_eqs_misuse_is_fatal(void **state)
{
        (void)state;
        EXPECT_PANIC(rcu_idle_exit(0));
        assert_string_equal(host_panic_msg, "RCU: rcu_idle_exit on CPU 0, which is in the kernel");
        EXPECT_PANIC(rcu_irq_exit(0));
        rcu_idle_enter(0);
        EXPECT_PANIC(rcu_user_enter(0));
        EXPECT_PANIC(rcu_user_exit(0));
        assert_string_equal(host_panic_msg, "RCU: rcu_user_exit on CPU 0, which is idle");
        rcu_irq_enter(0);
        EXPECT_PANIC(rcu_idle_exit(0));
        assert_non_null(strstr(host_panic_msg, "idle inside an interrupt"));
        rcu_irq_exit(0);
        rcu_note_context_switch(0);
        assert_int_equal(host_warnings, 1);
        rcu_idle_exit(0);
        EXPECT_PANIC(rcu_note_context_switch(NR_CPUS));
}
static void test_early_gp_end_is_caught(void **state)
{
        struct obj a = { .id = 1 };

        (void)state;
        rcu_gp_end_early = true;
        start_cpus(3);
        assert_non_null(strstr(host_log, "BROKEN ON PURPOSE"));
        call_rcu_cpu(0, &a.rcu, free_obj);
        cswitch(0);
        cswitch(1);
        assert_false(rcu_gp_in_progress());     /* ended without CPU 2 */
        EXPECT_PANIC(rcu_do_batch(0));
        assert_non_null(strstr(host_panic_msg, "but CPU 2 was last quiescent"));
        assert_false(a.freed);
}
enum sim_mode { SIM_KERNEL, SIM_IDLE, SIM_USER };
static struct sim_cpu {
        enum sim_mode mode;
        unsigned long reader_since;     /* step the reader began; 0: none */
} sim[NR_CPUS];
#define NR_MOBJ 32
static struct mobj {
        struct rcu_head rcu;
        unsigned long queued_at;        /* step of call_rcu; 0: not queued */
} mobj[NR_MOBJ];
static unsigned long sim_now, sim_rng, sim_invoked;

static unsigned long sim_rand(unsigned long n)
{
        sim_rng ^= sim_rng << 13;
        sim_rng ^= sim_rng >> 7;
        sim_rng ^= sim_rng << 17;
        return sim_rng % n;
}
static void check_and_free_mobj(struct rcu_head *head)
{
        struct mobj *m = container_of(head, struct mobj, rcu);

        for (unsigned int c = 0; c < nr_cpus; c++)
                if (sim[c].reader_since && sim[c].reader_since < m->queued_at)
                        fail_msg("callback queued at step %lu ran while CPU %u's "
                                 "reader from step %lu was running",
                                 m->queued_at, c, sim[c].reader_since);
        m->queued_at = 0;
        sim_invoked++;
}
static void sim_toggle_eqs(struct sim_cpu *s, unsigned int c, enum sim_mode m)
{
        if (s->mode == SIM_KERNEL && !s->reader_since) {
                m == SIM_IDLE ? rcu_idle_enter(c) : rcu_user_enter(c);
                s->mode = m;
        } else if (s->mode == m) {
                m == SIM_IDLE ? rcu_idle_exit(c) : rcu_user_exit(c);
                s->mode = SIM_KERNEL;
        }
}

static void sim_toggle_reader(struct sim_cpu *s)
{
        if (s->reader_since) {
                rcu_read_unlock();
                s->reader_since = 0;
        } else {
                rcu_read_lock();
                s->reader_since = sim_now;
        }
}
static void sim_step(void)
{
        unsigned int c = sim_rand(nr_cpus);
        struct sim_cpu *s = &sim[c];
        struct mobj *m = &mobj[sim_rand(NR_MOBJ)];
        bool kernel = s->mode == SIM_KERNEL;

        sim_now++;
        cur_cpu = c;
        switch (sim_rand(8)) {
        case 0: if (kernel) sim_toggle_reader(s); break;
        case 1: if (kernel && !s->reader_since) cswitch(c); break;
        case 2:
                rcu_irq_enter(c);
                rcu_sched_clock_irq(c, s->mode == SIM_USER);
                rcu_irq_exit(c);
                break;
        case 3: sim_toggle_eqs(s, c, SIM_IDLE); break;
        case 4: sim_toggle_eqs(s, c, SIM_USER); break;
        case 5: case 6:
                if (kernel && !m->queued_at) {
                        m->queued_at = sim_now;
                        call_rcu(&m->rcu, check_and_free_mobj);
                }
                break;
        case 7: if (kernel) rcu_do_batch(c); break;
        }
}
static void run_model(unsigned long seed, unsigned long steps)
{
        struct rcu_barrier_snap snap;
        unsigned long snap_at = 0;

        memset(sim, 0, sizeof(sim));
        memset(mobj, 0, sizeof(mobj));
        sim_now = sim_invoked = 0;
        sim_rng = seed;
        for (unsigned long i = 0; i < steps; i++) {
                sim_step();
                if (i % 97 == 0) {
                        rcu_barrier_snapshot(&snap);
                        snap_at = sim_now;
                } else if (snap_at && rcu_barrier_poll(&snap)) {
                        for (int j = 0; j < NR_MOBJ; j++)
                                assert_false(mobj[j].queued_at && mobj[j].queued_at <= snap_at);
                        snap_at = 0;
                }
        }
        for (unsigned int c = 0; c < nr_cpus; c++) {
                cur_cpu = c;
                if (sim[c].reader_since)
                        sim_toggle_reader(&sim[c]);
                if (sim[c].mode != SIM_KERNEL)
                        sim_toggle_eqs(&sim[c], c, sim[c].mode);
        }
        for (int round = 0; round < 3; round++)
                switch_and_run_all();
        for (int j = 0; j < NR_MOBJ; j++)
                assert_int_equal(mobj[j].queued_at, 0);
        assert_false(rcu_gp_in_progress());
        assert_int_equal(host_warnings, 0);
}
static void test_random_workload_against_model(void **state)
{
        static const unsigned long seeds[] = { 1, 0x9e3779b97f4a7c15UL, 12345 };

        (void)state;
        for (unsigned int i = 0; i < 3; i++) {
                start_cpus(4);
                run_model(seeds[i], 20000);
                assert_true(sim_invoked > 1000);
        }
}

static void test_random_workload_with_early_gp_end_is_caught(void **state)
{
        (void)state;
        rcu_gp_end_early = true;
        start_cpus(4);
        EXPECT_PANIC(run_model(1, 20000));
        assert_non_null(strstr(host_panic_msg, "was last quiescent"));
}
#define RCU_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
                RCU_TEST(test_gp_seq_numbering),
                RCU_TEST(test_callback_waits_for_every_cpu),
                RCU_TEST(test_eqs_at_start_not_waited_for),
                RCU_TEST(test_eqs_entered_during_gp_counts),
                RCU_TEST(test_rcu_is_watching),
                RCU_TEST(test_reader_while_not_watching_warns),
                RCU_TEST(test_reader_holds_grace_period),
                RCU_TEST(test_tick_counts_user_and_idle_only),
                RCU_TEST(test_callbacks_during_gp_wait_for_next),
                RCU_TEST(test_synchronize_rcu_waits_for_each_cpu),
                RCU_TEST(test_rcu_barrier_snapshot),
                RCU_TEST(test_rcu_barrier),
                RCU_TEST(test_cpu_online_during_gp),
                RCU_TEST(test_eqs_misuse_is_fatal),
                RCU_TEST(test_early_gp_end_is_caught),
                RCU_TEST(test_random_workload_against_model),
                RCU_TEST(test_random_workload_with_early_gp_end_is_caught),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
