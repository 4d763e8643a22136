/* Tangled from book/listings-locking.nw (chapter "Listings of ``Locks and lockdep''"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <linux/race.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/smp.h>

static struct mutex lock_a, lock_b;

static int take_ab(void *arg)
{
        (void)arg;
        mutex_lock(&lock_a);
        mutex_lock(&lock_b);
        mutex_unlock(&lock_b);
        mutex_unlock(&lock_a);
        return 0;
}

static int take_ba(void *arg)
{
        (void)arg;
        mutex_lock(&lock_b);
        mutex_lock(&lock_a);
        mutex_unlock(&lock_a);
        mutex_unlock(&lock_b);
        return 0;
}

DEFINE_KTEST(lockdep_abba, "A then B on one thread, B then A on another: reported, no deadlock")
{
        mutex_init(&lock_a);
        mutex_init(&lock_b);
        kthread_join(kthread_create(take_ab, NULL, "ab", 1 % num_online_cpus()));
        kthread_join(kthread_create(take_ba, NULL, "ba", 2 % num_online_cpus()));
        pr_info("lockdep_abba: both threads finished; debug_locks is now %d\n", debug_locks);
        return debug_locks == 0 ? 0 : -1;
}
static spinlock_t chain_a, chain_b;
static unsigned long chain_hits_ab;

static int chain_take_ab(void *arg)
{
        unsigned long before = current->lockdep.chain_hits;

        (void)arg;
        spin_lock(&chain_a); spin_unlock(&chain_a);
        spin_lock(&chain_b); spin_unlock(&chain_b);
        for (int i = 0; i < 100; i++) {
                spin_lock(&chain_a);
                spin_lock(&chain_b);
                spin_unlock(&chain_b);
                spin_unlock(&chain_a);
        }
        chain_hits_ab = current->lockdep.chain_hits - before;
        return 0;
}

static int chain_take_ba(void *arg)
{
        (void)arg;
        spin_lock(&chain_b);
        spin_lock(&chain_a);
        spin_unlock(&chain_a);
        spin_unlock(&chain_b);
        return 0;
}

DEFINE_KTEST(lockdep_chain, "A then B 100 times, cached; then B then A: still reported")
{
        struct lockdep_chain_stats st;

        spin_lock_init(&chain_a);
        spin_lock_init(&chain_b);
        kthread_join(kthread_create(chain_take_ab, NULL, "ab", 1 % num_online_cpus()));
        pr_info("lockdep_chain: ab: %lu of 202 acquisitions hit the chain cache "
                "(at least 199: %s)\n", chain_hits_ab, chain_hits_ab >= 199 ? "yes" : "no");
        kthread_join(kthread_create(chain_take_ba, NULL, "ba", 0));
        lockdep_read_chain_stats(&st);
        pr_info("lockdep_chain: %u chains cached, %lu acquisitions validated, "
                "%lu with the cache full; debug_locks is now %d\n",
                st.chains, st.misses, st.uncached, debug_locks);
        return debug_locks == 0 && chain_hits_ab >= 199 ? 0 : -1;
}
static struct rw_semaphore test_sem;
static volatile unsigned long pair[2];
static volatile unsigned long violations, reads, writes;

static int rw_worker(void *arg)
{
        bool writer = (long)arg & 1;
        for (int i = 0; i < 200; i++) {
                if (writer) {
                        down_write(&test_sem);
                        pair[0]++;
                        for (volatile int d = 0; d < 200; d++)
                                ;
                        pair[1]++;
                        __atomic_add_fetch(&writes, 1, __ATOMIC_RELAXED);
                        up_write(&test_sem);
                } else {
                        down_read(&test_sem);
                        if (pair[0] != pair[1])
                                __atomic_add_fetch(&violations, 1, __ATOMIC_RELAXED);
                        __atomic_add_fetch(&reads, 1, __ATOMIC_RELAXED);
                        up_read(&test_sem);
                }
        }
        return 0;
}

DEFINE_KTEST(rwsem, "readers and writers on every CPU never see a half-done write")
{
        struct task_struct *t[8];
        init_rwsem(&test_sem);
        for (long i = 0; i < 8; i++)
                t[i] = kthread_create(rw_worker, (void *)i, i & 1 ? "writer" : "reader",
                                      (unsigned int)i % num_online_cpus());
        for (int i = 0; i < 8; i++)
                kthread_join(t[i]);
        pr_info("rwsem: %lu reads, %lu writes, %lu violations; pair = %lu/%lu\n",
                reads, writes, violations, pair[0], pair[1]);
        return violations == 0 && writes == 800 && pair[0] == 800 && pair[1] == 800 ? 0 : -1;
}
static struct mutex count_lock;
static unsigned long counted;

static int counter(void *arg)
{
        (void)arg;
        for (int i = 0; i < 1000; i++) {
                mutex_lock(&count_lock);
                unsigned long v = counted;
                if (i % 100 == 0)
                        schedule();             /* give others a chance to get in */
                counted = v + 1;
                mutex_unlock(&count_lock);
        }
        return 0;
}

DEFINE_KTEST(mutex, "four threads increment a counter under a mutex; nothing is lost")
{
        struct task_struct *t[4];
        mutex_init(&count_lock);
        for (int i = 0; i < 4; i++)
                t[i] = kthread_create(counter, NULL, "counter",
                                      (unsigned int)i % num_online_cpus());
        for (int i = 0; i < 4; i++)
                kthread_join(t[i]);
        pr_info("mutex: counter is %lu (expected 4000)\n", counted);
        return counted == 4000 ? 0 : -1;
}
static int race_word;
static unsigned int race_late;          /* 1: the loader sleeps first, 2: the storer */

static int race_storer(void *arg)
{
        (void)arg;
        if (race_late == 2)
                msleep(100);
        race_point("race-test:store");
        __atomic_store_n(&race_word, 1, __ATOMIC_RELAXED);
        race_point("race-test:stored");
        return 0;
}

static int race_loader(void *arg)
{
        (void)arg;
        if (race_late == 1)
                msleep(100);
        race_point("race-test:load");
        int v = __atomic_load_n(&race_word, __ATOMIC_RELAXED);
        pr_info("race-test: the loader saw %d\n", v);
        race_point("race-test:loaded");
        return 0;
}

static int race_run(unsigned int late)
{
        race_word = 0;
        race_late = late;
        struct task_struct *s = kthread_create(race_storer, NULL, "storer",
                                               1 % num_online_cpus());
        struct task_struct *l = kthread_create(race_loader, NULL, "loader", 0);
        kthread_join(s);
        kthread_join(l);
        pr_info("race-test: both threads finished\n");
        return 0;
}

DEFINE_KTEST(race_late_load, "the loader sleeps first; race points may force it ahead")
{
        return race_run(1);
}

DEFINE_KTEST(race_late_store, "the storer sleeps first; race points may force it ahead")
{
        return race_run(2);
}
static struct rw_semaphore outer_sem;
static struct mutex inner_a, inner_b;

DEFINE_KTEST(lockdep_graph, "take nested locks, then print the dependency graph as graphviz")
{
        init_rwsem(&outer_sem);
        mutex_init(&inner_a);
        mutex_init(&inner_b);
        down_read(&outer_sem);
        mutex_lock(&inner_a);
        mutex_lock(&inner_b);
        mutex_unlock(&inner_b);
        mutex_unlock(&inner_a);
        up_read(&outer_sem);
        down_write(&outer_sem);
        mutex_lock(&inner_b);
        mutex_unlock(&inner_b);
        up_write(&outer_sem);
        lockdep_depgraph_dot();
        return debug_locks ? 0 : -1;
}
